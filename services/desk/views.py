"""The registry desk: requests registered on someone's behalf, the receipt printed on the spot, and the general
register of incoming and outgoing documents with its CSV export."""

import csv
from functools import wraps

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from portal.models import InstitutionSettings
from portal.uploads import refusal_errors, with_upload_limits

from .. import permissions, receipts, registration
from ..citizen.forms import show_errors
from ..models import Case
from . import selectors
from . import workflow as desk_workflow
from .forms import DeskRegistrationForm, DistributeForm, PostForm, RegisterFilterForm

REGISTER_PAGE_SIZE = 50
# A PDF is rendered in memory at once; a county's year (100,000+ entries) is archived as CSV or in filtered parts.
REGISTER_PDF_MAX_ENTRIES = 5000


def _guarded(check):
    def decorator(view):
        @wraps(view)
        @login_required
        def wrapped(request, *args, **kwargs):
            if not check(request.user):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


desk_only = _guarded(permissions.may_register_at_desk)
register_readers = _guarded(permissions.may_view_register)


@never_cache
@desk_only
@with_upload_limits({"documents": settings.UPLOAD_MAX_BYTES})
def register_request(request):
    """Register a request brought to the desk, sent by post or e-mail, or phoned in, for any service."""
    form = DeskRegistrationForm(request.POST or None, request.FILES or None)
    refused = refusal_errors(request) if request.method == "POST" else {}
    for name, errors in refused.items():
        form.add_error(name if name in form.fields else None, errors)
    if request.method == "POST" and not refused and form.is_valid():
        data = form.cleaned_data
        account = data["account"]
        try:
            case = registration.register_case(
                service=data["service"],
                subject=data["subject"],
                details=data["details"],
                applicant=account,
                applicant_name=data["name"].strip() or (account.display_name if account else ""),
                applicant_email=data["email"] or (account.email if account else ""),
                applicant_phone=data["phone"],
                applicant_address=data["address"],
                applicant_cnp=data["cnp"],
                language=data["language"] if not account else account.preferred_language,
                by=request.user,
                uploads=form.uploads(),
                channel=data["channel"],
            )
        except ValidationError as error:
            if hasattr(error, "error_dict"):
                error = ValidationError({key.split("#")[0]: value for key, value in error.error_dict.items()})
            show_errors(form, error)
        else:
            messages.success(request, _("Registered under number %(number)s.") % {"number": case})
            return redirect("desk:receipt", case.registration_number)
    return render(request, "services/desk/register_request.html", {"form": form})


def _registered_case(registration_number):
    case = Case.objects.select_related("service", "department").filter(registration_number=registration_number)
    found = case.first()
    if found is None:
        raise Http404
    return found


@never_cache
@desk_only
def receipt(request, registration_number):
    case = _registered_case(registration_number)
    return render(request, "services/desk/receipt.html", {"case": case})


@never_cache
@desk_only
def receipt_pdf(request, registration_number):
    """The receipt to hand over or post: A4, or the 80 mm receipt printer's strip (`?format=narrow`)."""
    case = _registered_case(registration_number)
    narrow = request.GET.get("format") == "narrow"
    response = HttpResponse(receipts.render_pdf(case, narrow=narrow), content_type="application/pdf")
    response["Content-Disposition"] = content_disposition_header(False, receipts.file_name(case))
    response["Cache-Control"] = "private, no-store"
    return response


def _filtered(request):
    form = RegisterFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    year = filters.get("year") or timezone.localdate().year
    return form, year, selectors.register_entries(year=year, **{k: v for k, v in filters.items() if k != "year"})


@never_cache
@register_readers
def register(request):
    form, year, entries = _filtered(request)
    page = Paginator(entries, REGISTER_PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "services/desk/register.html",
        {
            "form": form,
            "year": year,
            "entries": page.object_list,
            "page": page,
            "page_range": page.paginator.get_elided_page_range(page.number),
            "query": query.urlencode(),
        },
    )


