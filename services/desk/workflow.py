"""The registry's operations on cases: distribution to the responsible department (and copies for information), a
department sending a case back as not theirs, and the post of what the institution sends."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from .. import permissions, workflow
from ..calendar import now, today
from ..lifecycle import Action
from ..models import Case, Channel, Distribution, RegisterEntry


@transaction.atomic
def distribute(case, *, by, department, copies=(), note=""):
    """The registry gives the case to `department`, whose queue then holds it, and copies to others for information.
    Any open case may be distributed; one sent back by a department waits for this."""
    if not permissions.may_register_at_desk(by):
        raise PermissionDenied
    case = Case.objects.select_for_update().get(pk=case.pk)
    if not case.is_open:
        raise ValidationError(_("A closed case is not distributed again."), code="closed")
    copies = [d for d in copies if d.pk != department.pk]
    previous = case.department
    case.department = department
    case.returned_to_registry = False
    if previous.pk != department.pk:
        case.assignee = None  # the new department assigns its own clerk
    case.save(update_fields=["department", "returned_to_registry", "assignee", "updated_at"])
    register_entry = case.register_entries.filter(direction=RegisterEntry.Direction.INCOMING).first()
    if register_entry is not None:
        register_entry.department = department
        register_entry.save(update_fields=["department"])
    case.copies.exclude(department__in=copies).delete()
    at = now()
    for copy in copies:
        Distribution.objects.get_or_create(case=case, department=copy, defaults={"by": by, "at": at})
    workflow.record_event(
        case,
        by=by,
        action=Action.DISTRIBUTED,
        note=note,
        data={"from": previous.code, "to": department.code, "copies": [d.code for d in copies]},
    )
    return case


@transaction.atomic
def return_to_registry(case, *, by, reason):
    """A department sends the case back to the registry as not theirs, saying why; it stays in their queue, marked,
    until the registry distributes it again, and the reason stays in the history."""
    case = workflow.begin(case, "return_to_registry", by=by)
    if not reason.strip():
        raise ValidationError(_("Say why this case is not your department's."), code="reason")
    case.returned_to_registry = True
    case.save(update_fields=["returned_to_registry", "updated_at"])
    workflow.record_event(case, by=by, action=Action.RETURNED_TO_REGISTRY, note=reason)
    return case


def to_distribute():
    return (
        Case.objects.filter(returned_to_registry=True)
        .select_related("service", "department")
        .order_by("registered_at")
    )


def awaiting_post():
    """What the institution sends by post and the registry has not yet marked sent."""
    return (
        RegisterEntry.objects.filter(
            direction=RegisterEntry.Direction.OUTGOING, channel=Channel.POST, sent_on__isnull=True
        )
        .select_related("case", "department", "answers")
        .order_by("sequence")
    )


@transaction.atomic
def mark_posted(entries, *, by, on: datetime.date | None = None):
    """The registry posted these letters on `on` (today): each entry records it and its case's timeline shows it."""
    if not permissions.may_register_at_desk(by):
        raise PermissionDenied
    on = on or today()
    marked = []
    for entry in RegisterEntry.objects.select_for_update().filter(pk__in=[e.pk for e in entries], sent_on=None):
        entry.sent_on = on
        entry.save(update_fields=["sent_on"])
        if entry.case_id:
            workflow.record_event(
                entry.case,
                by=by,
                action=Action.POSTED,
                note=entry.number,
                visible=True,
                data={"number": entry.number, "on": on.isoformat()},
                notify=False,
            )
        marked.append(entry)
    return marked
