"""Unit tests of investments.figures: the derived figures from plain values, no database."""

import datetime
from decimal import Decimal

import pytest

from investments import figures
from investments.figures import (
    AmendmentTerms,
    ContractTerms,
    LedgerFigures,
    Movement,
    StageDates,
)
from investments.models import FundingSource, Stage

TODAY = datetime.date(2026, 3, 16)
ORDER = tuple(Stage.Kind.values)
CANCELLED = Stage.Kind.CANCELLED.value


def days_ago(days):
    return TODAY - datetime.timedelta(days=days)


# --- percentages and shares --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("part", "whole", "expected"),
    [
        pytest.param(1, 3, Decimal("33.3"), id="one decimal"),
        pytest.param(2, 3, Decimal("66.7"), id="rounded up above the half"),
        pytest.param(1, 16, Decimal("6.3"), id="6.25 half up, not to even"),
        pytest.param(5, 16, Decimal("31.3"), id="31.25 half up, not to even"),
        pytest.param(1, 2000, Decimal("0.1"), id="0.05 half up"),
        pytest.param(1, 2001, Decimal("0.0"), id="just under the half"),
        pytest.param(0, 500, Decimal("0.0"), id="nothing of something"),
        pytest.param(500, 500, Decimal("100.0"), id="all of it"),
        pytest.param(750, 500, Decimal("150.0"), id="more than the whole is shown as it is"),
    ],
)
def test_percent_is_rounded_half_up_to_one_decimal(part, whole, expected):
    assert figures.percent(part, whole) == expected


@pytest.mark.parametrize("whole", [0, -1])
def test_percent_of_no_whole_is_none(whole):
    assert figures.percent(10, whole) is None


@pytest.mark.parametrize(
    ("kind", "rate", "expected"),
    [
        *[
            pytest.param(kind, rate, 10_000 - rate * 100, id=f"{kind} at {rate} %")
            for kind in (FundingSource.Kind.STATE_BUDGET, FundingSource.Kind.EU_FUNDS, FundingSource.Kind.PNRR)
            for rate in (0, 2, 15, 100)
        ],
        *[
            pytest.param(kind, rate, 0, id=f"{kind} at {rate} %")
            for kind in (FundingSource.Kind.LOCAL_BUDGET, FundingSource.Kind.LOAN)
            for rate in (0, 2, 15, 100)
        ],
    ],
)
def test_reimbursable_share_is_what_the_funder_gives_back_for_each_funding_kind(kind, rate, expected):
    reimbursed_kind = FundingSource(kind=kind).reimbursed
    assert figures.reimbursable_bp(rate, reimbursed_kind) == expected


@pytest.mark.parametrize(
    ("rate", "expected"),
    [
        pytest.param(Decimal("2.50"), 9_750, id="a decimal rate"),
        pytest.param("15", 8_500, id="a rate as text, as a form gives it"),
        pytest.param(Decimal("2.555"), 9_744, id="a fraction of a basis point rounded half up"),
    ],
)
def test_reimbursable_share_takes_decimal_rates(rate, expected):
    assert figures.reimbursable_bp(rate, True) == expected


@pytest.mark.parametrize("rate", [-1, Decimal("-0.01"), Decimal("100.01"), 101])
def test_a_cofinancing_rate_out_of_range_is_refused(rate):
    with pytest.raises(ValueError, match="between 0 and 100"):
        figures.reimbursable_bp(rate, True)


@pytest.mark.parametrize(
    ("amount", "bp", "expected"),
    [
        pytest.param(100, 9_800, 98, id="98 %"),
        pytest.param(1, 5_000, 1, id="half a ban rounded up"),
        pytest.param(3, 5_000, 2, id="one and a half bani rounded up"),
        pytest.param(1, 4_999, 0, id="just under half a ban"),
        pytest.param(12_345, 8_500, 10_493, id="10 493.25 rounded down"),
        pytest.param(12_347, 8_500, 10_495, id="10 494.95 rounded up"),
        pytest.param(12_345, 0, 0, id="nothing"),
        pytest.param(12_345, 10_000, 12_345, id="everything"),
    ],
)
def test_share_is_rounded_half_up_to_whole_bani(amount, bp, expected):
    assert figures.share(amount, bp) == expected


@pytest.mark.parametrize("bp", [-1, 10_001])
def test_a_share_out_of_range_is_refused(bp):
    with pytest.raises(ValueError):
        figures.share(100, bp)


