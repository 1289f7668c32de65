"""The CAF 2020 self-assessment's steps: the exercise, each member's individual assessment, and the group's consensus.

The quality manager opens an exercise and leads it: names the group, chooses the scoring panel — locked once
individual work starts, since scores of two panels cannot be compared — and starts the individual work. Each member
assesses every sub-criterion alone and submits; nobody sees another's work before submitting their own, and the leader
sees a member's work only once it is submitted, so no score is anchored on someone else's. The leader then starts the
consensus (everyone submitted, or the individual deadline passed), records the agreed score of each sub-criterion with
its rationale and the merged strengths and areas — each agreed area becomes an `ImprovementArea`, from which the
improvement plan's actions are opened — and the meeting's minutes, and finishes the consensus.

Each step is one function that checks the person and the exercise's status under a row lock, and writes its
`QualityEvent` to the quality system's append-only log (the exercise also keeps its own timestamps: panel_locked_at,
submitted_at, consensus_held_on, recorded_at).
"""

import datetime
import logging
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.db.models import Prefetch, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from services import calendar, officecheck
from services.documents import check_upload
from services.models import RequiredDocument
from services.permissions import is_quality_manager

from . import caf_scoring
from .indicators import CATALOGUE
from .models import (
    AssessmentMember,
    CafSubcriterion,
    ConsensusScore,
    ImprovementArea,
    IndividualScore,
    QualityEvent,
    ScoreEvidence,
    SelfAssessment,
)
from .workflow import TransitionRefused

logger = logging.getLogger(__name__)

Panel = SelfAssessment.Panel
Status = SelfAssessment.Status
PHASE_FIELDS = ("score_plan", "score_do", "score_check", "score_act")
# The results criteria (6–9) are offered the portal's own figures of the twelve months before the exercise.
EVIDENCE_MONTHS = 12
# What a member may attach as evidence: a PDF, a photo or scan, or an office document; at most 20 MB.
EVIDENCE_TYPES = RequiredDocument(
    name="evidence",
    accepted_types=",".join(
        ["application/pdf", "image/jpeg", "image/png", officecheck.DOCX, officecheck.XLSX, officecheck.ODT]
    ),
    max_size_mb=20,
)


# --- who may ---------------------------------------------------------------------------------------------------------


def may_lead(user) -> bool:
    """Exercises are opened and led by the quality managers."""
    return is_quality_manager(user)


def is_leader(user, assessment) -> bool:
    return bool(user and user.is_authenticated and assessment.leader_id == user.pk)


def membership(user, assessment):
    """The person's place in the group, or None."""
    if not (user and user.is_authenticated):
        return None
    return AssessmentMember.objects.filter(assessment=assessment, person=user).first()


def may_see(user, assessment) -> bool:
    """The exercise's page: its leader, its members and the quality managers (who see its progress, not its scores)."""
    if not (user and user.is_authenticated and user.is_staff):
        return False
    return is_leader(user, assessment) or may_lead(user) or membership(user, assessment) is not None


def exercises_for(user):
    """The exercises the person leads or belongs to; every exercise for a quality manager."""
    exercises = SelfAssessment.objects.select_related("model", "department", "leader").order_by("-created_at")
    if may_lead(user):
        return exercises
    return exercises.filter(Q(leader=user) | Q(members__person=user)).distinct()


def _require_leader(user, assessment):
    if not is_leader(user, assessment):
        raise PermissionDenied(_("Only the exercise's leader may do this."))


def _require_self(user, member):
    if member.person_id != getattr(user, "pk", None):
        raise PermissionDenied(_("Only the member themselves may do this."))


def _expect(assessment, *statuses):
    if assessment.status not in statuses:
        raise TransitionRefused(
            _("This self-assessment is at the stage “%(status)s”: the step cannot be taken now.")
            % {"status": assessment.get_status_display()}
        )


def _locked(assessment):
    return SelfAssessment.objects.select_for_update().select_related("model").get(pk=assessment.pk)


