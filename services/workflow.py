"""One function per change of a case: each checks who acts and in what state, writes the audit event,
recomputes the due date when the clock changes, and queues the notifications after the commit."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import translation
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from . import permissions
from .calendar import institution_calendar, now, today
from .deadlines import due_date, working_days_between
from .models import OPEN_STATUSES, Case, CaseEvent, Service, Status, Suspension

Action = CaseEvent.Action


class TransitionNotAllowed(ValidationError):
    """The case is not in a state where this change may happen."""


# Where each status may go. Resolution statuses are all reachable from review; forwarding and classification
# exist for petitions (OG 27/2002 art. 6^1 and 7); withdrawal is the applicant's right while the case is open.
TRANSITIONS = {
    Status.SUBMITTED: {Status.REGISTERED},
    Status.REGISTERED: {
        Status.IN_REVIEW,
        Status.AWAITING_APPLICANT,
        Status.FORWARDED,
        Status.CLASSIFIED,
        Status.WITHDRAWN,
        Status.APPROVED,
        Status.REJECTED,
        Status.ANSWERED,
    },
    Status.IN_REVIEW: {
        Status.AWAITING_APPLICANT,
        Status.APPROVED,
        Status.REJECTED,
        Status.ANSWERED,
        Status.FORWARDED,
        Status.CLASSIFIED,
        Status.WITHDRAWN,
    },
    Status.AWAITING_APPLICANT: {Status.IN_REVIEW, Status.WITHDRAWN, Status.REJECTED},
}
OUTCOMES = (Status.APPROVED, Status.REJECTED, Status.ANSWERED)
# Requests sent to the wrong authority are forwarded within 5 days of registration (OG 27/2002 art. 6^1; the
# same term serves public-information requests, L 544/2001 art. 7), counted like every other term.
FORWARDABLE_KINDS = (Service.Kind.PETITION, Service.Kind.INFORMATION)
FORWARDING_DAYS = 5


def allowed_targets(case):
    return TRANSITIONS.get(case.status, set())


def _check_transition(case, target):
    if target not in allowed_targets(case):
        raise TransitionNotAllowed(
            _("A case that is “%(status)s” cannot become “%(target)s”.")
            % {"status": case.get_status_display(), "target": Status(target).label},
            code="transition_not_allowed",
        )


def _require(allowed):
    if not allowed:
        raise PermissionDenied(_("You may not do this for this case."))


def _locked(case):
    return Case.objects.select_for_update().get(pk=case.pk)


def _record(case, *, by, action, note="", visible=False, status_before="", status_after="", data=None):
    event = CaseEvent.objects.create(
        case=case,
        at=now(),
        actor=by if by and by.is_authenticated else None,
        action=action,
        note=note,
        visible_to_applicant=visible,
        status_before=status_before,
        status_after=status_after,
        data=data or {},
    )
    if visible and case.applicant_email:
        from .tasks import notify_applicant

        transaction.on_commit(lambda: notify_applicant.delay(event.pk))
    return event


def _move(case, target, *, by, action, note="", visible=True, data=None):
    _check_transition(case, target)
    before = case.status
    case.status = target
    case.save()
    return _record(
        case, by=by, action=action, note=note, visible=visible, status_before=before, status_after=target, data=data
    )


def compute_due_date(case, calendar=None):
    """The due date under the case's own rule, its suspensions and extension; None while a suspension is open."""
    periods = list(case.suspensions.all())
    if any(p.ended_on is None for p in periods):
        return None
    return due_date(
        case.registered_on,
        case.deadline_days,
        case.deadline_unit,
        calendar=calendar or institution_calendar(),
        suspensions=[(p.started_on, p.ended_on) for p in periods],
        extension_days=case.extension_days,
    )


@transaction.atomic
def assign_case(case, *, assignee, by):
    case = _locked(case)
    _require(permissions.can_work_on(by, case))
    if not case.is_open:
        raise TransitionNotAllowed(_("A closed case cannot be assigned."), code="closed")
    if not (assignee.is_staff and (case.department_id in permissions.department_ids(assignee))):
        raise ValidationError(
            _("%(name)s does not work in this case's department.") % {"name": assignee}, code="not_a_member"
        )
    if case.assignee_id == assignee.pk:
        return case
    case.assignee = assignee
    case.save()
    _record(case, by=by, action=Action.ASSIGNED, data={"assignee": assignee.pk, "name": assignee.display_name})
    return case