# --- contracts ---------------------------------------------------------------------------------------------------


def contract(*amendments):
    return ContractTerms(
        value=10_000_000,
        vat=1_900_000,
        starts_on=datetime.date(2025, 1, 1),
        duration_days=365,
        amendments=tuple(amendments),
    )


def test_contract_totals_without_amendments_are_the_signed_ones():
    terms = contract()
    assert (terms.current_value, terms.current_vat, terms.current_value_with_vat) == (
        10_000_000,
        1_900_000,
        11_900_000,
    )
    assert terms.current_duration_days == 365
    assert terms.ends_on == datetime.date(2026, 1, 1)


@pytest.mark.parametrize(
    ("amendments", "value", "vat", "with_vat", "duration", "ends_on"),
    [
        pytest.param(
            [AmendmentTerms(value_change=2_000_000, vat_change=380_000)],
            12_000_000,
            2_280_000,
            14_280_000,
            365,
            datetime.date(2026, 1, 1),
            id="a value addendum raises the totals",
        ),
        pytest.param(
            [AmendmentTerms(value_change=-1_000_000, vat_change=-190_000)],
            9_000_000,
            1_710_000,
            10_710_000,
            365,
            datetime.date(2026, 1, 1),
            id="a value addendum lowers the totals",
        ),
        pytest.param(
            [AmendmentTerms(duration_change_days=60)],
            10_000_000,
            1_900_000,
            11_900_000,
            425,
            datetime.date(2026, 3, 2),
            id="a duration addendum moves the end only",
        ),
        pytest.param(
            [
                AmendmentTerms(value_change=2_000_000, vat_change=380_000),
                AmendmentTerms(duration_change_days=60),
                AmendmentTerms(value_change=-500_000, vat_change=-95_000),
                AmendmentTerms(duration_change_days=-30),
            ],
            11_500_000,
            2_185_000,
            13_685_000,
            395,
            datetime.date(2026, 1, 31),
            id="several addenda add up",
        ),
    ],
)
def test_contract_totals_follow_the_amendments(amendments, value, vat, with_vat, duration, ends_on):
    terms = contract(*amendments)
    assert terms.current_value == value
    assert terms.current_vat == vat
    assert terms.current_value_with_vat == with_vat
    assert terms.current_duration_days == duration
    assert terms.ends_on == ends_on


@pytest.mark.parametrize(
    ("days_before_the_end", "ending"),
    [
        pytest.param(0, True, id="ends today"),
        pytest.param(30, True, id="ends in 30 days"),
        pytest.param(31, False, id="ends in 31 days"),
        pytest.param(-1, False, id="ended yesterday"),
        pytest.param(-200, False, id="ended long ago"),
    ],
)
def test_a_contract_ends_within_30_days_from_today_to_today_plus_30(days_before_the_end, ending):
    terms = contract()
    today = terms.ends_on - datetime.timedelta(days=days_before_the_end)
    assert terms.ends_within(today) is ending


def test_ends_within_takes_another_horizon():
    terms = contract()
    today = terms.ends_on - datetime.timedelta(days=45)
    assert terms.ends_within(today, days=60) is True
    assert terms.ends_within(today) is False


@pytest.mark.parametrize(
    ("change", "valid"),
    [
        pytest.param(AmendmentTerms(value_change=-10_000_000, vat_change=-1_900_000), True, id="down to zero"),
        pytest.param(AmendmentTerms(value_change=-10_000_001), False, id="value below zero"),
        pytest.param(AmendmentTerms(vat_change=-1_900_001), False, id="VAT below zero"),
        pytest.param(AmendmentTerms(duration_change_days=-364), True, id="one day left"),
        pytest.param(AmendmentTerms(duration_change_days=-365), False, id="no duration left"),
        pytest.param(AmendmentTerms(value_change=5_000_000), True, id="a raise"),
    ],
)
def test_an_amended_value_is_refused_below_zero(change, valid):
    assert figures.amended_value_is_valid(contract(), change) is valid


def test_an_amended_value_counts_the_earlier_amendments():
    earlier = contract(AmendmentTerms(value_change=-6_000_000))
    assert figures.amended_value_is_valid(earlier, AmendmentTerms(value_change=-4_000_000)) is True
    assert figures.amended_value_is_valid(earlier, AmendmentTerms(value_change=-4_000_001)) is False


# --- the ledger ----------------------------------------------------------------------------------------------------


