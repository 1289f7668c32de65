"""Reminders to read and acknowledge the procedures in force, then escalation to the person's heads of department.

An acknowledgement still not given `reminder_days` after it was requested brings its person one reminder; after
`escalation_days`, the heads of the person's departments (or a department's own address when it has no head) get one
e-mail listing their people's missing acknowledgements. `reminded_at` and `escalated_at` make each happen once, so the
task may run as often as it likes.
"""

import datetime
from collections import defaultdict

from django.conf import settings
from django.db import transaction

from portal.models import InstitutionSettings
from services.models import Membership
from services.notifications import send_email

from .models import Acknowledgement, ProcedureVersion, QualitySettings

EMAIL_DIR = "quality/email"


def pending():
    """Acknowledgements not given, of versions in force, asked of active people."""
    return Acknowledgement.objects.filter(
        acknowledged_at__isnull=True,
        version__status=ProcedureVersion.Status.EFFECTIVE,
        person__is_active=True,
    ).select_related("person", "version", "version__procedure")


@transaction.atomic
def remind_acknowledgements(now: datetime.datetime) -> dict:
    """Send the reminders and escalations that are due at `now`; returns {"reminded": e-mails, "escalated": e-mails}."""
    choices = QualitySettings.load()
    institution = InstitutionSettings.load()
    reminded = _remind(now, now - datetime.timedelta(days=choices.reminder_days), institution)
    escalated = _escalate(now, now - datetime.timedelta(days=choices.escalation_days), choices, institution)
    return {"reminded": reminded, "escalated": escalated}


def _remind(now, asked_before, institution):
    due = list(
        pending()
        .filter(reminded_at__isnull=True, requested_at__lte=asked_before)
        .select_for_update(of=("self",))
        .order_by("person", "requested_at", "pk")
    )
    by_person = defaultdict(list)
    for ack in due:
        by_person[ack.person].append(ack)
    for person, acknowledgements in by_person.items():
        send_email(
            "acknowledgement_reminder",
            {"person": person, "acknowledgements": acknowledgements, "institution": institution},
            to=[person.email],
            language=person.preferred_language,
            template_dir=EMAIL_DIR,
        )
    Acknowledgement.objects.filter(pk__in=[ack.pk for ack in due]).update(reminded_at=now)
    return len(by_person)


def _escalate(now, asked_before, choices, institution):
    due = list(
        pending()
        .filter(escalated_at__isnull=True, requested_at__lte=asked_before)
        .select_for_update(of=("self",))
        .order_by("person__last_name", "person__first_name", "requested_at", "pk")
    )
    if not due:
        return 0
    memberships = Membership.objects.filter(user_id__in={ack.person_id for ack in due}).select_related("department")
    departments_of = defaultdict(list)
    for membership in memberships:
        departments_of[membership.user_id].append(membership.department)
    heads_of = defaultdict(list)
    for membership in Membership.objects.filter(
        role=Membership.Role.HEAD, user__is_active=True, department__in={m.department_id for m in memberships}
    ).select_related("user"):
        heads_of[membership.department_id].append(membership.user)
    # One e-mail per recipient: (address, language, name) -> the acknowledgements they hear of.
    by_recipient = defaultdict(list)
    escalated = []
    for ack in due:
        recipients = set()
        for department in departments_of[ack.person_id]:
            heads = [head for head in heads_of[department.pk] if head.pk != ack.person_id]
            if heads:
                recipients.update((head.email, head.preferred_language, head.display_name) for head in heads)
            elif department.email and not heads_of[department.pk]:
                recipients.add((department.email, settings.LANGUAGE_CODE, ""))
        for recipient in recipients:
            by_recipient[recipient].append(ack)
        if recipients:
            escalated.append(ack.pk)
    for (email, language, name), acknowledgements in sorted(by_recipient.items()):
        send_email(
            "acknowledgement_escalation",
            {
                "name": name,
                "acknowledgements": acknowledgements,
                "days": choices.escalation_days,
                "institution": institution,
            },
            to=[email],
            language=language,
            template_dir=EMAIL_DIR,
        )
    Acknowledgement.objects.filter(pk__in=escalated).update(escalated_at=now)
    return len(by_recipient)