def _locked_member(member):
    return AssessmentMember.objects.select_for_update().select_related("assessment").get(pk=member.pk)


_STEP_KINDS = {
    "opened": QualityEvent.Kind.OPENED,
    "members set": QualityEvent.Kind.MEMBERS_SET,
    "panel changed": QualityEvent.Kind.PANEL_CHANGED,
    "individual work started": QualityEvent.Kind.INDIVIDUAL_STARTED,
    "submitted": QualityEvent.Kind.SUBMITTED,
    "consensus started": QualityEvent.Kind.CONSENSUS_STARTED,
    "consensus recorded": QualityEvent.Kind.CONSENSUS_RECORDED,
    "minutes recorded": QualityEvent.Kind.MINUTES_RECORDED,
    "consensus finished": QualityEvent.Kind.CONSENSUS_FINISHED,
}


def _log(step, assessment, by, **data):
    """The step in the append-only quality log (and the module's logger)."""
    logger.info("CAF self-assessment %s: %s by user %s %s", assessment.pk, step, getattr(by, "pk", None), data or "")
    QualityEvent.objects.create(assessment=assessment, actor=by, kind=_STEP_KINDS[step], data=data)


def subcriteria_of(model):
    """The model's sub-criteria in the framework's order, with their criterion."""
    return list(
        CafSubcriterion.objects.filter(criterion__model=model)
        .select_related("criterion")
        .order_by("criterion__number", "position")
    )


def _check_subcriterion(assessment, subcriterion):
    if subcriterion.criterion.model_id != assessment.model_id:
        raise ValidationError(_("This sub-criterion is not one of the exercise's CAF edition."))


def _check_panel(panel):
    if panel not in Panel.values:
        raise ValidationError({"panel": _("Choose the scoring panel.")})


def _check_scores(**scores):
    errors = {
        name: _("A score is a whole number from 0 to 100.")
        for name, value in scores.items()
        if not caf_scoring.in_range(value)
    }
    if errors:
        raise ValidationError(errors)


# --- the exercise ----------------------------------------------------------------------------------------------------


@transaction.atomic
def create_exercise(
    *, by, title, model, department, panel, individual_deadline, consensus_deadline, previous=None
) -> SelfAssessment:
    """A new exercise in preparation, led by the quality manager who opens it."""
    if not may_lead(by):
        raise PermissionDenied(_("Only a quality manager may open a self-assessment."))
    _check_panel(panel)
    errors = {}
    if not (title or "").strip():
        errors["title"] = _("Give the exercise a title.")
    if individual_deadline < calendar.today():
        errors["individual_deadline"] = _("The individual assessments cannot be due in the past.")
    if consensus_deadline < individual_deadline:
        errors["consensus_deadline"] = _("The consensus comes after the individual assessments.")
    if errors:
        raise ValidationError(errors)
    assessment = SelfAssessment.objects.create(
        title=title.strip(),
        model=model,
        department=department,
        panel=panel,
        leader=by,
        individual_deadline=individual_deadline,
        consensus_deadline=consensus_deadline,
        previous=previous,
    )
    _log("opened", assessment, by, panel=str(panel))
    return assessment


@transaction.atomic
def set_members(assessment, *, by, people) -> list[AssessmentMember]:
    """The group is exactly `people` (staff only); it is named while the exercise is in preparation."""
    assessment = _locked(assessment)
    _require_leader(by, assessment)
    _expect(assessment, Status.PREPARATION)
    people = list({person.pk: person for person in people}.values())
    refused = [person for person in people if not (person.is_staff and person.is_active)]
    if refused:
        raise ValidationError(
            {
                "people": _("Only staff may be members of the group: %(names)s is not.")
                % {"names": ", ".join(person.display_name for person in refused)}
            }
        )
    wanted = {person.pk for person in people}
    assessment.members.exclude(person_id__in=wanted).delete()
    present = set(assessment.members.values_list("person_id", flat=True))
    AssessmentMember.objects.bulk_create(
        [AssessmentMember(assessment=assessment, person=person) for person in people if person.pk not in present]
    )
    _log("members set", assessment, by, people=sorted(wanted))
    return list(assessment.members.select_related("person"))