@never_cache
@register_readers
def register_csv(request):
    """The filtered register, `;`-separated UTF-8 with a BOM for ro/hu Excel, streamed row by row."""
    _form, year, entries = _filtered(request)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = content_disposition_header(True, f"registru-{year}.csv")
    response.write("\ufeff")
    writer = csv.writer(response, delimiter=";")
    writer.writerow(
        [
            _("Registration number"),
            _("Date"),
            _("Direction"),
            _("Channel"),
            _("Sender or addressee"),
            _("Summary"),
            _("Department"),
            _("Answers incoming number"),
            _("Sent on"),
        ]
    )
    for entry in entries.iterator(chunk_size=2000):
        writer.writerow(
            [
                entry.number,
                timezone.localtime(entry.at).strftime("%Y-%m-%d %H:%M"),
                entry.get_direction_display(),
                entry.get_channel_display(),
                entry.correspondent,
                entry.summary,
                entry.department.tr.name,
                entry.answers.number if entry.answers else "",
                entry.sent_on.isoformat() if entry.sent_on else "",
            ]
        )
    return response


@never_cache
@register_readers
def register_pdf(request):
    """The year's register (or the filtered part of it) as a PDF for the archive."""
    from weasyprint import HTML

    _form, year, entries = _filtered(request)
    if entries.count() > REGISTER_PDF_MAX_ENTRIES:
        messages.error(
            request,
            _(
                "The PDF holds at most %(max)s entries: filter the register (by department, channel or direction) "
                "or download it as CSV."
            )
            % {"max": REGISTER_PDF_MAX_ENTRIES},
        )
        return redirect(f"{reverse('desk:register')}?{request.GET.urlencode()}")
    with translation.override("ro"):
        html = render_to_string(
            "services/desk/register_pdf.html",
            {"entries": entries, "year": year, "institution": InstitutionSettings.load(), "now": timezone.now()},
        )
    response = HttpResponse(HTML(string=html).write_pdf(), content_type="application/pdf")
    response["Content-Disposition"] = content_disposition_header(True, f"registru-{year}.pdf")
    return response


@never_cache
@desk_only
def to_distribute(request):
    """Cases a department sent back as not theirs, waiting for the registry to distribute them again."""
    return render(request, "services/desk/to_distribute.html", {"cases": desk_workflow.to_distribute()})


@never_cache
@desk_only
def distribute(request, registration_number):
    case = _registered_case(registration_number)
    returned = case.events.filter(action="returned_to_registry").order_by("-at").first()
    form = DistributeForm(
        request.POST or None,
        initial={"department": case.department, "copies": [c.department for c in case.copies.all()]},
    )
    if request.method == "POST" and form.is_valid():
        try:
            desk_workflow.distribute(
                case,
                by=request.user,
                department=form.cleaned_data["department"],
                copies=list(form.cleaned_data["copies"]),
                note=form.cleaned_data["note"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _("Case %(number)s is distributed to %(department)s.")
                % {"number": case, "department": form.cleaned_data["department"]},
            )
            return redirect("desk:to_distribute")
    return render(request, "services/desk/distribute.html", {"case": case, "form": form, "returned": returned})


@never_cache
@desk_only
def post(request):
    """Letters to send by post: the addresses, a sheet of labels to print, and marking them sent."""
    pending = desk_workflow.awaiting_post()
    form = PostForm(request.POST or None, queryset=pending)
    if request.method == "POST" and form.is_valid():
        chosen = list(form.cleaned_data["entries"])
        if "labels" in request.POST:
            return _labels(chosen)
        marked = desk_workflow.mark_posted(chosen, by=request.user)
        messages.success(request, _("%(count)s letters marked as sent today.") % {"count": len(marked)})
        return redirect("desk:post")
    return render(request, "services/desk/post.html", {"form": form, "entries": pending})


def _labels(entries):
    from weasyprint import HTML

    institution = InstitutionSettings.load()
    html = render_to_string("services/desk/labels_pdf.html", {"entries": entries, "institution": institution})
    response = HttpResponse(HTML(string=html).write_pdf(), content_type="application/pdf")
    response["Content-Disposition"] = content_disposition_header(False, "etichete.pdf")
    return response
