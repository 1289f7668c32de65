"""One function per change of a case: each checks who acts and in what state against the transition table, writes
the audit event, recomputes the due date when the clock changes, and queues the notifications after the commit.

Request kinds build their own actions from the same parts: `begin` (lock and check the table), `move` or `close`
(the only door to `Case.status`) and `record_event` (the only writer of events)."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import translation
from django.utils.formats import date_format
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from . import permissions
from .calendar import institution_calendar, now, today
from .deadlines import working_days_between
from .explanation import explain_case_deadline
from .lifecycle import Role
from .models import Case, CaseEvent, Status, Suspension, status_door
from .registry import kinds

Action = CaseEvent.Action


class TransitionNotAllowed(ValidationError):
    """The case is not in a state where this change may happen."""


def roles_of(user, case):
    """The roles `user` holds for `case` under the transition table."""
    held = {Role.ANYONE}
    if permissions.is_applicant(user, case):
        held.add(Role.APPLICANT)
    if user is not None and getattr(user, "is_staff", False):
        if permissions.can_work_on(user, case):
            held.add(Role.WORKER)
        if permissions.can_decide_for(user, case):
            held.add(Role.HEAD)
    return frozenset(held)


def _rows(case, action, roles):
    """The table's rows of `action` for this case's kind that these roles may take from the current status."""
    open_statuses = kinds.open_statuses()
    return [
        row
        for row in kinds.transitions(case.kind, action)
        if row.roles & roles and row.starts_from(case.status, open_statuses)
    ]


def permitted(case, action, roles):
    """Whether the table lets someone with `roles` take `action` on the case in its current status (a move must
    also have somewhere to lead)."""
    rows = _rows(case, action, roles)
    if not rows:
        return False
    return not any(row.targets for row in rows) or bool(targets(case, action, roles))


def targets(case, action, roles):
    """The statuses `action` may lead to from the case's current status, for someone with `roles`; a decision only
    to the kind's outcomes."""
    found = set()
    for row in _rows(case, action, roles):
        found |= row.targets
    if action == "resolve":
        found &= set(kinds.outcomes(case.kind))
    return found


def check(case, action, *, by, roles=None, refusal=None, code="transition_not_allowed"):
    """Refuse `action` unless the table allows it to this person in the case's current status.

    An action the case's kind does not have is refused with TransitionNotAllowed (code "kind"); someone holding none
    of the action's roles with PermissionDenied, whatever the status; someone who holds one, but not from this
    status, with TransitionNotAllowed (`refusal` and `code`, or a message naming the status)."""
    roles = roles_of(by, case) if roles is None else roles
    rows = kinds.transitions(case.kind, action)
    if not rows:
        raise TransitionNotAllowed(_("This kind of request has no such action."), code="kind")
    if not any(row.roles & roles for row in rows):
        raise PermissionDenied(_("You may not do this for this case."))
    if not _rows(case, action, roles):
        raise TransitionNotAllowed(
            refusal or _("This is not possible while the case is “%(status)s”.") % {"status": _status_label(case)},
            code=code,
        )
    return roles


def _status_label(case):
    return kinds.status_label(case.status)


def locked(case):
    return Case.objects.select_for_update().get(pk=case.pk)


def begin(case, action, *, by, refusal=None, code="transition_not_allowed"):
    """Lock the case's row and check the table: every change starts here, inside a transaction."""
    case = locked(case)
    check(case, action, by=by, refusal=refusal, code=code)
    return case


def record_event(
    case, *, by, action, note="", visible=False, status_before="", status_after="", data=None, at=None, notify=True
):
    """Write one event of the case's history (the only writer), and tell the applicant after the commit if visible."""
    event = CaseEvent.objects.create(
        case=case,
        at=at or now(),
        actor=by if by and by.is_authenticated else None,
        action=action,
        note=note,
        visible_to_applicant=visible,
        status_before=status_before,
        status_after=status_after,
        data=data or {},
    )
    if notify and visible and case.applicant_email:
        from .tasks import notify_applicant

        transaction.on_commit(lambda: notify_applicant.delay(event.pk))
    return event


