"""The nonconformity register (ISO 9001 §10.2): what opens a nonconformity and each step of its life.

The daily detection opens one for every case closed late, open past its due date or suspended longer than its
procedure allows; staff open the others by hand (a complaint, an audit finding) and the quality manager one from a
low rating. The head of the department records the cause and the correction, the quality manager decides whether a
corrective action is needed (the action itself lives in `quality.actions`) and, once the action closed, whether it
was effective. Every step is one function that checks the person and the status under a row lock and appends a
`QualityEvent`.
"""

import datetime
from collections.abc import Iterable

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Exists, F, OuterRef, Q
from django.utils import formats, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from services import calendar
from services.models import Case, Procedure, RegistrationCounter, ServiceRating, Suspension
from services.permissions import department_ids, head_department_ids

from . import selectors
from .models import Action, Nonconformity, NonconformityCause, ProcedureVersion, QualityEvent

NC = Nonconformity
S = Nonconformity.Status
Source = Nonconformity.Source
Kind = QualityEvent.Kind

# The detection reads and writes this many cases at a time: one short transaction each, whatever the register's size.
BATCH_SIZE = 500
# A rating of at most this many stars (of 5) may open a nonconformity.
LOW_RATING = 2
# The sources staff open by hand; a rating's is the quality manager's alone.
MANUAL_SOURCES = (Source.COMPLAINT, Source.AUDIT, Source.OTHER)


class NonconformityRefused(ValidationError):
    """The nonconformity is not in a status this step starts from, or a rule refuses the step."""


# --- who may do what -------------------------------------------------------------------------------------------


def is_manager(user) -> bool:
    """The quality manager (as for the procedures' and the actions' pages) sees every department's nonconformities,
    decides on them and verifies the actions' effect."""
    return selectors.is_quality_manager(user)


def may_see(user, nc) -> bool:
    return is_manager(user) or nc.department_id in department_ids(user)


def may_open(user, department) -> bool:
    """Any member of a department opens one for their department; the quality manager for any."""
    return is_manager(user) or (department is not None and department.pk in department_ids(user))


def may_analyse(user, nc) -> bool:
    return is_manager(user) or nc.department_id in head_department_ids(user)


def steps_for(user, nc) -> list[str]:
    """The steps the person may take on the nonconformity now, in the order of its life."""
    steps = []
    if nc.status in (S.OPEN, S.ANALYSED) and may_analyse(user, nc):
        steps.append("analyse")
    if nc.status == S.ANALYSED and is_manager(user):
        steps.append("decide")
    if nc.status == S.VERIFICATION and is_manager(user):
        steps.append("verify")
    return steps


def _refuse_unless(allowed, message):
    if not allowed:
        raise PermissionDenied(message)


def _expect(nc, *statuses):
    if nc.status not in statuses:
        raise NonconformityRefused(
            _("This nonconformity is %(status)s: the step cannot be taken now.") % {"status": nc.get_status_display()},
            code="status",
        )


def _required(text, message, code):
    if not (text or "").strip():
        raise NonconformityRefused(message, code=code)
    return text.strip()


def _locked(nc):
    return NC.objects.select_for_update().get(pk=nc.pk)


def _log(nc, kind, by, note="", **data):
    return QualityEvent.objects.create(nonconformity=nc, kind=kind, actor=by, note=note, data=data)


# --- numbers ----------------------------------------------------------------------------------------------------

# The key of the nonconformities' yearly numbers among the registry's locked counters (no case prefix has a colon).
COUNTER_PREFIX = "quality:NC"


def format_number(year: int, sequence: int) -> str:
    return f"NC-{year}-{sequence:04d}"


def take_numbers(year: int, count: int = 1) -> list[str]:
    """The year's next `count` numbers, taken under the counter's row lock: two openings at once wait for each other
    instead of taking the same number, and a rolled-back opening gives its numbers back."""
    RegistrationCounter.objects.bulk_create(
        [RegistrationCounter(prefix=COUNTER_PREFIX, year=year)], ignore_conflicts=True
    )
    counter = RegistrationCounter.objects.select_for_update().get(prefix=COUNTER_PREFIX, year=year)
    first = counter.last + 1
    counter.last += count
    counter.save(update_fields=["last"])
    return [format_number(year, sequence) for sequence in range(first, counter.last + 1)]


