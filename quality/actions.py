"""An action's life: opened by the quality manager, started, evidenced and closed by its department, or cancelled.

One lifecycle serves the corrective actions of nonconformities and the improvement actions of the CAF plan. Each step
is one function that checks the person and the action's status under a row lock and appends a `QualityEvent`; a step
that moves the action's nonconformity (opening its first action, closing or cancelling its last open one) moves it
here too and logs that on the nonconformity. An action closes only with evidence, which is the point of ISO 9001
§10.2: "done" must be shown, not said. The daily reminder tells the owner once when an action is overdue, then the
department's heads and the quality managers once a week later.
"""

import datetime
from collections import defaultdict

from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.db.models import ExpressionWrapper, F, IntegerField, Q, Value
from django.utils.translation import gettext as _

from portal.models import InstitutionSettings
from services import calendar, officecheck
from services.documents import check_upload
from services.models import Department, Membership, RequiredDocument
from services.notifications import absolute_url, send_email
from services.permissions import department_ids, head_department_ids
from services.registration import next_registration_number

from . import roles, selectors
from .indicators import CATALOGUE
from .models import Action, ActionEvidence, Nonconformity, QualityEvent
from .reviews import _recipients  # the heads of a department, or its own address when it has none
from .workflow import TransitionRefused

A = Action.Status
NC = Nonconformity.Status
Kind = QualityEvent.Kind
EMAIL_DIR = "quality/email"
# The key of the actions' yearly numbers among the registry's locked counters (no case prefix has a colon).
COUNTER_PREFIX = "quality:AC"
# The nonconformity statuses an action may be opened from: decided (needs action), or already under action.
OPENS_FROM = (NC.ANALYSED, NC.ACTION)
# How long after the reminder to its owner an overdue action is escalated.
ESCALATION_DAYS = 7
# What shows an action was done: a PDF, a photo or scan, or an office document; at most 20 MB.
EVIDENCE_TYPES = RequiredDocument(
    name="evidence",
    accepted_types=",".join(
        ["application/pdf", "image/jpeg", "image/png", officecheck.DOCX, officecheck.XLSX, officecheck.ODT]
    ),
    max_size_mb=20,
)
EVIDENCE_MAX_BYTES = EVIDENCE_TYPES.max_size_mb * 1024 * 1024


# --- who may ---------------------------------------------------------------------------------------------------------


def is_member(user, department) -> bool:
    return Membership.objects.filter(user=user, department=department).exists()


def may_work_on(user, action) -> bool:
    """Start, evidence and close: the quality manager, the person responsible, and the owner department's heads."""
    if not selectors.is_staff(user):
        return False
    if selectors.is_quality_manager(user) or action.owner_id == user.pk:
        return True
    return action.department_id in head_department_ids(user)


def may_see(user, action) -> bool:
    """The quality manager sees every action; staff those of their departments and the ones they are responsible for."""
    if not selectors.is_staff(user):
        return False
    if selectors.is_quality_manager(user) or action.owner_id == user.pk:
        return True
    return action.department_id in department_ids(user)


def _require_manager(user, message):
    if not selectors.is_quality_manager(user):
        raise PermissionDenied(message)


def _require_worker(user, action):
    if not may_work_on(user, action):
        raise PermissionDenied(
            _("Only the person responsible, the department's heads or a quality manager may do this.")
        )


def _expect(action, *statuses):
    if action.status not in statuses:
        raise TransitionRefused(
            _("This action is %(status)s: the step cannot be taken now.") % {"status": action.get_status_display()}
        )


def _locked(action):
    return Action.objects.select_for_update().get(pk=action.pk)


def _locked_nonconformity(nonconformity_id):
    return Nonconformity.objects.select_for_update().get(pk=nonconformity_id)


def _log(kind, *, by, action=None, nonconformity=None, note="", **data):
    return QualityEvent.objects.create(
        kind=kind, actor=by, action=action, nonconformity=nonconformity, note=note, data=data
    )


def check_owner(owner, department):
    """The person responsible works in the action's department (a ValidationError on the owner otherwise)."""
    if owner is not None and department is not None and not is_member(owner, department):
        raise ValidationError(
            {
                "owner": _("%(person)s is not a member of %(department)s: choose someone of the department.")
                % {"person": owner.display_name, "department": department}
            }
        )


def _check_version(action, version):
    if action.procedure_id is None:
        raise TransitionRefused(_("This action changes no procedure: there is no version to record."))
    if version.procedure_id != action.procedure_id:
        raise TransitionRefused(
            _("%(version)s is not a version of %(code)s, the procedure this action changes.")
            % {"version": version, "code": action.procedure.code}
        )


