"""Sending a version to the people who must read it, and their acknowledgements.

A distribution line names a department (its members), a role (a group's members) or a person, with a purpose. Each
recipient gets one acknowledgement task per version; acknowledging is once and for good. When a new version takes
effect, the previous version's list is carried over and the institution's choice says who acknowledges again:
everyone, or only those who must apply it.
"""

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from services.models import Membership

from .models import Acknowledgement, Distribution, Purpose, QualitySettings

# Whose acknowledgement a purpose asks for first, when one person is reached by several lines.
PURPOSE_ORDER = [Purpose.APPLY, Purpose.INFORMATION, Purpose.RECORD, Purpose.ARCHIVE]


def recipients(line):
    """The active people a distribution line reaches."""
    users = get_user_model().objects.filter(is_active=True)
    if line.person_id:
        return list(users.filter(pk=line.person_id))
    if line.group_id:
        return list(users.filter(groups=line.group_id))
    member_ids = Membership.objects.filter(department=line.department_id).values("user_id")
    return list(users.filter(pk__in=member_ids))


def _request(version, lines, *, only_purposes=None):
    wanted = {}
    for line in lines:
        if only_purposes is not None and line.purpose not in only_purposes:
            continue
        for person in recipients(line):
            current = wanted.get(person.pk)
            if current is None or PURPOSE_ORDER.index(line.purpose) < PURPOSE_ORDER.index(current):
                wanted[person.pk] = line.purpose
    existing = dict(version.acknowledgements.values_list("person_id", "purpose"))
    for pk, purpose in wanted.items():  # a task not yet done takes the most demanding purpose that reaches it
        if pk in existing and PURPOSE_ORDER.index(purpose) < PURPOSE_ORDER.index(existing[pk]):
            version.acknowledgements.filter(person_id=pk, acknowledged_at__isnull=True).update(purpose=purpose)
    Acknowledgement.objects.bulk_create(
        [
            Acknowledgement(version=version, person_id=pk, purpose=purpose)
            for pk, purpose in wanted.items()
            if pk not in existing
        ]
    )
    return len([pk for pk in wanted if pk not in existing])


@transaction.atomic
def distribute(version, *, by, department=None, group=None, person=None, purpose=Purpose.APPLY):
    """Add a line to the version's distribution list; if the version is in force, its recipients are asked now."""
    line = Distribution.objects.create(
        version=version, department=department, group=group, person=person, purpose=purpose, distributed_by=by
    )
    if version.status == version.Status.EFFECTIVE:
        _request(version, [line])
    return line


def redistribute(version, previous):
    """A version takes effect: its list (or the previous version's, carried over) is asked to acknowledge it."""
    lines = list(version.distributions.all())
    if not lines and previous is not None:
        lines = [
            Distribution.objects.create(
                version=version,
                department_id=line.department_id,
                group_id=line.group_id,
                person_id=line.person_id,
                purpose=line.purpose,
                distributed_by_id=line.distributed_by_id,
            )
            for line in previous.distributions.all()
        ]
    everyone = previous is None or QualitySettings.load().reacknowledge == QualitySettings.Reacknowledge.EVERYONE
    return _request(version, lines, only_purposes=None if everyone else {Purpose.APPLY})


@transaction.atomic
def acknowledge(acknowledgement, *, by, now=None):
    """`by` acknowledges their own task, once: who and when are then fixed."""
    acknowledgement = Acknowledgement.objects.select_for_update().get(pk=acknowledgement.pk)
    if acknowledgement.person_id != by.pk:
        from django.core.exceptions import PermissionDenied

        raise PermissionDenied
    if acknowledgement.acknowledged_at is None:
        acknowledgement.acknowledged_at = now or timezone.now()
        acknowledgement.save(update_fields=["acknowledged_at"])
    return acknowledgement
