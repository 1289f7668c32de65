"""The institution's clock: today's date and the working-day calendar with its own non-working days."""

import contextlib
import datetime
from contextvars import ContextVar

from django.core.cache import cache
from django.utils import timezone

from portal.models import NonWorkingDay

from .deadlines import Calendar

_fixed_day: ContextVar[datetime.date | None] = ContextVar("fixed_day", default=None)


def today() -> datetime.date:
    """The legal day in Bucharest. Every workflow date comes from here, so time can move in one place."""
    return _fixed_day.get() or timezone.localdate()


def now() -> datetime.datetime:
    """The moment of an event: now, or the same time of day on the day the clock is set to."""
    fixed = _fixed_day.get()
    current = timezone.localtime()
    if fixed is None:
        return current
    return current.replace(year=fixed.year, month=fixed.month, day=fixed.day)


@contextlib.contextmanager
def clock_at(day: datetime.date):
    """Run workflow steps as if on `day` (demo data and tests that replay a case's history)."""
    token = _fixed_day.set(day)
    try:
        yield
    finally:
        _fixed_day.reset(token)


CALENDAR_CACHE_KEY = "institution-calendar-days"
CALENDAR_CACHE_SECONDS = 3600
# One Calendar per set of extra days, so its per-year tables are built once per process, not once per request.
_calendars: dict[tuple, Calendar] = {}


def institution_calendar() -> Calendar:
    """Romanian public holidays plus the institution's bridge days and recovered Saturdays. The extra days are read
    from the cache (every web process shares it; `forget_institution_calendar` runs when one is saved or deleted)."""
    rows = cache.get(CALENDAR_CACHE_KEY)
    if rows is None:
        rows = tuple(sorted(NonWorkingDay.objects.values_list("date", "working")))
        cache.set(CALENDAR_CACHE_KEY, rows, CALENDAR_CACHE_SECONDS)
    rows = tuple(rows)
    calendar = _calendars.get(rows)
    if calendar is None:
        if len(_calendars) > 8:
            _calendars.clear()
        calendar = _calendars[rows] = Calendar(
            extra_holidays=[d for d, working in rows if not working],
            extra_working_days=[d for d, working in rows if working],
        )
    return calendar


def forget_institution_calendar() -> None:
    cache.delete(CALENDAR_CACHE_KEY)