def next_number(year: int) -> str:
    """ "AC-<year>-0001", the next of the year, taken under the counter's row lock (a rolled-back opening gives it
    back)."""
    sequence, _number = next_registration_number(COUNTER_PREFIX, year)
    return f"AC-{year}-{sequence:04d}"


# --- the steps -------------------------------------------------------------------------------------------------------


@transaction.atomic
def open_action(
    *,
    origin,
    title,
    department,
    due_date,
    by,
    nonconformity=None,
    description="",
    owner=None,
    impact=3,
    effort=3,
    procedure=None,
    indicator="",
    improvement_area=None,
) -> Action:
    """A quality manager opens an action for a department; a corrective one puts its nonconformity under action. An
    improvement action names its CAF area for improvement (`quality.caf_plan` checks the exercise's stage)."""
    _require_manager(by, _("Only a quality manager opens actions."))
    if origin not in Action.Origin.values:
        raise TransitionRefused(_("Say where the action comes from."))
    if origin == Action.Origin.NONCONFORMITY and nonconformity is None:
        raise TransitionRefused(_("A corrective action is opened from its nonconformity."))
    if origin != Action.Origin.NONCONFORMITY and nonconformity is not None:
        raise TransitionRefused(_("Only a corrective action belongs to a nonconformity."))
    if origin == Action.Origin.SELF_ASSESSMENT and improvement_area is None:
        raise TransitionRefused(_("An improvement action is opened from its area for improvement."))
    if origin != Action.Origin.SELF_ASSESSMENT and improvement_area is not None:
        raise TransitionRefused(_("Only an improvement action belongs to an area for improvement."))
    if not (title or "").strip():
        raise ValidationError({"title": _("Say what the action is.")})
    check_owner(owner, department)
    if due_date < calendar.today():
        raise ValidationError({"due_date": _("The due date cannot be in the past.")})
    if indicator and indicator not in CATALOGUE:
        raise ValidationError({"indicator": _("Choose an indicator of the list.")})
    for name, value in (("impact", impact), ("effort", effort)):
        if not isinstance(value, int) or not 1 <= value <= 5:
            raise ValidationError({name: _("Give a number from 1 to 5.")})
    before = None
    if nonconformity is not None:
        nonconformity = _locked_nonconformity(nonconformity.pk)
        if nonconformity.status not in OPENS_FROM:
            raise TransitionRefused(
                _("The nonconformity is %(status)s: an action cannot be opened for it now.")
                % {"status": nonconformity.get_status_display()}
            )
        before = nonconformity.status
    today = calendar.today()
    action = Action.objects.create(
        number=next_number(today.year),
        origin=origin,
        nonconformity=nonconformity,
        improvement_area=improvement_area,
        title=title.strip(),
        description=description,
        department=department,
        owner=owner,
        due_date=due_date,
        impact=impact,
        effort=effort,
        procedure=procedure,
        indicator=indicator,
        created_by=by,
    )
    if nonconformity is not None:
        nonconformity.status = NC.ACTION
        fields = ["status"]
        if nonconformity.action_needed is None:
            nonconformity.action_needed = True
            fields.append("action_needed")
        nonconformity.save(update_fields=fields)
    # One event on both: the action's first line and the nonconformity's step.
    _log(
        Kind.ACTION_OPENED,
        by=by,
        action=action,
        nonconformity=nonconformity,
        note=action.title,
        number=action.number,
        **({"from": before, "to": NC.ACTION} if nonconformity is not None else {}),
    )
    return action


@transaction.atomic
def start_action(action, *, by) -> Action:
    action = _locked(action)
    _require_worker(by, action)
    _expect(action, A.PLANNED)
    action.status = A.IN_PROGRESS
    action.save(update_fields=["status"])
    _log(Kind.STARTED, by=by, action=action)
    return action


@transaction.atomic
def add_evidence(action, *, by, note, file=None, link="") -> ActionEvidence:
    """What shows the action was done: a note, with a file (checked like every upload) or a link if there is one."""
    action = _locked(action)
    _require_worker(by, action)
    _expect(action, *Action.OPEN_STATUSES)
    if not (note or "").strip():
        raise ValidationError({"note": _("Say what was done.")})
    if link:
        URLValidator(schemes=["http", "https"], message=_("Enter a web address starting with https://."))(link)
    evidence = ActionEvidence(action=action, note=note.strip(), link=link, added_by=by)
    if file:
        checked = check_upload(file, EVIDENCE_TYPES)
        file.seek(0)
        evidence.file_name = checked.name
        evidence.file.save(checked.name, file, save=False)  # under a random key: the name is only shown
        try:
            evidence.save()
        except Exception:
            evidence.file.storage.delete(evidence.file.name)  # no row, no file
            raise
    else:
        evidence.save()
    _log(Kind.EVIDENCE, by=by, action=action, note=evidence.note, evidence=evidence.pk, file=evidence.file_name)
    return evidence