def _save_numbered(nc):
    """Save a new nonconformity under the year's next number; None when the (case, trigger) constraint refuses it,
    because a concurrent detection put it in the register first (its number is given back with the savepoint)."""
    try:
        with transaction.atomic():
            nc.pk = None
            nc.number = take_numbers(nc.detected_on.year)[0]
            nc.save(force_insert=True)
    except IntegrityError:
        if nc.is_automatic and NC.objects.filter(case_id=nc.case_id, source=nc.source).exists():
            return None
        raise
    return nc


def _save_batch(ncs):
    """Save a batch under consecutive numbers in one statement; if a concurrent run opened one of them first, one at
    a time instead, each skipping what is already there."""
    if not ncs:
        return []
    by_year = {}
    for nc in ncs:
        by_year.setdefault(nc.detected_on.year, []).append(nc)
    try:
        with transaction.atomic():
            for year, group in by_year.items():
                for nc, number in zip(group, take_numbers(year, len(group)), strict=True):
                    nc.number = number
            return NC.objects.bulk_create(ncs)
    except IntegrityError:
        return [saved for saved in (_save_numbered(nc) for nc in ncs) if saved is not None]


# --- facts, in the institution's language -------------------------------------------------------------------------


def _date(day):
    return formats.date_format(day, "SHORT_DATE_FORMAT") if day else "—"


def _in_institution_language(build):
    """Stored text is in the institution's language (the register and its exports print it), whatever the
    request's or the worker's language."""
    with translation.override(settings.LANGUAGE_CODE):
        return build()


def _closed_late_text(case):
    def build():
        facts = {
            "number": case.registration_number,
            "procedure": case.procedure_code,
            "due": _date(case.due_date),
            "closed": _date(case.closed_on),
        }
        if case.due_date and case.closed_on:
            days = (case.closed_on - case.due_date).days
            return ngettext(
                "Case %(number)s (%(procedure)s) was closed on %(closed)s, %(days)s day after its due date "
                "of %(due)s.",
                "Case %(number)s (%(procedure)s) was closed on %(closed)s, %(days)s days after its due date "
                "of %(due)s.",
                days,
            ) % {**facts, "days": days}
        return _("Case %(number)s (%(procedure)s) was closed on %(closed)s, after its time limit.") % facts

    return _in_institution_language(build)


def _overdue_text(case, day):
    def build():
        days = (day - case.due_date).days
        return ngettext(
            "Case %(number)s (%(procedure)s), due on %(due)s, is still open on %(day)s: %(days)s day overdue.",
            "Case %(number)s (%(procedure)s), due on %(due)s, is still open on %(day)s: %(days)s days overdue.",
            days,
        ) % {
            "number": case.registration_number,
            "procedure": case.procedure_code,
            "due": _date(case.due_date),
            "day": _date(day),
            "days": days,
        }

    return _in_institution_language(build)


def _suspension_text(case, suspension, day, allowed):
    def build():
        facts = {
            "number": case.registration_number,
            "procedure": case.procedure_code,
            "started": _date(suspension.started_on),
            "ended": _date(suspension.ended_on),
            "days": ((suspension.ended_on or day) - suspension.started_on).days,
            "allowed": allowed,
        }
        if suspension.ended_on:
            return (
                _(
                    "Case %(number)s (%(procedure)s) was suspended from %(started)s to %(ended)s: %(days)s days, "
                    "longer than the %(allowed)s days the procedure allows."
                )
                % facts
            )
        return (
            _(
                "Case %(number)s (%(procedure)s) has been suspended since %(started)s: %(days)s days, longer than "
                "the %(allowed)s days the procedure allows."
            )
            % facts
        )

    return _in_institution_language(build)


# --- the daily detection ------------------------------------------------------------------------------------------


def _without(source):
    """Cases that have no nonconformity of this trigger yet (NOT EXISTS, answered by the unique constraint's index)."""
    return ~Exists(NC.objects.filter(case=OuterRef("pk"), source=source))


def _batches(cases):
    """The cases by ascending id, BATCH_SIZE at a time (keyset pagination: no OFFSET over a million rows)."""
    cases = cases.select_related("procedure", "department").order_by("pk")
    last = 0
    while True:
        batch = list(cases.filter(pk__gt=last)[:BATCH_SIZE])
        if not batch:
            return
        yield batch
        last = batch[-1].pk


def _versions(cases):
    """{(procedure, edition, revision): version} of the batch's cases, in one query."""
    wanted = {(c.procedure_id, c.procedure_edition, c.procedure_revision) for c in cases}
    found = ProcedureVersion.objects.filter(procedure_id__in={p for p, _e, _r in wanted})
    return {
        (v.procedure_id, v.edition, v.revision): v for v in found if (v.procedure_id, v.edition, v.revision) in wanted
    }


