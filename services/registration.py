"""Registration: a request enters the registry with its number, the rule it will be judged by, and its due date."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.models import InstitutionSettings

from . import documents, register, workflow
from .calendar import institution_calendar, now
from .deadlines import due_date
from .models import Case, CaseEvent, Channel, RegistrationCounter, Service, Status
from .registry import kinds


def next_registration_number(prefix, year):
    """Take the next number of the year under a row lock; a rolled-back registration gives its number back."""
    RegistrationCounter.objects.bulk_create([RegistrationCounter(prefix=prefix, year=year)], ignore_conflicts=True)
    counter = RegistrationCounter.objects.select_for_update().get(prefix=prefix, year=year)
    counter.last += 1
    counter.save(update_fields=["last"])
    return counter.last, f"{prefix}-{year}-{counter.last:06d}"


@transaction.atomic
def register_case(
    *,
    service: Service,
    subject,
    applicant=None,
    applicant_name="",
    applicant_email="",
    details="",
    language=None,
    by=None,
    registered_at=None,
    uploads=None,
    notify=True,
    channel=Channel.ONLINE,
    applicant_phone="",
    applicant_address="",
    applicant_cnp="",
):
    """Register a request: number, the procedure's rule frozen on the case, the due date, and the receipt e-mail.

    `uploads` maps a key (a form field's name) to `(uploaded file, required document or None)`: the files filed with
    the request, checked before anything is registered. When one is refused nothing is registered and the
    ValidationError maps each refused key to its messages. `notify=False` sends no receipt (the demo's history)."""
    if not service.active:
        raise ValidationError(_("This service is not available."), code="inactive_service")
    if service.kind not in kinds:
        raise ValidationError(
            _("This service's request kind “%(kind)s” is not installed."),
            code="unknown_kind",
            params={"kind": service.kind},
        )
    uploads = uploads or {}
    documents.check_uploads(uploads)
    procedure = service.procedure
    registered_at = registered_at or now()
    registered_on = timezone.localdate(registered_at)
    prefix = InstitutionSettings.load().registration_prefix
    sequence, number = next_registration_number(prefix, registered_on.year)
    case = Case(
        registration_number=number,
        registration_year=registered_on.year,
        registration_sequence=sequence,
        service=service,
        kind=service.kind,
        department_id=procedure.owner_department_id,
        procedure=procedure,
        procedure_code=procedure.code,
        procedure_edition=procedure.edition,
        procedure_revision=procedure.revision,
        deadline_days=procedure.deadline_days,
        deadline_unit=procedure.deadline_unit,
        extension_max_days=procedure.extension_max_days if procedure.extension_allowed else 0,
        suspension_allowed=procedure.suspension_allowed,
        reminder_days=procedure.reminder_days,
        applicant=applicant,
        applicant_name=applicant_name or (applicant.display_name if applicant else ""),
        applicant_email=applicant_email or (applicant.email if applicant else ""),
        language=language or (applicant.preferred_language if applicant else "ro"),
        subject=subject,
        details=details,
        channel=channel,
        applicant_phone=applicant_phone,
        applicant_cnp=applicant_cnp,
        applicant_address=applicant_address or (getattr(applicant, "address", "") if applicant else ""),
        status=Status.SUBMITTED,
        registered_at=registered_at,
        registered_on=registered_on,
    )
    case.due_date = due_date(registered_on, case.deadline_days, case.deadline_unit, calendar=institution_calendar())
    filer = by or applicant
    workflow.check(case, "register", by=filer)
    workflow.move(
        case,
        Status.REGISTERED,
        by=filer,
        transition="register",
        action=CaseEvent.Action.REGISTERED,
        visible=True,
        data={"due_date": case.due_date.isoformat()},
        at=registered_at,
        notify=False,  # the registration receipt below tells the applicant
    )
    register.record_incoming(case, by=filer)
    stored = []
    try:
        for upload, requirement in uploads.values():
            stored.append(documents.store_document(case, by=filer, upload=upload, requirement=requirement))
    except BaseException:
        for document in stored:
            document.file.delete(save=False)
        raise
    if notify and case.applicant_email:
        from .tasks import send_registration_receipt

        transaction.on_commit(lambda: send_registration_receipt.delay(case.pk))
    return case


class CannotClaim(ValidationError):
    pass


@transaction.atomic
def claim_case(case, *, by):
    """A person registered at the desk without an account adds the case to the account they have now made, proving
    it with the access code of the receipt (checked by the caller). A case that already has an account is refused."""
    case = Case.objects.select_for_update().get(pk=case.pk)
    if case.applicant_id is not None:
        raise CannotClaim(_("This case already belongs to an account."), code="claimed")
    case.applicant = by
    if not case.applicant_email:
        case.applicant_email = by.email
    case.save(update_fields=["applicant", "applicant_email", "updated_at"])
    workflow.record_event(
        case, by=by, action=CaseEvent.Action.CLAIMED, visible=True, data={"account": by.pk}, notify=False
    )
    return case
