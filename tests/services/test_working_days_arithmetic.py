"""The working-day arithmetic (weeks plus sorted exceptions) agrees with counting day by day, in time set by years."""

from datetime import date, timedelta
from functools import cache

import holidays
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from services import deadlines
from services.deadlines import Calendar, due_date, working_days_between

D = date.fromisoformat
ONE_DAY = timedelta(days=1)

# 2025: Orthodox Good Friday 18 April, Easter Monday 21 April; 1 May a Thursday; 30 November a Sunday, 1 December a
# Monday. The bridge day 2 May 2025 and its recovery on Saturday 17 May are examples, not the Government's decision.
BRIDGE = Calendar(extra_holidays=[D("2025-05-02")], extra_working_days=[D("2025-05-17")])
WEEKEND_WORKED = Calendar(extra_working_days=[D("2025-05-17"), D("2025-05-18")])
DEFAULT = Calendar()


def counted_day_by_day(a, b, calendar):
    """The reference: working days after ``a`` up to and including ``b``, negated when ``b`` comes first."""
    if b < a:
        return -counted_day_by_day(b, a, calendar)
    return sum(calendar.is_working_day(a + timedelta(days=i)) for i in range(1, (b - a).days + 1))


def stepped_day_by_day(d, n, calendar):
    """The reference: the ``n``-th working day after ``d`` (before it when ``n`` is negative)."""
    step = ONE_DAY if n >= 0 else -ONE_DAY
    remaining = abs(n)
    while remaining:
        d += step
        if calendar.is_working_day(d):
            remaining -= 1
    return d


def due_date_day_by_day(start, days, unit, calendar, suspensions, extension_days):
    """The reference: the rule of DOMAIN.md walked one day at a time."""

    # Only suspensions that reach the start hold a day back (none counted before it; the due day never inside one).
    active = [(f, t) for f, t in suspensions if t >= start]

    def suspended(d):
        return any(f < d <= t for f, t in active)

    last_counted, remaining = start, days + extension_days
    while remaining:
        last_counted += ONE_DAY
        if (unit == "calendar" or calendar.is_working_day(last_counted)) and not suspended(last_counted):
            remaining -= 1
    due = last_counted if unit == "working" else last_counted + ONE_DAY
    while not calendar.is_working_day(due) or suspended(due):
        due += ONE_DAY
    return due


# --- examples ----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("a", "b", "calendar", "expected"),
    [
        pytest.param("2025-04-17", "2025-04-22", DEFAULT, 1, id="Orthodox Good Friday to Easter Monday are off"),
        pytest.param("2025-04-22", "2025-04-17", DEFAULT, -1, id="overdue across Orthodox Easter"),
        pytest.param("2025-11-28", "2025-12-02", DEFAULT, 1, id="1 December on a Monday is off"),
        pytest.param("2025-12-24", "2026-01-08", DEFAULT, 5, id="Christmas, New Year and Epiphany are off"),
        pytest.param("2025-12-31", "2026-01-01", DEFAULT, 0, id="the last day of the year is not counted"),
        pytest.param("2025-12-30", "2025-12-31", DEFAULT, 1, id="the last day of the year is counted as b"),
        pytest.param("2025-04-30", "2025-05-05", DEFAULT, 2, id="2 May is worked without a bridge day"),
        pytest.param("2025-04-30", "2025-05-05", BRIDGE, 1, id="a bridge day is off"),
        pytest.param("2025-05-16", "2025-05-19", BRIDGE, 2, id="a recovered Saturday is worked"),
        pytest.param("2025-05-19", "2025-05-16", BRIDGE, -2, id="overdue across a recovered Saturday"),
        pytest.param("2025-09-10", "2025-09-10", DEFAULT, 0, id="the same day"),
        pytest.param("2016-01-01", "2026-11-30", DEFAULT, 2736, id="a decade overdue"),
        pytest.param("2026-11-30", "2016-01-01", DEFAULT, -2736, id="a decade overdue, counted back"),
    ],
)
def test_working_days_between_examples(a, b, calendar, expected):
    assert working_days_between(D(a), D(b), calendar) == expected
    assert counted_day_by_day(D(a), D(b), calendar) == expected


