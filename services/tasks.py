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


@shared_task
def export_queue_csv(user_id, params):
    """Write the queue's CSV for `params` (the queue's filters as its URL gives them) as the user may see it, to
    private storage under exports/<user pk>/<uuid>.csv, where "My exports" lists it; a week-old export is deleted."""
    import tempfile
    import uuid

    from django.contrib.auth import get_user_model
    from django.core.files import File

    from portal.dbrouters import reading_from_replica

    from . import calendar as clock
    from .backoffice import exports, selectors
    from .backoffice.forms import QueueFilterForm
    from .backoffice.views import csv_lines

    user = get_user_model().objects.get(pk=user_id)
    with reading_from_replica(), tempfile.TemporaryFile() as spool:
        filter_staff, _staff = selectors.queue_staff(user)
        form = QueueFilterForm(params, staff=filter_staff, services=selectors.queue_services(user))
        today = clock.today()
        cases = selectors.queue_cases(user, form.filters(), today=today)
        rows = selectors.queue_export_rows(cases, today=today, calendar=clock.institution_calendar())
        for text in csv_lines(rows):
            spool.write(text.encode("utf-8"))
        spool.seek(0)
        path = exports.export_storage().save(exports.export_path(user_id, uuid.uuid4()), File(spool))
    exports.delete_old_exports(user_pk=user_id)
    return path


@shared_task
def delete_old_exports():
    """Every user's queue exports older than a week (run daily by beat)."""
    from .backoffice import exports

    return exports.delete_old_exports()


@shared_task
def send_rating_request(rating_id):
    """The question about the service, e-mailed once (see `ratings.ask_for_rating` for why it waits)."""
    from . import ratings

    return ratings.email_rating_request(rating_id)