@transaction.atomic
def change_panel(assessment, *, by, panel) -> SelfAssessment:
    """Another scoring panel, until individual work starts and locks it."""
    assessment = _locked(assessment)
    _require_leader(by, assessment)
    if assessment.panel_locked_at is not None:
        raise TransitionRefused(_("The scoring panel was locked when individual work started: it cannot change."))
    _expect(assessment, Status.PREPARATION)
    _check_panel(panel)
    assessment.panel = panel
    assessment.save(update_fields=["panel"])
    _log("panel changed", assessment, by, panel=str(panel))
    return assessment


@transaction.atomic
def start_individual_work(assessment, *, by) -> SelfAssessment:
    """The members may now assess; the panel is locked from this moment."""
    assessment = _locked(assessment)
    _require_leader(by, assessment)
    _expect(assessment, Status.PREPARATION)
    if assessment.members.count() < 2:
        raise TransitionRefused(_("A self-assessment group has at least two members."))
    if not CafSubcriterion.objects.filter(criterion__model=assessment.model_id).exists():
        raise TransitionRefused(_("This CAF edition has no sub-criteria to assess."))
    assessment.panel_locked_at = calendar.now()
    assessment.status = Status.INDIVIDUAL
    assessment.save(update_fields=["panel_locked_at", "status"])
    _log("individual work started", assessment, by)
    return assessment


# --- individual assessment -------------------------------------------------------------------------------------------


def _check_entry(panel, *, dont_know, score, phases):
    given_phases = [value for value in phases.values() if value is not None]
    if dont_know:
        if score is not None or given_phases:
            raise ValidationError({"dont_know": _("Either give a score or answer “don't know”, not both.")})
        return
    if panel == Panel.CLASSICAL and given_phases:
        raise ValidationError(
            {"score": _("The classical panel gives one score: leave Plan, Do, Check and Act empty.")}
        )
    if panel == Panel.FINE_TUNED and score is not None:
        raise ValidationError({"score": _("The fine-tuned panel scores Plan, Do, Check and Act, not one score.")})


@transaction.atomic
def save_individual(
    member,
    subcriterion,
    *,
    by,
    strengths="",
    areas="",
    suggestions="",
    dont_know=False,
    score=None,
    plan=None,
    do=None,
    check=None,
    act=None,
) -> IndividualScore:
    """The member's assessment of one sub-criterion, kept as a draft until they submit (phases may be incomplete)."""
    member = _locked_member(member)
    _require_self(by, member)
    assessment = member.assessment
    _expect(assessment, Status.INDIVIDUAL)
    if member.submitted_at is not None:
        raise TransitionRefused(_("You have submitted your assessment: it cannot change any more."))
    _check_subcriterion(assessment, subcriterion)
    phases = dict(zip(PHASE_FIELDS, (plan, do, check, act), strict=True))
    _check_scores(score=score, **phases)
    _check_entry(assessment.panel, dont_know=dont_know, score=score, phases=phases)
    entry, _created = IndividualScore.objects.update_or_create(
        member=member,
        subcriterion=subcriterion,
        defaults={
            "strengths": (strengths or "").strip(),
            "areas": (areas or "").strip(),
            "suggestions": (suggestions or "").strip(),
            "dont_know": bool(dont_know),
            "score": score,
            **phases,
        },
    )
    return entry


def _editable_entry(entry, by):
    member = _locked_member(entry.member)
    _require_self(by, member)
    _expect(member.assessment, Status.INDIVIDUAL)
    if member.submitted_at is not None:
        raise TransitionRefused(_("You have submitted your assessment: it cannot change any more."))
    return member


