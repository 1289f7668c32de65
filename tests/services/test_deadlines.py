"""Unit tests of the deadline engine: public holidays, due dates, suspensions, extensions, days left."""

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from services.deadlines import Calendar, due_date, working_days_between

quick = settings(max_examples=200, deadline=None)

D = date.fromisoformat

# Labour Code art. 139(1); Orthodox Easter 2025-04-20, 2026-04-12, 2027-05-02, 2028-04-16; Pentecost = Easter + 49.
PUBLIC_HOLIDAYS = {
    2025: {
        "New Year's Day": "2025-01-01",
        "second day of the New Year": "2025-01-02",
        "Epiphany": "2025-01-06",
        "St John the Baptist": "2025-01-07",
        "Union Day": "2025-01-24",
        "Orthodox Good Friday": "2025-04-18",
        "Orthodox Easter Sunday": "2025-04-20",
        "Orthodox Easter Monday": "2025-04-21",
        "Labour Day": "2025-05-01",
        "Children's Day": "2025-06-01",
        "Orthodox Pentecost Sunday": "2025-06-08",
        "Orthodox Pentecost Monday": "2025-06-09",
        "Dormition of the Mother of God": "2025-08-15",
        "St Andrew's Day": "2025-11-30",
        "National Day": "2025-12-01",
        "Christmas Day": "2025-12-25",
        "second day of Christmas": "2025-12-26",
    },
    2026: {
        "New Year's Day": "2026-01-01",
        "second day of the New Year": "2026-01-02",
        "Epiphany": "2026-01-06",
        "St John the Baptist": "2026-01-07",
        "Union Day": "2026-01-24",
        "Orthodox Good Friday": "2026-04-10",
        "Orthodox Easter Sunday": "2026-04-12",
        "Orthodox Easter Monday": "2026-04-13",
        "Labour Day": "2026-05-01",
        "Children's Day": "2026-06-01",
        "Orthodox Pentecost Sunday": "2026-05-31",
        "Orthodox Pentecost Monday": "2026-06-01",
        "Dormition of the Mother of God": "2026-08-15",
        "St Andrew's Day": "2026-11-30",
        "National Day": "2026-12-01",
        "Christmas Day": "2026-12-25",
        "second day of Christmas": "2026-12-26",
    },
    2027: {
        "New Year's Day": "2027-01-01",
        "second day of the New Year": "2027-01-02",
        "Epiphany": "2027-01-06",
        "St John the Baptist": "2027-01-07",
        "Union Day": "2027-01-24",
        "Orthodox Good Friday": "2027-04-30",
        "Orthodox Easter Sunday": "2027-05-02",
        "Orthodox Easter Monday": "2027-05-03",
        "Labour Day": "2027-05-01",
        "Children's Day": "2027-06-01",
        "Orthodox Pentecost Sunday": "2027-06-20",
        "Orthodox Pentecost Monday": "2027-06-21",
        "Dormition of the Mother of God": "2027-08-15",
        "St Andrew's Day": "2027-11-30",
        "National Day": "2027-12-01",
        "Christmas Day": "2027-12-25",
        "second day of Christmas": "2027-12-26",
    },
    2028: {
        "New Year's Day": "2028-01-01",
        "second day of the New Year": "2028-01-02",
        "Epiphany": "2028-01-06",
        "St John the Baptist": "2028-01-07",
        "Union Day": "2028-01-24",
        "Orthodox Good Friday": "2028-04-14",
        "Orthodox Easter Sunday": "2028-04-16",
        "Orthodox Easter Monday": "2028-04-17",
        "Labour Day": "2028-05-01",
        "Children's Day": "2028-06-01",
        "Orthodox Pentecost Sunday": "2028-06-04",
        "Orthodox Pentecost Monday": "2028-06-05",
        "Dormition of the Mother of God": "2028-08-15",
        "St Andrew's Day": "2028-11-30",
        "National Day": "2028-12-01",
        "Christmas Day": "2028-12-25",
        "second day of Christmas": "2028-12-26",
    },
}


