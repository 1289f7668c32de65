"""Unit tests of the local-tax arithmetic: instalments, bonus, late increments, the order of payment."""

from datetime import date

import pytest

from payments.taxrules import (
    ANNUAL_KINDS,
    KINDS,
    Credit,
    Instalment,
    Owed,
    Rules,
    Terms,
    add_months,
    allocate,
    bonus_deadline,
    effective_due,
    increment,
    instalment_plan,
    months_late,
    owed_on,
    settle,
)

D = date.fromisoformat
RULES = Rules()
OTHER_KINDS = tuple(kind for kind in KINDS if kind not in ANNUAL_KINDS)


def annual(kind, year, amount, rules=RULES, **kwargs):
    return Terms(kind, year, amount, instalment_plan(kind, year, amount, rules, **kwargs))


def one_off(kind, year, amount, due, rules=RULES):
    return Terms(kind, year, amount, instalment_plan(kind, year, amount, rules, due=D(due)))


def with_days_off(*days):
    """A calendar of Monday to Friday less some days off, as a caller builds one from the public holidays."""
    off = frozenset(D(d) for d in days)
    return Rules(is_working_day=lambda d: d.weekday() < 5 and d not in off)


def paid(credit):
    return credit.principal + credit.increments


# --- Worked examples ---------------------------------------------------------------------------------------------


def test_a_2026_building_tax_paid_in_full_on_15_march_gets_a_ten_percent_bonus():
    terms = annual("building", 2026, 123456)
    owed = owed_on(terms, [], D("2026-03-15"), RULES)
    assert owed == Owed(D("2026-03-15"), 0, 123456, 0, 12346, D("2026-03-31"))
    assert owed.to_settle == 111110
    assert owed.due_now == 0
    assert settle(terms, [], D("2026-03-15"), RULES) == Credit(D("2026-03-15"), 111110, 0, 12346)


def test_the_bonus_is_granted_once_and_the_obligation_is_closed_after_it():
    terms = annual("building", 2026, 123456)
    credit = settle(terms, [], D("2026-03-15"), RULES)
    for day in ("2026-03-15", "2026-03-31", "2026-10-01", "2027-06-01"):
        assert owed_on(terms, [credit], D(day), RULES) == Owed(D(day), 0, 0, 0, 0, None)


def test_31_march_2024_was_a_sunday_so_paying_on_1_april_still_gets_the_bonus_and_no_increments():
    terms = annual("building", 2024, 100000)
    assert bonus_deadline(2024, RULES) == D("2024-04-01")
    on_monday = owed_on(terms, [], D("2024-04-01"), RULES)
    assert on_monday == Owed(D("2024-04-01"), 0, 100000, 0, 10000, D("2024-04-01"))
    assert on_monday.to_settle == 90000
    on_tuesday = owed_on(terms, [], D("2024-04-02"), RULES)
    assert on_tuesday == Owed(D("2024-04-02"), 50000, 50000, 500, 0, D("2024-04-01"))
    assert on_tuesday.to_settle == 100500


def test_the_bonus_never_applies_after_31_march():
    terms = annual("land", 2026, 100000)
    assert owed_on(terms, [], D("2026-03-31"), RULES).bonus == 10000
    assert owed_on(terms, [], D("2026-04-01"), RULES).bonus == 0
    assert settle(terms, [], D("2026-04-01"), RULES).bonus == 0


def test_the_bonus_never_applies_to_fees_fines_or_other_obligations():
    for kind in OTHER_KINDS:
        terms = one_off(kind, 2026, 100000, "2026-03-31")
        assert owed_on(terms, [], D("2026-01-15"), RULES).bonus == 0


def test_the_bonus_follows_the_council_s_rate():
    terms = annual("vehicle", 2026, 123456)
    assert owed_on(terms, [], D("2026-02-01"), Rules(bonus_rate_bp=500)).bonus == 6173  # 6172,8
    assert owed_on(terms, [], D("2026-02-01"), Rules(bonus_rate_bp=0)).bonus == 0


@pytest.mark.parametrize(
    ("amount", "bonus"),
    [(123456, 12346), (123455, 12346), (123454, 12345), (5, 1), (4, 0), (10, 1)],
)
def test_the_bonus_is_rounded_half_up_to_the_ban(amount, bonus):
    terms = Terms("building", 2026, amount, (Instalment(D("2026-03-31"), amount),))
    assert owed_on(terms, [], D("2026-03-01"), RULES).bonus == bonus