def paid(amount, days, bp=9_800):
    return Movement(figures.PAID, amount, days_ago(days), bp)


def moved(kind, amount, days=10):
    return Movement(kind, amount, days_ago(days))


@pytest.mark.parametrize(
    ("kind", "amount"),
    [
        pytest.param("refunded", 100, id="unknown kind"),
        pytest.param("paid", 0, id="zero"),
        pytest.param("paid", -5, id="negative"),
    ],
)
def test_a_movement_is_a_known_kind_with_a_positive_amount(kind, amount):
    with pytest.raises(ValueError):
        Movement(kind, amount, TODAY)


def test_ledger_figures_sum_each_kind():
    result = figures.ledger_figures(
        20_000_000,
        [
            moved(figures.INVOICED, 6_000_000),
            moved(figures.INVOICED, 1_000_000),
            paid(4_000_000, 50, bp=8_500),
            paid(2_000_000, 40, bp=0),
            moved(figures.CLAIMED, 3_000_000),
            moved(figures.REIMBURSED, 2_000_000),
            moved(figures.INELIGIBLE, 400_000),
        ],
        TODAY,
    )
    assert (result.contracted, result.invoiced, result.paid, result.claimed, result.reimbursed, result.ineligible) == (
        20_000_000,
        7_000_000,
        6_000_000,
        3_000_000,
        2_000_000,
        400_000,
    )
    assert result.invoiced_not_paid == 1_000_000
    assert result.reimbursable == 3_400_000  # 85 % of the first payment; the second is the institution's own


def test_paid_percent_is_of_the_contracted_total():
    result = figures.ledger_figures(12_000_000, [paid(4_000_000, 10)], TODAY)
    assert result.paid_percent == Decimal("33.3")


def test_paid_percent_is_none_without_a_contract():
    result = figures.ledger_figures(0, [paid(4_000_000, 10)], TODAY)
    assert result.paid_percent is None


def test_reimbursed_percent_is_of_the_reimbursable_share():
    result = figures.ledger_figures(
        20_000_000, [paid(4_000_000, 50, bp=8_500), moved(figures.REIMBURSED, 2_000_000)], TODAY
    )
    assert result.reimbursable == 3_400_000
    assert result.reimbursed_percent == Decimal("58.8")


def test_reimbursed_percent_is_none_when_nothing_is_reimbursable():
    result = figures.ledger_figures(20_000_000, [paid(4_000_000, 50, bp=0)], TODAY)
    assert result.reimbursed_percent is None


def test_awaiting_is_reimbursable_less_reimbursed_less_ineligible():
    result = figures.ledger_figures(
        20_000_000,
        [paid(4_000_000, 50, bp=8_500), moved(figures.REIMBURSED, 2_000_000), moved(figures.INELIGIBLE, 400_000)],
        TODAY,
    )
    assert result.awaiting_reimbursement == 3_400_000 - 2_000_000 - 400_000


def test_awaiting_is_never_negative():
    result = figures.ledger_figures(
        20_000_000,
        [paid(1_000_000, 50), moved(figures.REIMBURSED, 900_000), moved(figures.INELIGIBLE, 500_000)],
        TODAY,
    )
    assert result.awaiting_reimbursement == 0
    assert result.awaiting_over_watch_days == 0
    assert result.oldest_awaiting_on is None


def test_the_oldest_payments_are_covered_first():
    # Three payments of 1 000 000 reimbursable each; 1 500 000 reimbursed: the oldest is covered, the second half.
    result = figures.ledger_figures(
        10_000_000,
        [
            paid(1_000_000, 10, bp=10_000),
            paid(1_000_000, 200, bp=10_000),
            paid(1_000_000, 120, bp=10_000),
            moved(figures.REIMBURSED, 1_500_000),
        ],
        TODAY,
    )
    assert result.awaiting_reimbursement == 1_500_000
    assert result.awaiting_over_watch_days == 500_000  # the half of the 120-day-old one; the newest is not late
    assert result.oldest_awaiting_on == days_ago(120)
    assert result.watch is True


def test_ineligible_amounts_cover_the_oldest_payments_too():
    result = figures.ledger_figures(
        10_000_000,
        [paid(1_000_000, 200, bp=10_000), paid(1_000_000, 100, bp=10_000), moved(figures.INELIGIBLE, 1_000_000)],
        TODAY,
    )
    assert result.awaiting_over_watch_days == 1_000_000
    assert result.oldest_awaiting_on == days_ago(100)