# --- Calendar ----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "holiday",
    [
        pytest.param(D(day), id=f"{year} {name}")
        for year, holidays_of_year in PUBLIC_HOLIDAYS.items()
        for name, day in holidays_of_year.items()
    ],
)
def test_every_public_holiday_is_not_a_working_day(holiday):
    assert Calendar().is_working_day(holiday) is False


@pytest.mark.parametrize("year", PUBLIC_HOLIDAYS)
def test_the_table_lists_seventeen_holidays_a_year(year):
    assert len(PUBLIC_HOLIDAYS[year]) == 17


@pytest.mark.parametrize(
    "year, easter", [(2025, "2025-04-20"), (2026, "2026-04-12"), (2027, "2027-05-02"), (2028, "2028-04-16")]
)
def test_pentecost_is_forty_nine_days_after_orthodox_easter(year, easter):
    assert D(PUBLIC_HOLIDAYS[year]["Orthodox Pentecost Sunday"]) == D(easter) + timedelta(days=49)


@pytest.mark.parametrize(
    "day, expected",
    [
        pytest.param("2025-09-10", True, id="an ordinary Wednesday"),
        pytest.param("2025-09-12", True, id="an ordinary Friday"),
        pytest.param("2025-09-13", False, id="a Saturday"),
        pytest.param("2025-09-14", False, id="a Sunday"),
        pytest.param("2025-12-24", True, id="Christmas Eve"),
        pytest.param("2025-12-31", True, id="New Year's Eve"),
        pytest.param("2026-01-05", True, id="the Monday before Epiphany"),
        pytest.param("2026-04-14", True, id="the Tuesday after Orthodox Easter"),
    ],
)
def test_ordinary_weekdays_are_working_days_and_weekends_are_not(day, expected):
    assert Calendar().is_working_day(D(day)) is expected


def test_an_extra_holiday_is_not_a_working_day():
    assert Calendar(extra_holidays=[D("2025-09-26")]).is_working_day(D("2025-09-26")) is False


@pytest.mark.parametrize(
    "day",
    [
        pytest.param("2025-09-27", id="a Saturday"),
        pytest.param("2025-12-26", id="a public holiday"),
    ],
)
def test_an_extra_working_day_is_a_working_day(day):
    assert Calendar(extra_working_days=[D(day)]).is_working_day(D(day)) is True


def test_a_day_cannot_be_both_an_extra_holiday_and_an_extra_working_day():
    with pytest.raises(ValueError, match="2025-09-27"):
        Calendar(extra_holidays=[D("2025-09-27")], extra_working_days=[D("2025-09-27")])


@pytest.mark.parametrize(
    "day, expected",
    [
        pytest.param("2025-09-10", "2025-09-10", id="a working day is its own next working day"),
        pytest.param("2025-09-13", "2025-09-15", id="a Saturday moves to Monday"),
        pytest.param("2025-12-25", "2025-12-29", id="Christmas moves past the weekend to Monday"),
        pytest.param("2026-01-01", "2026-01-05", id="New Year moves to the first Monday"),
        pytest.param("2026-01-06", "2026-01-08", id="Epiphany moves past St John to Thursday"),
    ],
)
def test_next_working_day(day, expected):
    assert Calendar().next_working_day(D(day)) == D(expected)


