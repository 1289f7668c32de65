"""The deadline engine explains its count: the explanation's due date is `due_date`'s, and its parts add up."""

import dataclasses
from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from services import deadlines
from services.deadlines import Calendar, DayOff, Suspended, due_date, explain_due_date, public_holiday_name

from .test_deadlines import INSTITUTION_CALENDAR_CASES, SUSPENSION_CASES, calendars, dates, suspensions_near, units
from .test_working_days_arithmetic import BRIDGE, due_date_day_by_day

D = date.fromisoformat
ONE_DAY = timedelta(days=1)
thorough = settings(max_examples=400, deadline=None)


def days_of(explanation_days, why):
    return [d.day for d in explanation_days if d.why == why]


# --- the explanation's due date is the due date ------------------------------------------------------------------


@pytest.mark.parametrize("start, days, unit, suspensions, expected", SUSPENSION_CASES)
def test_the_explanation_gives_the_due_date_of_every_suspension_example(start, days, unit, suspensions, expected):
    periods = [(D(f), D(t)) for f, t in suspensions]

    assert explain_due_date(D(start), days, unit, suspensions=periods).due == D(expected)


@pytest.mark.parametrize("start, days, unit, calendar, expected", INSTITUTION_CALENDAR_CASES)
def test_the_explanation_gives_the_due_date_of_every_institution_calendar_example(
    start, days, unit, calendar, expected
):
    assert explain_due_date(D(start), days, unit, calendar=calendar).due == D(expected)


@thorough
@given(
    data=st.data(),
    start=dates,
    days=st.integers(0, 60),
    unit=units,
    extension_days=st.integers(0, 20),
    calendar=calendars,
)
def test_the_explanation_and_due_date_agree_with_the_day_by_day_rule(
    data, start, days, unit, extension_days, calendar
):
    suspensions = data.draw(suspensions_near(start))

    explained = explain_due_date(
        start, days, unit, calendar=calendar, suspensions=suspensions, extension_days=extension_days
    )

    expected = due_date_day_by_day(start, days, unit, calendar, suspensions, extension_days)
    assert explained.due == expected
    assert due_date(start, days, unit, calendar=calendar, suspensions=suspensions, extension_days=extension_days) == (
        explained.due
    )


# --- its parts add up --------------------------------------------------------------------------------------------


def suspended(d, suspensions, start):
    return any(f < d <= t for f, t in suspensions if t >= start)


@thorough
@given(
    data=st.data(),
    start=dates,
    days=st.integers(1, 60),
    unit=units,
    extension_days=st.integers(0, 20),
    calendar=calendars,
)
def test_every_day_of_the_counted_span_is_counted_skipped_or_suspended(
    data, start, days, unit, extension_days, calendar
):
    suspensions = data.draw(suspensions_near(start))
    explained = explain_due_date(
        start, days, unit, calendar=calendar, suspensions=suspensions, extension_days=extension_days
    )

    span = [start + ONE_DAY * i for i in range(1, (explained.last_counted_day - start).days + 1)]
    in_suspension = [d for d in span if suspended(d, suspensions, start)]
    skipped = [d.day for d in explained.skipped]
    counted = [d for d in span if d not in in_suspension and d not in skipped]
    assert len(counted) == days + extension_days
    assert explained.last_counted_day in counted
    assert all(calendar.is_working_day(d) for d in counted) or unit == "calendar"
    assert not set(skipped) & set(in_suspension)
    # The days held back are the countable days inside the suspensions, once each.
    countable = [d for d in in_suspension if unit == "calendar" or calendar.is_working_day(d)]
    assert explained.suspended_days == len(countable)


@thorough
@given(data=st.data(), start=dates, days=st.integers(0, 60), unit=units, calendar=calendars)
def test_the_due_date_moved_only_over_days_off_and_suspended_days(data, start, days, unit, calendar):
    suspensions = data.draw(suspensions_near(start))
    explained = explain_due_date(start, days, unit, calendar=calendar, suspensions=suspensions)

    ruled = explained.last_counted_day + (ONE_DAY if unit == "calendar" else timedelta(0))
    assert (explained.moved_from or explained.due) == ruled
    moved_over = [d.day for d in explained.moved_over]
    assert moved_over == [ruled + ONE_DAY * i for i in range((explained.due - ruled).days)]
    for day_off in explained.moved_over:
        if day_off.why == "suspended":
            assert any(f < day_off.day <= t for f, t in suspensions)
        else:
            assert not calendar.is_working_day(day_off.day)


# --- calendar-day terms: the days the due date moves over ---------------------------------------------------------


def test_a_term_ending_the_day_before_national_day_moves_over_it():
    explained = explain_due_date(D("2025-11-20"), 10, "calendar")

    assert explained.last_counted_day == D("2025-11-30")
    assert explained.moved_from == D("2025-12-01")
    assert explained.moved_over == (DayOff(D("2025-12-01"), "public_holiday"),)
    assert explained.due == D("2025-12-02")
    assert explained.skipped == ()  # calendar days count weekends and holidays alike