@pytest.mark.parametrize(
    ("day", "n", "calendar", "expected"),
    [
        pytest.param("2025-04-17", 1, DEFAULT, "2025-04-22", id="over Orthodox Easter"),
        pytest.param("2025-04-22", -1, DEFAULT, "2025-04-17", id="back over Orthodox Easter"),
        pytest.param("2025-11-28", 1, DEFAULT, "2025-12-02", id="over 30 November and 1 December"),
        pytest.param("2025-12-24", 3, DEFAULT, "2025-12-31", id="to the last day of the year"),
        pytest.param("2025-12-31", 1, DEFAULT, "2026-01-05", id="over the year end"),
        pytest.param("2026-01-05", -1, DEFAULT, "2025-12-31", id="back over the year end"),
        pytest.param("2025-04-30", 1, BRIDGE, "2025-05-05", id="over a bridge day"),
        pytest.param("2025-05-16", 1, BRIDGE, "2025-05-17", id="to a recovered Saturday"),
        pytest.param("2025-05-19", -1, BRIDGE, "2025-05-17", id="back to a recovered Saturday"),
        pytest.param("2025-05-16", 2, WEEKEND_WORKED, "2025-05-18", id="a worked weekend before the next weekday"),
        pytest.param("2025-05-19", -2, WEEKEND_WORKED, "2025-05-17", id="a worked weekend, counted back"),
        pytest.param("2025-04-18", 0, DEFAULT, "2025-04-18", id="zero days leave the day as it is"),
        pytest.param("2016-01-01", 2736, DEFAULT, "2026-11-27", id="a decade ahead, before St Andrew's Day"),
    ],
)
def test_add_working_days_examples(day, n, calendar, expected):
    assert calendar.add_working_days(D(day), n) == D(expected)
    assert stepped_day_by_day(D(day), n, calendar) == D(expected)


@pytest.mark.parametrize(
    ("day", "calendar", "expected"),
    [
        pytest.param("2025-04-18", DEFAULT, "2025-04-22", id="from Orthodox Good Friday"),
        pytest.param("2025-12-25", DEFAULT, "2025-12-29", id="from Christmas"),
        pytest.param("2025-05-02", BRIDGE, "2025-05-05", id="from a bridge day"),
        pytest.param("2025-05-17", BRIDGE, "2025-05-17", id="a recovered Saturday is itself"),
    ],
)
def test_next_working_day_examples(day, calendar, expected):
    assert calendar.next_working_day(D(day)) == D(expected)


# --- properties: the arithmetic equals the day-by-day count --------------------------------------------------------

span = st.dates(min_value=date(1990, 1, 1), max_value=date(2060, 12, 31))


@st.composite
def near_or_far(draw, a):
    """Another day of the span: close to ``a`` (most deadlines) or anywhere (forgotten cases)."""
    return draw(st.one_of(st.integers(-40, 40).map(lambda n: a + timedelta(days=n)), span))


@cache
def public_holidays(years):
    """The public holidays of some years, sorted (the ``holidays`` package knows none before 1997)."""
    return sorted(holidays.country_holidays("RO", years=sorted(years)))


@st.composite
def calendars_around(draw, a, b):
    """A calendar whose few extra days fall where they matter: at both ends of ``[a, b]``, inside it, or on one of
    its public holidays (an extra working day wins over a public holiday)."""
    lo, hi = min(a, b) - timedelta(days=15), max(a, b) + timedelta(days=15)
    public = public_holidays(frozenset({lo.year, hi.year}))
    days = st.one_of(
        st.dates(lo, min(lo + timedelta(days=40), hi)),
        st.dates(max(hi - timedelta(days=40), lo), hi),
        st.dates(lo, hi),
        *([st.sampled_from(public)] if public else []),
    )
    off = draw(st.frozensets(days, max_size=6))
    on = draw(st.frozensets(days, max_size=6))
    return Calendar(extra_holidays=off, extra_working_days=on - off)


@settings(max_examples=300, deadline=None)
@given(data=st.data(), a=span)
def test_working_days_between_equals_the_day_by_day_count(data, a):
    b = data.draw(near_or_far(a))
    calendar = data.draw(calendars_around(a, b))
    assert working_days_between(a, b, calendar) == counted_day_by_day(a, b, calendar)


