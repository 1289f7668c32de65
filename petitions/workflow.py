"""The petitions' own changes of a case, made through the spine's door: forwarding and filing without an answer."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from services import workflow
from services.calendar import institution_calendar, today
from services.deadlines import due_date

from .lifecycle import CLASSIFIED, FORWARDED

# Requests sent to the wrong authority are forwarded within 5 days of registration (OG 27/2002 art. 6^1; the same
# term serves public-information requests, L 544/2001 art. 7), counted like every other term.
FORWARDING_DAYS = 5


def forwarding_due(case):
    """The last day to forward the request: 5 calendar days from registration, suspensions not counted."""
    periods = [(p.started_on, p.ended_on or today()) for p in case.suspensions.all()]
    return due_date(
        case.registered_on, FORWARDING_DAYS, "calendar", calendar=institution_calendar(), suspensions=periods
    )


@transaction.atomic
def forward_case(case, *, by, authority, note=""):
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
        data={"authority": authority, "forwarding_due": window.isoformat()},
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