@transaction.atomic
def add_evidence(entry, *, by, kind, procedure=None, indicator="", file=None, link="", note="") -> ScoreEvidence:
    """Evidence for the member's assessment of a sub-criterion: a procedure, an indicator of the ISO dashboard, case
    statistics (said in the note, of a procedure if given), a file (checked like every upload) or a link."""
    _editable_entry(entry, by)
    K = ScoreEvidence.Kind
    note = (note or "").strip()
    evidence = ScoreEvidence(score=entry, kind=kind, note=note)
    if kind == K.PROCEDURE:
        if procedure is None:
            raise ValidationError({"procedure": _("Choose the procedure.")})
        evidence.procedure = procedure
    elif kind == K.INDICATOR:
        if indicator not in CATALOGUE:
            raise ValidationError({"indicator": _("Choose one of the dashboard's indicators.")})
        evidence.indicator = indicator
    elif kind == K.CASE_STATISTICS:
        if not note:
            raise ValidationError({"note": _("Say which figures of the cases show it.")})
        evidence.procedure = procedure
    elif kind == K.LINK:
        if not link:
            raise ValidationError({"link": _("Enter the web address.")})
        URLValidator(schemes=["http", "https"], message=_("Enter a web address starting with https://."))(link)
        evidence.link = link
    elif kind == K.FILE:
        if not file:
            raise ValidationError({"file": _("Choose the file.")})
        checked = check_upload(file, EVIDENCE_TYPES)
        file.seek(0)
        evidence.file_name = checked.name
        evidence.file.save(checked.name, file, save=False)  # under a random key: the name is only shown
        try:
            evidence.save()
        except Exception:
            evidence.file.storage.delete(evidence.file.name)  # no row, no file
            raise
        return evidence
    else:
        raise ValidationError({"kind": _("Choose the kind of evidence.")})
    evidence.save()
    return evidence


@transaction.atomic
def remove_evidence(evidence, *, by) -> None:
    _editable_entry(evidence.score, by)
    if evidence.file:
        transaction.on_commit(lambda name=evidence.file.name, storage=evidence.file.storage: storage.delete(name))
    evidence.delete()


def is_answered(panel, entry) -> bool:
    """An entry counts as an answer when it says "don't know" or carries its panel's complete score."""
    if entry is None:
        return False
    return bool(entry.dont_know) or caf_scoring.subcriterion_score(panel, entry) is not None


def missing_codes(member, subcriteria=None) -> list[str]:
    """The codes of the sub-criteria the member has not answered yet, in the framework's order."""
    assessment = member.assessment
    subcriteria = subcriteria if subcriteria is not None else subcriteria_of(assessment.model_id)
    entries = {entry.subcriterion_id: entry for entry in member.scores.all()}
    return [s.code for s in subcriteria if not is_answered(assessment.panel, entries.get(s.pk))]


@transaction.atomic
def submit(member, *, by) -> AssessmentMember:
    """The member hands in their assessment: every sub-criterion answered; it cannot change afterwards."""
    member = _locked_member(member)
    _require_self(by, member)
    _expect(member.assessment, Status.INDIVIDUAL)
    if member.submitted_at is not None:
        raise TransitionRefused(_("You have already submitted your assessment."))
    missing = missing_codes(member)
    if missing:
        raise ValidationError(
            _("Answer every sub-criterion (a score or “don't know”) before submitting. Not answered yet: %(codes)s.")
            % {"codes": ", ".join(missing)},
            code="incomplete",
        )
    member.submitted_at = calendar.now()
    member.save(update_fields=["submitted_at"])
    _log("submitted", member.assessment, by, member=member.pk)
    return member


# --- consensus -------------------------------------------------------------------------------------------------------


