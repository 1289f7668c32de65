"""What the nonconformity register's pages read: the register a person may see, one nonconformity with its log."""

import datetime

from django.db.models import Q

from services.models import Department, Procedure
from services.permissions import department_ids

from .models import Action, Nonconformity, QualityEvent
from .nonconformities import is_manager, may_see


def visible_to(user):
    """Every nonconformity for the quality manager; those of their departments for staff."""
    ncs = Nonconformity.objects.select_related("department", "procedure", "case", "cause")
    if is_manager(user):
        return ncs
    return ncs.filter(department_id__in=department_ids(user))


def month_range(month: datetime.date) -> tuple[datetime.date, datetime.date]:
    start = month.replace(day=1)
    end = (start + datetime.timedelta(days=32)).replace(day=1) - datetime.timedelta(days=1)
    return start, end


def register(user, *, status="", source="", department=None, procedure=None, month=None):
    """The register, filtered, newest first. The month is a range of `detected_on`, so its index answers it."""
    ncs = visible_to(user)
    if status:
        ncs = ncs.filter(status=status)
    if source:
        ncs = ncs.filter(source=source)
    if department is not None:
        ncs = ncs.filter(department=department)
    if procedure is not None:
        ncs = ncs.filter(procedure=procedure)
    if month is not None:
        ncs = ncs.filter(detected_on__range=month_range(month))
    return ncs.order_by("-detected_on", "-pk")


def filter_departments(user):
    if is_manager(user):
        return Department.objects.order_by("name")
    return Department.objects.filter(pk__in=department_ids(user)).order_by("name")


def filter_procedures(user):
    procedures = Procedure.objects.order_by("code")
    if is_manager(user):
        return procedures
    ids = department_ids(user)
    return procedures.filter(
        Q(owner_department_id__in=ids)
        | Q(pk__in=Nonconformity.objects.filter(department_id__in=ids).values("procedure_id"))
    )


def nonconformity_for(user, number):
    """The nonconformity with this number if the person may see it, else None (a stranger cannot tell it exists)."""
    nc = (
        Nonconformity.objects.select_related(
            "department",
            "procedure",
            "version",
            "case",
            "cause",
            "opened_by",
            "analysed_by",
            "decided_by",
            "verified_by",
        )
        .filter(number=number)
        .first()
    )
    return nc if nc is not None and may_see(user, nc) else None


def log_of(nc):
    """Its own steps and those of its actions, oldest first."""
    return list(
        QualityEvent.objects.filter(Q(nonconformity=nc) | Q(action__nonconformity=nc))
        .select_related("actor", "action")
        .order_by("at", "pk")
    )


def actions_of(nc):
    return list(Action.objects.filter(nonconformity=nc).select_related("department", "owner").order_by("pk"))
