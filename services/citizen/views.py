"""The citizen's pages: my cases, a case and its receipt, withdrawal, completion, documents, the inbox and the status
lookup."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from portal.dbrouters import reading_from_replica
from portal.uploads import refusal_errors, with_upload_limits

from .. import documents, receipts, registration, workflow
from ..explanation import explain_case_deadline
from ..models import Case
from ..registry import ActionContext, kind_for, kinds
from . import ratelimit, selectors
from .forms import CompletionForm, LookupForm, WithdrawForm

MY_CASES_PAGE_SIZE = 20
INBOX_PAGE_SIZE = 20


@never_cache
@login_required
def my_cases(request):
    page = Paginator(selectors.cases_of(request.user), MY_CASES_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "services/citizen/my_cases.html",
        {
            "cases": page.object_list,
            "page": page,
            "page_range": page.paginator.get_elided_page_range(page.number),
            "drafts": kinds.drafts_of(request.user),
        },
    )


@never_cache
@login_required
def inbox(request):
    """Every e-mail the portal sent the citizen, newest first; opening the page reads the messages it shows."""
    page = Paginator(selectors.messages_of(request.user), INBOX_PAGE_SIZE).get_page(request.GET.get("page"))
    shown = list(page.object_list)
    selectors.mark_read(request.user, shown)
    return render(
        request,
        "services/citizen/inbox.html",
        {"inbox": shown, "page": page, "page_range": page.paginator.get_elided_page_range(page.number)},
    )


@never_cache
@login_required
def message(request, pk):
    shown = selectors.message_of(request.user, pk)
    selectors.mark_read(request.user, [shown])
    return render(request, "services/citizen/message.html", {"message": shown})


@never_cache
@login_required
def new_request(request):
    """The services a citizen may apply for online, each leading to its kind's filing flow."""
    return render(request, "services/citizen/new_request.html", {"offers": selectors.online_offers()})


def _can_withdraw(case, user):
    return workflow.permitted(case, "withdraw", workflow.roles_of(user, case))


def _applicant_context(request, case):
    return ActionContext(case=case, user=request.user, is_applicant=True)


def _render_case(request, case, *, failed_action=None, failed_form=None):
    days_left, overdue = selectors.clock_of(case)
    events = list(selectors.public_events(case))
    ctx = _applicant_context(request, case)
    action_forms = [
        (
            action,
            failed_form
            if action is failed_action
            else action.form_class(case=case, user=request.user, roles=ctx.roles, prefix=action.slug),
        )
        for action in kinds.citizen_actions(case.kind)
        if workflow.offered(action, ctx)
    ]
    return render(
        request,
        "services/citizen/case_detail.html",
        {
            "case": case,
            "kind": kind_for(case),
            "events": events,
            "deadline": explain_case_deadline(case, events=events),
            "documents": selectors.applicant_documents(case),
            "days_left": days_left,
            "overdue": overdue,
            "days_overdue": -days_left if overdue else None,
            "can_withdraw": _can_withdraw(case, request.user),
            "action_forms": action_forms,
            "failed_action": failed_action,
            "failed_form": failed_form,
        },
    )


@never_cache
@login_required
def case_detail(request, registration_number):
    return _render_case(request, selectors.case_of(request.user, registration_number))


@require_POST
@login_required
def case_action(request, registration_number, action):
    """One of the kind's citizen actions: its form, its door, then back to the case page (or the errors shown)."""
    case = selectors.case_of(request.user, registration_number)
    chosen = next((a for a in kinds.citizen_actions(case.kind) if a.slug == action), None)
    if chosen is None:
        raise Http404(_("No such action."))
    ctx = _applicant_context(request, case)
    if not workflow.offered(chosen, ctx):
        messages.error(request, _("“%(action)s” is not possible for this case now.") % {"action": chosen.label})
        return redirect("services:case", registration_number=case.registration_number)
    form = chosen.form_class(request.POST, case=case, user=request.user, roles=ctx.roles, prefix=chosen.slug)
    if form.is_valid():
        try:
            workflow.perform(chosen, case, by=request.user, cleaned_data=form.cleaned_data)
        except (ValidationError, PermissionDenied) as error:
            form.add_error(None, error.messages if isinstance(error, ValidationError) else str(error))
        else:
            messages.success(request, chosen.success_message % {"case": case, **form.cleaned_data})
            return redirect("services:case", registration_number=case.registration_number)
    return _render_case(request, case, failed_action=chosen, failed_form=form)


@never_cache
@login_required
def receipt(request, registration_number):
    case = selectors.case_of(request.user, registration_number)
    lookup_url = settings.SITE_URL.rstrip("/") + reverse("services:lookup")
    return render(request, "services/citizen/receipt.html", {"case": case, "lookup_url": lookup_url})


@never_cache
@login_required
def receipt_pdf(request, registration_number):
    """The registration receipt as a PDF, for the applicant only."""
    case = selectors.case_of(request.user, registration_number)
    response = HttpResponse(receipts.render_pdf(case), content_type="application/pdf")
    response["Content-Disposition"] = content_disposition_header(True, receipts.file_name(case))
    response["Cache-Control"] = "private, no-store"
    return response


