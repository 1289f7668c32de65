"""The permit application, step by step: the property and the purpose, the documents, then check and submit.

Every step saves the draft, so a citizen can leave and come back from "My cases" until the draft expires."""

from decimal import Decimal

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from portal.uploads import refusal_errors, with_upload_limits
from services import documents as documents_module
from services import fees
from services.citizen.forms import show_errors
from services.models import Service

from . import drafts
from .forms import DetailsForm, DocumentsForm
from .models import Draft

STEPS = [
    (Draft.Step.DETAILS, "permits:details"),
    (Draft.Step.DOCUMENTS, "permits:documents"),
    (Draft.Step.REVIEW, "permits:review"),
]


def _fee(service):
    if not service.fee_bani:
        return None
    return number_format(Decimal(service.fee_bani) / 100, decimal_pos=2, use_l10n=True)


def _render(request, template, service, *, draft=None, step, **context):
    return render(
        request,
        f"permits/{template}",
        {
            "service": service,
            "draft": draft,
            "step": step,
            "steps": [
                (value, label, url) for (value, label), (_v, url) in zip(Draft.Step.choices, STEPS, strict=True)
            ],
            "step_number": [s for s, _url in STEPS].index(step) + 1,
            "fee": _fee(service),
            "fee_online": fees.online(),
            **context,
        },
    )


@never_cache
@login_required
def apply(request, service):
    """The first step of a new application; posting it opens the draft, with what was typed even when incomplete."""
    service = get_object_or_404(Service, slug=service, kind="permit", active=True, online=True)
    form = DetailsForm(request.POST or None)
    if request.method == "POST":
        try:
            draft = drafts.start(
                service=service, user=request.user, data=request.POST, language=translation.get_language()
            )
        except ValidationError as error:
            form.is_valid()
            form.add_error(None, error)
        else:
            if form.is_valid():
                drafts.save_details(draft, form.cleaned_data, step=Draft.Step.DOCUMENTS)
                return redirect("permits:documents", draft.token)
            messages.info(request, _("Your application is saved. Correct what is marked and continue."))
            return _render(request, "details.html", service, draft=draft, step=Draft.Step.DETAILS, form=form)
    return _render(request, "details.html", service, step=Draft.Step.DETAILS, form=form)


@never_cache
@login_required
def resume(request, token):
    draft = drafts.draft_of(request.user, token)
    return redirect(dict(STEPS)[draft.step], draft.token)


@never_cache
@login_required
def details(request, token):
    draft = drafts.draft_of(request.user, token)
    form = DetailsForm(request.POST or None, initial=draft.data)
    if request.method == "POST":
        valid = form.is_valid()
        drafts.save_details(draft, form.cleaned_data if valid else request.POST)
        if valid:
            return redirect("permits:review" if request.POST.get("next") == "review" else "permits:documents", token)
    return _render(request, "details.html", draft.service, draft=draft, step=Draft.Step.DETAILS, form=form)


def _slot_limits(request, token):
    """Each slot's size limit, applied while the files arrive (nothing for a draft that is not the user's)."""
    draft = Draft.objects.filter(token=token, owner_id=request.user.pk).select_related("service").first()
    if draft is None:
        return {}
    return documents_module.slot_limits(draft.service)


@never_cache
@login_required
@with_upload_limits(_slot_limits)
def documents(request, token):
    """Upload into the slots; each file is checked alone, so a refused one is named and the others are kept."""
    draft = drafts.draft_of(request.user, token)
    requirements = list(draft.service.required_documents.all())
    form = DocumentsForm(request.POST if request.method == "POST" else None, requirements=requirements)
    if request.method == "POST":
        form.is_valid()  # no file is validated by the form; this only lets refused files be added as errors
        for name, errors in refusal_errors(request).items():  # stopped while arriving: over the slot's size
            form.add_error(name if name in form.fields else None, errors)
        for name, requirement in form.requirements.items():
            for upload in request.FILES.getlist(name):
                try:
                    drafts.add_file(draft, requirement=requirement, upload=upload)
                except ValidationError as error:
                    form.add_error(name, error)
        if not form.errors and "continue" in request.POST:
            missing = drafts.missing_documents(draft)
            for requirement in missing:
                form.add_error(f"document_{requirement.pk}", _("Attach “%(name)s”.") % {"name": requirement.tr.name})
            if not missing:
                drafts.save_details(draft, draft.data, step=Draft.Step.REVIEW)
                return redirect("permits:review", token)
        if not form.errors:
            messages.success(request, _("The files are saved with your application."))
            return redirect("permits:documents", token)
    return _render(
        request,
        "documents.html",
        draft.service,
        draft=draft,
        step=Draft.Step.DOCUMENTS,
        form=form,
        slots=[(form.slot(requirement), requirement, files) for requirement, files in drafts.slots(draft)],
    )


@require_POST
@login_required
def remove_file(request, token, file_id):
    draft = drafts.draft_of(request.user, token)
    drafts.remove_file(draft, file_id)
    messages.success(request, _("The file is removed from your application."))
    return redirect("permits:documents", token)


@never_cache
@login_required
def review(request, token):
    """Everything at a glance, with links to change it; submitting registers the case."""
    draft = drafts.draft_of(request.user, token)
    details_form = DetailsForm(draft.data)
    problems = []
    if not details_form.is_valid():
        problems.append((_("Some details of the property or of your application are missing or wrong."), "details"))
    problems += [
        (_("Attach “%(name)s”.") % {"name": requirement.tr.name}, "documents")
        for requirement in drafts.missing_documents(draft)
    ]
    fee_due = not fees.settled(draft.service, request.user, str(draft.token))
    if request.method == "POST" and not problems and not fee_due:
        try:
            case = drafts.submit(draft, by=request.user, details=details_form.cleaned_data)
        except ValidationError as error:
            show_errors(details_form, error)
            problems += [(message, "documents") for message in details_form.non_field_errors()]
        else:
            messages.success(request, _("Your application is registered under number %(number)s.") % {"number": case})
            return redirect("services:receipt", registration_number=case.registration_number)
    return _render(
        request,
        "review.html",
        draft.service,
        draft=draft,
        step=Draft.Step.REVIEW,
        form=details_form,
        problems=problems,
        fee_due=fee_due,
        fee_url=fees.payment_url(
            draft.service, request.user, str(draft.token), reverse("permits:review", args=[draft.token])
        )
        if fee_due
        else None,
        slots=drafts.slots(draft),
    )


@never_cache
@login_required
def delete(request, token):
    draft = drafts.draft_of(request.user, token)
    if request.method == "POST":
        drafts.delete(draft)
        messages.success(request, _("The unfinished application is deleted, with its files."))
        return redirect("services:my_cases")
    return render(request, "permits/delete.html", {"draft": draft, "service": draft.service})
