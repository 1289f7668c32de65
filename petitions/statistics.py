"""The year's figures of petitions and information requests, counted in SQL from the cases, for the public report
that L 544/2001 asks every authority to publish."""

from dataclasses import dataclass

from django.db.models import Count, Q

from services.lifecycle import Status
from services.models import Case
from services.registry import kinds

from .lifecycle import CLASSIFIED, FORWARDED, JOINED

KINDS = ("petition", "information")
COLUMNS = (
    "registered",
    "open",
    "answered",
    "refused",
    "forwarded",
    "classified",
    "joined",
    "withdrawn",
    "on_time",
    "decided",
)


@dataclass(frozen=True)
class Row:
    kind: str
    label: object
    registered: int = 0
    open: int = 0
    answered: int = 0
    refused: int = 0
    forwarded: int = 0
    classified: int = 0
    joined: int = 0
    withdrawn: int = 0
    on_time: int = 0
    decided: int = 0

    @property
    def on_time_rate(self):
        """The share of the decided requests decided within their term, or None when none was decided."""
        return round(100 * self.on_time / self.decided) if self.decided else None


def yearly(year):
    """One row per kind (every kind listed, with zeros when none was filed) for the requests registered in `year`."""
    counted = (
        Case.objects.filter(kind__in=KINDS, registration_year=year)
        .values("kind")
        .annotate(
            registered=Count("pk"),
            open=Count("pk", filter=Q(status__in=kinds.open_statuses())),
            answered=Count("pk", filter=Q(status=Status.ANSWERED)),
            refused=Count("pk", filter=Q(status=Status.REJECTED)),
            forwarded=Count("pk", filter=Q(status=FORWARDED)),
            classified=Count("pk", filter=Q(status=CLASSIFIED)),
            joined=Count("pk", filter=Q(status=JOINED)),
            withdrawn=Count("pk", filter=Q(status=Status.WITHDRAWN)),
            on_time=Count("pk", filter=Q(closed_on_time=True)),
            decided=Count("pk", filter=Q(closed_on_time__isnull=False)),
        )
        .order_by("kind")
    )
    found = {row["kind"]: row for row in counted}
    return [
        Row(kind=kind, label=kinds.get(kind).label, **{c: found.get(kind, {}).get(c, 0) for c in COLUMNS})
        for kind in KINDS
    ]


def years():
    """The years with at least one request, newest first."""
    return list(
        Case.objects.filter(kind__in=KINDS)
        .order_by("-registration_year")
        .values_list("registration_year", flat=True)
        .distinct()
    )
