"""What the pages read: the investments a person may see, and their figures derived from the validated rows.

The figures of a page's investments are computed from a handful of prefetching queries, whatever their number."""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import NamedTuple

from django.db.models import Prefetch, Q, QuerySet

from services import calendar
from services.permissions import department_ids, head_department_ids

from . import figures, roles
from .models import Change, Contract, FundingSource, Investment, LedgerEntry, ProgressReport, Stage
from .workflow import contract_terms

VALIDATED = LedgerEntry.Status.VALIDATED


def visible_investments(user) -> QuerySet[Investment]:
    if roles.sees_all(user):
        return Investment.objects.all()
    if not roles.may_use_register(user):
        return Investment.objects.none()
    return Investment.objects.filter(department_id__in=department_ids(user))


def published_investments() -> QuerySet[Investment]:
    return Investment.objects.filter(published=True)


@dataclass
class StageRow:
    kind: str
    label: str
    stage: Stage | None
    planned: datetime.date | None
    actual: datetime.date | None
    done: bool
    state: str
    delay_days: int | None


@dataclass
class ContractRow:
    contract: Contract
    terms: figures.ContractTerms
    amendments: list
    ending_soon: bool


@dataclass
class FundingRow:
    source: FundingSource
    paid: int = 0
    reimbursable: int = 0
    reimbursed: int = 0
    ineligible: int = 0

    @property
    def awaiting(self) -> int:
        return max(0, self.reimbursable - self.reimbursed - self.ineligible)


@dataclass
class InvestmentFigures:
    investment: Investment
    ledger: figures.LedgerFigures
    contracts: list[ContractRow]
    stages: list[StageRow]
    current_stage: str | None
    late_stages: list[str]
    funding: list[FundingRow]
    physical: ProgressRow | None
    pending_entries: int = 0
    children: list[InvestmentFigures] = field(default_factory=list)
    combined: figures.LedgerFigures | None = None
    weighted_physical: Decimal | None = None

    @property
    def current_stage_label(self) -> str:
        return str(Stage.Kind(self.current_stage).label) if self.current_stage else ""

    @property
    def late_stage_labels(self) -> list[str]:
        return [str(Stage.Kind(kind).label) for kind in self.late_stages]

    @property
    def physical_percent(self) -> int | None:
        return self.physical.percent if self.physical else None

    @property
    def ending_soon(self) -> bool:
        return any(row.ending_soon for row in self.contracts)

    @property
    def approved(self) -> int:
        return sum(row.source.approved_bani for row in self.funding)

    @property
    def totals(self) -> figures.LedgerFigures:
        """The figures to show for the whole objective: its own with its sub-objects' when it has any."""
        return self.combined or self.ledger


def _with_everything(queryset: QuerySet[Investment], *, public: bool) -> QuerySet[Investment]:
    """The investments with what their figures need but their money, which `_attach_money` reads as plain rows: a
    register of a few hundred investments has tens of thousands of ledger entries, too many to build as objects."""
    children = Investment.objects.order_by("code").only("pk", "code", "parent_id", "published")
    if public:
        children = children.filter(published=True)
    return queryset.select_related("department", "responsible", "parent").prefetch_related(
        Prefetch("stages", queryset=Stage.objects.order_by("order")),
        Prefetch("contracts", queryset=Contract.objects.prefetch_related("amendments").order_by("signed_on", "pk")),
        Prefetch("funding_sources", queryset=FundingSource.objects.order_by("pk")),
        Prefetch("children", queryset=children, to_attr="child_list"),
    )


class LedgerRow(NamedTuple):
    kind: str
    amount_bani: int
    on_date: datetime.date
    funding_source_id: int | None
    decided_at: datetime.datetime | None


class ProgressRow(NamedTuple):
    year: int
    quarter: int
    percent: int
    decided_at: datetime.datetime | None


def _attach_money(investments: list[Investment]) -> None:
    """Each investment's validated ledger entries and progress reports (newest quarter first), two queries for all."""
    ids = [investment.pk for investment in investments]
    ledger: dict[int, list[LedgerRow]] = defaultdict(list)
    progress: dict[int, list[ProgressRow]] = defaultdict(list)
    if ids:
        # No ordering: the figures sort what they need, and the model's ordering would join the investments.
        entries = LedgerEntry.objects.filter(investment_id__in=ids, status=VALIDATED).order_by()
        for investment_id, *row in entries.values_list(
            "investment_id", "kind", "amount_bani", "on_date", "funding_source_id", "decided_at"
        ):
            ledger[investment_id].append(LedgerRow(*row))
        reports = ProgressReport.objects.filter(investment_id__in=ids, status=VALIDATED).order_by("-year", "-quarter")
        for investment_id, *row in reports.values_list("investment_id", "year", "quarter", "percent", "decided_at"):
            progress[investment_id].append(ProgressRow(*row))
    for investment in investments:
        investment.validated_ledger = ledger[investment.pk]
        investment.validated_progress = progress[investment.pk]