def move(case, target, *, by, transition, action, note="", visible=True, data=None, roles=None, at=None, notify=True):
    """Change the case's status to `target` by the table's `transition`, save it and write its event: the one door
    to `Case.status`. The caller has locked the case (`begin`) or is creating it."""
    if target not in targets(case, transition, roles_of(by, case) if roles is None else roles):
        raise TransitionNotAllowed(
            _("A case that is “%(status)s” cannot become “%(target)s”.")
            % {"status": _status_label(case), "target": kinds.status_label(target)},
            code="transition_not_allowed",
        )
    before = case.status
    with status_door():
        case.status = target
    case.save()
    return record_event(
        case,
        by=by,
        action=action,
        note=note,
        visible=visible,
        status_before=before,
        status_after=target,
        data=data,
        at=at,
        notify=notify,
    )


def offered(case_action, ctx):
    """Whether a page offers a case action: the table lets this person take it now, and its own condition agrees."""
    return permitted(ctx.case, case_action.action, ctx.roles) and (
        case_action.available is None or case_action.available(ctx)
    )


def perform(case_action, case, *, by, cleaned_data):
    """Do what a case action's form asked: call the one door of its table action for the case's kind."""
    return kinds.door(case.kind, case_action.action)(case, by=by, **case_action.arguments(cleaned_data))


def outcomes_for(case, roles):
    """The decisions someone with `roles` may reach for the case now, in the order of the kind's outcomes."""
    allowed = targets(case, "resolve", roles)
    return [outcome for outcome in kinds.outcomes(case.kind) if outcome in allowed]


def compute_due_date(case, calendar=None):
    """The due date under the case's own rule, its suspensions and extension; None while a suspension is open.

    It is the `due` of the explanation the case's pages show, so what they explain is what is stored."""
    return explain_case_deadline(case, calendar=calendar).due


@transaction.atomic
def assign_case(case, *, assignee, by):
    case = begin(case, "assign", by=by, refusal=_("A closed case cannot be assigned."), code="closed")
    if not (assignee.is_staff and (case.department_id in permissions.department_ids(assignee))):
        raise ValidationError(
            _("%(name)s does not work in this case's department.") % {"name": assignee}, code="not_a_member"
        )
    if case.assignee_id == assignee.pk:
        return case
    case.assignee = assignee
    case.save()
    record_event(case, by=by, action=Action.ASSIGNED, data={"assignee": assignee.pk, "name": assignee.display_name})
    return case


@transaction.atomic
def start_review(case, *, by):
    # A suspended case returns to review only through record_completion, which restarts the clock.
    case = begin(
        case, "start_review", by=by, refusal=_("The review of this case has already started."), code="already_started"
    )
    move(case, Status.IN_REVIEW, by=by, transition="start_review", action=Action.REVIEW_STARTED)
    return case


@transaction.atomic
def request_completion(case, *, by, note):
    """Ask the applicant to complete the file (hiánypótlás): the clock stops until the completion is registered."""
    case = begin(case, "request_completion", by=by)
    if not case.suspension_allowed:
        raise TransitionNotAllowed(_("This procedure does not allow suspending the time limit."), code="no_suspension")
    if not note.strip():
        raise ValidationError(_("Say what the applicant must complete."), code="note_required")
    Suspension.objects.create(case=case, started_on=today())
    case.due_date = None
    move(
        case,
        Status.AWAITING_APPLICANT,
        by=by,
        transition="request_completion",
        action=Action.COMPLETION_REQUESTED,
        note=note,
    )
    return case


@transaction.atomic
def record_completion(case, *, by, note=""):
    """The applicant completed the file (online, or at the counter as recorded by a clerk): the clock runs again."""
    case = begin(
        case, "record_completion", by=by, refusal=_("No completion was requested for this case."), code="not_suspended"
    )
    open_period = case.suspensions.filter(ended_on__isnull=True).get()
    open_period.ended_on = today()
    open_period.save()
    case.due_date = compute_due_date(case)
    move(
        case,
        Status.IN_REVIEW,
        by=by,
        transition="record_completion",
        action=Action.COMPLETION_RECEIVED,
        note=note,
        data={"due_date": case.due_date.isoformat()},
    )
    return case