def test_a_partial_payment_before_31_march_gets_no_bonus_but_the_rest_paid_by_then_does():
    terms = annual("building", 2026, 100000)
    (_, part), *others = allocate(50000, [("tax", terms, [])], D("2026-02-10"), RULES)
    assert not others
    assert part == Credit(D("2026-02-10"), 50000, 0, 0)
    owed = owed_on(terms, [part], D("2026-03-20"), RULES)
    # The bonus is on the whole year's tax, not only on what is left.
    assert (owed.principal_due, owed.bonus, owed.to_settle) == (50000, 10000, 40000)


def test_the_bonus_is_capped_so_that_nothing_is_left_to_pay_below_zero():
    terms = annual("building", 2026, 100000)
    roll = [Credit(D("2026-03-01"), 95000)]
    owed = owed_on(terms, roll, D("2026-03-20"), RULES)
    assert (owed.principal_due, owed.bonus, owed.to_settle) == (5000, 5000, 0)
    assert settle(terms, roll, D("2026-03-20"), RULES) == Credit(D("2026-03-20"), 0, 0, 5000)


def test_40_lei_of_land_tax_is_due_in_one_instalment_by_31_march():
    assert instalment_plan("land", 2026, 4000, RULES) == (Instalment(D("2026-03-31"), 4000),)


@pytest.mark.parametrize(
    ("kind", "amount", "kwargs", "plan"),
    [
        ("building", 123456, {}, ((D("2026-03-31"), 61728), (D("2026-09-30"), 61728))),
        ("building", 123457, {}, ((D("2026-03-31"), 61729), (D("2026-09-30"), 61728))),
        ("land", 5000, {}, ((D("2026-03-31"), 5000),)),
        ("land", 5001, {}, ((D("2026-03-31"), 2501), (D("2026-09-30"), 2500))),
        ("land", 3000, {"kind_total": 6000}, ((D("2026-03-31"), 1500), (D("2026-09-30"), 1500))),
        ("vehicle", 3000, {"kind_total": 5000}, ((D("2026-03-31"), 3000),)),
        ("vehicle", 1, {"kind_total": 9000}, ((D("2026-03-31"), 1),)),
        ("fine", 4000, {"due": D("2026-06-15")}, ((D("2026-06-15"), 4000),)),
        ("fee", 1000000, {"due": D("2026-02-01")}, ((D("2026-02-01"), 1000000),)),
        ("other", 7, {"due": D("2026-12-31")}, ((D("2026-12-31"), 7),)),
    ],
)
def test_instalment_plans(kind, amount, kwargs, plan):
    assert instalment_plan(kind, 2026, amount, RULES, **kwargs) == tuple(Instalment(d, a) for d, a in plan)


def test_the_single_payment_threshold_is_configurable():
    assert len(instalment_plan("land", 2026, 8000, Rules(single_payment_threshold=10000))) == 1
    assert len(instalment_plan("land", 2026, 2, Rules(single_payment_threshold=0))) == 2


@pytest.mark.parametrize(
    ("kind", "amount", "kwargs"),
    [
        ("building", 0, {}),
        ("building", -100, {}),
        ("fine", 100, {}),
        ("fine", 0, {"due": D("2026-06-15")}),
        ("building", 100, {"due": D("2026-06-15")}),
        ("land", 100, {"kind_total": 99}),
        ("fee", 100, {"due": D("2026-06-15"), "kind_total": 100}),
        ("parking", 100, {"due": D("2026-06-15")}),
    ],
)
def test_instalment_plans_refuse_what_makes_no_sense(kind, amount, kwargs):
    with pytest.raises(ValueError):
        instalment_plan(kind, 2026, amount, RULES, **kwargs)


@pytest.mark.parametrize(
    ("day", "overdue", "increments"),
    [
        ("2026-03-31", 0, 0),
        ("2026-04-01", 50000, 500),
        ("2026-04-30", 50000, 500),
        ("2026-05-01", 50000, 1000),
        ("2026-05-31", 50000, 1000),
        ("2026-06-01", 50000, 1500),
    ],
)
def test_an_unpaid_first_instalment_carries_one_percent_for_each_month_or_fraction(day, overdue, increments):
    owed = owed_on(annual("building", 2026, 100000), [], D(day), RULES)
    assert (owed.principal_overdue, owed.principal_due, owed.increments) == (overdue, 100000 - overdue, increments)
    assert owed.due_now == overdue + increments
    assert owed.next_due == D("2026-03-31")