def _movement(entry: LedgerRow, sources: dict[int, FundingSource]) -> figures.Movement:
    share = 0
    source = sources.get(entry.funding_source_id) if entry.funding_source_id else None
    if entry.kind == LedgerEntry.Kind.PAID and source is not None:
        share = figures.reimbursable_bp(source.cofinancing_rate, source.reimbursed)
    return figures.Movement(entry.kind, entry.amount_bani, entry.on_date, share)


def _own_figures(investment: Investment, today: datetime.date, pending: int) -> InvestmentFigures:
    contracts = [
        ContractRow(
            contract=c,
            terms=(terms := contract_terms(c)),
            amendments=list(c.amendments.all()),
            ending_soon=terms.ends_within(today),
        )
        for c in investment.contracts.all()
    ]
    contracted = sum(row.terms.current_value_with_vat for row in contracts)
    sources = {source.pk: source for source in investment.funding_sources.all()}
    entries = investment.validated_ledger
    ledger = figures.ledger_figures(contracted, (_movement(e, sources) for e in entries), today)

    stored = {stage.kind: stage for stage in investment.stages.all()}
    dates = []
    rows = []
    for kind, label in Stage.Kind.choices:
        stage = stored.get(kind)
        stage_dates = figures.StageDates(
            kind,
            stage.planned_date if stage else None,
            stage.actual_date if stage else None,
            bool(stage and stage.evidence),
        )
        dates.append(stage_dates)
        if kind == Stage.Kind.CANCELLED and not stage:
            continue
        rows.append(
            StageRow(
                kind=kind,
                label=str(label),
                stage=stage,
                planned=stage_dates.planned,
                actual=stage_dates.actual,
                done=stage_dates.done,
                state=stage_dates.state(today),
                delay_days=stage_dates.delay_days(today),
            )
        )
    current = figures.current_stage(dates, Stage.Kind.values, Stage.Kind.CANCELLED)
    late = [] if current == Stage.Kind.CANCELLED else figures.late_stages(dates, today)

    funding = {pk: FundingRow(source) for pk, source in sources.items()}
    for entry in entries:
        row = funding.get(entry.funding_source_id)
        if row is None:
            continue
        if entry.kind == LedgerEntry.Kind.PAID:
            row.paid += entry.amount_bani
            row.reimbursable += figures.share(
                entry.amount_bani, figures.reimbursable_bp(row.source.cofinancing_rate, row.source.reimbursed)
            )
        elif entry.kind == LedgerEntry.Kind.REIMBURSED:
            row.reimbursed += entry.amount_bani
        elif entry.kind == LedgerEntry.Kind.INELIGIBLE:
            row.ineligible += entry.amount_bani

    progress = investment.validated_progress
    return InvestmentFigures(
        investment=investment,
        ledger=ledger,
        contracts=contracts,
        stages=rows,
        current_stage=current,
        late_stages=late,
        funding=list(funding.values()),
        physical=progress[0] if progress else None,
        pending_entries=pending,
    )


def _figures_of(investments: list[Investment], today: datetime.date, *, public: bool) -> list[InvestmentFigures]:
    """Figures with sub-objects: a parent's combined money and its physical progress weighted by contract value.

    A sub-object that is itself in `investments` (the register lists every investment) is loaded and computed once."""
    by_id = {investment.pk: investment for investment in investments}
    missing = [c.pk for investment in investments for c in investment.child_list if c.pk not in by_id]
    if missing:
        for child in _with_everything(Investment.objects.filter(pk__in=missing), public=public):
            by_id[child.pk] = child
    _attach_money(list(by_id.values()))
    pending: dict[int, int] = defaultdict(int)
    if not public and by_id:
        for model in (LedgerEntry, ProgressReport):
            pending_rows = model.objects.filter(investment_id__in=list(by_id), status=LedgerEntry.Status.PENDING)
            for investment_id in pending_rows.order_by().values_list("investment_id", flat=True):
                pending[investment_id] += 1
    own = {pk: _own_figures(investment, today, pending[pk]) for pk, investment in by_id.items()}
    result = []
    for investment in investments:
        row = own[investment.pk]
        kids = [own[c.pk] for c in investment.child_list if c.pk in own]
        if kids:
            row.children = kids
            row.combined = figures.combine([row.ledger, *(k.ledger for k in kids)])
            row.weighted_physical = figures.weighted_progress((k.ledger.contracted, k.physical_percent) for k in kids)
        result.append(row)
    return result


