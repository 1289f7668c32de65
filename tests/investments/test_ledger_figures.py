"""The figures selectors derive from the rows of the database: only validated entries count, contracts after their
addenda, the reimbursable share of each funding source, what waits for reimbursement and for how long, the stages,
and the staff dashboard's filters and totals."""

import datetime
from decimal import Decimal

import pytest

from investments import selectors
from investments.models import Amendment, FundingSource, LedgerEntry, Stage
from services.calendar import clock_at

from .factories import (
    AmendmentFactory,
    ContractFactory,
    FundingSourceFactory,
    InvestmentFactory,
    LedgerEntryFactory,
    ProgressReportFactory,
    StageFactory,
)

TODAY = datetime.date(2026, 3, 16)
Kind = LedgerEntry.Kind


def days_ago(days):
    return TODAY - datetime.timedelta(days=days)


@pytest.fixture(autouse=True)
def _on_a_known_day():
    with clock_at(TODAY):
        yield


@pytest.fixture
def investment(department):
    return InvestmentFactory(department=department, code="INV-001")


@pytest.fixture
def eu(investment):
    """EU funds with 15 % co-financing: 85 % of each payment is reimbursed."""
    return FundingSourceFactory(investment=investment, kind=FundingSource.Kind.EU_FUNDS, cofinancing_rate=15)


@pytest.fixture
def local(investment):
    return FundingSourceFactory(
        investment=investment, kind=FundingSource.Kind.LOCAL_BUDGET, cofinancing_rate=100, approved_bani=80_000_000
    )


def validated(investment, kind, amount, days=10, **fields):
    return LedgerEntryFactory(
        investment=investment, kind=kind, amount_bani=amount, on_date=days_ago(days), validated=True, **fields
    )


def figures_of(investment, **kwargs):
    return selectors.investment_figures(investment, today=TODAY, **kwargs)


def test_the_contracted_total_is_every_contract_with_vat_after_its_addenda(investment):
    first = ContractFactory(investment=investment, value_bani=10_000_000, vat_bani=1_900_000)
    ContractFactory(investment=investment, value_bani=2_000_000, vat_bani=380_000)
    AmendmentFactory(contract=first, kind=Amendment.Kind.VALUE, value_change_bani=1_000_000, vat_change_bani=190_000)
    AmendmentFactory(contract=first, kind=Amendment.Kind.DURATION, duration_change_days=30)
    assert figures_of(investment).ledger.contracted == 11_900_000 + 2_380_000 + 1_190_000


def test_only_validated_entries_count(investment, eu):
    ContractFactory(investment=investment, value_bani=10_000_000, vat_bani=0)
    validated(investment, Kind.PAID, 3_000_000, funding_source=eu)
    LedgerEntryFactory(investment=investment, amount_bani=1_000_000, funding_source=eu)  # pending
    LedgerEntryFactory(investment=investment, amount_bani=2_000_000, funding_source=eu, rejected=True)
    result = figures_of(investment)
    assert (result.ledger.paid, result.ledger.paid_percent) == (3_000_000, Decimal("30.0"))
    assert result.pending_entries == 1
    assert figures_of(investment, public=True).pending_entries == 0


def test_the_ledger_sums_each_kind_and_derives_the_percentages(investment, eu, local):
    ContractFactory(investment=investment, value_bani=20_000_000, vat_bani=0)
    validated(investment, Kind.INVOICED, 7_000_000)
    validated(investment, Kind.PAID, 4_000_000, days=50, funding_source=eu)  # 3 400 000 reimbursable
    validated(investment, Kind.PAID, 2_000_000, days=40, funding_source=local)  # the council's own money
    validated(investment, Kind.PAID, 500_000, days=30)  # no funding source: nothing reimbursable
    validated(investment, Kind.CLAIMED, 3_000_000, funding_source=eu)
    validated(investment, Kind.REIMBURSED, 2_000_000, funding_source=eu)
    validated(investment, Kind.INELIGIBLE, 400_000, funding_source=eu)
    ledger = figures_of(investment).ledger
    assert (ledger.contracted, ledger.invoiced, ledger.paid, ledger.claimed, ledger.reimbursed, ledger.ineligible) == (
        20_000_000,
        7_000_000,
        6_500_000,
        3_000_000,
        2_000_000,
        400_000,
    )
    assert ledger.reimbursable == 3_400_000
    assert ledger.paid_percent == Decimal("32.5")
    assert ledger.reimbursed_percent == Decimal("58.8")
    assert ledger.awaiting_reimbursement == 3_400_000 - 2_000_000 - 400_000
    assert ledger.invoiced_not_paid == 500_000


