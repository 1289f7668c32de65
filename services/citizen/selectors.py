"""What the citizen's pages read: their cases, a case's public history and documents, and the public lookup."""

import secrets

from django.http import Http404
from django.urls import reverse
from django.utils import timezone

from .. import calendar, permissions
from ..deadlines import working_days_between
from ..models import Case, CaseDocument, CaseEvent, Message, Service
from ..registry import UnknownKind, kinds

# A code of the same length as a real one, compared when no case has the number, so both answers take as long.
_NO_CODE = "-" * 8


def cases_of(user):
    """The applicant's cases, newest first, with what the list shows."""
    return Case.objects.of_applicant(user).select_related("service").order_by("-registered_at", "-pk")


def case_of(user, registration_number):
    """The applicant's own case, or 404 for any other case (its existence is not revealed)."""
    try:
        return (
            Case.objects.of_applicant(user)
            .select_related("service", "procedure", *kinds.case_related())
            .get(registration_number=registration_number)
        )
    except Case.DoesNotExist:
        raise Http404 from None


def messages_of(user):
    """The citizen's inbox, newest first, with the case each message is about."""
    return (
        Message.objects.of_recipient(user)
        .select_related("case")
        .only("subject", "sent_at", "read_at", "case__registration_number")
        .order_by("-sent_at", "-pk")
    )


def message_of(user, pk):
    """The citizen's own message, or 404 for anyone else's (its existence is not revealed)."""
    message = Message.objects.of_recipient(user).select_related("case").filter(pk=pk).first()
    if message is None:
        raise Http404
    return message


def unread_count(user):
    return Message.objects.of_recipient(user).unread().count()


def mark_read(user, messages):
    """Mark these messages of the user read (one UPDATE); the objects keep showing them as they were."""
    unread = [message.pk for message in messages if message.read_at is None]
    if unread:
        Message.objects.of_recipient(user).filter(pk__in=unread, read_at__isnull=True).update(read_at=timezone.now())


def public_events(case):
    """The history the applicant may see: never internal notes, assignments or who did it."""
    return case.events.filter(visible_to_applicant=True).order_by("at", "pk")


def applicant_documents(case):
    return case.documents.filter(visible_to_applicant=True).order_by("uploaded_at", "pk")


def completion_request(case):
    """The latest completion request: what the applicant was asked to bring."""
    return (
        case.events.filter(action=CaseEvent.Action.COMPLETION_REQUESTED, visible_to_applicant=True)
        .order_by("-at", "-pk")
        .first()
    )


def clock_of(case):
    """(working days left, overdue) for an open case with a due date; (None, False) for a closed or suspended one.

    Overdue means the due date has passed, whatever the count says: on a weekend after a Friday due date no working
    day has passed yet, so the count is 0 although the case is overdue. When overdue, the count is minus the working
    days since the due date.
    """
    if not case.is_open or case.due_date is None:
        return None, False
    today = calendar.today()
    return working_days_between(today, case.due_date, calendar.institution_calendar()), case.due_date < today


def document_for(user, pk):
    """A document the user may download: staff who may see the case, or the applicant if it is shown to them.

    Anyone else gets 404, so a document's existence is never revealed."""
    document = CaseDocument.objects.select_related("case").filter(pk=pk).first()
    if document is None:
        raise Http404
    case = document.case
    if permissions.can_see(user, case):
        return document
    if document.visible_to_applicant and permissions.is_applicant(user, case):
        return document
    raise Http404


def normalise_number(value):
    return "".join(value.split()).upper()


def normalise_code(value):
    return "".join(value.split()).upper()


def case_by_number_and_code(registration_number, access_code):
    """The case with this number and access code, or None; as slow for an unknown number as for a wrong code.

    The typed number is normalised here (spaces out, upper case, as the registry writes numbers) and looked up
    exactly, so the unique index finds it: a case-insensitive match would read the whole table (issue #24)."""
    case = Case.objects.select_related("service", "procedure").filter(
        registration_number=normalise_number(registration_number)
    )
    case = case.first()
    expected = case.access_code if case else _NO_CODE
    matches = secrets.compare_digest(normalise_code(access_code).encode(), expected.upper().encode())
    return case if case is not None and matches else None


def filing_url(service):
    """Where a citizen starts the service online: its kind's filing flow, or None if the kind has none."""
    try:
        kind = kinds.get(service.kind)
    except UnknownKind:
        return None
    if not (kind.filing_url and service.online and service.active):
        return None
    return reverse(kind.filing_url, kwargs={"service": service.slug})


def online_offers():
    """(service, its filing URL) for every active service a citizen can start online, in catalogue order."""
    services = Service.objects.filter(active=True, online=True).select_related("procedure__owner_department")
    offers = [(service, filing_url(service)) for service in services.order_by("title")]
    return [(service, url) for service, url in offers if url]