@pytest.mark.parametrize(
    "day, n, expected",
    [
        pytest.param("2025-09-13", 0, "2025-09-13", id="zero days returns the day itself even on a weekend"),
        pytest.param("2025-09-10", 2, "2025-09-12", id="two days within a week"),
        pytest.param("2025-09-12", 1, "2025-09-15", id="one day from Friday is Monday"),
        pytest.param("2025-12-23", 5, "2026-01-05", id="five days across Christmas and New Year"),
        pytest.param("2026-01-05", -5, "2025-12-23", id="minus five days back across New Year and Christmas"),
        pytest.param("2026-01-08", -2, "2025-12-31", id="minus two days back across Epiphany and New Year"),
        pytest.param("2025-09-15", -1, "2025-09-12", id="minus one day from Monday is Friday"),
    ],
)
def test_add_working_days(day, n, expected):
    assert Calendar().add_working_days(D(day), n) == D(expected)


# --- due_date: calendar days -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "start, days, expected",
    [
        pytest.param("2025-09-10", 15, "2025-09-26", id="DOMAIN worked example: counted 11-25 Sept, act by 26 Sept"),
        pytest.param("2025-12-20", 30, "2026-01-20", id="a petition registered 20 Dec is answered by 20 Jan"),
        pytest.param("2025-12-22", 10, "2026-01-05", id="a term ending on 2 Jan moves past the weekend to 5 Jan"),
        pytest.param("2025-12-26", 10, "2026-01-08", id="a term ending on Epiphany moves past St John"),
        pytest.param("2025-09-10", 0, "2025-09-11", id="a zero-day term ends the next day"),
        pytest.param("2025-09-12", 0, "2025-09-15", id="a zero-day term from Friday ends on Monday"),
    ],
)
def test_a_calendar_day_term_ends_the_day_after_the_last_counted_day(start, days, expected):
    assert due_date(D(start), days, "calendar") == D(expected)


@pytest.mark.parametrize(
    "start, days, expected",
    [
        pytest.param("2025-10-01", 30, "2025-11-03", id="ending on a Saturday moves to Monday"),
        pytest.param("2025-10-02", 30, "2025-11-03", id="ending on a Sunday moves to Monday"),
        pytest.param("2025-01-13", 10, "2025-01-27", id="ending on Union Day moves to Monday"),
        pytest.param("2026-03-31", 9, "2026-04-14", id="ending on Good Friday moves past Easter Monday"),
        pytest.param("2026-04-20", 10, "2026-05-04", id="ending on Labour Day moves to Monday"),
        pytest.param("2026-05-20", 10, "2026-06-02", id="ending on Pentecost Sunday moves past Children's Day"),
        pytest.param("2025-08-04", 10, "2025-08-18", id="ending on the Dormition moves to Monday"),
        pytest.param("2025-11-20", 10, "2025-12-02", id="ending on National Day moves to Tuesday"),
        pytest.param("2025-12-14", 10, "2025-12-29", id="ending on Christmas moves past the weekend"),
    ],
)
def test_a_calendar_day_term_ending_on_a_non_working_day_moves_to_the_next_working_day(start, days, expected):
    assert due_date(D(start), days, "calendar") == D(expected)


# --- due_date: working days --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "start, days, expected",
    [
        pytest.param("2025-09-10", 2, "2025-09-12", id="tax clearance asked on Wednesday is due Friday"),
        pytest.param("2025-09-12", 2, "2025-09-16", id="tax clearance asked on Friday is due Tuesday"),
        pytest.param("2025-09-13", 2, "2025-09-16", id="a request registered on Saturday counts from Monday"),
        pytest.param("2025-04-16", 3, "2025-04-23", id="across Orthodox Easter"),
        pytest.param("2025-12-23", 5, "2026-01-05", id="across Christmas and New Year"),
        pytest.param("2025-12-31", 2, "2026-01-08", id="across New Year, Epiphany and St John"),
        pytest.param("2027-06-18", 1, "2027-06-22", id="across Pentecost"),
        pytest.param("2025-09-10", 0, "2025-09-10", id="a zero-day term on a working day ends the same day"),
        pytest.param("2025-09-13", 0, "2025-09-15", id="a zero-day term on a Saturday ends on Monday"),
    ],
)
def test_a_working_day_term_ends_on_the_last_counted_working_day(start, days, expected):
    assert due_date(D(start), days, "working") == D(expected)