def test_both_instalments_overdue_carry_their_own_increments():
    owed = owed_on(annual("building", 2026, 100000), [], D("2026-10-01"), RULES)
    # 31 March → 1 October: 7 months or fractions; 30 September → 1 October: 1.
    assert (owed.principal_overdue, owed.principal_due, owed.increments) == (100000, 0, 3500 + 500)


def test_a_partial_late_payment_stops_the_increments_on_what_it_paid():
    terms = annual("building", 2026, 100000)
    [(_, first)] = allocate(20000, [("tax", terms, [])], D("2026-04-15"), RULES)
    # The principal goes first even though 500 of increments are due.
    assert first == Credit(D("2026-04-15"), 20000, 0, 0)
    owed = owed_on(terms, [first], D("2026-06-10"), RULES)
    # 20 000 paid in the first month: 1 %; 30 000 still unpaid on 10 June, 3 months or fractions late: 3 %.
    assert (owed.principal_overdue, owed.principal_due, owed.increments) == (30000, 50000, 200 + 900)
    second = settle(terms, [first], D("2026-06-10"), RULES)
    assert second == Credit(D("2026-06-10"), 80000, 1100, 0)
    assert owed_on(terms, [first, second], D("2027-01-01"), RULES).to_settle == 0


def test_increments_already_paid_are_not_owed_again():
    terms = annual("building", 2026, 100000)
    credits = [Credit(D("2026-04-15"), 50000, 500)]
    owed = owed_on(terms, credits, D("2026-08-01"), RULES)
    assert (owed.principal_overdue, owed.principal_due, owed.increments) == (0, 50000, 0)


def test_a_payment_never_goes_to_increments_before_the_principal_is_paid():
    terms = annual("building", 2026, 100000)
    # On 1 April: 50 000 overdue, 500 of increments, 50 000 not yet due.
    [(_, credit)] = allocate(50300, [("tax", terms, [])], D("2026-04-01"), RULES)
    assert credit == Credit(D("2026-04-01"), 50300, 0, 0)
    owed = owed_on(terms, [credit], D("2026-04-01"), RULES)
    assert (owed.principal_overdue, owed.principal_due, owed.increments) == (0, 49700, 500)
    [(_, rest)] = allocate(owed.to_settle, [("tax", terms, [credit])], D("2026-04-01"), RULES)
    assert rest == Credit(D("2026-04-01"), 49700, 500, 0)


def test_a_payment_goes_to_the_oldest_fiscal_year_first():
    this_year, last_year = annual("building", 2026, 100000), annual("building", 2025, 100000)
    obligations = [("2026", this_year, []), ("2025", last_year, [])]
    day = D("2026-03-15")
    # 2025: 12 months late on the March instalment, 6 on the September one.
    assert owed_on(last_year, [], day, RULES).to_settle == 100000 + 6000 + 3000
    assert allocate(150000, obligations, day, RULES) == [
        ("2025", Credit(day, 100000, 9000, 0)),
        ("2026", Credit(day, 41000, 0, 0)),
    ]
    assert allocate(199000, obligations, day, RULES) == [
        ("2025", Credit(day, 100000, 9000, 0)),
        ("2026", Credit(day, 90000, 0, 10000)),
    ]
    assert allocate(50000, obligations, day, RULES) == [("2025", Credit(day, 50000, 0, 0))]


def test_within_one_year_the_earliest_unpaid_instalment_goes_first_then_the_caller_s_order():
    tax = annual("land", 2026, 100000)
    fine = one_off("fine", 2026, 30000, "2026-06-15")
    fee = one_off("fee", 2026, 30000, "2026-06-15")
    march_paid = [Credit(D("2026-03-31"), 50000)]
    day = D("2026-07-01")
    obligations = [("land", tax, march_paid), ("fee", fee, []), ("fine", fine, [])]
    # The fee and the fine, due 15 June, come before the land tax's September instalment; the fee was listed first.
    assert allocate(40000, obligations, day, RULES) == [
        ("fee", Credit(day, 30000, 300, 0)),
        ("fine", Credit(day, 9700, 0, 0)),
    ]


