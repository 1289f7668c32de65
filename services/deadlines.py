"""Legal time limits: Romanian working-day calendar and due-date arithmetic (DOMAIN.md, "Counting legal time limits")."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, timedelta
from functools import cache

import holidays

__all__ = ["Calendar", "due_date", "working_days_between"]

_ONE_DAY = timedelta(days=1)
_SATURDAY = 5
_UNITS = ("calendar", "working")


@cache
def _public_holidays(year: int) -> frozenset[date]:
    """Romanian public holidays of one year (Labour Code art. 139(1)), computed once per process."""
    return frozenset(holidays.country_holidays("RO", years=year))


class Calendar:
    """Which days an institution works: Monday to Friday, minus public holidays and its own extra days off.

    ``extra_holidays`` are the institution's non-working days (e.g. the public sector's bridge days set each January
    by Government decision); ``extra_working_days`` are days worked although they would otherwise be off (the
    Saturdays on which bridge days are recovered) and win over weekends and public holidays. A day cannot be both.
    """

    __slots__ = ("_extra_holidays", "_extra_working_days")

    def __init__(self, extra_holidays: Iterable[date] = (), extra_working_days: Iterable[date] = ()) -> None:
        self._extra_holidays = frozenset(extra_holidays)
        self._extra_working_days = frozenset(extra_working_days)
        both = self._extra_holidays & self._extra_working_days
        if both:
            days = ", ".join(d.isoformat() for d in sorted(both))
            raise ValueError(f"Days cannot be both extra holidays and extra working days: {days}")

    def __repr__(self) -> str:
        return (
            f"Calendar(extra_holidays={sorted(self._extra_holidays)!r}, "
            f"extra_working_days={sorted(self._extra_working_days)!r})"
        )

    def is_working_day(self, d: date) -> bool:
        if d in self._extra_working_days:
            return True
        if d.weekday() >= _SATURDAY or d in self._extra_holidays:
            return False
        return d not in _public_holidays(d.year)

    def next_working_day(self, d: date) -> date:
        """``d`` itself when it is a working day, otherwise the first working day after it."""
        while not self.is_working_day(d):
            d += _ONE_DAY
        return d

    def add_working_days(self, d: date, n: int) -> date:
        """The ``n``-th working day after ``d`` (before it when ``n`` is negative); ``d`` itself when ``n`` is 0."""
        step = _ONE_DAY if n >= 0 else -_ONE_DAY
        remaining = abs(n)
        while remaining:
            d += step
            if self.is_working_day(d):
                remaining -= 1
        return d


_DEFAULT_CALENDAR = Calendar()


def _suspended(d: date, suspensions: Sequence[tuple[date, date]]) -> bool:
    return any(start < d <= end for start, end in suspensions)


def due_date(
    start: date,
    days: int,
    unit: str,
    *,
    calendar: Calendar | None = None,
    suspensions: Sequence[tuple[date, date]] = (),
    extension_days: int = 0,
) -> date:
    """The last day to act on a term of ``days`` (+ ``extension_days``) starting on ``start``.

    A day ``d`` is counted when ``d > start``, ``d`` is not inside any suspension ``(from, to]`` and, for
    ``unit="working"``, it is a working day; the count runs to ``days + extension_days`` (DOMAIN.md).

    - ``unit="calendar"``: the due date is the day after the last counted day, moved to the next working day.
    - ``unit="working"``: the due date is the last counted day (``start`` moved to a working day for a 0-day term).

    Suspensions are closed periods ``(from, to]``: ``from`` is the day the applicant was asked to complete the file,
    ``to`` the day the completion was registered. An open suspension has no due date: callers do not call this
    function while one is open. The due date itself is never a suspended day: when the day after the last counted
    day falls inside a suspension (the completion was requested on the last counted day), the term ends on the first
    working day after that suspension, so the authority always gets the day the rule gives it once the file resumes.

    Raises ``ValueError`` for an unknown unit, a negative number of days or extension days, or a suspension that
    ends before it starts.
    """
    if unit not in _UNITS:
        raise ValueError(f"unit must be 'calendar' or 'working', not {unit!r}")
    if days < 0:
        raise ValueError(f"days must not be negative, got {days}")
    if extension_days < 0:
        raise ValueError(f"extension_days must not be negative, got {extension_days}")
    for suspended_from, suspended_to in suspensions:
        if suspended_from > suspended_to:
            raise ValueError(f"Suspension ends before it starts: {suspended_from} > {suspended_to}")
    cal = _DEFAULT_CALENDAR if calendar is None else calendar
    working = unit == "working"
    # Only suspensions that reach past the start can hold back a counted day.
    active = [(f, t) for f, t in suspensions if t > start]

    last_counted = start
    remaining = days + extension_days
    if not working and not active:
        last_counted = start + timedelta(days=remaining)
    else:
        while remaining:
            last_counted += _ONE_DAY
            if (not working or cal.is_working_day(last_counted)) and not _suspended(last_counted, active):
                remaining -= 1

    due = last_counted if working else last_counted + _ONE_DAY
    while not cal.is_working_day(due) or _suspended(due, active):
        due += _ONE_DAY
    return due


def working_days_between(a: date, b: date, calendar: Calendar | None = None) -> int:
    """Working days after ``a`` up to and including ``b``: days left when ``b > a``, minus the days overdue when
    ``b < a`` (the working days after ``b`` up to and including ``a``), 0 when they are equal."""
    cal = _DEFAULT_CALENDAR if calendar is None else calendar
    if b < a:
        return -working_days_between(b, a, cal)
    count = 0
    d = a
    while d < b:
        d += _ONE_DAY
        if cal.is_working_day(d):
            count += 1
    return count