def investment_figures(investment: Investment, *, today=None, public: bool = False) -> InvestmentFigures:
    today = today or calendar.today()
    loaded = _with_everything(Investment.objects.filter(pk=investment.pk), public=public).get()
    return _figures_of([loaded], today, public=public)[0]


def figures_for(investments, *, today=None, public: bool = False) -> list[InvestmentFigures]:
    """The figures of a page of investments (a queryset or a list), in its order."""
    today = today or calendar.today()
    ids = [i.pk for i in investments]
    loaded = {i.pk: i for i in _with_everything(Investment.objects.filter(pk__in=ids), public=public)}
    return _figures_of([loaded[pk] for pk in ids if pk in loaded], today, public=public)


def dashboard_rows(user, filters: dict, *, today=None) -> list[InvestmentFigures]:
    """The register of the investments `user` sees, filtered. Stage, lateness, contracts ending and reimbursements
    awaited are derived figures: filtered after they are computed."""
    today = today or calendar.today()
    queryset = visible_investments(user).order_by("code")
    if filters.get("department"):
        queryset = queryset.filter(department_id=filters["department"])
    if filters.get("funding"):
        queryset = queryset.filter(funding_sources__kind=filters["funding"]).distinct()
    if filters.get("q"):
        text = filters["q"]
        queryset = queryset.filter(
            Q(code__icontains=text)
            | Q(title__icontains=text)
            | Q(title_hu__icontains=text)
            | Q(title_en__icontains=text)
        )
    rows = _figures_of(list(_with_everything(queryset, public=False)), today, public=False)
    if filters.get("stage"):
        rows = [row for row in rows if row.current_stage == filters["stage"]]
    if filters.get("late"):
        rows = [row for row in rows if row.late_stages]
    if filters.get("ending"):
        rows = [row for row in rows if row.ending_soon]
    if filters.get("awaiting"):
        rows = [row for row in rows if row.ledger.awaiting_over_watch_days > 0]
    return rows


@dataclass
class FundingTotal:
    kind: str
    label: str
    approved: int = 0
    paid: int = 0
    reimbursable: int = 0
    reimbursed: int = 0
    ineligible: int = 0

    @property
    def awaiting(self) -> int:
        return max(0, self.reimbursable - self.reimbursed - self.ineligible)


def funding_totals(rows: list[InvestmentFigures]) -> list[FundingTotal]:
    """Per funding kind, over the rows given (each investment's own sources; a parent's children are rows too when
    they are in the list)."""
    totals = {kind: FundingTotal(kind, str(label)) for kind, label in FundingSource.Kind.choices}
    for row in rows:
        for funding in row.funding:
            total = totals[funding.source.kind]
            total.approved += funding.source.approved_bani
            total.paid += funding.paid
            total.reimbursable += funding.reimbursable
            total.reimbursed += funding.reimbursed
            total.ineligible += funding.ineligible
    return [total for total in totals.values() if total.approved or total.paid]


def history(investment: Investment) -> QuerySet[Change]:
    return investment.changes.select_related("actor").order_by("-at", "-pk")


def pending_for(user) -> tuple[QuerySet[LedgerEntry], QuerySet[ProgressReport]]:
    """What a head may validate: the pending entries of their departments' investments (their own shown too; the
    workflow refuses them)."""
    heads = head_department_ids(user)
    entries = (
        LedgerEntry.objects.filter(status=LedgerEntry.Status.PENDING, investment__department_id__in=heads)
        .select_related("investment", "entered_by", "contract", "funding_source")
        .order_by("entered_at", "pk")
    )
    reports = (
        ProgressReport.objects.filter(status=ProgressReport.Status.PENDING, investment__department_id__in=heads)
        .select_related("investment", "entered_by")
        .order_by("entered_at", "pk")
    )
    return entries, reports