@transaction.atomic
def start_consensus(assessment, *, by) -> SelfAssessment:
    """Once every member submitted, or the individual deadline passed (with at least one submission)."""
    assessment = _locked(assessment)
    _require_leader(by, assessment)
    _expect(assessment, Status.INDIVIDUAL)
    members = list(assessment.members.all())
    submitted = [m for m in members if m.submitted_at is not None]
    if not submitted:
        raise TransitionRefused(_("Nobody has submitted an assessment yet."))
    if len(submitted) < len(members) and calendar.today() <= assessment.individual_deadline:
        raise TransitionRefused(
            _("Some members have not submitted yet: the consensus starts when all have, or after %(date)s.")
            % {"date": assessment.individual_deadline.strftime("%d.%m.%Y")}
        )
    assessment.status = Status.CONSENSUS
    assessment.save(update_fields=["status"])
    _log("consensus started", assessment, by, submitted=len(submitted), members=len(members))
    return assessment


def _lines(text):
    """The non-empty lines of a text, stripped, each once, in order."""
    seen = []
    for line in (text or "").splitlines():
        line = line.strip().lstrip("-•*").strip()
        if line and line not in seen:
            seen.append(line)
    return seen


def _sync_areas(assessment, subcriterion, areas):
    """One ImprovementArea per agreed line: kept when the line stays, added when new, removed when dropped — unless an
    action was already opened from it, which keeps it."""
    lines = _lines(areas)
    existing = list(ImprovementArea.objects.filter(assessment=assessment, subcriterion=subcriterion))
    by_text = {area.text: area for area in existing}
    for area in existing:
        if area.text not in lines and not area.actions.exists():
            area.delete()
    ImprovementArea.objects.bulk_create(
        [
            ImprovementArea(assessment=assessment, subcriterion=subcriterion, text=line)
            for line in lines
            if line not in by_text
        ]
    )


@transaction.atomic
def record_consensus(
    assessment,
    subcriterion,
    *,
    by,
    score=None,
    plan=None,
    do=None,
    check=None,
    act=None,
    rationale="",
    strengths="",
    areas="",
) -> ConsensusScore:
    """The group's agreed score of a sub-criterion (its panel's: one score, or the four phases), its rationale and the
    merged strengths and areas; each line of the areas becomes an area for improvement."""
    assessment = _locked(assessment)
    _require_leader(by, assessment)
    _expect(assessment, Status.CONSENSUS)
    _check_subcriterion(assessment, subcriterion)
    phases = dict(zip(PHASE_FIELDS, (plan, do, check, act), strict=True))
    _check_scores(score=score, **phases)
    _check_entry(assessment.panel, dont_know=False, score=score, phases=phases)
    if assessment.panel == Panel.CLASSICAL and score is None:
        raise ValidationError({"score": _("Record the agreed score.")})
    if assessment.panel == Panel.FINE_TUNED and any(value is None for value in phases.values()):
        raise ValidationError({"score_plan": _("Record the agreed score of each of Plan, Do, Check and Act.")})
    consensus, _created = ConsensusScore.objects.update_or_create(
        assessment=assessment,
        subcriterion=subcriterion,
        defaults={
            "score": score,
            **phases,
            "rationale": (rationale or "").strip(),
            "strengths": (strengths or "").strip(),
            "areas": (areas or "").strip(),
            "recorded_by": by,
        },
    )
    _sync_areas(assessment, subcriterion, areas)
    _log("consensus recorded", assessment, by, subcriterion=subcriterion.code)
    return consensus


@transaction.atomic
def record_minutes(assessment, *, by, held_on, minutes) -> SelfAssessment:
    """The consensus meeting's date and minutes (correctable until the exercise closes)."""
    assessment = _locked(assessment)
    _require_leader(by, assessment)
    _expect(assessment, Status.CONSENSUS, Status.PLAN)
    errors = {}
    if held_on is None or held_on > calendar.today():
        errors["held_on"] = _("The meeting's date cannot be in the future.")
    if not (minutes or "").strip():
        errors["minutes"] = _("Write the minutes of the meeting.")
    if errors:
        raise ValidationError(errors)
    assessment.consensus_held_on = held_on
    assessment.minutes = minutes.strip()
    assessment.save(update_fields=["consensus_held_on", "minutes"])
    _log("minutes recorded", assessment, by, held_on=held_on.isoformat())
    return assessment


