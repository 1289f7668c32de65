"""The institution's clock: today's date and the working-day calendar with its own non-working days."""

import contextlib
import datetime
from contextvars import ContextVar

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


def institution_calendar() -> Calendar:
    """Romanian public holidays plus the institution's bridge days and recovered Saturdays (one small query)."""
    rows = list(NonWorkingDay.objects.values_list("date", "working"))
    return Calendar(
        extra_holidays=[d for d, working in rows if not working],
        extra_working_days=[d for d, working in rows if working],
    )