def _automatic(case, source, day, description, versions):
    return NC(
        source=source,
        case=case,
        department=case.department,
        procedure=case.procedure,
        version=versions.get((case.procedure_id, case.procedure_edition, case.procedure_revision)),
        detected_on=day,
        description=description,
    )


def _open_batch(batch, source, day, describe):
    versions = _versions(batch)
    with transaction.atomic():
        created = _save_batch([_automatic(case, source, day, describe(case), versions) for case in batch])
        QualityEvent.objects.bulk_create(
            [
                QualityEvent(
                    nonconformity=nc,
                    kind=Kind.OPENED,
                    note=nc.description,
                    data={"source": source, "automatic": True},
                )
                for nc in created
            ]
        )
    return created


def _closed_late(day):
    cases = Case.objects.filter(closed_on_time=False, closed_on__lte=day).filter(_without(Source.CLOSED_LATE))
    for batch in _batches(cases):
        yield from _open_batch(batch, Source.CLOSED_LATE, day, _closed_late_text)


def _overdue(day):
    cases = Case.objects.open().filter(due_date__lt=day).filter(_without(Source.OVERDUE))
    for batch in _batches(cases):
        yield from _open_batch(batch, Source.OVERDUE, day, lambda case: _overdue_text(case, day))


def _long_suspensions(day):
    """Suspensions longer than the procedure's limit: one query per distinct limit (a handful), since the limit
    is a column of the procedure and the length a difference of two dates."""
    limits = (
        Procedure.objects.filter(suspension_max_days__isnull=False)
        .values_list("suspension_max_days", flat=True)
        .distinct()
        .order_by()
    )
    for allowed in sorted(set(limits)):
        too_long = Q(ended_on__isnull=True, started_on__lt=day - datetime.timedelta(days=allowed)) | Q(
            ended_on__isnull=False, ended_on__gt=_plus_days("started_on", allowed)
        )
        long_ones = Suspension.objects.filter(too_long, case=OuterRef("pk"), started_on__lte=day)
        cases = Case.objects.filter(procedure__suspension_max_days=allowed).filter(
            Exists(long_ones), _without(Source.LONG_SUSPENSION)
        )
        for batch in _batches(cases):
            longest = _longest_suspensions(batch, day)
            yield from _open_batch(
                batch,
                Source.LONG_SUSPENSION,
                day,
                lambda case, allowed=allowed, longest=longest: _suspension_text(case, longest[case.pk], day, allowed),
            )


def _plus_days(field, days):
    return F(field) + datetime.timedelta(days=days)


def _longest_suspensions(cases, day):
    """{case id: its longest suspension up to `day`}, in one query for the batch."""
    longest = {}
    for period in Suspension.objects.filter(case__in=[c.pk for c in cases], started_on__lte=day):
        length = (period.ended_on or day) - period.started_on
        current = longest.get(period.case_id)
        if current is None or length > (current.ended_on or day) - current.started_on:
            longest[period.case_id] = period
    return longest


def detect(day: datetime.date) -> list[Nonconformity]:
    """Open the nonconformities the cases call for on `day`: closed late, open past the due date, suspended too
    long. Idempotent: once per case and trigger, ever — a rerun, or two runs at once, open nothing twice (the
    partial unique constraint on (case, source) decides)."""
    opened = []
    opened.extend(_closed_late(day))
    opened.extend(_overdue(day))
    opened.extend(_long_suspensions(day))
    return opened


# --- opened by hand -----------------------------------------------------------------------------------------------


def version_for(procedure, *, edition=None, revision=None):
    """The quality system's record of the procedure's version: the given edition and revision, else the one in
    force."""
    if procedure is None:
        return None
    versions = ProcedureVersion.objects.filter(procedure=procedure)
    if edition is not None:
        return versions.filter(edition=edition, revision=revision).first()
    return versions.filter(status=ProcedureVersion.Status.EFFECTIVE).first()


def low_ratings():
    """The answered ratings low enough for a nonconformity, without one yet."""
    return ServiceRating.objects.filter(score__lte=LOW_RATING, answered_at__isnull=False, nonconformity__isnull=True)


