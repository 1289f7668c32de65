"""The quality indicators of each department for the ISO 9001 §9.1 dashboard: reviews on time, acknowledgement rate.

- Reviews on time: of the reviews of the department's own procedures recorded in the period, the share made by their
  due date.
- Acknowledgement rate: of the acknowledgements asked of the department's people for the versions in force, the share
  given. A person in several departments counts in each; the procedure's owner department does not matter here,
  because acknowledging is what the department's people do.
"""

import datetime
from dataclasses import dataclass

from django.db.models import Count, F, Q
from django.utils.translation import gettext_lazy as _

from services.models import Department, Membership

from .models import Acknowledgement, ProcedureVersion, Review


def share(part: int, whole: int) -> float | None:
    """part / whole, or None when there is nothing to measure."""
    return part / whole if whole else None


@dataclass(frozen=True)
class DepartmentQuality:
    department: Department
    reviews: int
    reviews_on_time: int
    acknowledgements_requested: int
    acknowledged: int

    @property
    def reviews_on_time_share(self) -> float | None:
        return share(self.reviews_on_time, self.reviews)

    @property
    def acknowledgement_rate(self) -> float | None:
        return share(self.acknowledged, self.acknowledgements_requested)


def department_quality(start: datetime.date, end: datetime.date, departments=None) -> list[DepartmentQuality]:
    """One row per department (all, or the given ones), by name; reviews counted if recorded from `start` to `end`."""
    departments = list(Department.objects.all() if departments is None else departments)
    ids = [d.pk for d in departments]
    reviews = {
        row["procedure__owner_department"]: row
        for row in Review.objects.filter(procedure__owner_department__in=ids, reviewed_on__range=(start, end))
        .values("procedure__owner_department")
        .annotate(total=Count("pk"), on_time=Count("pk", filter=Q(reviewed_on__lte=F("due_on"))))
        .order_by()
    }
    in_force = Acknowledgement.objects.filter(version__status=ProcedureVersion.Status.EFFECTIVE)
    members = {}
    for membership in Membership.objects.filter(department__in=ids).values("department_id", "user_id"):
        members.setdefault(membership["department_id"], set()).add(membership["user_id"])
    counts = {
        row["person"]: row
        for row in in_force.filter(person__memberships__department__in=ids)
        .values("person")
        .annotate(
            total=Count("pk", distinct=True), given=Count("pk", filter=Q(acknowledged_at__isnull=False), distinct=True)
        )
        .order_by()
    }
    rows = []
    for department in sorted(departments, key=lambda d: d.name):
        people = members.get(department.pk, set())
        reviewed = reviews.get(department.pk, {})
        rows.append(
            DepartmentQuality(
                department=department,
                reviews=reviewed.get("total", 0),
                reviews_on_time=reviewed.get("on_time", 0),
                acknowledgements_requested=sum(counts[p]["total"] for p in people if p in counts),
                acknowledged=sum(counts[p]["given"] for p in people if p in counts),
            )
        )
    return rows


# The figures an action may be meant to move (`Action.indicator`): the ISO §9.1 dashboard's, by key.
CATALOGUE = {
    "on_time_rate": _("cases closed on time"),
    "processing_time": _("median processing time (working days)"),
    "backlog": _("open cases"),
    "overdue_open": _("open cases past their due date"),
    "complaints": _("complaints"),
    "satisfaction": _("applicants' rating of the service"),
    "nonconformities": _("nonconformities"),
    "reviews_on_time": _("procedure reviews on time"),
    "acknowledgement_rate": _("procedures acknowledged by the staff"),
}


def indicator_choices():
    return [("", "—"), *CATALOGUE.items()]
