"""The general register's operations: the incoming entry of every registered case, and an outgoing entry, with a
number of its own from the same yearly counter, for every answer or decision sent from a case."""

from django.db import transaction
from django.utils import timezone

from portal.models import InstitutionSettings

from . import workflow
from .calendar import now
from .lifecycle import Action
from .models import Case, CaseDocument, Channel, RegisterEntry


def record_incoming(case: Case, *, by=None) -> RegisterEntry:
    """The case's own entry: its registration number, sender, summary and channel."""
    return RegisterEntry.objects.create(
        year=case.registration_year,
        sequence=case.registration_sequence,
        number=case.registration_number,
        direction=RegisterEntry.Direction.INCOMING,
        at=case.registered_at,
        channel=case.channel,
        correspondent=case.applicant_name[:200],
        address=case.applicant_address,
        summary=case.subject[:300],
        department_id=case.department_id,
        case=case,
        registered_by=by if by is not None and by.is_authenticated else None,
    )


def incoming_entry(case: Case) -> RegisterEntry | None:
    return case.register_entries.filter(direction=RegisterEntry.Direction.INCOMING).first()


@transaction.atomic
def record_outgoing(
    case: Case,
    *,
    by,
    summary,
    document: CaseDocument | None = None,
    channel=None,
    address="",
    correspondent="",
) -> RegisterEntry:
    """Register what the institution sends from a case (an answer, a decision) under a new number of the year's
    register, answering the case's incoming number. Sent by e-mail when the applicant has an address, else by post
    (the registry then marks it sent). `correspondent` is the addressee when it is not the applicant (another
    authority a request is forwarded to)."""
    from .registration import next_registration_number

    at = now()
    year = timezone.localdate(at).year
    sequence, number = next_registration_number(InstitutionSettings.load().registration_prefix, year)
    if channel is None:
        channel = Channel.EMAIL if case.applicant_email else Channel.POST
    entry = RegisterEntry.objects.create(
        year=year,
        sequence=sequence,
        number=number,
        direction=RegisterEntry.Direction.OUTGOING,
        at=at,
        channel=channel,
        correspondent=(correspondent or case.applicant_name)[:200],
        address=address or ("" if correspondent else case.applicant_address),
        summary=str(summary)[:300],
        department_id=case.department_id,
        case=case,
        answers=incoming_entry(case),
        document=document,
        registered_by=by if by is not None and by.is_authenticated else None,
        sent_on=timezone.localdate(at) if channel == Channel.EMAIL else None,
    )
    workflow.record_event(
        case,
        by=by,
        action=Action.SENT,
        note=number,
        visible=True,
        data={"number": number, "answers": entry.answers.number if entry.answers else "", "channel": channel},
        notify=False,  # what is sent carries its own message
    )
    return entry