def test_each_funding_source_shows_its_own_figures(investment, eu, local):
    validated(investment, Kind.PAID, 4_000_000, funding_source=eu)
    validated(investment, Kind.PAID, 2_000_000, funding_source=local)
    validated(investment, Kind.REIMBURSED, 1_000_000, funding_source=eu)
    validated(investment, Kind.INELIGIBLE, 400_000, funding_source=eu)
    LedgerEntryFactory(investment=investment, amount_bani=9_000_000, funding_source=eu)  # pending
    rows = {row.source.kind: row for row in figures_of(investment).funding}
    assert (rows["eu_funds"].paid, rows["eu_funds"].reimbursable, rows["eu_funds"].awaiting) == (
        4_000_000,
        3_400_000,
        2_000_000,
    )
    assert (rows["local_budget"].paid, rows["local_budget"].reimbursable, rows["local_budget"].awaiting) == (
        2_000_000,
        0,
        0,
    )


@pytest.mark.parametrize(
    ("kind", "rate", "reimbursable"),
    [
        pytest.param(FundingSource.Kind.PNRR, 0, 1_000_000, id="PNRR at 0 %"),
        pytest.param(FundingSource.Kind.STATE_BUDGET, 2, 980_000, id="a state programme at 2 %"),
        pytest.param(FundingSource.Kind.EU_FUNDS, 15, 850_000, id="EU funds at 15 %"),
        pytest.param(FundingSource.Kind.EU_FUNDS, 100, 0, id="EU funds at 100 %"),
        pytest.param(FundingSource.Kind.LOAN, 0, 0, id="a loan"),
        pytest.param(FundingSource.Kind.LOCAL_BUDGET, 0, 0, id="the local budget"),
    ],
)
def test_the_reimbursable_share_follows_the_funding_kind_and_rate(investment, kind, rate, reimbursable):
    source = FundingSourceFactory(investment=investment, kind=kind, cofinancing_rate=rate)
    validated(investment, Kind.PAID, 1_000_000, funding_source=source)
    result = figures_of(investment)
    assert result.ledger.reimbursable == reimbursable
    assert result.funding[0].reimbursable == reimbursable


def test_the_oldest_payments_are_reimbursed_first(investment, eu):
    validated(investment, Kind.PAID, 1_000_000, days=200, funding_source=eu)  # 850 000 reimbursable
    validated(investment, Kind.PAID, 1_000_000, days=120, funding_source=eu)  # 850 000
    validated(investment, Kind.PAID, 1_000_000, days=10, funding_source=eu)  # 850 000
    validated(investment, Kind.REIMBURSED, 1_000_000, days=5, funding_source=eu)
    ledger = figures_of(investment).ledger
    assert ledger.awaiting_reimbursement == 3 * 850_000 - 1_000_000
    # The oldest is covered; 150 000 of the second is; its other 700 000 waits for more than 90 days.
    assert ledger.awaiting_over_watch_days == 700_000
    assert ledger.oldest_awaiting_on == days_ago(120)


@pytest.mark.parametrize(
    ("days", "watched"),
    [
        pytest.param(91, True, id="paid 91 days ago"),
        pytest.param(89, False, id="paid 89 days ago"),
        pytest.param(90, False, id="paid 90 days ago"),
    ],
)
def test_the_awaiting_filter_finds_payments_older_than_90_days_not_yet_reimbursed(
    department, investment, eu, clerk, days, watched
):
    validated(investment, Kind.PAID, 1_000_000, days=days, funding_source=eu)
    assert figures_of(investment).ledger.watch is watched
    rows = selectors.dashboard_rows(clerk, {"awaiting": True}, today=TODAY)
    assert [row.investment for row in rows] == ([investment] if watched else [])


def test_a_reimbursed_old_payment_is_not_awaited(investment, eu):
    validated(investment, Kind.PAID, 1_000_000, days=200, funding_source=eu)
    validated(investment, Kind.REIMBURSED, 850_000, days=100, funding_source=eu)
    ledger = figures_of(investment).ledger
    assert (ledger.awaiting_reimbursement, ledger.awaiting_over_watch_days, ledger.oldest_awaiting_on) == (0, 0, None)


def test_local_budget_payments_are_never_awaiting_reimbursement(investment, local):
    validated(investment, Kind.PAID, 5_000_000, days=400, funding_source=local)
    ledger = figures_of(investment).ledger
    assert (ledger.reimbursable, ledger.awaiting_reimbursement, ledger.awaiting_over_watch_days) == (0, 0, 0)
    assert ledger.oldest_awaiting_on is None