@settings(max_examples=300, deadline=None)
@given(data=st.data(), d=span, n=st.one_of(st.integers(-40, 40), st.integers(-3000, 3000)))
def test_add_working_days_equals_stepping_day_by_day(data, d, n):
    calendar = data.draw(calendars_around(d, d + timedelta(days=n * 7 // 5)))
    assert calendar.add_working_days(d, n) == stepped_day_by_day(d, n, calendar)


@settings(max_examples=200, deadline=None)
@given(data=st.data(), d=span)
def test_next_working_day_equals_stepping_day_by_day(data, d):
    calendar = data.draw(calendars_around(d, d + timedelta(days=10)))
    expected = d if calendar.is_working_day(d) else stepped_day_by_day(d, 1, calendar)
    assert calendar.next_working_day(d) == expected


@st.composite
def suspensions_around(draw, start):
    """Up to four suspensions near ``start``, short or years long, overlapping or not."""
    periods = draw(
        st.lists(st.tuples(st.integers(-30, 90), st.one_of(st.integers(0, 30), st.integers(0, 2000))), max_size=4)
    )
    return [(start + timedelta(days=o), start + timedelta(days=o + n)) for o, n in periods]


@settings(max_examples=300, deadline=None)
@given(
    data=st.data(),
    start=span,
    days=st.integers(0, 60),
    unit=st.sampled_from(["calendar", "working"]),
    extension_days=st.integers(0, 15),
)
def test_due_date_equals_the_day_by_day_rule(data, start, days, unit, extension_days):
    suspensions = data.draw(suspensions_around(start))
    calendar = data.draw(calendars_around(start, start + timedelta(days=120)))
    expected = due_date_day_by_day(start, days, unit, calendar, suspensions, extension_days)
    actual = due_date(start, days, unit, calendar=calendar, suspensions=suspensions, extension_days=extension_days)
    assert actual == expected


# --- the guard of constant time ------------------------------------------------------------------------------------


@pytest.fixture
def day_checks(monkeypatch):
    """Counts the calls of the per-day check and of the per-year look-up of the public holidays."""
    calls = {"is_working_day": 0, "public_holidays": 0}
    is_working_day, public_holidays = Calendar.is_working_day, deadlines._public_weekdays_off

    def counting_is_working_day(self, d):
        calls["is_working_day"] += 1
        return is_working_day(self, d)

    def counting_public_holidays(year):
        calls["public_holidays"] += 1
        return public_holidays(year)

    monkeypatch.setattr(Calendar, "is_working_day", counting_is_working_day)
    monkeypatch.setattr(deadlines, "_public_weekdays_off", counting_public_holidays)
    return calls


def test_counting_thirty_years_does_not_check_day_by_day(day_checks):
    calendar = Calendar(extra_holidays=[D("2005-05-02")], extra_working_days=[D("2005-05-14")])
    assert working_days_between(D("1996-01-01"), D("2026-01-01"), calendar) > 7000
    assert working_days_between(D("2026-01-01"), D("1996-01-01"), calendar) < -7000
    assert day_checks["is_working_day"] <= 10


def test_adding_thirty_years_of_working_days_does_not_step_day_by_day(day_checks):
    calendar = Calendar(extra_holidays=[D("2005-05-02")], extra_working_days=[D("2005-05-14")])
    assert calendar.add_working_days(D("1996-01-01"), 7500) > D("2024-01-01")
    assert calendar.add_working_days(D("2026-01-01"), -7500) < D("1998-01-01")
    assert day_checks["is_working_day"] <= 20


def test_a_term_resuming_after_a_years_long_suspension_does_not_step_day_by_day(day_checks):
    suspensions = [(D("2000-03-01"), D("2025-03-03")), (D("2025-03-10"), D("2025-03-12"))]
    due = due_date(D("2000-01-10"), 60, "working", suspensions=suspensions)
    assert day_checks["is_working_day"] <= 20
    assert due == due_date_day_by_day(D("2000-01-10"), 60, "working", Calendar(), suspensions, 0)


def test_each_year_is_looked_up_once_per_calendar(day_checks):
    calendar = Calendar()
    for _ in range(3):
        working_days_between(D("1996-01-01"), D("2026-01-01"), calendar)
    assert day_checks["public_holidays"] <= 31
