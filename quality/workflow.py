"""A procedure version's life: drafted, verified, approved, in force, superseded or withdrawn — each step signed off.

Every transition is one function that checks the person's permission and the version's status under a row lock,
moves the status and appends the sign-off. Nobody verifies or approves a version they drafted. The version in force
is the procedure's rule for new cases: taking effect writes its edition and revision into `services.Procedure`,
which the Case spine freezes into each case it registers (a case keeps the edition it was registered under).
"""

import datetime
import hashlib

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from . import roles
from .models import ProcedureVersion, ReviewPolicy, SignOff, Step

S = ProcedureVersion.Status


class TransitionRefused(ValidationError):
    """The version is not in a status this step starts from, or a rule refuses the step."""


def _sign(version, step, person, function="", comment=""):
    name = (person.get_full_name() or person.email) if person is not None else _("the portal (automatic)")
    return SignOff.objects.create(
        version=version, step=step, person=person, name=name, function=function, comment=comment
    )


def _locked(version):
    return ProcedureVersion.objects.select_for_update().select_related("procedure").get(pk=version.pk)


def _require(user, permission):
    if not roles.can(user, permission):
        raise PermissionDenied(_("You may not take this step."))


def _expect(version, *statuses):
    if version.status not in statuses:
        raise TransitionRefused(
            _("This version is %(status)s: the step cannot be taken now.") % {"status": version.get_status_display()}
        )


def _not_own(version, user):
    if version.drafted_by_id == user.pk:
        raise TransitionRefused(_("You drafted this version: someone else must verify and approve it."))


def sha256_of(field_file):
    digest = hashlib.sha256()
    field_file.open("rb")
    try:
        for chunk in field_file.chunks():
            digest.update(chunk)
    finally:
        field_file.close()
    return digest.hexdigest()


def next_numbers(procedure, *, new_edition):
    """(edition, revision) of the next version: a revision of the latest edition, or a new edition at revision 0."""
    latest = procedure.versions.order_by("-edition", "-revision").first()
    edition, revision = (latest.edition, latest.revision) if latest else (procedure.edition, procedure.revision)
    return (edition + 1, 0) if new_edition else (edition, revision + 1)


def record_current_version(procedure):
    """The version in force today, as the catalogue knows it, for a procedure that has no version yet."""
    version = procedure.versions.filter(status=S.EFFECTIVE).first()
    if version is not None:
        return version
    version = ProcedureVersion.objects.create(
        procedure=procedure,
        edition=procedure.edition,
        revision=procedure.revision,
        status=S.EFFECTIVE,
        planned_effective_date=procedure.effective_date,
        effective_date=procedure.effective_date,
        component="whole",
        change_summary=_in_institution_language(
            gettext_noop("The version in force when the portal started keeping the procedure's versions.")
        ),
        drafted_by=None,
    )
    _sign(
        version, Step.EFFECTIVE, None, comment=_in_institution_language(gettext_noop("Recorded from the catalogue."))
    )
    ReviewPolicy.objects.get_or_create(
        procedure=procedure, defaults={"next_review_on": _add_months(procedure.effective_date, 12)}
    )
    return version


@transaction.atomic
def start_version(procedure, *, by, function, component, change_summary, document, source=None, new_edition=False):
    """A new draft (the next revision, or a new edition) of `procedure`, drafted and signed off by `by`."""
    _require(by, roles.DRAFT)
    if procedure.versions.filter(status__in=[S.DRAFT, S.IN_VERIFICATION, S.IN_APPROVAL]).exists():
        raise TransitionRefused(_("This procedure already has a version in progress: finish or return it first."))
    if not procedure.versions.exists():
        record_current_version(procedure)
    edition, revision = next_numbers(procedure, new_edition=new_edition)
    version = ProcedureVersion(
        procedure=procedure,
        edition=edition,
        revision=revision,
        component=component,
        change_summary=change_summary,
        drafted_by=by,
    )
    version.document = document
    if source is not None:
        version.source = source
    version.save()
    version.sha256 = sha256_of(version.document)
    version.save(update_fields=["sha256"])
    _sign(version, Step.DRAFTED, by, function)
    return version


@transaction.atomic
def submit_for_verification(version, *, by):
    version = _locked(version)
    _expect(version, S.DRAFT)
    if by.pk != version.drafted_by_id:
        _require(by, roles.DRAFT)
    if not version.document:
        raise TransitionRefused(_("Attach the procedure's PDF before sending it for verification."))
    version.status = S.IN_VERIFICATION
    version.save(update_fields=["status"])
    return version