@transaction.atomic
def close_action(action, *, by, note="", procedure_version=None) -> Action:
    """Closed with its evidence; the nonconformity whose last open action this was waits for its verification."""
    action = _locked(action)
    _require_worker(by, action)
    _expect(action, *Action.OPEN_STATUSES)
    if not action.evidence.exists():
        raise TransitionRefused(_("An action closes only with evidence: add what shows it was done."))
    fields = ["status", "closed_on", "closed_by"]
    if procedure_version is not None:
        _check_version(action, procedure_version)
        action.procedure_version = procedure_version
        fields.append("procedure_version")
    action.status = A.CLOSED
    action.closed_on = calendar.today()
    action.closed_by = by
    action.save(update_fields=fields)
    data = {"procedure_version": procedure_version.pk} if procedure_version is not None else {}
    _log(Kind.CLOSED, by=by, action=action, note=note, **data)
    _follow_nonconformity(action, by=by)
    return action


@transaction.atomic
def cancel_action(action, *, by, reason) -> Action:
    """Only the quality manager cancels, saying why; a nonconformity left without an action goes back to its
    decision."""
    _require_manager(by, _("Only a quality manager cancels actions."))
    action = _locked(action)
    _expect(action, *Action.OPEN_STATUSES)
    if not (reason or "").strip():
        raise ValidationError({"reason": _("Give the reason for the cancellation.")})
    action.status = A.CANCELLED
    action.cancellation_reason = reason.strip()
    action.save(update_fields=["status", "cancellation_reason"])
    _log(Kind.CANCELLED, by=by, action=action, note=action.cancellation_reason)
    _follow_nonconformity(action, by=by)
    return action


@transaction.atomic
def link_procedure_version(action, *, by, version) -> Action:
    """The version of the action's procedure that carries its change, recorded when it exists (often after the
    action closed: a version takes weeks to be verified and approved)."""
    action = _locked(action)
    _require_worker(by, action)
    if action.status == A.CANCELLED:
        raise TransitionRefused(_("This action was cancelled."))
    _check_version(action, version)
    action.procedure_version = version
    action.save(update_fields=["procedure_version"])
    _log(
        Kind.CHANGED,
        by=by,
        action=action,
        note=_("The change is carried by %(version)s.") % {"version": version},
        procedure_version=version.pk,
    )
    return action


def _follow_nonconformity(action, *, by):
    """Once a nonconformity under action has no open action left, it waits for the verification of effectiveness
    (some action closed) or goes back to the quality manager's decision (all of them were cancelled)."""
    if action.nonconformity_id is None:
        return
    nonconformity = _locked_nonconformity(action.nonconformity_id)
    if nonconformity.status != NC.ACTION:
        return
    others = Action.objects.filter(nonconformity=nonconformity)
    if others.filter(status__in=Action.OPEN_STATUSES).exists():
        return
    if others.filter(status=A.CLOSED).exists():
        target = NC.VERIFICATION
        note = _("Its last open action, %(number)s, closed: the effectiveness is to be verified.")
    else:
        target = NC.ANALYSED
        note = _("Its action %(number)s was cancelled and no other is open: a decision is needed again.")
    nonconformity.status = target
    nonconformity.save(update_fields=["status"])
    _log(
        Kind.CHANGED,
        by=by,
        action=action,
        nonconformity=nonconformity,
        note=note % {"number": action.number},
        **{"from": NC.ACTION, "to": target},
    )


# --- the daily reminder ----------------------------------------------------------------------------------------------


def overdue(day: datetime.date):
    return Action.objects.filter(status__in=Action.OPEN_STATUSES, due_date__lt=day)


def _person(user):
    return (user.email, user.preferred_language, user.display_name)


def _heads(department_ids_):
    heads = defaultdict(list)
    for membership in Membership.objects.filter(
        role=Membership.Role.HEAD, user__is_active=True, department__in=department_ids_
    ).select_related("user"):
        heads[membership.department_id].append(membership.user)
    return heads


def _quality_managers():
    group = Group.objects.filter(name=roles.QUALITY_MANAGERS).first()
    if group is None:
        return []
    return [_person(user) for user in group.user_set.filter(is_active=True, is_staff=True).exclude(email="")]