def _from_rating(rating, description, by):
    """Anonymous: the rating, its service's procedure and department, never the case — the analysis is of the
    service, and the applicant rated it trusting that their name stays out of it."""
    _refuse_unless(is_manager(by), _("Only a quality manager opens a nonconformity from a rating."))
    if rating is None:
        raise NonconformityRefused(_("Choose the rating the nonconformity comes from."), code="rating")
    # Locked, so two quality managers opening one from the same rating at once do not both pass the check below.
    rating = (
        ServiceRating.objects.select_for_update()
        .select_related("case__service__procedure", "case__department")
        .get(pk=rating.pk)
    )
    if rating.score is None:
        raise NonconformityRefused(_("Choose the rating the nonconformity comes from."), code="rating")
    if rating.score > LOW_RATING:
        raise NonconformityRefused(
            _("Only a rating of at most %(stars)s stars opens a nonconformity.") % {"stars": LOW_RATING},
            code="rating",
        )
    if NC.objects.filter(rating=rating).exists():
        raise NonconformityRefused(_("This rating already has its nonconformity."), code="rating")
    case = rating.case
    procedure = case.service.procedure
    parts = [description.strip()] if (description or "").strip() else []
    parts.append(
        _in_institution_language(
            lambda: (
                _("Rated %(score)s of 5 for the service “%(service)s”.")
                % {"score": rating.score, "service": case.service.title}
            )
        )
    )
    if rating.comment.strip():
        parts.append(_in_institution_language(lambda: _("The applicant's comment:")) + " " + rating.comment.strip())
    return {
        "department": case.department,
        "procedure": procedure,
        "version": version_for(procedure),
        "description": "\n\n".join(parts),
    }


@transaction.atomic
def open_nonconformity(
    *, source, department, description, by, case=None, procedure=None, rating=None, detected_on=None
):
    """A nonconformity opened by hand: a complaint, an audit finding or another, by a member of the department (or
    the quality manager); or, by the quality manager, from a low rating — anonymous, see `_from_rating`."""
    if source == Source.RATING:
        fields = _from_rating(rating, description, by)
        case = None
    elif source in MANUAL_SOURCES:
        _refuse_unless(may_open(by, department), _("You may open a nonconformity only for a department you work in."))
        if case is not None and not (is_manager(by) or case.department_id in department_ids(by)):
            raise PermissionDenied(_("You may link only a case of your department."))
        procedure = procedure or (case.procedure if case is not None else None)
        if case is not None and procedure is not None and procedure.pk == case.procedure_id:
            version = version_for(procedure, edition=case.procedure_edition, revision=case.procedure_revision)
        else:
            version = version_for(procedure)
        fields = {
            "department": department,
            "procedure": procedure,
            "version": version,
            "description": _required(description, _("Say what happened."), "description"),
        }
        rating = None
    else:
        raise NonconformityRefused(_("The daily detection opens nonconformities of this kind."), code="source")
    nc = NC(
        source=source,
        case=case,
        rating=rating,
        detected_on=detected_on or calendar.today(),
        opened_by=by,
        **fields,
    )
    _save_numbered(nc)
    _log(nc, Kind.OPENED, by, nc.description, source=source)
    return nc


# --- the steps ---------------------------------------------------------------------------------------------------


@transaction.atomic
def record_analysis(nc, *, by, cause, cause_detail, correction):
    """The head of the department's analysis: the cause (from the quality manager's list) and the correction made.
    It may be amended until the quality manager decides."""
    nc = _locked(nc)
    _expect(nc, S.OPEN, S.ANALYSED)
    _refuse_unless(
        may_analyse(by, nc), _("Only the head of the department or a quality manager records the analysis.")
    )
    if cause is None or not NonconformityCause.objects.filter(pk=cause.pk, active=True).exists():
        raise NonconformityRefused(_("Choose a cause from the list."), code="cause")
    correction = _required(correction, _("Say what was done to correct it."), "correction")
    amended = nc.status == S.ANALYSED
    nc.cause = cause
    nc.cause_detail = (cause_detail or "").strip()
    nc.correction = correction
    nc.analysed_by = by
    nc.analysed_at = calendar.now()
    nc.status = S.ANALYSED
    nc.save(update_fields=["cause", "cause_detail", "correction", "analysed_by", "analysed_at", "status"])
    _log(
        nc,
        Kind.CHANGED if amended else Kind.ANALYSED,
        by,
        correction,
        cause=cause.pk,
        cause_name=cause.name,
        cause_detail=nc.cause_detail,
    )
    return nc


ACTION_FIELDS = (
    "title",
    "department",
    "due_date",
    "owner",
    "description",
    "impact",
    "effort",
    "procedure",
    "indicator",
)