def test_stages_are_listed_in_legal_order_with_their_state(investment):
    StageFactory(investment=investment, kind=Stage.Kind.PROCUREMENT, planned_date=days_ago(5))  # late
    StageFactory(investment=investment, kind=Stage.Kind.FEASIBILITY, planned_date=days_ago(100), done=True)
    StageFactory(investment=investment, kind=Stage.Kind.EXECUTION, planned_date=days_ago(-100))
    result = figures_of(investment)
    assert [row.kind for row in result.stages] == [k for k in Stage.Kind.values if k != Stage.Kind.CANCELLED]
    states = {row.kind: row.state for row in result.stages}
    assert (states["feasibility"], states["procurement"], states["execution"], states["contract"]) == (
        "done",
        "late",
        "planned",
        "not_planned",
    )
    assert result.current_stage == Stage.Kind.FEASIBILITY
    assert result.late_stages == [Stage.Kind.PROCUREMENT]


def test_a_cancelled_investment_is_cancelled_and_late_in_nothing(investment):
    StageFactory(investment=investment, kind=Stage.Kind.CONTRACT, done=True)
    StageFactory(investment=investment, kind=Stage.Kind.EXECUTION, planned_date=days_ago(5))
    StageFactory(investment=investment, kind=Stage.Kind.CANCELLED, planned_date=None, done=True)
    result = figures_of(investment)
    assert result.current_stage == Stage.Kind.CANCELLED
    assert result.late_stages == []
    assert result.stages[-1].kind == Stage.Kind.CANCELLED


# --- the staff dashboard ------------------------------------------------------------------------------------------


def test_the_dashboard_filters_by_derived_figures(department, clerk):
    late = InvestmentFactory(department=department, code="INV-001")
    StageFactory(investment=late, kind=Stage.Kind.PROCUREMENT, planned_date=days_ago(5))
    ending = InvestmentFactory(department=department, code="INV-002")
    ContractFactory(investment=ending, starts_on=days_ago(350), signed_on=days_ago(360), duration_days=365)
    in_execution = InvestmentFactory(department=department, code="INV-003")
    StageFactory(investment=in_execution, kind=Stage.Kind.EXECUTION, planned_date=days_ago(30), done=True)

    def codes(filters):
        return [row.investment.code for row in selectors.dashboard_rows(clerk, filters, today=TODAY)]

    assert codes({}) == ["INV-001", "INV-002", "INV-003"]
    assert codes({"late": True}) == ["INV-001"]
    assert codes({"ending": True}) == ["INV-002"]
    assert codes({"stage": Stage.Kind.EXECUTION}) == ["INV-003"]
    assert codes({"q": "inv-002"}) == ["INV-002"]


def test_the_dashboard_shows_only_the_departments_the_user_belongs_to(department, clerk, other_department_clerk):
    InvestmentFactory(department=department, code="INV-001")
    assert [row.investment.code for row in selectors.dashboard_rows(clerk, {}, today=TODAY)] == ["INV-001"]
    assert selectors.dashboard_rows(other_department_clerk, {}, today=TODAY) == []


def test_funding_totals_add_up_each_kind_over_the_rows(department, clerk):
    for code in ("INV-001", "INV-002"):
        investment = InvestmentFactory(department=department, code=code)
        source = FundingSourceFactory(investment=investment, cofinancing_rate=15, approved_bani=10_000_000)
        validated(investment, Kind.PAID, 1_000_000, funding_source=source)
        validated(investment, Kind.REIMBURSED, 500_000, funding_source=source)
    totals = selectors.funding_totals(selectors.dashboard_rows(clerk, {}, today=TODAY))
    assert [(t.kind, t.approved, t.paid, t.reimbursable, t.reimbursed, t.awaiting) for t in totals] == [
        ("eu_funds", 20_000_000, 2_000_000, 1_700_000, 1_000_000, 700_000)
    ]


def make_rich_investments(department, count):
    for _n in range(count):
        investment = InvestmentFactory(department=department)
        contract = ContractFactory(investment=investment)
        AmendmentFactory(contract=contract)
        source = FundingSourceFactory(investment=investment)
        validated(investment, Kind.PAID, 1_000_000, funding_source=source, contract=contract)
        StageFactory(investment=investment, done=True)
        ProgressReportFactory(investment=investment, validated=True)
        InvestmentFactory(department=department, parent=investment)


def test_the_dashboards_queries_do_not_grow_with_its_rows(department, clerk, django_assert_max_num_queries):
    make_rich_investments(department, 2)
    with django_assert_max_num_queries(30) as few:
        selectors.dashboard_rows(clerk, {}, today=TODAY)
    make_rich_investments(department, 6)
    with django_assert_max_num_queries(len(few.captured_queries)):
        rows = selectors.dashboard_rows(clerk, {}, today=TODAY)
    assert len(rows) == 16