def test_a_term_ending_on_christmas_eve_moves_over_christmas_and_the_weekend():
    explained = explain_due_date(D("2025-12-14"), 10, "calendar")

    assert explained.moved_over == (
        DayOff(D("2025-12-25"), "public_holiday"),
        DayOff(D("2025-12-26"), "public_holiday"),
        DayOff(D("2025-12-27"), "weekend"),
        DayOff(D("2025-12-28"), "weekend"),
    )
    assert explained.due == D("2025-12-29")


def test_a_term_whose_next_day_is_a_working_day_is_not_moved():
    explained = explain_due_date(D("2025-09-10"), 15, "calendar")

    assert (explained.last_counted_day, explained.moved_from, explained.due) == (
        D("2025-09-25"),
        None,
        D("2025-09-26"),
    )
    assert explained.moved_over == ()


# --- working-day terms: the days skipped -------------------------------------------------------------------------


def test_a_working_day_term_over_orthodox_easter_skips_good_friday_and_easter_monday():
    explained = explain_due_date(D("2025-04-16"), 3, "working")

    assert explained.due == explained.last_counted_day == D("2025-04-23")
    assert days_of(explained.skipped, "public_holiday") == [D("2025-04-18"), D("2025-04-21")]
    assert days_of(explained.skipped, "weekend") == [D("2025-04-19"), D("2025-04-20")]  # Easter Sunday is a Sunday


def test_a_working_day_term_over_christmas_and_new_year_lists_the_holidays_and_counts_the_weekends():
    explained = explain_due_date(D("2025-12-23"), 5, "working")

    assert explained.due == D("2026-01-05")
    assert days_of(explained.skipped, "public_holiday") == [
        D(d) for d in ("2025-12-25", "2025-12-26", "2026-01-01", "2026-01-02")
    ]
    assert len(days_of(explained.skipped, "weekend")) == 4


def test_a_working_day_term_skips_the_institutions_extra_day_off():
    explained = explain_due_date(D("2025-04-30"), 2, "working", calendar=BRIDGE)

    assert explained.due == D("2025-05-06")
    assert explained.skipped == (
        DayOff(D("2025-05-01"), "public_holiday"),
        DayOff(D("2025-05-02"), "day_off"),
        DayOff(D("2025-05-03"), "weekend"),
        DayOff(D("2025-05-04"), "weekend"),
    )


def test_a_working_day_term_counts_a_recovered_saturday():
    explained = explain_due_date(D("2025-05-16"), 1, "working", calendar=BRIDGE)

    assert explained.due == D("2025-05-17")
    assert explained.worked == (D("2025-05-17"),)
    assert explained.skipped == ()


def test_a_recovered_saturday_outside_the_span_is_not_mentioned():
    assert explain_due_date(D("2025-05-05"), 3, "working", calendar=BRIDGE).worked == ()


def test_a_calendar_day_term_mentions_no_worked_day():
    assert explain_due_date(D("2025-05-10"), 15, "calendar", calendar=BRIDGE).worked == ()


# --- suspensions -------------------------------------------------------------------------------------------------


def test_overlapping_suspensions_are_merged_and_hold_back_each_day_once():
    explained = explain_due_date(
        D("2025-09-01"),
        15,
        "calendar",
        suspensions=[(D("2025-09-05"), D("2025-09-10")), (D("2025-09-03"), D("2025-09-08"))],
    )

    assert explained.suspensions == (Suspended(D("2025-09-03"), D("2025-09-10"), 7),)
    assert explained.suspended_days == 7
    assert explained.due == D("2025-09-24")


def test_touching_suspensions_are_merged():
    explained = explain_due_date(
        D("2025-09-01"),
        15,
        "calendar",
        suspensions=[(D("2025-09-03"), D("2025-09-05")), (D("2025-09-05"), D("2025-09-08"))],
    )

    assert explained.suspensions == (Suspended(D("2025-09-03"), D("2025-09-08"), 5),)


def test_a_working_day_suspension_holds_back_only_working_days():
    explained = explain_due_date(D("2025-12-15"), 10, "working", suspensions=[(D("2025-12-19"), D("2026-01-07"))])

    assert explained.suspensions == (Suspended(D("2025-12-19"), D("2026-01-07"), 7),)
    assert explained.due == D("2026-01-15")
    # The holidays inside the suspension are the suspension's, not listed as skipped.
    assert not [d for d in explained.skipped if D("2025-12-19") < d.day <= D("2026-01-07")]


def test_a_suspension_straddling_the_start_holds_back_only_the_days_after_it():
    explained = explain_due_date(D("2025-09-10"), 15, "calendar", suspensions=[(D("2025-09-08"), D("2025-09-12"))])

    assert explained.suspensions == (Suspended(D("2025-09-10"), D("2025-09-12"), 2),)
    assert explained.held_back_by(D("2025-09-08"), D("2025-09-12")) == 2