@transaction.atomic
def verify(version, *, by, function, comment=""):
    version = _locked(version)
    _expect(version, S.IN_VERIFICATION)
    _require(by, roles.VERIFY)
    _not_own(version, by)
    version.status = S.IN_APPROVAL
    version.save(update_fields=["status"])
    _sign(version, Step.VERIFIED, by, function, comment)
    return version


@transaction.atomic
def approve(version, *, by, function, effective_date, comment="", today=None):
    """Approve; the version takes effect on `effective_date` (at once if that is today or earlier)."""
    today = today or timezone.localdate()
    version = _locked(version)
    _expect(version, S.IN_APPROVAL)
    _require(by, roles.APPROVE)
    _not_own(version, by)
    version.status = S.APPROVED
    version.planned_effective_date = effective_date
    version.save(update_fields=["status", "planned_effective_date"])
    _sign(version, Step.APPROVED, by, function, comment)
    if effective_date <= today:
        version = take_effect(version, today=today)
    return version


@transaction.atomic
def return_to_draft(version, *, by, function, comment):
    """The verifier or the approver sends the version back to its drafter, saying why."""
    version = _locked(version)
    _expect(version, S.IN_VERIFICATION, S.IN_APPROVAL)
    _require(by, roles.VERIFY if version.status == S.IN_VERIFICATION else roles.APPROVE)
    if not comment.strip():
        raise TransitionRefused(_("Say what must change: the drafter reads it."))
    version.status = S.DRAFT
    version.save(update_fields=["status"])
    _sign(version, Step.RETURNED, by, function, comment)
    return version


@transaction.atomic
def take_effect(version, *, today):
    """The approved version is in force from `today`; the one it replaces is superseded; the catalogue follows."""
    version = _locked(version)
    _expect(version, S.APPROVED)
    procedure = version.procedure
    previous = procedure.versions.select_for_update().filter(status=S.EFFECTIVE).first()
    if previous is not None:
        previous.status = S.SUPERSEDED
        previous.superseded_on = today
        previous.save(update_fields=["status", "superseded_on"])
        _sign(previous, Step.SUPERSEDED, None, comment=version.label)
    version.status = S.EFFECTIVE
    version.effective_date = today
    version.save(update_fields=["status", "effective_date"])
    _sign(version, Step.EFFECTIVE, None)
    procedure.edition, procedure.revision, procedure.effective_date = version.edition, version.revision, today
    procedure.save(update_fields=["edition", "revision", "effective_date"])
    policy, _created = ReviewPolicy.objects.get_or_create(
        procedure=procedure, defaults={"next_review_on": _add_months(today, 12)}
    )
    policy.next_review_on = _add_months(today, policy.interval_months)
    policy.reminded_on = None
    policy.save(update_fields=["next_review_on", "reminded_on"])
    from .distribution import redistribute

    redistribute(version, previous)
    return version


@transaction.atomic
def withdraw(version, *, by, function, reason, today=None):
    """The procedure is no longer applied: its version in force is withdrawn, with the reason."""
    version = _locked(version)
    _expect(version, S.EFFECTIVE)
    _require(by, roles.APPROVE)
    if not reason.strip():
        raise TransitionRefused(_("Give the reason for the withdrawal."))
    version.status = S.WITHDRAWN
    version.withdrawal_reason = reason
    version.superseded_on = today or timezone.localdate()
    version.save(update_fields=["status", "withdrawal_reason", "superseded_on"])
    _sign(version, Step.WITHDRAWN, by, function, reason)
    return version


def take_effect_due(today):
    """The approved versions whose effective date has come take effect (the daily task); returns how many."""
    due = ProcedureVersion.objects.filter(status=S.APPROVED, planned_effective_date__lte=today)
    count = 0
    for version in due.order_by("planned_effective_date", "pk"):
        take_effect(version, today=today)
        count += 1
    return count


def _in_institution_language(message):
    """Stored text is in the institution's language (the cover prints it), whatever the request's language."""
    from django.conf import settings
    from django.utils import translation

    with translation.override(settings.LANGUAGE_CODE):
        return _(message)


def _add_months(day, months):
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    for last in (31, 30, 29, 28):
        try:
            return datetime.date(year, month, min(day.day, last))
        except ValueError:
            continue
    raise AssertionError("unreachable")
