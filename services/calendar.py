"""The institution's clock: today's date and the working-day calendar with its own non-working days."""
from django.utils import timezone

from portal.models import NonWorkingDay

from .deadlines import Calendar


def today():
    """The legal day in Bucharest. Every workflow date comes from here, so tests can move time in one place."""
    return timezone.localdate()


def institution_calendar() -> Calendar:
    """Romanian public holidays plus the institution's bridge days and recovered Saturdays (one small query)."""
    rows = list(NonWorkingDay.objects.values_list("date", "working"))
    return Calendar(
        extra_holidays=[d for d, working in rows if not working],
        extra_working_days=[d for d, working in rows if working],
    )
