"""E-mails of the Case spine: the registration receipt, news for the applicant, and the staff's daily reminders.

Every e-mail to an applicant who has an account is also kept in their inbox (`record_message`). Each function takes primary keys (or nothing) and reads the committed state, so the Celery tasks in tasks.py can run
them after the transaction that queued them. Every e-mail is rendered in its reader's language: the case's language
for the applicant, the staff member's preferred language for reminders and digests.
"""

import functools
import logging
import operator
from collections import defaultdict

from django.conf import settings
from django.core.cache import cache
from django.core.mail import EmailMultiAlternatives
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from portal.models import InstitutionSettings

from . import calendar as clock
from . import receipts
from .deadlines import working_days_between
from .models import Case, CaseEvent, Membership, Message, Status
from .registry import kinds

logger = logging.getLogger(__name__)

TEMPLATE_DIR = "services/email"
# The daily e-mails run once a day from Celery beat. A second run on the same day (a restarted beat, a manual run)
# finds its key and sends nothing. The key lives in the shared cache (Redis in production), for longer than a day
# so that it outlives the day it guards; with the embedded local-memory cache it only guards one process.
ONCE_A_DAY_TIMEOUT = 36 * 3600
AUTOMATIC_HEADERS = {"Auto-Submitted": "auto-generated"}  # RFC 3834: no out-of-office replies, please


def absolute_url(url_name, *args):
    return settings.SITE_URL.rstrip("/") + reverse(url_name, args=args)


def send_email(name, context, *, to, language, reply_to=None, template_dir=TEMPLATE_DIR, attachments=()):
    """Render `<name>_subject.txt`, `<name>.txt` and `<name>.html` in `language` and send them as one message, with
    `attachments` as (file name, content, MIME type). Returns the subject and the plain text sent."""
    with translation.override(language):
        subject = " ".join(render_to_string(f"{template_dir}/{name}_subject.txt", context).split())
        text = render_to_string(f"{template_dir}/{name}.txt", context)
        html = render_to_string(f"{template_dir}/{name}.html", context)
    message = EmailMultiAlternatives(subject, text, to=to, reply_to=reply_to, headers=AUTOMATIC_HEADERS)
    message.attach_alternative(html, "text/html")
    for attachment in attachments:
        message.attach(*attachment)
    message.send()
    return subject, text


def record_message(case, subject, body):
    """Keep an e-mail just sent to the case's applicant in their inbox, if they have an account; returns the
    message, or None for an applicant without one. The e-mail itself is still sent by the caller."""
    if not case.applicant_id:
        return None
    return Message.objects.create(
        recipient_id=case.applicant_id, case=case, subject=subject, body=body.strip(), sent_at=timezone.now()
    )


def send_document(case, *, subject, body, document, institution):
    """E-mail the applicant a text with a document of the case attached (an answer, a decision) and keep it in their
    inbox."""
    message = EmailMultiAlternatives(
        subject,
        body,
        to=[case.applicant_email],
        reply_to=institution_reply_to(institution),
        headers=AUTOMATIC_HEADERS,
    )
    with document.file.open("rb") as attached:
        message.attach(document.original_name, attached.read(), document.content_type)
    message.send()
    record_message(case, subject, body)


def institution_reply_to(institution):
    return [institution.email] if institution.email else None


def case_links(case):
    links = {"lookup_url": absolute_url("services:lookup")}
    if case.applicant_id:
        links["case_url"] = absolute_url("services:case", case.registration_number)
    return links


def registration_receipt(case_id):
    """The receipt of a registered request: number, due date, access code and where to follow the case."""
    case = Case.objects.select_related("service").get(pk=case_id)
    if not case.applicant_email:
        return 0
    institution = InstitutionSettings.load()
    subject, text = send_email(
        "registration_receipt",
        {"case": case, "institution": institution, **case_links(case)},
        to=[case.applicant_email],
        language=case.language,
        reply_to=institution_reply_to(institution),
        attachments=[(receipts.file_name(case), receipts.render_pdf(case), "application/pdf")],
    )
    record_message(case, subject, text)
    return 1


def event_to_applicant(event_id):
    """Tell the applicant what happened to their case: a new status, a message, an extended time limit."""
    event = CaseEvent.objects.select_related("case", "case__service").get(pk=event_id)
    case = event.case
    # The registration has its own e-mail, the receipt.
    if not (event.visible_to_applicant and case.applicant_email) or event.action == CaseEvent.Action.REGISTERED:
        return 0
    institution = InstitutionSettings.load()
    context = {
        "case": case,
        "event": event,
        "institution": institution,
        "is_message": event.action == CaseEvent.Action.MESSAGE,
        "is_extension": event.action == CaseEvent.Action.EXTENDED,
        "is_completion_request": event.action == CaseEvent.Action.COMPLETION_REQUESTED,
        "due_date": case.due_date if case.is_open else None,
        **case_links(case),
    }
    subject, text = send_email(
        "case_update",
        context,
        to=[case.applicant_email],
        language=case.language,
        reply_to=institution_reply_to(institution),
    )
    record_message(case, subject, text)
    return 1