@transaction.atomic
def start_review(case, *, by):
    case = _locked(case)
    _require(permissions.can_work_on(by, case))
    if case.status != Status.REGISTERED:
        # A suspended case returns to review only through record_completion, which restarts the clock.
        raise TransitionNotAllowed(_("The review of this case has already started."), code="already_started")
    _move(case, Status.IN_REVIEW, by=by, action=Action.REVIEW_STARTED)
    return case


@transaction.atomic
def request_completion(case, *, by, note):
    """Ask the applicant to complete the file (hiánypótlás): the clock stops until the completion is registered."""
    case = _locked(case)
    _require(permissions.can_work_on(by, case))
    if not case.suspension_allowed:
        raise TransitionNotAllowed(_("This procedure does not allow suspending the time limit."), code="no_suspension")
    if not note.strip():
        raise ValidationError(_("Say what the applicant must complete."), code="note_required")
    _check_transition(case, Status.AWAITING_APPLICANT)
    Suspension.objects.create(case=case, started_on=today())
    case.due_date = None
    _move(case, Status.AWAITING_APPLICANT, by=by, action=Action.COMPLETION_REQUESTED, note=note)
    return case


@transaction.atomic
def record_completion(case, *, by, note=""):
    """The applicant completed the file (online, or at the counter as recorded by a clerk): the clock runs again."""
    case = _locked(case)
    _require(permissions.is_applicant(by, case) or permissions.can_work_on(by, case))
    if case.status != Status.AWAITING_APPLICANT:
        raise TransitionNotAllowed(_("No completion was requested for this case."), code="not_suspended")
    open_period = case.suspensions.filter(ended_on__isnull=True).get()
    open_period.ended_on = today()
    open_period.save()
    case.due_date = compute_due_date(case)
    _move(
        case,
        Status.IN_REVIEW,
        by=by,
        action=Action.COMPLETION_RECEIVED,
        note=note,
        data={"due_date": case.due_date.isoformat()},
    )
    return case


def initial_due_date(case):
    """The due date without any extension: an extension must be decided before it."""
    periods = [(p.started_on, p.ended_on) for p in case.suspensions.all() if p.ended_on]
    return due_date(
        case.registered_on,
        case.deadline_days,
        case.deadline_unit,
        calendar=institution_calendar(),
        suspensions=periods,
    )


@transaction.atomic
def extend_deadline(case, *, by, days, reason):
    """Extend the time limit once, by at most the procedure's days, decided by the head before the initial term."""
    case = _locked(case)
    _require(permissions.can_decide_for(by, case))
    if not case.is_open or case.is_suspended:
        raise TransitionNotAllowed(_("Only a case under review can have its time limit extended."), code="state")
    if not case.extension_allowed:
        raise ValidationError(_("This procedure does not allow extending the time limit."), code="not_allowed")
    if case.extension_days:
        raise ValidationError(_("The time limit has already been extended once."), code="already_extended")
    if not 1 <= days <= case.extension_max_days:
        raise ValidationError(
            _("The extension must be between 1 and %(max)s days.") % {"max": case.extension_max_days}, code="days"
        )
    if today() > initial_due_date(case):
        raise ValidationError(_("The extension must be decided before the initial time limit ends."), code="too_late")
    if not reason.strip():
        raise ValidationError(_("Give the reason for the extension; the applicant is told."), code="reason")
    previous = case.due_date
    case.extension_days = days
    case.due_date = compute_due_date(case)
    case.save()
    _record(
        case,
        by=by,
        action=Action.EXTENDED,
        note=reason,
        visible=True,
        data={"days": days, "from": previous.isoformat(), "to": case.due_date.isoformat()},
    )
    return case


@transaction.atomic
def add_note(case, *, by, note):
    case = _locked(case)
    _require(permissions.can_work_on(by, case))
    if not note.strip():
        raise ValidationError(_("The note is empty."), code="empty")
    _record(case, by=by, action=Action.NOTE, note=note)
    return case


@transaction.atomic
def message_applicant(case, *, by, message):
    case = _locked(case)
    _require(permissions.can_work_on(by, case))
    if not message.strip():
        raise ValidationError(_("The message is empty."), code="empty")
    _record(case, by=by, action=Action.MESSAGE, note=message, visible=True)
    return case


