"""The register of investments (the staff dashboard), an investment's page, its creation and editing, and the
stages' evidence documents."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from services import calendar
from services.permissions import head_department_ids

from .. import history, roles, selectors, workflow
from ..filters import DashboardFilterForm
from ..models import Investment, Stage
from ..staff_forms import InvestmentForm, errors_into
from .guards import enterable_or_404, staff_required, visible_or_404

PAGE_SIZE = 50


@staff_required
def dashboard(request):
    today = calendar.today()
    form = DashboardFilterForm(request.GET, user=request.user)
    rows = selectors.dashboard_rows(request.user, form.filters(), today=today)
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "investments/staff/dashboard.html",
        {
            "filter_form": form,
            "page": page,
            "page_range": page.paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1),
            "rows": list(page),
            "totals": selectors.funding_totals(rows),
            # One department's staff need not read its name on every row.
            "show_department": len({row.investment.department_id for row in rows}) > 1,
            "query": query.urlencode(),
            "may_create": roles.may_create(request.user),
            "is_head": bool(head_department_ids(request.user)),
            "today": today,
        },
    )


def _investment_form_page(request, form, investment=None):
    return render(request, "investments/staff/investment_form.html", {"form": form, "investment": investment})


@never_cache
@staff_required
def create(request):
    if not roles.may_create(request.user):
        raise PermissionDenied
    visible = selectors.visible_investments(request.user)
    form = InvestmentForm(request.POST or None, user=request.user, visible=visible)
    if request.method == "POST" and form.is_valid():
        try:
            investment = workflow.create_investment(request.user, **form.workflow_fields())
        except (ValidationError, PermissionDenied) as error:
            errors_into(form, error)
        else:
            messages.success(request, _("The investment was created."))
            return redirect("investments:detail", pk=investment.pk)
    return _investment_form_page(request, form)


@never_cache
@staff_required
def edit(request, pk):
    investment = enterable_or_404(request.user, pk)
    visible = selectors.visible_investments(request.user)
    # The form cleans a copy: the workflow compares the stored investment with what was typed.
    form = InvestmentForm(
        request.POST or None, instance=Investment.objects.get(pk=pk), user=request.user, visible=visible
    )
    if request.method == "POST" and form.is_valid():
        try:
            workflow.update_investment(request.user, investment, **form.workflow_fields())
        except (ValidationError, PermissionDenied) as error:
            errors_into(form, error)
        else:
            messages.success(request, _("The investment was saved."))
            return redirect("investments:detail", pk=investment.pk)
    return _investment_form_page(request, form, investment)


@staff_required
def detail(request, pk):
    investment = visible_or_404(request.user, pk)
    investment = (
        Investment.objects.select_related("department", "responsible", "parent")
        .prefetch_related("children")
        .get(pk=investment.pk)
    )
    today = calendar.today()
    return render(
        request,
        "investments/staff/detail.html",
        {
            "investment": investment,
            "figures": selectors.investment_figures(investment, today=today),
            "ledger_entries": investment.ledger.select_related(
                "contract", "funding_source", "entered_by", "decided_by"
            ).order_by("on_date", "pk"),
            "progress_reports": investment.progress_reports.select_related("entered_by", "decided_by").order_by(
                "-year", "-quarter", "-pk"
            ),
            "history": _history(investment),
            "can_enter": roles.can_enter(request.user, investment),
            "can_validate": roles.can_validate(request.user, investment),
            "today": today,
        },
    )


def _history(investment):
    changes = list(selectors.history(investment))
    for change in changes:
        change.action_label = history.action_label(change.action)
    return changes


@staff_required
def evidence(request, stage_pk):
    """A stage's evidence document, to who may see its investment; to anyone else it does not exist."""
    stage = get_object_or_404(Stage.objects.select_related("investment"), pk=stage_pk)
    if not roles.can_see(request.user, stage.investment) or not stage.evidence:
        raise Http404(_("No such evidence document."))
    response = FileResponse(stage.evidence.open("rb"), as_attachment=True, filename=stage.evidence_name)
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response