def _send(template, by_recipient, context):
    for (email, language, name), actions in sorted(by_recipient.items()):
        for action in actions:
            action.url = absolute_url("quality:action", action.number)
        send_email(
            template,
            {**context, "name": name, "actions": actions},
            to=[email],
            language=language,
            template_dir=EMAIL_DIR,
        )
    return len(by_recipient)


@transaction.atomic
def remind_overdue_actions(day: datetime.date) -> dict:
    """The daily reminder of overdue actions: once to the person responsible (or the department's heads when there is
    none), and once, `ESCALATION_DAYS` later, to the department's heads and the quality managers. Returns how many
    actions were reminded and escalated, and how many e-mails went out; running it again the same day sends
    nothing."""
    late = overdue(day).select_related("department", "owner").select_for_update(of=("self",))
    to_remind = list(late.filter(reminded_on__isnull=True).order_by("due_date", "pk"))
    to_escalate = list(
        late.filter(
            reminded_on__isnull=False,
            reminded_on__lte=day - datetime.timedelta(days=ESCALATION_DAYS),
            escalated_on__isnull=True,
        ).order_by("due_date", "pk")
    )
    if not (to_remind or to_escalate):
        return {"reminded": 0, "escalated": 0, "emails": 0}
    heads = _heads({a.department_id for a in to_remind + to_escalate})
    context = {"institution": InstitutionSettings.load(), "today": day, "days": ESCALATION_DAYS}

    reminders = defaultdict(list)
    for action in to_remind:
        if action.owner is not None and action.owner.is_active and action.owner.email:
            recipients = [_person(action.owner)]
        else:
            recipients = _recipients(action.department, heads)
        for recipient in recipients:
            reminders[recipient].append(action)
        _log(Kind.REMINDED, by=None, action=action, to=[email for email, _l, _n in recipients])
    emails = _send("action_reminder", reminders, context)

    escalations = defaultdict(list)
    managers = _quality_managers()
    for action in to_escalate:
        recipients = {*_recipients(action.department, heads), *managers}
        # One e-mail to a person, in their language, however many hats they wear.
        recipients = list({email: (email, language, name) for email, language, name in sorted(recipients)}.values())
        for recipient in recipients:
            escalations[recipient].append(action)
        _log(Kind.ESCALATED, by=None, action=action, to=[email for email, _l, _n in recipients])
    emails += _send("action_escalation", escalations, context)

    Action.objects.filter(pk__in=[a.pk for a in to_remind]).update(reminded_on=day)
    Action.objects.filter(pk__in=[a.pk for a in to_escalate]).update(escalated_on=day)
    return {"reminded": len(to_remind), "escalated": len(to_escalate), "emails": emails}


# --- what the pages read ---------------------------------------------------------------------------------------------

SORTS = ("due", "priority")


def visible_to(user):
    """The actions a person sees: all for the quality manager; their departments' and their own for staff."""
    actions = Action.objects.select_related("department", "owner", "nonconformity", "procedure")
    if selectors.is_quality_manager(user):
        return actions
    return actions.filter(Q(department_id__in=department_ids(user)) | Q(owner=user))


def action_list(user, *, today, status="", origin="", department=None, overdue_only=False, sort="due"):
    """The list page's actions, filtered, soonest due first or by priority (impact × ease), highest first."""
    actions = visible_to(user)
    if status:
        actions = actions.filter(status=status)
    if origin:
        actions = actions.filter(origin=origin)
    if department is not None:
        actions = actions.filter(department=department)
    if overdue_only:
        actions = actions.filter(status__in=Action.OPEN_STATUSES, due_date__lt=today)
    if sort == "priority":
        rank = ExpressionWrapper(F("impact") * (Value(6) - F("effort")), output_field=IntegerField())
        return actions.annotate(rank=rank).order_by("-rank", "due_date", "pk")
    return actions.order_by("due_date", "pk")


def list_departments(user):
    """The departments the list may be filtered by: those owning an action the person sees."""
    if selectors.is_quality_manager(user):
        return Department.objects.filter(quality_actions__isnull=False).distinct().order_by("name")
    return Department.objects.filter(pk__in=department_ids(user)).order_by("name")


def action_for(user, number):
    """The action with this number if the person may see it, else None (so a stranger cannot tell it exists)."""
    action = (
        Action.objects.select_related(
            "department", "owner", "nonconformity", "procedure", "procedure_version", "created_by", "closed_by"
        )
        .filter(number=number)
        .first()
    )
    return action if action is not None and may_see(user, action) else None


def evidence_of(action):
    return list(action.evidence.select_related("added_by"))


def log_of(action):
    return list(action.events.select_related("actor").order_by("at", "pk"))