@transaction.atomic
def decide(nc, *, by, action_needed, note, action=None):
    """The quality manager's decision on the analysis: closed as it is, or a corrective action (opened through
    `quality.actions.open_action`, which moves the nonconformity to ACTION)."""
    nc = _locked(nc)
    _expect(nc, S.ANALYSED)
    _refuse_unless(is_manager(by), _("Only a quality manager decides on a nonconformity."))
    note = _required(note, _("Give the reason for the decision."), "note")
    action = dict(action or {})
    if action_needed:
        if not (action.get("title") or "").strip():
            raise NonconformityRefused(_("Name the corrective action."), code="action_title")
        if not action.get("due_date"):
            raise NonconformityRefused(_("Give the corrective action a due date."), code="action_due_date")
    nc.action_needed = bool(action_needed)
    nc.decision_note = note
    nc.decided_by = by
    nc.decided_at = calendar.now()
    fields = ["action_needed", "decision_note", "decided_by", "decided_at"]
    if not action_needed:
        nc.status = S.CLOSED
        nc.closed_on = calendar.today()
        fields += ["status", "closed_on"]
    nc.save(update_fields=fields)
    _log(nc, Kind.DECIDED, by, note, action_needed=bool(action_needed))
    if not action_needed:
        _log(nc, Kind.CLOSED, by)
        return nc
    from . import actions

    actions.open_action(
        origin=Action.Origin.NONCONFORMITY,
        nonconformity=nc,
        title=action["title"].strip(),
        department=action.get("department") or nc.department,
        due_date=action["due_date"],
        by=by,
        owner=action.get("owner"),
        description=action.get("description") or "",
        impact=action.get("impact") or 3,
        effort=action.get("effort") or 3,
        procedure=action.get("procedure") or nc.procedure,
        indicator=action.get("indicator") or "",
    )
    nc.refresh_from_db()
    return nc


@transaction.atomic
def verify_effectiveness(nc, *, by, effective, note):
    """Some time after the corrective action closed, the quality manager verifies it worked: if so the
    nonconformity closes; if not it returns for a new decision (and a new action)."""
    nc = _locked(nc)
    _expect(nc, S.VERIFICATION)
    _refuse_unless(is_manager(by), _("Only a quality manager verifies the effectiveness."))
    note = _required(note, _("Say what the verification found."), "note")
    nc.effective = bool(effective)
    nc.verification_note = note
    nc.verified_by = by
    nc.verified_at = calendar.now()
    fields = ["effective", "verification_note", "verified_by", "verified_at", "status"]
    if effective:
        nc.status = S.CLOSED
        nc.closed_on = calendar.today()
        fields.append("closed_on")
    else:
        nc.status = S.ANALYSED
    nc.save(update_fields=fields)
    _log(nc, Kind.VERIFIED, by, note, effective=bool(effective))
    if effective:
        _log(nc, Kind.CLOSED, by)
    return nc


# --- the list of causes --------------------------------------------------------------------------------------------

DEFAULT_CAUSES = [
    ("Personal insuficient", "Személyzethiány", "Insufficient staff"),
    (
        "Dosar incomplet nedepistat la înregistrare",
        "Nyilvántartásba vételkor fel nem tárt hiányos dosszié",
        "Incomplete file not caught at registration",
    ),
    (
        "Așteptarea răspunsului altui compartiment sau altei instituții",
        "Más osztály vagy intézmény válaszára várva",
        "Waiting for another department or institution",
    ),
    ("Procedură neclară", "Nem egyértelmű eljárásrend", "Unclear procedure"),
    ("Sistem informatic indisponibil", "Az informatikai rendszer nem elérhető", "IT system unavailable"),
    (
        "Completarea întârziată a dosarului de către solicitant",
        "A kérelmező késedelmes hiánypótlása",
        "Applicant's late completion of the file",
    ),
    ("Vârf de volum de lucru", "Munkacsúcs", "Workload peak"),
    ("Altă cauză", "Egyéb ok", "Other"),
]


def default_causes(causes: Iterable[tuple[str, str, str]] = DEFAULT_CAUSES) -> list[NonconformityCause]:
    """The starting list of causes (ro, hu, en), in order; an existing name is left as the quality manager keeps
    it."""
    return [
        NonconformityCause.objects.get_or_create(
            name=name, defaults={"name_hu": name_hu, "name_en": name_en, "order": order * 10}
        )[0]
        for order, (name, name_hu, name_en) in enumerate(causes, start=1)
    ]