@transaction.atomic
def finish_consensus(assessment, *, by) -> SelfAssessment:
    """Every sub-criterion has its agreed score: the exercise moves to its improvement plan."""
    assessment = _locked(assessment)
    _require_leader(by, assessment)
    _expect(assessment, Status.CONSENSUS)
    agreed = {c.subcriterion_id: c for c in assessment.consensus.all()}
    missing = [
        s.code
        for s in subcriteria_of(assessment.model_id)
        if caf_scoring.subcriterion_score(assessment.panel, agreed.get(s.pk, {})) is None
    ]
    if missing:
        raise TransitionRefused(
            _("Record the agreed score of every sub-criterion first. Not agreed yet: %(codes)s.")
            % {"codes": ", ".join(missing)}
        )
    assessment.status = Status.PLAN
    assessment.save(update_fields=["status"])
    _log("consensus finished", assessment, by)
    return assessment


# --- what each person sees -------------------------------------------------------------------------------------------


def visible_individual_scores(viewer, assessment):
    """The individual entries `viewer` may read: always their own; others' only once submitted, and then only by a
    member who has submitted their own or by the leader. A member who has not submitted sees nobody else's work —
    even when leading — until the consensus starts. Nobody ever sees another's draft."""
    entries = IndividualScore.objects.filter(member__assessment=assessment).select_related(
        "member__person", "subcriterion"
    )
    if not (viewer and viewer.is_authenticated):
        return entries.none()
    own = membership(viewer, assessment)
    visible = Q(member__person=viewer)
    consensus_started = assessment.status not in (Status.PREPARATION, Status.INDIVIDUAL)
    sees_submitted = (own is not None and own.submitted_at is not None) or (
        is_leader(viewer, assessment) and (own is None or consensus_started)
    )
    if sees_submitted:
        visible |= Q(member__submitted_at__isnull=False)
    return entries.filter(visible)


def others_submitted_work(viewer, assessment, subcriterion):
    """What the others submitted on one sub-criterion, as `viewer` may read it (nothing before their own submission)."""
    entries = visible_individual_scores(viewer, assessment).filter(subcriterion=subcriterion)
    return list(entries.exclude(member__person=viewer).prefetch_related("evidence").order_by("member__pk"))


def may_see_consensus(user, assessment) -> bool:
    """The consensus table is the leader's, from the start of individual work — unless the leader is a member who has
    not submitted yet and the consensus has not started (members see nobody's work before submitting their own)."""
    if not is_leader(user, assessment) or assessment.status == Status.PREPARATION:
        return False
    if assessment.status != Status.INDIVIDUAL:
        return True
    own = membership(user, assessment)
    return own is None or own.submitted_at is not None


# --- the consensus table ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class MemberScore:
    name: str
    score: float | None
    dont_know: bool
    entry: IndividualScore | None


@dataclass
class ConsensusRow:
    subcriterion: CafSubcriterion
    scores: list[MemberScore]
    figures: caf_scoring.Figures
    strengths: list[str]
    areas: list[str]
    suggestions: list[str]
    consensus: ConsensusScore | None
    consensus_score: float | None


@dataclass
class CriterionBlock:
    criterion: object
    rows: list[ConsensusRow] = field(default_factory=list)
    evidence: list = field(default_factory=list)  # (key, label, value) of the portal's figures, results criteria only

    @property
    def score(self) -> float | None:
        return caf_scoring.criterion_score(row.consensus_score for row in self.rows)

    @property
    def individual_mean(self) -> float | None:
        return caf_scoring.criterion_score(row.figures.mean for row in self.rows)


@dataclass
class ConsensusTable:
    assessment: SelfAssessment
    members: list[AssessmentMember]
    submitted: list[AssessmentMember]
    criteria: list[CriterionBlock]
    evidence: object = None  # quality.patterns.CafEvidence, when that module offers it

    @property
    def rows(self):
        return [row for block in self.criteria for row in block.rows]

    @property
    def totals(self) -> caf_scoring.Totals:
        return caf_scoring.totals((block.criterion.kind, block.score) for block in self.criteria)

    @property
    def agreed(self) -> int:
        return sum(1 for row in self.rows if row.consensus_score is not None)

    @property
    def complete(self) -> bool:
        return bool(self.rows) and self.agreed == len(self.rows)