# --- due_date: suspensions ---------------------------------------------------------------------------------------


# fmt: off
SUSPENSION_CASES = [
    pytest.param("2025-09-01", 10, "calendar", [("2025-09-05", "2025-09-08")], "2025-09-15",
                 id="calendar days: a suspension over a weekend holds back three days"),
    pytest.param("2025-12-15", 30, "calendar", [("2025-12-19", "2026-01-07")], "2026-02-03",
                 id="calendar days: a suspension over Christmas, New Year and Epiphany holds back nineteen days"),
    pytest.param("2025-09-01", 5, "working", [("2025-09-03", "2025-09-09")], "2025-09-12",
                 id="working days: a suspension over a weekend holds back four working days"),
    pytest.param("2025-12-15", 10, "working", [("2025-12-19", "2026-01-07")], "2026-01-15",
                 id="working days: a suspension over the winter holidays holds back seven working days"),
    pytest.param("2025-09-01", 15, "calendar", [("2025-09-03", "2025-09-05"), ("2025-09-10", "2025-09-12")], "2025-09-22",
                 id="two suspensions both hold back their days"),
    pytest.param("2025-09-01", 15, "calendar", [("2025-09-03", "2025-09-08"), ("2025-09-05", "2025-09-10")], "2025-09-24",
                 id="overlapping suspensions hold back each day once"),
    pytest.param("2025-09-10", 15, "calendar", [("2025-09-10", "2025-09-15")], "2025-10-01",
                 id="a suspension starting on the start date holds back the days up to the completion"),
    pytest.param("2025-09-10", 2, "working", [("2025-09-10", "2025-09-15")], "2025-09-17",
                 id="working days: a suspension starting on the start date counts from the day after completion"),
    pytest.param("2025-09-10", 15, "calendar", [("2025-09-08", "2025-09-12")], "2025-09-29",
                 id="a suspension straddling the start holds back only the days after the start"),
    pytest.param("2025-09-10", 15, "calendar", [("2025-09-01", "2025-09-05")], "2025-09-26",
                 id="a suspension before the start changes nothing"),
    pytest.param("2025-09-10", 15, "calendar", [("2025-09-15", "2025-09-15")], "2025-09-26",
                 id="a suspension completed the day it was asked holds back nothing"),
    pytest.param("2025-09-10", 15, "calendar", [("2025-09-24", "2025-10-01")], "2025-10-03",
                 id="completion asked the day before the last counted day"),
    pytest.param("2025-09-10", 15, "calendar", [("2025-09-25", "2025-10-02")], "2025-10-03",
                 id="completion asked on the last counted day moves the due date after the completion"),
]
# fmt: on


@pytest.mark.parametrize("start, days, unit, suspensions, expected", SUSPENSION_CASES)
def test_suspended_days_are_not_counted(start, days, unit, suspensions, expected):
    periods = [(D(f), D(t)) for f, t in suspensions]
    assert due_date(D(start), days, unit, suspensions=periods) == D(expected)


def test_a_suspension_ending_before_it_starts_is_refused():
    with pytest.raises(ValueError, match="Suspension"):
        due_date(D("2025-09-10"), 15, "calendar", suspensions=[(D("2025-09-15"), D("2025-09-12"))])


# --- due_date: extensions ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "start, days, unit, extension_days, expected",
    [
        pytest.param("2025-09-10", 15, "calendar", 15, "2025-10-13", id="calendar days: 15 + 15 ending on Saturday"),
        pytest.param("2025-12-20", 30, "calendar", 15, "2026-02-04", id="calendar days: a petition extended by 15"),
        pytest.param("2025-09-10", 2, "working", 3, "2025-09-17", id="working days: 2 + 3"),
        pytest.param("2025-12-23", 2, "working", 3, "2026-01-05", id="working days: 2 + 3 across the holidays"),
    ],
)
def test_an_extension_adds_its_days_in_the_same_unit(start, days, unit, extension_days, expected):
    assert due_date(D(start), days, unit, extension_days=extension_days) == D(expected)


