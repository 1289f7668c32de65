"""The forms that record what happens to an investment: a stage, a funding source, a contract and its addenda, a
ledger entry, a quarter's physical progress. GET shows the form; POST calls the workflow, and a refusal shows the
form again with everything typed and the reason."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from portal.uploads import refusal_errors, with_upload_limits
from services.documents import size_limit

from .. import workflow
from ..models import Stage
from ..staff_forms import (
    AmendmentForm,
    ContractForm,
    FundingSourceForm,
    LedgerEntryForm,
    ProgressReportForm,
    StageForm,
    errors_into,
)
from .guards import enterable_or_404, staff_required

EVIDENCE_LIMITS = {"evidence": size_limit(workflow.EVIDENCE_TYPES)}


def _form_page(request, investment, form, *, title, intro="", contract=None, stage=None, multipart=False):
    return render(
        request,
        "investments/staff/entry_form.html",
        {
            "investment": investment,
            "form": form,
            "title": title,
            "intro": intro,
            "contract": contract,
            "stage": stage,
            "multipart": multipart,
        },
    )


def _record(request, investment, form, call, success):
    """Call the workflow with the form's values; True when it was recorded (the message is set)."""
    if request.method != "POST" or not form.is_valid():
        return False
    try:
        call(**form.workflow_fields())
    except (ValidationError, PermissionDenied) as error:
        errors_into(form, error)
        return False
    messages.success(request, success)
    return True


@never_cache
@staff_required
@with_upload_limits(EVIDENCE_LIMITS)
def stage(request, pk, kind):
    investment = enterable_or_404(request.user, pk)
    if kind not in Stage.Kind.values:
        raise Http404(_("No such stage."))
    current = Stage.objects.filter(investment=investment, kind=kind).first()
    form = StageForm(request.POST or None, request.FILES or None, stage=current)
    if request.method == "POST":
        for errors in refusal_errors(request).values():  # stopped while arriving: larger than the limit
            form.add_error("evidence", errors)
        if _record(
            request,
            investment,
            form,
            lambda **fields: workflow.set_stage(request.user, investment, kind, **fields),
            _("The stage was saved."),
        ):
            return redirect("investments:detail", pk=investment.pk)
        form.ask_to_choose_the_file_again()
    return _form_page(
        request,
        investment,
        form,
        title=_("Stage: %(stage)s") % {"stage": Stage.Kind(kind).label},
        intro=_("A stage is done only with both its actual date and the document that proves it."),
        multipart=True,
        stage=current,
    )


@never_cache
@staff_required
def funding_add(request, pk):
    investment = enterable_or_404(request.user, pk)
    form = FundingSourceForm(request.POST or None)
    if _record(
        request,
        investment,
        form,
        lambda **fields: workflow.add_funding_source(request.user, investment, **fields),
        _("The funding source was added."),
    ):
        return redirect("investments:detail", pk=investment.pk)
    return _form_page(request, investment, form, title=_("New funding source"))


@never_cache
@staff_required
def contract_add(request, pk):
    investment = enterable_or_404(request.user, pk)
    form = ContractForm(request.POST or None)
    if _record(
        request,
        investment,
        form,
        lambda **fields: workflow.add_contract(request.user, investment, **fields),
        _("The contract was added."),
    ):
        return redirect("investments:detail", pk=investment.pk)
    return _form_page(request, investment, form, title=_("New contract"))


@never_cache
@staff_required
def amendment_add(request, pk, contract_pk):
    investment = enterable_or_404(request.user, pk)
    contract = get_object_or_404(investment.contracts, pk=contract_pk)
    form = AmendmentForm(request.POST or None)
    if _record(
        request,
        investment,
        form,
        lambda **fields: workflow.add_amendment(request.user, contract, **fields),
        _("The addendum was added; the contracted total follows it."),
    ):
        return redirect("investments:detail", pk=investment.pk)
    return _form_page(request, investment, form, title=_("New addendum"), contract=contract)


@never_cache
@staff_required
def ledger_add(request, pk):
    investment = enterable_or_404(request.user, pk)
    form = LedgerEntryForm(request.POST or None, investment=investment)
    if _record(
        request,
        investment,
        form,
        lambda **fields: workflow.enter_ledger_entry(request.user, investment, **fields),
        _("The entry was recorded. It counts in the figures once the head of the department validates it."),
    ):
        return redirect("investments:detail", pk=investment.pk)
    return _form_page(
        request,
        investment,
        form,
        title=_("New ledger entry"),
        intro=_("The entry counts in no figure until the head of the department validates it."),
    )


@never_cache
@staff_required
def progress_add(request, pk):
    investment = enterable_or_404(request.user, pk)
    form = ProgressReportForm(request.POST or None)
    if _record(
        request,
        investment,
        form,
        lambda **fields: workflow.report_progress(request.user, investment, **fields),
        _("The physical progress was recorded. It is shown once the head of the department validates it."),
    ):
        return redirect("investments:detail", pk=investment.pk)
    return _form_page(
        request,
        investment,
        form,
        title=_("Physical progress of a quarter"),
        intro=_("What stands on the site, shown beside the financial progress and never merged with it."),
    )
