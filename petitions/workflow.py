"""The petitions' own changes of a case, made through the spine's door: forwarding and filing without an answer."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from services import register, workflow
from services.calendar import institution_calendar, today
from services.deadlines import due_date, working_days_between
from services.lifecycle import UNDER_WAY, Status
from services.models import Case, Channel

from .lifecycle import CLASSIFIED, FORWARDED, JOINED

# Requests sent to the wrong authority are forwarded within 5 days of registration (OG 27/2002 art. 6^1; the same
# term serves public-information requests, L 544/2001 art. 7), counted like every other term.
FORWARDING_DAYS = 5


def forwarding_due(case, calendar=None, suspensions=None):
    """The last day to forward the request: 5 calendar days from registration, suspensions not counted."""
    if suspensions is None:
        suspensions = [(p.started_on, p.ended_on or today()) for p in case.suspensions.all()]
    return due_date(
        case.registered_on,
        FORWARDING_DAYS,
        "calendar",
        calendar=calendar or institution_calendar(),
        suspensions=suspensions,
    )


def forwarding_flags(case, today, calendar):
    """The queue's flag for a request still under way whose 5-day forwarding term ends by the next working day. From
    the row alone: a suspension so early is rare, and the forwarding itself is judged with it."""
    if case.status not in UNDER_WAY:
        return ()
    last_day = forwarding_due(case, calendar, suspensions=[])
    if today <= last_day and working_days_between(today, last_day, calendar) <= 1:
        return (_("forwarding term ends %(date)s") % {"date": date_format(last_day, "SHORT_DATE_FORMAT")},)
    return ()


@transaction.atomic
def forward_case(case, *, by, authority, address="", note=""):
    """Send the request to the competent authority (OG 27/2002 art. 6^1); the applicant is told. On time when
    forwarded within the 5-day term."""
    case = workflow.begin(case, "forward", by=by)
    if not authority.strip():
        raise ValidationError(_("Name the competent authority."), code="authority")
    window = forwarding_due(case)
    workflow.close(
        case,
        FORWARDED,
        by=by,
        transition="forward",
        action=FORWARDED,
        note=note,
        judged_against=window,
        data={"authority": authority, "address": address, "forwarding_due": window.isoformat()},
    )
    # The letter forwarding the request is outgoing mail to the authority, by post unless sent otherwise.
    register.record_outgoing(
        case,
        by=by,
        summary=f"Redirecționare: {case.subject}",
        channel=Channel.POST,
        correspondent=authority.strip(),
        address=address,
    )
    return case


@transaction.atomic
def classify_case(case, *, by, note):
    """File without an answer (a petition without identification data, OG 27/2002 art. 7)."""
    case = workflow.begin(case, "classify", by=by)
    if not note.strip():
        raise ValidationError(_("Give the reason for filing without an answer."), code="note_required")
    workflow.close(case, CLASSIFIED, by=by, transition="classify", action=CLASSIFIED, note=note)
    return case


def _same_petitioner(one, other):
    if one.applicant_id and other.applicant_id:
        return one.applicant_id == other.applicant_id
    return bool(one.applicant_email) and one.applicant_email.lower() == other.applicant_email.lower()


@transaction.atomic
def join_case(case, *, by, first, note=""):
    """Join a repeated petition to the first one of the same petitioner on the same problem (OG 27/2002 art. 10):
    while the first is open, the repeat closes as joined and the first one's answer covers both; once the first
    was answered, the repeat is filed without an answer under the first one's number."""
    case = workflow.begin(case, "join", by=by)
    first = Case.objects.filter(registration_number__iexact=str(first).strip()).first()
    if first is None or first.pk == case.pk or first.kind != case.kind or first.department_id != case.department_id:
        raise ValidationError(
            _("Give the registration number of an earlier petition of this department."), code="first"
        )
    if first.registered_at > case.registered_at:
        raise ValidationError(_("A petition is joined to an earlier one, not to a later one."), code="later")
    if not _same_petitioner(case, first):
        raise ValidationError(_("Only petitions of the same petitioner are joined."), code="petitioner")
    data = {"first": first.registration_number}
    if first.is_open:
        workflow.close(case, JOINED, by=by, transition="join", action=JOINED, note=note, data=data)
    elif first.status in (Status.ANSWERED, Status.REJECTED):
        workflow.close(case, CLASSIFIED, by=by, transition="join", action=JOINED, note=note, data=data)
    else:
        raise ValidationError(
            _("The earlier petition was closed without an answer: answer this one on its own."), code="first_closed"
        )
    return case