# --- due_date: institution calendar ------------------------------------------------------------------------------


# fmt: off
INSTITUTION_CALENDAR_CASES = [
    pytest.param("2025-09-10", 15, "calendar", Calendar(extra_holidays=[D("2025-09-26")]), "2025-09-29",
                 id="calendar days: a term ending on a bridge day moves to the next working day"),
    pytest.param("2025-09-11", 15, "calendar", Calendar(extra_working_days=[D("2025-09-27")]), "2025-09-27",
                 id="calendar days: a term ending on a worked Saturday ends that Saturday"),
    pytest.param("2025-09-10", 2, "working", Calendar(extra_holidays=[D("2025-09-11")]), "2025-09-15",
                 id="working days: a bridge day is not counted"),
    pytest.param("2025-09-12", 1, "working", Calendar(extra_working_days=[D("2025-09-13")]), "2025-09-13",
                 id="working days: a worked Saturday is counted"),
]
# fmt: on


@pytest.mark.parametrize("start, days, unit, calendar, expected", INSTITUTION_CALENDAR_CASES)
def test_the_institution_calendar_is_honoured(start, days, unit, calendar, expected):
    assert due_date(D(start), days, unit, calendar=calendar) == D(expected)


# --- due_date: invalid input -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "kwargs",
    [
        pytest.param({"days": 15, "unit": "weeks"}, id="an unknown unit"),
        pytest.param({"days": 15, "unit": ""}, id="an empty unit"),
        pytest.param({"days": -1, "unit": "calendar"}, id="negative days"),
        pytest.param({"days": 15, "unit": "calendar", "extension_days": -1}, id="a negative extension"),
    ],
)
def test_invalid_terms_are_refused(kwargs):
    with pytest.raises(ValueError):
        due_date(D("2025-09-10"), **kwargs)


# --- working_days_between ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "a, b, expected",
    [
        pytest.param("2025-09-10", "2025-09-10", 0, id="the same day is zero"),
        pytest.param("2025-09-10", "2025-09-12", 2, id="two days left within a week"),
        pytest.param("2025-09-12", "2025-09-15", 1, id="one day left from Friday to Monday"),
        pytest.param("2025-09-13", "2025-09-14", 0, id="no day left across a weekend alone"),
        pytest.param("2025-12-23", "2026-01-05", 5, id="five days left across Christmas and New Year"),
        pytest.param("2025-12-24", "2025-12-28", 0, id="no working day from Christmas Eve to Sunday"),
        pytest.param("2025-09-15", "2025-09-12", -1, id="one day overdue from Friday to Monday"),
        pytest.param("2026-01-05", "2025-12-23", -5, id="five days overdue across the holidays"),
    ],
)
def test_working_days_between(a, b, expected):
    assert working_days_between(D(a), D(b)) == expected


def test_working_days_between_honours_the_institution_calendar():
    calendar = Calendar(extra_holidays=[D("2025-09-11")], extra_working_days=[D("2025-09-13")])
    assert working_days_between(D("2025-09-10"), D("2025-09-15"), calendar) == 3


# --- properties --------------------------------------------------------------------------------------------------

dates = st.dates(min_value=date(2024, 1, 1), max_value=date(2030, 12, 31))
units = st.sampled_from(["calendar", "working"])
term_days = st.integers(min_value=0, max_value=60)
offsets = st.integers(min_value=-10, max_value=60)
lengths = st.integers(min_value=0, max_value=30)
calendars = st.builds(
    lambda off, on: Calendar(extra_holidays=off, extra_working_days=on - off),
    st.frozensets(dates, max_size=5),
    st.frozensets(dates, max_size=5),
)


