"""Legal time limits: Romanian working-day calendar and due-date arithmetic (DOMAIN.md, "Counting legal time limits")."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cache, cached_property

import holidays

__all__ = [
    "Calendar",
    "DayOff",
    "DueDateExplanation",
    "Suspended",
    "due_date",
    "explain_due_date",
    "public_holiday_name",
    "working_days_between",
]

_ONE_DAY = timedelta(days=1)
_SATURDAY = 5
_UNITS = ("calendar", "working")
_WEEKDAYS_A_WEEK = 5


def _weekdays_through(d: date) -> int:
    """How many Mondays to Fridays there are from 1 January of year 1 (a Monday) up to and including ``d``."""
    weeks, rest = divmod(d.toordinal(), 7)
    return weeks * _WEEKDAYS_A_WEEK + min(rest, _WEEKDAYS_A_WEEK)


def _weekday_number(n: int) -> date:
    """The ``n``-th Monday to Friday counted from 1 January of year 1: the inverse of ``_weekdays_through``."""
    weeks, rest = divmod(n - 1, _WEEKDAYS_A_WEEK)
    return date.fromordinal(weeks * 7 + rest + 1)


@cache
def _public_holidays(year: int) -> frozenset[date]:
    """Romanian public holidays of one year (Labour Code art. 139(1)), computed once per process."""
    return frozenset(holidays.country_holidays("RO", years=year))


@cache
def _public_weekdays_off(year: int) -> tuple[date, ...]:
    """The public holidays of one year that fall from Monday to Friday, sorted; computed once per process."""
    return tuple(sorted(d for d in _public_holidays(year) if d.year == year and d.weekday() < _SATURDAY))


class Calendar:
    """Which days an institution works: Monday to Friday, minus public holidays and its own extra days off.

    ``extra_holidays`` are the institution's non-working days (e.g. the public sector's bridge days set each January
    by Government decision); ``extra_working_days`` are days worked although they would otherwise be off (the
    Saturdays on which bridge days are recovered) and win over weekends and public holidays. A day cannot be both.
    """

    __slots__ = ("_exceptions", "_extra_holidays", "_extra_working_days", "_extra_years")

    def __init__(self, extra_holidays: Iterable[date] = (), extra_working_days: Iterable[date] = ()) -> None:
        self._extra_holidays = frozenset(extra_holidays)
        self._extra_working_days = frozenset(extra_working_days)
        self._extra_years = frozenset(d.year for d in self._extra_holidays | self._extra_working_days)
        # Per year, filled as years are touched: the sorted Mondays to Fridays not worked and Saturdays and Sundays
        # worked, and how many more of the second there are than of the first.
        self._exceptions: dict[int, tuple[tuple[date, ...], tuple[date, ...], int]] = {}
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
        forward = n >= 0
        step = _ONE_DAY if forward else -_ONE_DAY
        remaining = abs(n)
        # Jump over as many weekdays as working days remain: the jump passes fewer working days than that by the
        # weekdays off it crosses (jump again for them), or more by the weekend days worked (try a shorter jump,
        # and below one weekday step a single day). The cost grows with the years crossed, not the days.
        while remaining:
            k = remaining
            landing, passed = self._weekday_jump(d, k, forward)
            while passed > remaining and k > 1:
                k //= 2
                landing, passed = self._weekday_jump(d, k, forward)
            if passed > remaining:
                landing = d + step
                passed = 1 if self.is_working_day(landing) else 0
            d, remaining = landing, remaining - passed
        # ``d`` is now ``n`` working days away, but may be a day off beyond the last of them.
        while n and not self.is_working_day(d):
            d -= step
        return d

    def _weekday_jump(self, d: date, k: int, forward: bool) -> tuple[date, int]:
        """The ``k``-th Monday to Friday after ``d`` (before it when not ``forward``), and how many working days
        the jump passes (``d`` excluded, the landing day included)."""
        if forward:
            landing = _weekday_number(_weekdays_through(d) + k)
            return landing, self._working_days_in(d, landing)
        landing = _weekday_number(_weekdays_through(d - _ONE_DAY) - k + 1)
        return landing, self._working_days_in(landing - _ONE_DAY, d - _ONE_DAY)

    def _working_days_in(self, a: date, b: date) -> int:
        """How many working days there are after ``a`` up to and including ``b`` (``a <= b``): the weekdays, minus
        the weekdays off, plus the weekend days worked, in time that grows with the years touched, not the days."""
        count = _weekdays_through(b) - _weekdays_through(a)
        exceptions = self._exceptions
        off, on, _ = exceptions.get(a.year) or self._exceptions_of(a.year)
        count += bisect_right(off, a) - (bisect_right(on, a) if on else 0)
        for year in range(a.year, b.year):
            count += (exceptions.get(year) or self._exceptions_of(year))[2]
        if b.year != a.year:
            off, on, _ = exceptions.get(b.year) or self._exceptions_of(b.year)
        return count - bisect_right(off, b) + (bisect_right(on, b) if on else 0)

    def _exceptions_of(self, year: int) -> tuple[tuple[date, ...], tuple[date, ...], int]:
        """The year's Mondays to Fridays not worked and Saturdays and Sundays worked, each sorted, and how many more
        of the second there are; computed once per calendar and year."""
        off = _public_weekdays_off(year)
        on: tuple[date, ...] = ()
        if year in self._extra_years:
            extra_off = {d for d in self._extra_holidays if d.year == year and d.weekday() < _SATURDAY}
            off = tuple(sorted(d for d in extra_off.union(off) if d not in self._extra_working_days))
            on = tuple(sorted(d for d in self._extra_working_days if d.year == year and d.weekday() >= _SATURDAY))
        exceptions = self._exceptions[year] = (off, on, len(on) - len(off))
        return exceptions


_DEFAULT_CALENDAR = Calendar()


def _merged_after(
    start: date, suspensions: Sequence[tuple[date, date]], *, clip: bool = True
) -> list[tuple[date, date]]:
    """The suspensions that reach past ``start`` as sorted, disjoint periods ``(from, to]``; with ``clip`` each
    begins at ``start`` at the earliest (the days they hold back from the count)."""
    merged: list[tuple[date, date]] = []
    for suspended_from, suspended_to in sorted((max(f, start) if clip else f, t) for f, t in suspensions if t > start):
        if merged and suspended_from <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], suspended_to))
        else:
            merged.append((suspended_from, suspended_to))
    return merged


@dataclass(frozen=True)
class Suspended:
    """A suspension as the count saw it: merged with any it overlaps or touches, beginning at the start at the
    earliest, and how many days of the unit it held back (0 when it lies after the last counted day)."""

    start: date
    end: date
    held_back: int


@dataclass(frozen=True)
class DayOff:
    """A day not counted, or moved over, because it is not a working day or lies inside a suspension.

    ``why`` is ``"weekend"``, ``"public_holiday"``, ``"day_off"`` (the institution's own) or ``"suspended"``.
    A public holiday or day off on a Saturday or Sunday is a weekend day: it would not have been worked anyway."""

    day: date
    why: str


@dataclass(frozen=True, init=False)
class DueDateExplanation:
    """How a due date was counted: the one result of the engine, so what a page explains is what was stored.

    ``last_counted_day`` is the last day of the term (``start`` itself for a 0-day term); ``due`` the last day to act;
    ``moved_from`` the day the rule gave before it was moved to a working day outside any suspension (None when it
    was not moved). The lists of days are computed on first use only: ``due_date`` never needs them.
    """

    start: date
    days: int
    unit: str
    extension_days: int
    last_counted_day: date
    due: date
    moved_from: date | None
    calendar: Calendar = field(repr=False, compare=False)
    # The merged suspensions reaching past the start (from the start at the earliest), how many of them the count
    # passed whole, and the merged suspensions reaching the start (which the due date may not fall in).
    _periods: tuple[tuple[date, date], ...] = field(repr=False)
    _passed: int = field(repr=False)
    _whole: tuple[tuple[date, date], ...] = field(repr=False, compare=False)

    def __init__(
        self,
        start: date,
        days: int,
        unit: str,
        extension_days: int,
        last_counted_day: date,
        due: date,
        moved_from: date | None,
        calendar: Calendar,
        _periods: tuple[tuple[date, date], ...] = (),
        _passed: int = 0,
        _whole: tuple[tuple[date, date], ...] = (),
    ) -> None:
        # Set once, in one step: a generated frozen __init__ sets field by field, twice as slow, and ``due_date``
        # builds one of these for every due date it counts.
        self.__dict__.update(
            start=start,
            days=days,
            unit=unit,
            extension_days=extension_days,
            last_counted_day=last_counted_day,
            due=due,
            moved_from=moved_from,
            calendar=calendar,
            _periods=_periods,
            _passed=_passed,
            _whole=_whole,
        )

    @cached_property
    def suspensions(self) -> tuple[Suspended, ...]:
        """The suspensions as the count saw them, merged, each with the days it held back: all its days of the unit
        for one the term ran past, none for one after the last counted day (it may still move the due date)."""
        return tuple(
            Suspended(f, t, self.held_back_by(f, t) if i < self._passed else 0)
            for i, (f, t) in enumerate(self._periods)
        )

    @property
    def total_days(self) -> int:
        return self.days + self.extension_days

    @property
    def suspended_days(self) -> int:
        """Days of the unit the suspensions held back, all together."""
        return sum(s.held_back for s in self.suspensions)

    def held_back_by(self, suspended_from: date, suspended_to: date) -> int:
        """How many days of the unit one suspension ``(from, to]`` held back: its days after the start up to the
        last counted day (working days only, for a working-day term). One of several overlapping suspensions shares
        its days with the others; ``suspensions`` has each day once."""
        a, b = max(suspended_from, self.start), min(suspended_to, self.last_counted_day)
        if b <= a:
            return 0
        return self.calendar._working_days_in(a, b) if self.unit == "working" else (b - a).days

    def _why_not_counted(self, d: date) -> str | None:
        """Why ``d`` is not a counted working day (None when it is one); suspensions first."""
        if any(f < d <= t for f, t in self._whole):
            return "suspended"
        if self.calendar.is_working_day(d):
            return None
        if d.weekday() >= _SATURDAY:
            return "weekend"
        return "public_holiday" if d in _public_holidays(d.year) else "day_off"

    @cached_property
    def skipped(self) -> tuple[DayOff, ...]:
        """The non-working days inside the counted span (after the start, up to the last counted day) that a
        working-day term did not count; suspended days are the suspensions' own. Empty for calendar days, which
        count every day."""
        if self.unit != "working":
            return ()
        found = []
        d = self.start + _ONE_DAY
        while d <= self.last_counted_day:
            why = self._why_not_counted(d)
            if why is not None and why != "suspended":
                found.append(DayOff(d, why))
            d += _ONE_DAY
        return tuple(found)

    @cached_property
    def worked(self) -> tuple[date, ...]:
        """The institution's extra working days (recovered Saturdays, a public holiday worked) a working-day term
        counted."""
        if self.unit != "working":
            return ()
        extra = self.calendar._extra_working_days
        return tuple(
            sorted(
                d
                for d in extra
                if self.start < d <= self.last_counted_day
                and (d.weekday() >= _SATURDAY or d in _public_holidays(d.year))
                and not any(f < d <= t for f, t in self._whole)
            )
        )

    @cached_property
    def moved_over(self) -> tuple[DayOff, ...]:
        """The days the due date was moved over, from ``moved_from`` up to the day before ``due``."""
        if self.moved_from is None:
            return ()
        found = []
        d = self.moved_from
        while d < self.due:
            found.append(DayOff(d, self._why_not_counted(d) or "suspended"))
            d += _ONE_DAY
        return tuple(found)


def explain_due_date(
    start: date,
    days: int,
    unit: str,
    *,
    calendar: Calendar | None = None,
    suspensions: Sequence[tuple[date, date]] = (),
    extension_days: int = 0,
) -> DueDateExplanation:
    """The last day to act on a term of ``days`` (+ ``extension_days``) starting on ``start``, and how it was counted.

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
    # Only suspensions that reach past the start can hold back a counted day. Count the term period by period
    # between them (arithmetically, however long they are) rather than day by day.
    periods = _merged_after(start, suspensions) if suspensions else []

    resumed = start
    remaining = days + extension_days
    passed = 0
    for suspended_from, suspended_to in periods:
        free = cal._working_days_in(resumed, suspended_from) if working else (suspended_from - resumed).days
        if remaining <= free:
            break
        remaining -= free
        resumed = suspended_to
        passed += 1
    last_counted = cal.add_working_days(resumed, remaining) if working else resumed + timedelta(days=remaining)

    ruled = last_counted if working else last_counted + _ONE_DAY
    due = ruled
    # The due date is never a suspended day, the start itself included: a suspension (from, to] with to == start
    # holds the start day too (a 0-day term registered on the day a completion is), so it counts here.
    whole = tuple(_merged_after(start - _ONE_DAY, suspensions, clip=False)) if suspensions else ()
    while True:
        due = cal.next_working_day(due)
        holding = [t for f, t in whole if f < due <= t]
        if not holding:
            break
        due = holding[0] + _ONE_DAY
    return DueDateExplanation(
        start,
        days,
        unit,
        extension_days,
        last_counted,
        due,
        None if due == ruled else ruled,
        cal,
        tuple(periods),
        passed,
        whole,
    )


def due_date(
    start: date,
    days: int,
    unit: str,
    *,
    calendar: Calendar | None = None,
    suspensions: Sequence[tuple[date, date]] = (),
    extension_days: int = 0,
) -> date:
    """The last day to act on a term: ``explain_due_date(...).due``, the one count (see there for the rule)."""
    return explain_due_date(
        start, days, unit, calendar=calendar, suspensions=suspensions, extension_days=extension_days
    ).due


@cache
def _holiday_language(language: str) -> str | None:
    """The ``holidays`` package's code for a Django language code (``en`` is its ``en_US``), or None without one."""
    wanted = language.replace("-", "_").lower()
    supported = holidays.country_holidays("RO").supported_languages
    return next((c for c in supported if c.lower() == wanted), None) or next(
        (c for c in supported if c.split("_")[0].lower() == wanted.split("_")[0]), None
    )


@cache
def _holiday_names(year: int, language: str) -> dict[date, str]:
    return dict(holidays.country_holidays("RO", years=year, language=language))


def public_holiday_name(d: date, language: str) -> str | None:
    """The name of the public holiday on ``d`` in ``language`` (a Django language code: ``ro``, ``en``, …), or None
    when ``d`` is no public holiday or the ``holidays`` package has no names in that language (Hungarian)."""
    code = _holiday_language(language)
    if code is None or d not in _public_holidays(d.year):
        return None
    return _holiday_names(d.year, code).get(d)


def working_days_between(a: date, b: date, calendar: Calendar | None = None) -> int:
    """Working days after ``a`` up to and including ``b``: days left when ``b > a``, minus the days overdue when
    ``b < a`` (the working days after ``b`` up to and including ``a``), 0 when they are equal."""
    cal = _DEFAULT_CALENDAR if calendar is None else calendar
    if b < a:
        return -cal._working_days_in(b, a)
    return cal._working_days_in(a, b)
