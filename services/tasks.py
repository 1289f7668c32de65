"""Notifications of the Case spine, as Celery tasks that take primary keys and read the committed state."""

import datetime

from celery import shared_task

from . import notifications, workflow


@shared_task
def send_registration_receipt(case_id):
    notifications.registration_receipt(case_id)


@shared_task
def notify_applicant(event_id):
    notifications.event_to_applicant(event_id)


@shared_task
def send_due_reminders():
    return notifications.due_reminders()


@shared_task
def send_overdue_digests():
    return notifications.overdue_digests()


@shared_task
def recompute_due_dates(day):
    return len(workflow.recompute_due_dates(day=datetime.date.fromisoformat(day)))