def _close(case, target, *, by, action, note, data=None, judged_against=None):
    """Close the case; on time when closed on or before `judged_against` (the due date unless another term)."""
    closed_on = today()
    limit = judged_against or case.due_date
    case.closed_on = closed_on
    case.closed_on_time = limit is not None and closed_on <= limit
    case.processing_working_days = max(0, working_days_between(case.registered_on, closed_on, institution_calendar()))
    return _move(case, target, by=by, action=action, note=note, data=data)


@transaction.atomic
def resolve_case(case, *, by, outcome, note):
    """Decide the case: approved, rejected or answered. On time when decided on or before the due date."""
    case = _locked(case)
    _require(permissions.can_work_on(by, case))
    if outcome not in OUTCOMES:
        raise ValidationError(_("Choose approved, rejected or answered."), code="outcome")
    if not note.strip():
        raise ValidationError(_("Write the decision or the answer for the applicant."), code="note_required")
    _check_transition(case, outcome)
    if case.status == Status.AWAITING_APPLICANT:
        # Rejected for an incomplete file: the suspension ends on the day of the decision.
        case.suspensions.filter(ended_on__isnull=True).update(ended_on=today())
        case.due_date = compute_due_date(case)
    _close(case, outcome, by=by, action=Action.RESOLVED, note=note)
    return case


@transaction.atomic
def forward_case(case, *, by, authority, note=""):
    """Send the request to the competent authority (OG 27/2002 art. 6^1); the applicant is told."""
    case = _locked(case)
    _require(permissions.can_work_on(by, case))
    if case.kind not in FORWARDABLE_KINDS:
        raise TransitionNotAllowed(_("Only petitions and information requests are forwarded."), code="kind")
    if not authority.strip():
        raise ValidationError(_("Name the competent authority."), code="authority")
    _check_transition(case, Status.FORWARDED)
    periods = [(p.started_on, p.ended_on or today()) for p in case.suspensions.all()]
    window = due_date(
        case.registered_on, FORWARDING_DAYS, "calendar", calendar=institution_calendar(), suspensions=periods
    )
    _close(
        case,
        Status.FORWARDED,
        by=by,
        action=Action.FORWARDED,
        note=note,
        judged_against=window,
        data={"authority": authority, "forwarding_due": window.isoformat()},
    )
    return case


@transaction.atomic
def classify_case(case, *, by, note):
    """File without an answer (a petition without identification data, OG 27/2002 art. 7)."""
    case = _locked(case)
    _require(permissions.can_work_on(by, case))
    if not note.strip():
        raise ValidationError(_("Give the reason for filing without an answer."), code="note_required")
    _check_transition(case, Status.CLASSIFIED)
    _close(case, Status.CLASSIFIED, by=by, action=Action.CLASSIFIED, note=note)
    return case


@transaction.atomic
def withdraw_case(case, *, by, reason=""):
    """The applicant withdraws the request; it no longer counts for the on-time rate."""
    case = _locked(case)
    _require(permissions.is_applicant(by, case))
    _check_transition(case, Status.WITHDRAWN)
    case.suspensions.filter(ended_on__isnull=True).update(ended_on=today())
    case.closed_on = today()
    _move(case, Status.WITHDRAWN, by=by, action=Action.WITHDRAWN, note=reason)
    return case


@transaction.atomic
def recompute_due_dates(*, day):
    """The institution's calendar changed on `day` (a bridge day added or removed, a Saturday made working):
    every open case whose term runs over that day gets its due date counted again, and the applicant is told.

    Suspended cases have no due date; theirs is counted with the current calendar when the clock restarts."""
    calendar = institution_calendar()
    affected = (
        Case.objects.select_for_update()
        .filter(status__in=OPEN_STATUSES, due_date__isnull=False, registered_on__lt=day, due_date__gte=day)
        .order_by("pk")
    )
    changed = []
    for case in affected:
        previous, case.due_date = case.due_date, compute_due_date(case, calendar)
        if case.due_date == previous:
            continue
        case.save(update_fields=["due_date", "updated_at"])
        with translation.override(case.language):
            note = _("The institution's calendar of non-working days changed: the due date is now %(new)s.") % {
                "new": date_format(case.due_date, "SHORT_DATE_FORMAT")
            }
        _record(
            case,
            by=None,
            action=Action.DUE_DATE_RECOMPUTED,
            note=note,
            visible=True,
            data={"from": previous.isoformat(), "to": case.due_date.isoformat(), "day": day.isoformat()},
        )
        changed.append(case)
    return changed