def evidence_period(assessment) -> tuple[datetime.date, datetime.date]:
    """The twelve months before the day the exercise was opened: (a year before that day, the day before it)."""
    opened = calendar.today() if assessment.created_at is None else timezone.localdate(assessment.created_at)
    try:
        start = opened.replace(year=opened.year - 1)
    except ValueError:  # 29 February
        start = opened.replace(year=opened.year - 1, day=28)
    return start, opened - datetime.timedelta(days=1)


def portal_evidence(assessment):
    """The portal's service-delivery figures for the results criteria, when quality.patterns offers them."""
    try:
        from .patterns import evidence_for_caf
    except (ImportError, AttributeError):
        return None
    start, end = evidence_period(assessment)
    departments = [assessment.department] if assessment.department_id else None
    return evidence_for_caf(start, end, departments=departments)


def _merged(entries, name):
    merged = []
    for entry in entries:
        for line in _lines(getattr(entry, name)):
            if line not in merged:
                merged.append(line)
    return merged


def consensus_table(assessment, *, with_evidence=True) -> ConsensusTable:
    """Per sub-criterion, the submitted members' scores with their figures, their merged strengths and areas, and the
    agreed score if recorded; grouped by criterion. Drafts never appear. A fixed number of queries."""
    panel = assessment.panel
    members = list(
        assessment.members.select_related("person").prefetch_related(
            Prefetch(
                "scores",
                queryset=IndividualScore.objects.filter(member__submitted_at__isnull=False).order_by(
                    "subcriterion_id"
                ),
            )
        )
    )
    submitted = [member for member in members if member.submitted_at is not None]
    entries = {
        (entry.member_id, entry.subcriterion_id): entry for member in submitted for entry in member.scores.all()
    }
    agreed = {c.subcriterion_id: c for c in assessment.consensus.all()}
    evidence = portal_evidence(assessment) if with_evidence else None
    blocks = {}
    for subcriterion in subcriteria_of(assessment.model_id):
        criterion = subcriterion.criterion
        block = blocks.get(criterion.pk)
        if block is None:
            block = blocks[criterion.pk] = CriterionBlock(
                criterion=criterion, evidence=_evidence_of(evidence, criterion)
            )
        # One cell per submitted member, in the group's order (a column each); an empty cell has no entry.
        scores = []
        for member in submitted:
            entry = entries.get((member.pk, subcriterion.pk))
            scores.append(
                MemberScore(
                    name=member.person.display_name,
                    score=None if entry is None else caf_scoring.subcriterion_score(panel, entry),
                    dont_know=bool(entry and entry.dont_know),
                    entry=entry,
                )
            )
        answered = [s.entry for s in scores if s.entry is not None]
        consensus = agreed.get(subcriterion.pk)
        block.rows.append(
            ConsensusRow(
                subcriterion=subcriterion,
                scores=scores,
                figures=caf_scoring.spread_figures(s.score for s in scores if s.entry is not None),
                strengths=_merged(answered, "strengths"),
                areas=_merged(answered, "areas"),
                suggestions=_merged(answered, "suggestions"),
                consensus=consensus,
                consensus_score=None if consensus is None else caf_scoring.subcriterion_score(panel, consensus),
            )
        )
    return ConsensusTable(
        assessment=assessment, members=members, submitted=submitted, criteria=list(blocks.values()), evidence=evidence
    )


def _evidence_of(evidence, criterion):
    if evidence is None or criterion.kind != caf_scoring.RESULT:
        return []
    try:
        items = evidence.items()
    except AttributeError:
        return []
    return [(key, label, value) for key, label, value, numbers in items if criterion.number in numbers]