def test_a_completion_asked_on_the_last_counted_day_holds_nothing_back_but_moves_the_due_date():
    explained = explain_due_date(D("2025-09-10"), 15, "calendar", suspensions=[(D("2025-09-25"), D("2025-10-02"))])

    assert explained.last_counted_day == D("2025-09-25")
    assert explained.suspensions == (Suspended(D("2025-09-25"), D("2025-10-02"), 0),)
    assert explained.moved_from == D("2025-09-26")
    assert {d.why for d in explained.moved_over} == {"suspended"}
    assert len(explained.moved_over) == 7
    assert explained.due == D("2025-10-03")


def test_a_suspension_before_the_start_is_not_in_the_explanation():
    explained = explain_due_date(D("2025-09-10"), 15, "calendar", suspensions=[(D("2025-09-01"), D("2025-09-05"))])

    assert explained.suspensions == ()
    assert explained.due == D("2025-09-26")


def test_held_back_by_counts_each_suspension_of_a_case_on_its_own():
    explained = explain_due_date(
        D("2025-09-01"),
        15,
        "calendar",
        suspensions=[(D("2025-09-03"), D("2025-09-05")), (D("2025-09-10"), D("2025-09-12"))],
    )

    assert explained.held_back_by(D("2025-09-03"), D("2025-09-05")) == 2
    assert explained.held_back_by(D("2025-09-10"), D("2025-09-12")) == 2
    assert explained.suspended_days == 4
    assert explained.due == D("2025-09-22")


# --- extensions --------------------------------------------------------------------------------------------------


def test_an_extension_is_explained_in_the_unit_of_the_term():
    explained = explain_due_date(D("2025-09-10"), 15, "calendar", extension_days=15)

    assert (explained.days, explained.extension_days, explained.total_days) == (15, 15, 30)
    assert explained.last_counted_day == D("2025-10-10")
    assert explained.moved_from == D("2025-10-11")
    assert [d.why for d in explained.moved_over] == ["weekend", "weekend"]
    assert explained.due == D("2025-10-13")


def test_an_extended_working_day_term_skips_the_holidays_of_the_extension_too():
    explained = explain_due_date(D("2025-12-23"), 2, "working", extension_days=3)

    assert explained.due == D("2026-01-05")
    assert D("2026-01-01") in days_of(explained.skipped, "public_holiday")


# --- the explanation is cheap when only the date is wanted ------------------------------------------------------


def test_the_lists_of_days_are_computed_only_when_asked_for(monkeypatch):
    explained = explain_due_date(D("2025-12-23"), 5, "working", suspensions=[(D("2025-12-24"), D("2025-12-29"))])

    assert {"skipped", "moved_over", "worked"}.isdisjoint(vars(explained))
    assert explained.skipped
    assert "skipped" in vars(explained)


def test_due_date_is_the_explanations_due_date(monkeypatch):
    calls = []
    original = deadlines.explain_due_date

    def spy(*args, **kwargs):
        calls.append(args)
        return original(*args, **kwargs)

    monkeypatch.setattr(deadlines, "explain_due_date", spy)

    assert deadlines.due_date(D("2025-09-10"), 15, "calendar") == D("2025-09-26")
    assert calls == [(D("2025-09-10"), 15, "calendar")]


def test_the_explanation_cannot_be_changed():
    explained = explain_due_date(D("2025-09-10"), 15, "calendar")

    with pytest.raises(dataclasses.FrozenInstanceError):
        explained.due = D("2025-09-30")


def test_explanations_of_the_same_count_are_equal():
    assert explain_due_date(D("2025-09-10"), 15, "calendar") == explain_due_date(
        D("2025-09-10"), 15, "calendar", calendar=Calendar()
    )


@pytest.mark.parametrize(
    "kwargs",
    [
        pytest.param({"days": 15, "unit": "weeks"}, id="an unknown unit"),
        pytest.param({"days": -1, "unit": "calendar"}, id="negative days"),
        pytest.param({"days": 15, "unit": "calendar", "extension_days": -1}, id="a negative extension"),
        pytest.param(
            {"days": 15, "unit": "calendar", "suspensions": [(D("2025-09-15"), D("2025-09-12"))]},
            id="a suspension ending before it starts",
        ),
    ],
)
def test_the_explanation_refuses_what_due_date_refuses(kwargs):
    with pytest.raises(ValueError):
        explain_due_date(D("2025-09-10"), **kwargs)


# --- holiday names -----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "day, language, expected",
    [
        pytest.param("2025-12-01", "ro", "Ziua Națională a României", id="National Day in Romanian"),
        pytest.param("2025-12-01", "en", "National Day", id="National Day in English"),
        pytest.param("2025-12-25", "en", "Christmas Day", id="Christmas in English"),
        pytest.param("2025-04-18", "ro", "Vinerea Mare", id="Orthodox Good Friday in Romanian"),
        pytest.param("2025-12-01", "hu", None, id="no Hungarian names in the holidays package"),
        pytest.param("2025-12-02", "en", None, id="not a public holiday"),
        pytest.param("2025-12-01", "en-us", "National Day", id="a regional language code"),
    ],
)
def test_public_holiday_names_come_from_the_holidays_package(day, language, expected):
    assert public_holiday_name(D(day), language) == expected