def _once_a_working_day(task_name, send):
    """Run `send(today, calendar)` once on each working day of the institution.

    Nothing is sent on weekends and holidays: the reminders' windows do not move between a Friday and the Monday
    after it, so a run on Saturday would repeat Friday's reminders, and an overdue digest would repeat Friday's list.
    """
    today = clock.today()
    calendar = clock.institution_calendar()
    if not calendar.is_working_day(today):
        logger.info("%s: %s is not a working day; nothing sent", task_name, today)
        return 0
    key = f"services:notifications:{task_name}:{today.isoformat()}"
    if not cache.add(key, True, timeout=ONCE_A_DAY_TIMEOUT):
        logger.info("%s already ran on %s; nothing sent", task_name, today)
        return 0
    try:
        return send(today, calendar)
    except Exception:
        cache.delete(key)  # let a retry send what this run could not
        raise


def due_reminders():
    """Once a day: e-mail each assignee the open cases whose working days left equal the case's reminder days.

    One e-mail per assignee, on working days only. Suspended cases have no running clock and are left out. Returns
    the e-mails sent.
    """
    return _once_a_working_day("due_reminders", _send_due_reminders)


def _send_due_reminders(today, calendar):
    running = Case.objects.filter(
        status__in=kinds.open_statuses(), assignee__isnull=False, assignee__is_active=True, due_date__gte=today
    ).exclude(status=Status.AWAITING_APPLICANT)
    # Working days left == r exactly for the due dates from the r-th working day after today up to (not including)
    # the (r+1)-th: one date range per reminder setting, so the database picks the cases.
    windows = [
        Q(
            reminder_days=days,
            due_date__gte=calendar.add_working_days(today, days),
            due_date__lt=calendar.add_working_days(today, days + 1),
        )
        for days in running.order_by().values_list("reminder_days", flat=True).distinct()
    ]
    if not windows:
        return 0
    wanted = functools.reduce(operator.or_, windows)
    cases = running.filter(wanted).select_related("assignee", "service").order_by("due_date", "registration_number")
    by_assignee = defaultdict(list)
    for case in cases:
        case.days_left = working_days_between(today, case.due_date, calendar)
        case.url = absolute_url("backoffice:case", case.registration_number)
        by_assignee[case.assignee].append(case)
    institution = InstitutionSettings.load()
    for assignee, assigned in by_assignee.items():
        send_email(
            "due_reminder",
            {"assignee": assignee, "cases": assigned, "institution": institution, "today": today},
            to=[assignee.email],
            language=assignee.preferred_language,
        )
    return len(by_assignee)


def overdue_digests():
    """Once a day: e-mail each head of department their departments' overdue open cases, oldest due date first.

    Sent on working days only; no e-mail to a head whose departments have nothing overdue. Returns the e-mails sent.
    """
    return _once_a_working_day("overdue_digests", _send_overdue_digests)


def _send_overdue_digests(today, calendar):
    heads = list(
        Membership.objects.filter(role=Membership.Role.HEAD, user__is_active=True)
        .select_related("user", "department")
        .order_by("department__name")
    )
    if not heads:
        return 0
    overdue = (
        Case.objects.filter(
            status__in=kinds.open_statuses(), due_date__lt=today, department_id__in={m.department_id for m in heads}
        )
        .select_related("assignee", "service")
        .order_by("due_date", "registration_number")
    )
    by_department = defaultdict(list)
    for case in overdue:
        case.days_overdue = working_days_between(case.due_date, today, calendar)
        case.url = absolute_url("backoffice:case", case.registration_number)
        by_department[case.department_id].append(case)
    sections_by_head = defaultdict(list)
    for membership in heads:
        if by_department[membership.department_id]:
            sections_by_head[membership.user].append((membership.department, by_department[membership.department_id]))
    institution = InstitutionSettings.load()
    for head, sections in sections_by_head.items():
        send_email(
            "overdue_digest",
            {
                "head": head,
                "sections": sections,
                "institution": institution,
                "today": today,
                "count": sum(len(cases) for _department, cases in sections),
            },
            to=[head.email],
            language=head.preferred_language,
        )
    return len(sections_by_head)
