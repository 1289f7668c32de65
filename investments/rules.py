"""The rules an investment's own fields keep across two values, shared by the workflow (one investment) and the
import's dry run (a whole file, before anything is written): each returns the refused field and its message."""

from collections.abc import Mapping

from django.utils.translation import gettext as _


def point_error(latitude, longitude):
    if (latitude is None) != (longitude is None):
        field = "longitude" if longitude is None else "latitude"
        return field, _("Give both the latitude and the longitude of the map point, or neither.")
    return None


def period_error(start, end):
    if start and end and end < start:
        return "planned_end", _("The planned end cannot come before the planned start.")
    return None


def loop_error(code, parent, parent_of: Mapping):
    """`parent_of` maps each code to its parent's code (None for a top-level investment)."""
    seen = {code}
    current = parent
    while current:
        if current in seen:
            return "parent", _("An investment cannot be part of one of its own sub-objects.")
        seen.add(current)
        current = parent_of.get(current)
    return None
