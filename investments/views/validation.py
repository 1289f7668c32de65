"""Four eyes: the head of the department validates or rejects the ledger entries and progress reports its clerks
entered. Never their own: such an entry is shown without its buttons, and the workflow refuses it anyway."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from services.permissions import head_department_ids

from .. import selectors, workflow
from ..models import LedgerEntry, ProgressReport
from ..staff_forms import RejectForm, errors_into
from .guards import staff_required, validated_object_or_404

LEDGER = "entry"
PROGRESS = "progress"


def _refusal(error):
    if isinstance(error, ValidationError):
        return " ".join(str(message) for message in error.messages)
    return str(error) or _("You may not take this step.")


def _queue_page(request, *, failed=None, status=200):
    """The queue; `failed` is (kind, pk, form) of a rejection sent without its reason, shown again with the error."""
    entries, reports = selectors.pending_for(request.user)
    entries = list(entries.select_related("investment", "contract", "funding_source", "entered_by"))
    reports = list(reports.select_related("investment", "entered_by"))
    for kind, items in ((LEDGER, entries), (PROGRESS, reports)):
        for item in items:
            item.own = item.entered_by_id == request.user.pk
            mine = failed is not None and failed[0] == kind and failed[1] == item.pk
            item.reject_form = failed[2] if mine else RejectForm(prefix=f"{kind}-{item.pk}")
    return render(
        request,
        "investments/staff/validation_queue.html",
        {"entries": entries, "reports": reports, "failed": failed[2] if failed else None},
        status=status,
    )


@staff_required
def validation_queue(request):
    if not head_department_ids(request.user):
        raise PermissionDenied
    return _queue_page(request)


def _decide(request, model, pk, decide, success):
    obj = validated_object_or_404(request.user, model, pk)
    try:
        decide(obj)
    except (ValidationError, PermissionDenied) as error:
        messages.error(request, _refusal(error))
    else:
        messages.success(request, success)
    return redirect("investments:validation_queue")


def _reject(request, model, kind, pk, reject, success):
    obj = validated_object_or_404(request.user, model, pk)
    form = RejectForm(request.POST, prefix=f"{kind}-{obj.pk}")
    if form.is_valid():
        try:
            reject(obj, reason=form.cleaned_data["reason"])
        except ValidationError as error:
            errors_into(form, error)
        except PermissionDenied as error:
            messages.error(request, _refusal(error))
            return redirect("investments:validation_queue")
        else:
            messages.success(request, success)
            return redirect("investments:validation_queue")
    return _queue_page(request, failed=(kind, obj.pk, form))


@require_POST
@staff_required
def entry_validate(request, entry_pk):
    return _decide(
        request,
        LedgerEntry,
        entry_pk,
        lambda entry: workflow.validate_entry(request.user, entry),
        _("The ledger entry was validated: it now counts in the figures."),
    )


@require_POST
@staff_required
def entry_reject(request, entry_pk):
    return _reject(
        request,
        LedgerEntry,
        LEDGER,
        entry_pk,
        lambda entry, reason: workflow.reject_entry(request.user, entry, reason=reason),
        _("The ledger entry was rejected."),
    )


@require_POST
@staff_required
def progress_validate(request, report_pk):
    return _decide(
        request,
        ProgressReport,
        report_pk,
        lambda report: workflow.validate_progress(request.user, report),
        _("The progress report was validated."),
    )


@require_POST
@staff_required
def progress_reject(request, report_pk):
    return _reject(
        request,
        ProgressReport,
        PROGRESS,
        report_pk,
        lambda report, reason: workflow.reject_progress(request.user, report, reason=reason),
        _("The progress report was rejected."),
    )
