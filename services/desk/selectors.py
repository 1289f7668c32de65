"""What the general register shows: its entries, filtered, in number order."""

from django.db.models import Q

from ..models import RegisterEntry


def register_entries(*, year, direction="", channel="", department=None, q=""):
    entries = RegisterEntry.objects.filter(year=year).select_related("department", "answers", "case")
    if direction:
        entries = entries.filter(direction=direction)
    if channel:
        entries = entries.filter(channel=channel)
    if department is not None:
        entries = entries.filter(department=department)
    if q and q.strip():
        term = q.strip()
        entries = entries.filter(
            Q(number__icontains=term) | Q(correspondent__icontains=term) | Q(summary__icontains=term)
        )
    return entries.order_by("sequence")
