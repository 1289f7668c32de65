"""The quality tools' daily work."""

from celery import shared_task
from django.utils import timezone

from . import workflow


@shared_task
def take_effect_due_versions():
    """Approved procedure versions whose effective date has come take effect; the versions they replace are
    superseded. Idempotent: a version takes effect once."""
    return workflow.take_effect_due(timezone.localdate())


@shared_task
def announce_procedure_reviews():
    """Tell the owner departments' heads of the reviews falling due, and of the overdue ones. Idempotent: each
    review is announced once before it falls due and once when it is overdue."""
    from . import reviews

    return reviews.announce_reviews(timezone.localdate())


@shared_task
def remind_procedure_acknowledgements():
    """Remind who has not acknowledged a procedure in force, then tell their heads. Idempotent: one reminder and
    one escalation per acknowledgement."""
    from . import reminders

    return reminders.remind_acknowledgements(timezone.now())


@shared_task
def open_nonconformities():
    """The daily detection of nonconformities: cases closed late, open past their due date or suspended longer than
    their procedure allows. Idempotent: once per case and trigger, ever. Returns how many were opened."""
    from services import calendar

    from . import nonconformities

    return len(nonconformities.detect(calendar.today()))


@shared_task
def remind_overdue_actions():
    """Remind the person responsible for an overdue action, then tell the department's heads and the quality
    managers a week later. Idempotent: one reminder and one escalation per action."""
    from services import calendar

    from . import actions

    return actions.remind_overdue_actions(calendar.today())