@never_cache
@login_required
def withdraw(request, registration_number):
    case = selectors.case_of(request.user, registration_number)
    form = WithdrawForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            workflow.withdraw_case(case, by=request.user, reason=form.cleaned_data["reason"])
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("You have withdrawn request %(number)s.") % {"number": case})
            return redirect("services:case", registration_number=case.registration_number)
    return render(
        request,
        "services/citizen/withdraw.html",
        {
            "case": case,
            "form": form,
            "can_withdraw": _can_withdraw(case, request.user),
        },
    )


def _completion_limits(request, registration_number):
    """Each slot's size limit, applied while the files arrive (nothing for a case that is not the user's)."""
    case = Case.objects.of_applicant(request.user).filter(registration_number=registration_number).first()
    if case is None:
        return {}
    return documents.slot_limits(case.service)


@never_cache
@login_required
@with_upload_limits(_completion_limits)
def complete(request, registration_number):
    """Upload the documents the institution asked for; the clock runs again once they are all accepted."""
    case = selectors.case_of(request.user, registration_number)
    if not case.is_suspended:
        messages.info(request, _("The institution has not asked you for documents for this case."))
        return redirect("services:case", registration_number=case.registration_number)
    form = CompletionForm(
        request.POST or None, request.FILES or None, requirements=case.service.required_documents.all()
    )
    refused = refusal_errors(request) if request.method == "POST" else {}
    for name, errors in refused.items():  # stopped while arriving: over the slot's size
        form.add_error(name if name in form.fields else None, errors)
    if request.method == "POST" and not refused and form.is_valid():
        try:
            documents.submit_completion(case, by=request.user, uploads=form.uploads(), note=form.cleaned_data["note"])
        except ValidationError as error:
            if hasattr(error, "error_dict"):
                for key, errors in error.error_dict.items():
                    field = form.field_of(key)
                    form.add_error(field if field in form.fields else None, errors)
            else:
                form.add_error(None, error)
        else:
            messages.success(request, _("Thank you: your documents were received and the case is under review again."))
            return redirect("services:case", registration_number=case.registration_number)
    return render(
        request,
        "services/citizen/complete.html",
        {
            "case": case,
            "form": form,
            "completion_request": selectors.completion_request(case),
        },
    )


@login_required
def document(request, pk):
    """Stream a case document to the applicant or to staff of the case's department; anyone else gets 404."""
    document = selectors.document_for(request.user, pk)
    if settings.AWS_STORAGE_BUCKET_NAME:
        response = redirect(documents.signed_download_url(document))
    else:
        response = FileResponse(
            document.file.open("rb"),
            as_attachment=True,
            filename=document.original_name,
            content_type=document.content_type,
        )
        response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


@never_cache
@reading_from_replica()
def lookup(request):
    """The public status lookup: number and access code, by POST so the code stays out of URLs and logs."""
    context = {"form": LookupForm(), "found": None, "not_found": False}
    if request.method != "POST":
        return render(request, "services/citizen/lookup.html", context)
    if not ratelimit.allow("case-lookup", ratelimit.client_address(request), settings.CASE_LOOKUP_RATE):
        context["limited"] = True
        return render(request, "services/citizen/lookup.html", context, status=429)
    form = LookupForm(request.POST)
    if not form.is_valid():
        context["form"] = form
        return render(request, "services/citizen/lookup.html", context)
    found = selectors.case_by_number_and_code(
        form.cleaned_data["registration_number"], form.cleaned_data["access_code"]
    )
    if found is None:
        context["not_found"] = True
        context["form"] = LookupForm(initial={"registration_number": form.cleaned_data["registration_number"]})
    else:
        context["found"] = found
        context["events"] = list(selectors.public_events(found))
        context["deadline"] = explain_case_deadline(found, events=context["events"])
    return render(request, "services/citizen/lookup.html", context)


@never_cache
@login_required
def claim(request):
    """Add a case registered at the desk (without an account) to one's account with the receipt's access code."""
    form = LookupForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if not ratelimit.allow("case-claim", ratelimit.client_address(request), settings.CASE_LOOKUP_RATE):
            form.add_error(None, _("You have tried too many times. Please wait a few minutes and try again."))
            status = 429
        elif form.is_valid():
            found = selectors.case_by_number_and_code(
                form.cleaned_data["registration_number"], form.cleaned_data["access_code"]
            )
            if found is None:
                form.add_error(None, _("We found no case with this registration number and access code."))
            else:
                try:
                    registration.claim_case(found, by=request.user)
                except ValidationError as error:
                    form.add_error(None, error)
                else:
                    messages.success(request, _("Case %(number)s is now in your account.") % {"number": found})
                    return redirect("services:case", registration_number=found.registration_number)
    return render(request, "services/citizen/claim.html", {"form": form}, status=status)