@pytest.mark.parametrize(
    ("days", "over_watch"),
    [
        pytest.param(90, 0, id="paid 90 days ago is not yet more than 90 days"),
        pytest.param(91, 1_000_000, id="paid 91 days ago is"),
        pytest.param(89, 0, id="paid 89 days ago is not"),
    ],
)
def test_the_watch_amount_counts_payments_older_than_90_days(days, over_watch):
    result = figures.ledger_figures(10_000_000, [paid(1_000_000, days, bp=10_000)], TODAY)
    assert result.awaiting_reimbursement == 1_000_000
    assert result.awaiting_over_watch_days == over_watch
    assert result.watch is bool(over_watch)


def test_the_oldest_awaiting_date_is_that_of_the_oldest_uncovered_payment():
    result = figures.ledger_figures(
        10_000_000, [paid(1_000_000, 30, bp=10_000), paid(1_000_000, 60, bp=10_000)], TODAY
    )
    assert result.oldest_awaiting_on == days_ago(60)
    assert result.awaiting_over_watch_days == 0


def test_local_budget_payments_are_never_awaiting_reimbursement():
    local = figures.reimbursable_bp(100, FundingSource(kind=FundingSource.Kind.LOCAL_BUDGET).reimbursed)
    result = figures.ledger_figures(10_000_000, [paid(5_000_000, 400, bp=local)], TODAY)
    assert (result.paid, result.reimbursable, result.awaiting_reimbursement) == (5_000_000, 0, 0)
    assert result.awaiting_over_watch_days == 0
    assert result.oldest_awaiting_on is None


def test_no_movement_gives_zeros():
    result = figures.ledger_figures(10_000_000, [], TODAY)
    assert (result.paid, result.reimbursable, result.awaiting_reimbursement) == (0, 0, 0)
    assert result.paid_percent == Decimal("0.0")
    assert result.reimbursed_percent is None


def ledger(contracted, paid_amount, reimbursable, reimbursed, oldest=None):
    return LedgerFigures(
        contracted=contracted,
        invoiced=paid_amount,
        paid=paid_amount,
        claimed=reimbursed,
        reimbursed=reimbursed,
        ineligible=0,
        reimbursable=reimbursable,
        awaiting_reimbursement=reimbursable - reimbursed,
        awaiting_over_watch_days=0,
        oldest_awaiting_on=oldest,
        paid_percent=figures.percent(paid_amount, contracted),
        reimbursed_percent=figures.percent(reimbursed, reimbursable),
    )


def test_combine_recomputes_percentages_from_the_sums():
    small = ledger(1_000_000, 500_000, 100_000, 100_000, oldest=days_ago(10))  # 50 % paid, 100 % reimbursed
    large = ledger(3_000_000, 0, 300_000, 0, oldest=days_ago(40))  # 0 % paid, 0 % reimbursed
    combined = figures.combine([small, large])
    assert (combined.contracted, combined.paid, combined.reimbursable, combined.reimbursed) == (
        4_000_000,
        500_000,
        400_000,
        100_000,
    )
    assert combined.paid_percent == Decimal("12.5")  # not the mean of 50 and 0
    assert combined.reimbursed_percent == Decimal("25.0")  # not the mean of 100 and 0
    assert combined.awaiting_reimbursement == 300_000
    assert combined.oldest_awaiting_on == days_ago(40)


def test_combine_of_nothing_has_no_percentages():
    combined = figures.combine([])
    assert (combined.contracted, combined.paid, combined.paid_percent, combined.reimbursed_percent) == (
        0,
        0,
        None,
        None,
    )
    assert combined.oldest_awaiting_on is None


# --- physical progress ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("parts", "expected"),
    [
        pytest.param([(1_000, 50), (3_000, 10)], Decimal("20.0"), id="weighted by contract value"),
        pytest.param([(1_000, 50), (1_000, 10)], Decimal("30.0"), id="equal weights give the mean"),
        pytest.param([(0, 100), (1_000, 40)], Decimal("40.0"), id="a part without a contract weighs nothing"),
        pytest.param([(-5, 100), (1_000, 40)], Decimal("40.0"), id="a negative weight weighs nothing"),
        pytest.param([(1_000, None), (1_000, 80)], Decimal("40.0"), id="a part not reported counts 0 %"),
        pytest.param([(1, 1), (2, 0)], Decimal("0.3"), id="one decimal"),
        pytest.param([(1, 1), (19, 0)], Decimal("0.1"), id="0.05 half up"),
        pytest.param([(3, 100)], Decimal("100.0"), id="a single part"),
    ],
)
def test_weighted_progress(parts, expected):
    assert figures.weighted_progress(parts) == expected