def test_paying_more_than_is_owed_is_refused():
    obligations = [("tax", annual("building", 2026, 100000), [])]
    with pytest.raises(ValueError):
        allocate(90001, obligations, D("2026-03-01"), RULES)
    with pytest.raises(ValueError):
        allocate(-1, obligations, D("2026-03-01"), RULES)
    assert allocate(90000, obligations, D("2026-03-01"), RULES) == [("tax", Credit(D("2026-03-01"), 90000, 0, 10000))]
    assert allocate(0, obligations, D("2026-03-01"), RULES) == []


def test_a_fine_is_due_on_its_own_date_without_bonus_or_threshold():
    fine = one_off("fine", 2026, 4000, "2026-06-15")
    assert owed_on(fine, [], D("2026-03-01"), RULES) == Owed(D("2026-03-01"), 0, 4000, 0, 0, D("2026-06-15"))
    assert owed_on(fine, [], D("2026-06-15"), RULES).to_settle == 4000
    assert owed_on(fine, [], D("2026-06-16"), RULES) == Owed(D("2026-06-16"), 4000, 0, 40, 0, D("2026-06-15"))
    assert owed_on(fine, [], D("2026-07-16"), RULES).increments == 80


def test_romanian_public_holidays_shift_the_due_date_given_a_calendar():
    # 2024: Labour Day on Wednesday 1 May, Orthodox Good Friday 3 May, Easter Monday 6 May.
    rules = with_days_off("2024-05-01", "2024-05-03", "2024-05-06")
    assert effective_due(D("2024-05-01"), rules) == D("2024-05-02")
    assert effective_due(D("2024-05-03"), rules) == D("2024-05-07")
    fee = one_off("fee", 2024, 10000, "2024-05-03", rules)
    assert owed_on(fee, [], D("2024-05-07"), rules) == Owed(D("2024-05-07"), 0, 10000, 0, 0, D("2024-05-07"))
    assert owed_on(fee, [], D("2024-05-08"), rules).increments == 100
    assert owed_on(fee, [], D("2024-06-07"), rules).increments == 100
    assert owed_on(fee, [], D("2024-06-08"), rules).increments == 200
    # With Monday to Friday alone the same fee is late from Saturday 4 May.
    assert owed_on(fee, [], D("2024-05-04"), RULES).increments == 100


def test_a_day_off_on_31_march_moves_the_bonus_deadline_and_the_first_instalment():
    rules = with_days_off("2027-03-31", "2027-04-01")
    assert bonus_deadline(2027, rules) == D("2027-04-02")
    terms = annual("vehicle", 2027, 100000, rules)
    owed = owed_on(terms, [], D("2027-04-02"), rules)
    assert (owed.principal_overdue, owed.increments, owed.bonus) == (0, 0, 10000)
    assert owed_on(terms, [], D("2027-04-05"), rules).bonus == 0


def test_a_calendar_without_working_days_is_refused_rather_than_searched_for_ever():
    with pytest.raises(ValueError):
        effective_due(D("2026-03-31"), Rules(is_working_day=lambda d: False))


def test_credits_made_after_the_day_asked_about_are_not_counted():
    terms = annual("building", 2026, 100000)
    credit = settle(terms, [], D("2026-03-15"), RULES)
    assert owed_on(terms, [credit], D("2026-03-14"), RULES).to_settle == 90000


def test_credits_beyond_the_principal_are_refused():
    terms = annual("building", 2026, 100000)
    with pytest.raises(ValueError):
        owed_on(terms, [Credit(D("2026-03-01"), 90000, 0, 10000), Credit(D("2026-03-02"), 1)], D("2026-04-01"), RULES)


# --- Tables of the date and rounding arithmetic --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        ("2026-01-31", 1, "2026-02-28"),
        ("2024-01-31", 1, "2024-02-29"),
        ("2026-03-31", 1, "2026-04-30"),
        ("2026-03-31", 2, "2026-05-31"),
        ("2026-12-15", 1, "2027-01-15"),
        ("2026-01-15", -1, "2025-12-15"),
        ("2026-03-31", 12, "2027-03-31"),
        ("2024-02-29", 12, "2025-02-28"),
        ("2026-05-31", 0, "2026-05-31"),
        ("2026-03-31", -13, "2025-02-28"),
    ],
)
def test_add_months_clamps_to_the_end_of_the_month(day, months, expected):
    assert add_months(D(day), months) == D(expected)


