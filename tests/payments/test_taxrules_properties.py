"""Properties of the tax arithmetic, checked by Hypothesis over generated obligations, histories and days."""

from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from payments.taxrules import (
    ANNUAL_KINDS,
    KINDS,
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

from .test_taxrules import OTHER_KINDS, RULES, paid

quick = settings(max_examples=200, deadline=None)


# --- Properties ------------------------------------------------------------------------------------------------------

# Fixed public holidays of Labour Code art. 139(1), and 31 March in some years, for calendars with days off.
FIXED_HOLIDAYS = [
    (1, 1),
    (1, 2),
    (1, 6),
    (1, 7),
    (1, 24),
    (3, 31),
    (5, 1),
    (6, 1),
    (8, 15),
    (11, 30),
    (12, 1),
    (12, 25),
]


def _calendar(off):
    return lambda d: d.weekday() < 5 and (d.month, d.day) not in off


rules_st = st.builds(
    Rules,
    bonus_rate_bp=st.integers(0, 1000),
    increment_rate_bp=st.integers(0, 500),
    single_payment_threshold=st.integers(0, 20000),
    is_working_day=st.one_of(
        st.just(Rules().is_working_day),
        st.builds(_calendar, st.frozensets(st.sampled_from(FIXED_HOLIDAYS))),
    ),
)
years = st.integers(2020, 2030)
amounts = st.integers(1, 10_000_000)


@st.composite
def terms_for(draw, rules, kinds=KINDS):
    kind = draw(st.sampled_from(kinds))
    year = draw(years)
    amount = draw(amounts)
    if kind in ANNUAL_KINDS:
        kind_total = draw(st.none() | st.integers(amount, amount + 20000))
        plan = instalment_plan(kind, year, amount, rules, kind_total=kind_total)
    else:
        due = date(year, 1, 1) + timedelta(days=draw(st.integers(0, 364)))
        plan = instalment_plan(kind, year, amount, rules, due=due)
    return Terms(kind, year, amount, plan)


@st.composite
def histories(draw, rules, terms):
    """Up to four payments made through ``allocate``, in part or in full, and the day of the last."""
    day = date(terms.fiscal_year, 1, 1) + timedelta(days=draw(st.integers(0, 120)))
    credits = []
    for _ in range(draw(st.integers(0, 4))):
        day += timedelta(days=draw(st.integers(0, 150)))
        owed = owed_on(terms, credits, day, rules).to_settle
        amount = draw(st.integers(0, owed) | st.just(owed))
        credits += [credit for _, credit in allocate(amount, [(0, terms, credits)], day, rules)]
    return credits, day


@st.composite
def scenarios(draw, kinds=KINDS):
    rules = draw(rules_st)
    terms = draw(terms_for(rules, kinds))
    credits, day = draw(histories(rules, terms))
    return rules, terms, credits, day


later = st.integers(0, 900).map(lambda n: timedelta(days=n))


@quick
@given(scenario=scenarios(), wait=later, after=later, data=st.data())
def test_paying_part_of_what_is_owed_never_raises_what_is_owed_then_or_later(scenario, wait, after, data):
    rules, terms, credits, day = scenario
    day += wait
    owed = owed_on(terms, credits, day, rules).to_settle
    amount = data.draw(st.integers(0, owed))
    new = [credit for _, credit in allocate(amount, [(0, terms, credits)], day, rules)]
    assert sum(map(paid, new)) == amount
    for asked in (day, day + after):
        before = owed_on(terms, credits, asked, rules).to_settle
        assert owed_on(terms, [*credits, *new], asked, rules).to_settle <= before
    # Less what was paid, give or take the one ban of rounding the increments of a split instalment in two chunks.
    assert owed_on(terms, [*credits, *new], day, rules).to_settle <= owed - amount + 1


@quick
@given(scenario=scenarios(), wait=later, after=later)
def test_settle_followed_by_owed_on_the_same_day_or_later_leaves_nothing_to_pay(scenario, wait, after):
    rules, terms, credits, day = scenario
    day += wait
    before = owed_on(terms, credits, day, rules)
    credit = settle(terms, credits, day, rules)
    assert paid(credit) == before.to_settle
    assert owed_on(terms, [*credits, credit], day, rules) == Owed(day, 0, 0, 0, 0, None)
    assert owed_on(terms, [*credits, credit], day + after, rules).to_settle == 0


@quick
@given(scenario=scenarios(), asked=st.integers(-400, 1500))
def test_to_settle_is_never_negative_and_the_bonus_never_exceeds_the_principal(scenario, asked):
    rules, terms, credits, day = scenario
    owed = owed_on(terms, credits, date(terms.fiscal_year, 1, 1) + timedelta(days=asked), rules)
    assert owed.to_settle >= 0
    assert min(owed.principal_overdue, owed.principal_due, owed.increments, owed.bonus) >= 0
    assert owed.bonus <= owed.principal_overdue + owed.principal_due


@quick
@given(scenario=scenarios(), after=st.integers(1, 1500))
def test_the_bonus_is_zero_every_day_after_the_effective_31_march(scenario, after):
    rules, terms, credits, _ = scenario
    day = bonus_deadline(terms.fiscal_year, rules) + timedelta(days=after)
    assert owed_on(terms, credits, day, rules).bonus == 0
    assert settle(terms, credits, day, rules).bonus == 0


@quick
@given(scenario=scenarios(kinds=OTHER_KINDS), asked=st.integers(-400, 1500))
def test_the_bonus_is_zero_for_fees_fines_and_other_obligations(scenario, asked):
    rules, terms, credits, _ = scenario
    day = date(terms.fiscal_year, 1, 1) + timedelta(days=asked)
    assert owed_on(terms, credits, day, rules).bonus == 0
    assert all(credit.bonus == 0 for credit in credits)


@quick
@given(scenario=scenarios(kinds=tuple(ANNUAL_KINDS)))
def test_the_bonus_is_the_council_s_rate_of_the_whole_tax_for_a_year_untouched_before_31_march(scenario):
    rules, terms, _, _ = scenario
    day = date(terms.fiscal_year, 1, 2)
    expected = Decimal(terms.amount * rules.bonus_rate_bp) / 10000
    assert owed_on(terms, [], day, rules).bonus == int(expected.quantize(Decimal(1), rounding=ROUND_HALF_UP))


@quick
@given(scenario=scenarios(), first=later, second=later)
def test_increments_never_decrease_as_the_day_grows_with_no_new_credits(scenario, first, second):
    rules, terms, credits, day = scenario
    earlier, later_day = day + min(first, second), day + max(first, second)
    assert owed_on(terms, credits, earlier, rules).increments <= owed_on(terms, credits, later_day, rules).increments


@quick
@given(data=st.data(), rules=rules_st, count=st.integers(1, 4), day=st.integers(0, 1500))
def test_allocate_splits_the_whole_amount_in_the_legal_order(data, rules, count, day):
    obligations = []
    for index in range(count):
        terms = data.draw(terms_for(rules))
        credits, _ = data.draw(histories(rules, terms))
        obligations.append((index, terms, credits))
    pay_day = date(2020, 1, 1) + timedelta(days=day)
    owed = {key: owed_on(terms, credits, pay_day, rules) for key, terms, credits in obligations}
    total = sum(o.to_settle for o in owed.values())
    amount = data.draw(st.integers(0, total) | st.just(total))
    parts = allocate(amount, obligations, pay_day, rules)
    assert sum(paid(credit) for _, credit in parts) == amount
    assert len({key for key, _ in parts}) == len(parts)
    after = {
        key: owed_on(terms, [*credits, *(c for k, c in parts if k == key)], pay_day, rules)
        for key, terms, credits in obligations
    }
    assert all(after[key].to_settle <= owed[key].to_settle for key in owed)
    # Only the last obligation reached may be left paid in part, and it then gets no bonus.
    partial = [key for key, credit in parts if after[key].to_settle]
    assert not partial or partial == [parts[-1][0]]
    assert all(credit.bonus == 0 for key, credit in parts if key in partial)
    # Within one obligation the principal goes first: no increments paid while principal is left.
    for key, credit in parts:
        if credit.increments:
            assert after[key].principal_overdue + after[key].principal_due == 0
    if amount == total:
        assert all(o.to_settle == 0 for o in after.values())


@quick
@given(rules=rules_st, kind=st.sampled_from(KINDS), year=years, amount=amounts, extra=st.integers(0, 20000))
def test_instalment_amounts_sum_to_the_obligation_amount(rules, kind, year, amount, extra):
    if kind in ANNUAL_KINDS:
        plan = instalment_plan(kind, year, amount, rules, kind_total=amount + extra)
        assert [inst.due for inst in plan] in ([date(year, 3, 31)], [date(year, 3, 31), date(year, 9, 30)])
        assert plan[0].amount - plan[-1].amount in (0, 1)
    else:
        plan = instalment_plan(kind, year, amount, rules, due=date(year, 7, 1))
        assert len(plan) == 1
    assert sum(inst.amount for inst in plan) == amount
    assert all(inst.amount > 0 for inst in plan)


@quick
@given(due=st.dates(date(2020, 1, 1), date(2030, 12, 31)), wait=st.integers(0, 800), rules=rules_st)
def test_months_late_is_the_smallest_number_of_months_reaching_the_payment_day(due, wait, rules):
    paid_on = due + timedelta(days=wait)
    start = effective_due(due, rules)
    months = months_late(due, paid_on, rules)
    if paid_on <= start:
        assert months == 0
    else:
        assert months >= 1
        assert add_months(start, months) >= paid_on
        assert months == 1 or add_months(start, months - 1) < paid_on


@quick
@given(principal=st.integers(0, 10**9), due=st.dates(date(2020, 1, 1), date(2030, 12, 31)), wait=st.integers(0, 800))
def test_increments_agree_with_decimal_half_up_rounding(principal, due, wait):
    paid_on = due + timedelta(days=wait)
    exact = Decimal(principal) * months_late(due, paid_on, RULES) / 100
    assert increment(principal, due, paid_on, RULES) == int(exact.quantize(Decimal(1), rounding=ROUND_HALF_UP))


@quick
@given(due=st.dates(date(2020, 1, 1), date(2030, 12, 31)), rules=rules_st)
def test_the_effective_due_date_is_the_first_working_day_on_or_after_the_due_date(due, rules):
    shifted = effective_due(due, rules)
    assert shifted >= due
    assert rules.is_working_day(shifted)
    assert not any(rules.is_working_day(due + timedelta(days=n)) for n in range((shifted - due).days))