@pytest.mark.parametrize("parts", [pytest.param([], id="no part"), pytest.param([(0, 50), (0, 70)], id="no weight")])
def test_weighted_progress_is_none_without_weight(parts):
    assert figures.weighted_progress(parts) is None


# --- stages --------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("actual", "evidence", "done"),
    [
        pytest.param(days_ago(3), True, True, id="date and evidence"),
        pytest.param(days_ago(3), False, False, id="a date without evidence"),
        pytest.param(None, True, False, id="evidence without a date"),
        pytest.param(None, False, False, id="neither"),
    ],
)
def test_a_stage_is_done_only_with_its_actual_date_and_evidence(actual, evidence, done):
    assert StageDates("feasibility", days_ago(10), actual, evidence).done is done


@pytest.mark.parametrize(
    ("planned", "actual", "evidence", "state"),
    [
        pytest.param(days_ago(10), days_ago(3), True, figures.DONE, id="done late is done"),
        pytest.param(None, days_ago(3), True, figures.DONE, id="done without a plan"),
        pytest.param(days_ago(1), None, False, figures.LATE, id="planned for yesterday"),
        pytest.param(days_ago(10), days_ago(3), False, figures.LATE, id="a date without evidence is still late"),
        pytest.param(TODAY, None, False, figures.PLANNED, id="planned for today is not late yet"),
        pytest.param(days_ago(-20), None, False, figures.PLANNED, id="planned for later"),
        pytest.param(None, None, False, figures.NOT_PLANNED, id="not planned"),
    ],
)
def test_stage_state(planned, actual, evidence, state):
    assert StageDates("procurement", planned, actual, evidence).state(TODAY) == state


@pytest.mark.parametrize(
    ("planned", "actual", "evidence", "delay"),
    [
        pytest.param(days_ago(10), days_ago(15), True, -5, id="done early"),
        pytest.param(days_ago(10), days_ago(3), True, 7, id="done late"),
        pytest.param(days_ago(10), days_ago(10), True, 0, id="done on the day"),
        pytest.param(days_ago(10), None, False, 10, id="open past its date"),
        pytest.param(days_ago(-10), None, False, 0, id="open before its date"),
        pytest.param(days_ago(10), days_ago(3), False, 10, id="a date without evidence is still open"),
        pytest.param(None, days_ago(3), True, None, id="without a planned date"),
    ],
)
def test_stage_delay_days(planned, actual, evidence, delay):
    assert StageDates("execution", planned, actual, evidence).delay_days(TODAY) == delay


def stage(kind, done=True):
    return StageDates(kind, days_ago(100), days_ago(50) if done else None, done)


@pytest.mark.parametrize(
    ("stages", "expected"),
    [
        pytest.param([], None, id="nothing done"),
        pytest.param([stage("feasibility", done=False)], None, id="a stage not done"),
        pytest.param([stage("feasibility"), stage("procurement")], "procurement", id="the furthest done"),
        pytest.param(
            [stage("execution"), stage("feasibility"), stage("contract")], "execution", id="in legal order, not listed"
        ),
        pytest.param(
            [stage("contract"), StageDates("execution", days_ago(10), days_ago(5), False)],
            "contract",
            id="a later stage without evidence does not count",
        ),
        pytest.param([stage("execution"), stage(CANCELLED)], CANCELLED, id="cancelled wins"),
        pytest.param([stage("operation"), stage(CANCELLED, done=False)], "operation", id="cancelled not done"),
    ],
)
def test_current_stage_is_the_furthest_done_in_the_legal_order(stages, expected):
    assert figures.current_stage(stages, ORDER, CANCELLED) == expected


def test_late_stages_are_the_open_stages_past_their_planned_date():
    stages = [
        StageDates("feasibility", days_ago(30), days_ago(20), True),  # done
        StageDates("procurement", days_ago(5), None, False),  # late
        StageDates("contract", days_ago(1), days_ago(1), False),  # late: no evidence
        StageDates("execution", TODAY, None, False),  # due today
        StageDates("reception", None, None, False),  # not planned
    ]
    assert figures.late_stages(stages, TODAY) == ["procurement", "contract"]