@pytest.mark.parametrize(
    ("due", "paid_on", "months"),
    [
        ("2026-03-31", "2026-03-01", 0),
        ("2026-03-31", "2026-03-31", 0),
        ("2026-03-31", "2026-04-01", 1),
        ("2026-03-31", "2026-04-30", 1),
        ("2026-03-31", "2026-05-01", 2),
        ("2026-03-31", "2027-03-31", 12),
        ("2026-03-31", "2027-04-01", 13),
        ("2025-01-31", "2025-02-28", 1),
        ("2025-01-31", "2025-03-01", 2),
        # 31 March 2024 was a Sunday: the term ran to Monday 1 April, and the months count from there.
        ("2024-03-31", "2024-04-01", 0),
        ("2024-03-31", "2024-05-01", 1),
        ("2024-03-31", "2024-05-02", 2),
    ],
)
def test_months_late_count_each_month_or_fraction_from_the_effective_due_date(due, paid_on, months):
    assert months_late(D(due), D(paid_on), RULES) == months


@pytest.mark.parametrize(
    ("principal", "paid_on", "rate", "expected"),
    [
        (49, "2026-04-01", 100, 0),
        (50, "2026-04-01", 100, 1),
        (149, "2026-04-01", 100, 1),
        (150, "2026-04-01", 100, 2),
        (12345, "2026-06-15", 100, 370),
        (12350, "2026-06-15", 100, 371),
        (100000, "2026-03-31", 100, 0),
        (100000, "2026-06-15", 0, 0),
        (100000, "2026-06-15", 250, 7500),
        (0, "2027-06-15", 100, 0),
    ],
)
def test_increments_are_rounded_half_up_to_the_ban(principal, paid_on, rate, expected):
    assert increment(principal, D("2026-03-31"), D(paid_on), Rules(increment_rate_bp=rate)) == expected


def test_increments_on_a_negative_principal_are_refused():
    with pytest.raises(ValueError):
        increment(-1, D("2026-03-31"), D("2026-05-01"), RULES)


@pytest.mark.parametrize(
    "kwargs",
    [
        {"bonus_rate_bp": -1},
        {"bonus_rate_bp": 1001},
        {"increment_rate_bp": -1},
        {"single_payment_threshold": -1},
    ],
)
def test_rules_refuse_rates_and_thresholds_out_of_range(kwargs):
    with pytest.raises(ValueError):
        Rules(**kwargs)


def test_rules_accept_the_ends_of_the_bonus_range_and_default_to_the_law():
    assert Rules(bonus_rate_bp=0).bonus_rate_bp == 0
    assert Rules(bonus_rate_bp=1000).bonus_rate_bp == 1000
    assert (RULES.bonus_rate_bp, RULES.increment_rate_bp, RULES.single_payment_threshold) == (1000, 100, 5000)
    assert RULES.is_working_day(D("2026-03-27"))  # a Friday
    assert not RULES.is_working_day(D("2026-03-28"))  # a Saturday


@pytest.mark.parametrize(
    "build",
    [
        lambda: Terms("parking", 2026, 100, (Instalment(D("2026-03-31"), 100),)),
        lambda: Terms("building", 2026, 100, (Instalment(D("2026-03-31"), 60),)),
        lambda: Terms("building", 2026, 100, (Instalment(D("2026-03-31"), 100), Instalment(D("2026-09-30"), 0))),
        lambda: Terms("building", 2026, 0, ()),
        lambda: Credit(D("2026-03-31"), -1),
        lambda: Credit(D("2026-03-31"), 1, -1),
        lambda: Credit(D("2026-03-31"), 1, 0, -1),
    ],
)
def test_terms_and_credits_refuse_what_makes_no_sense(build):
    with pytest.raises(ValueError):
        build()


def test_the_kinds():
    assert frozenset({"building", "land", "vehicle"}) == ANNUAL_KINDS
    assert KINDS == ("building", "land", "vehicle", "fee", "fine", "other")