@st.composite
def suspensions_near(draw, start):
    """Up to three suspensions starting around ``start``."""
    periods = draw(st.lists(st.tuples(offsets, lengths), max_size=3))
    return [(start + timedelta(days=o), start + timedelta(days=o + n)) for o, n in periods]


@quick
@given(data=st.data(), start=dates, shift=st.integers(0, 40), days=term_days, unit=units)
def test_due_date_never_moves_earlier_when_the_start_moves_later(data, start, shift, days, unit):
    suspensions = data.draw(suspensions_near(start))
    later = start + timedelta(days=shift)
    assert due_date(start, days, unit, suspensions=suspensions) <= due_date(later, days, unit, suspensions=suspensions)


@quick
@given(data=st.data(), start=dates, days=term_days, more=st.integers(0, 30), unit=units)
def test_due_date_never_moves_earlier_when_the_term_is_longer(data, start, days, more, unit):
    suspensions = data.draw(suspensions_near(start))
    assert due_date(start, days, unit, suspensions=suspensions) <= due_date(
        start, days + more, unit, suspensions=suspensions
    )


@quick
@given(data=st.data(), start=dates, days=term_days, extension=st.integers(0, 15), more=st.integers(0, 15), unit=units)
def test_due_date_never_moves_earlier_when_the_extension_is_longer(data, start, days, extension, more, unit):
    suspensions = data.draw(suspensions_near(start))
    shorter = due_date(start, days, unit, suspensions=suspensions, extension_days=extension)
    longer = due_date(start, days, unit, suspensions=suspensions, extension_days=extension + more)
    assert shorter <= longer


@quick
@given(start=dates, days=term_days, unit=units, offset=offsets, length=lengths, more=lengths)
def test_due_date_never_moves_earlier_when_a_suspension_is_longer(start, days, unit, offset, length, more):
    asked = start + timedelta(days=offset)
    shorter = due_date(start, days, unit, suspensions=[(asked, asked + timedelta(days=length))])
    longer = due_date(start, days, unit, suspensions=[(asked, asked + timedelta(days=length + more))])
    assert shorter <= longer


@quick
@given(data=st.data(), start=dates, days=st.integers(1, 60), unit=units, calendar=calendars)
def test_due_date_is_a_working_day_after_the_start(data, start, days, unit, calendar):
    suspensions = data.draw(suspensions_near(start))
    due = due_date(start, days, unit, calendar=calendar, suspensions=suspensions)
    assert due > start
    assert calendar.is_working_day(due)
    assert not any(f < due <= t for f, t in suspensions)


@quick
@given(start=dates, unit=units, calendar=calendars)
def test_a_zero_day_term_ends_on_a_working_day(start, unit, calendar):
    assert calendar.is_working_day(due_date(start, 0, unit, calendar=calendar))


@quick
@given(a=dates, n=st.integers(0, 300), calendar=calendars)
def test_working_days_between_counts_back_what_add_working_days_added(a, n, calendar):
    assert working_days_between(a, calendar.add_working_days(a, n), calendar) == n


@quick
@given(a=dates, b=dates, calendar=calendars)
def test_working_days_between_is_antisymmetric(a, b, calendar):
    assert working_days_between(a, b, calendar) == -working_days_between(b, a, calendar)


def test_a_zero_day_term_registered_on_the_day_a_suspension_ends_is_not_due_that_day():
    """1 January 2024: suspended up to 3 January; registered on the 3rd, a 0-day working term is due on the 4th, as
    for the same case registered on the 1st (the due date never falls inside a suspension, nor moves earlier when
    the start moves later)."""
    suspended = [(date(2024, 1, 1), date(2024, 1, 3))]
    assert due_date(date(2024, 1, 3), 0, "working", suspensions=suspended) == date(2024, 1, 4)
    assert due_date(date(2024, 1, 1), 0, "working", suspensions=suspended) == date(2024, 1, 4)