def initial_due_date(case):
    """The due date without any extension: an extension must be decided before it."""
    return explain_case_deadline(case).initial_due


@transaction.atomic
def extend_deadline(case, *, by, days, reason):
    """Extend the time limit once, by at most the procedure's days, decided by the head before the initial term."""
    case = begin(
        case, "extend", by=by, refusal=_("Only a case under review can have its time limit extended."), code="state"
    )
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
    record_event(
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
    case = begin(case, "note", by=by)
    if not note.strip():
        raise ValidationError(_("The note is empty."), code="empty")
    record_event(case, by=by, action=Action.NOTE, note=note)
    return case


@transaction.atomic
def message_applicant(case, *, by, message):
    case = begin(case, "message", by=by)
    if not message.strip():
        raise ValidationError(_("The message is empty."), code="empty")
    record_event(case, by=by, action=Action.MESSAGE, note=message, visible=True)
    return case


def close(case, target, *, by, transition, action, note, data=None, judged_against=None, notify=True):
    """Close the case by `transition`; on time when closed on or before `judged_against` (the due date unless the
    kind judges by another term). An open suspension ends on the day of closing."""
    closed_on = today()
    if case.suspensions.filter(ended_on__isnull=True).update(ended_on=closed_on):
        case.due_date = compute_due_date(case)
    limit = judged_against or case.due_date
    case.closed_on = closed_on
    if kinds.status(target) is not None and kinds.status(target).resolved:
        case.closed_on_time = limit is not None and closed_on <= limit
        case.processing_working_days = max(
            0, working_days_between(case.registered_on, closed_on, institution_calendar())
        )
    event = move(case, target, by=by, transition=transition, action=action, note=note, data=data, notify=notify)
    from . import ratings  # the applicant is asked to rate the service once a decision closes the case

    ratings.ask_for_rating(case)
    return event


@transaction.atomic
def resolve_case(case, *, by, outcome, note):
    """Decide the case: approved, rejected or answered. On time when decided on or before the due date."""
    case = begin(case, "resolve", by=by)
    if outcome not in outcomes_for(case, roles_of(by, case)):
        raise ValidationError(_("Choose one of the decisions offered."), code="outcome")
    if not note.strip():
        raise ValidationError(_("Write the decision or the answer for the applicant."), code="note_required")
    # Rejected for an incomplete file: the suspension ends on the day of the decision (in `close`).
    close(case, outcome, by=by, transition="resolve", action=Action.RESOLVED, note=note)
    from . import register  # the register writes its event through this module

    with translation.override("ro"):
        summary = f"{capfirst(kinds.status_label(outcome))}: {case.subject}"
    register.record_outgoing(case, by=by, summary=summary)
    return case


@transaction.atomic
def withdraw_case(case, *, by, reason=""):
    """The applicant withdraws the request; it no longer counts for the on-time rate."""
    case = begin(case, "withdraw", by=by)
    close(case, Status.WITHDRAWN, by=by, transition="withdraw", action=Action.WITHDRAWN, note=reason)
    return case


@transaction.atomic
def recompute_due_dates(*, day):
    """The institution's calendar changed on `day` (a bridge day added or removed, a Saturday made working):
    every open case whose term runs over that day gets its due date counted again, and the applicant is told.

    Suspended cases have no due date; theirs is counted with the current calendar when the clock restarts."""
    calendar = institution_calendar()
    affected = (
        Case.objects.select_for_update()
        .filter(status__in=kinds.open_statuses(), due_date__isnull=False, registered_on__lt=day, due_date__gte=day)
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
        record_event(
            case,
            by=None,
            action=Action.DUE_DATE_RECOMPUTED,
            note=note,
            visible=True,
            data={"from": previous.isoformat(), "to": case.due_date.isoformat(), "day": day.isoformat()},
        )
        changed.append(case)
    return changed
