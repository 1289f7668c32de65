"""The evaluators' score sheets: drafts, submission, and conflicts of interest."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from services import calendar

from ...models import (
    Conflict,
    Score,
    ScoreSheet,
)
from .. import roles
from ._common import (
    EXTREMES,
    SCALE,
    Source,
    State,
    _locked_round,
    _refuse,
    _require_state,
    event,
)


def _require_evaluator(actor, round):
    evaluator = roles.evaluator_of(actor, round)
    if evaluator is None:
        raise PermissionDenied(_("Only the round's evaluators score its candidates."))
    return evaluator


def _scorable(round, candidate):
    if candidate.round_id != round.pk or not candidate.eligible:
        _refuse(_("Only the round's eligible candidates are scored."), "not_eligible")


@transaction.atomic
def declare_conflict(actor, candidate, reason):
    round = _locked_round(candidate.round)
    _require_state(round, State.SCORING)
    evaluator = _require_evaluator(actor, round)
    _scorable(round, candidate)
    if not reason.strip():
        _refuse(_("Say what the conflict of interest is."), "reason_required")
    sheet = ScoreSheet.objects.filter(evaluator=evaluator, candidate=candidate).first()
    if sheet and sheet.submitted:
        _refuse(_("Your scores of this candidate are already submitted."), "already_submitted")
    if sheet:
        sheet.delete()  # a draft's scores are not kept: the evaluator is excluded from this candidate
    conflict, created = Conflict.objects.get_or_create(
        evaluator=evaluator, candidate=candidate, defaults={"reason": reason.strip()}
    )
    if created:
        event(round, actor, "conflict_declared", f"{evaluator}: {candidate.investment.code} — {conflict.reason}")
    return conflict


@transaction.atomic
def save_scores(actor, candidate, scores):
    """A draft of the evaluator's scores of one candidate: {criterion pk: (score 0–5, justification)}; incomplete is
    allowed until it is submitted."""
    round = _locked_round(candidate.round)
    _require_state(round, State.SCORING)
    evaluator = _require_evaluator(actor, round)
    _scorable(round, candidate)
    if Conflict.objects.filter(evaluator=evaluator, candidate=candidate).exists():
        _refuse(_("You declared a conflict of interest with this candidate: you do not score it."), "conflict")
    sheet, _created = ScoreSheet.objects.select_for_update().get_or_create(evaluator=evaluator, candidate=candidate)
    if sheet.submitted:
        _refuse(_("Your scores of this candidate are already submitted."), "already_submitted")
    criteria = {c.pk: c for c in round.criteria.filter(source=Source.EXPERT)}
    for pk, (value, justification) in scores.items():
        criterion = criteria.get(int(pk))
        if criterion is None:
            _refuse(_("Evaluators score only the criteria declared for them."), "not_expert")
        if value is None or value == "":
            Score.objects.filter(sheet=sheet, criterion=criterion).delete()
            continue
        try:
            value = int(value)
        except (TypeError, ValueError):
            _refuse(_("A score is a whole number from 0 to 5."), "off_scale")
        if value not in SCALE:
            _refuse(_("A score is a whole number from 0 to 5."), "off_scale")
        Score.objects.update_or_create(
            sheet=sheet, criterion=criterion, defaults={"value": value, "justification": (justification or "").strip()}
        )
    sheet.save()
    return sheet


def sheet_problems(sheet):
    """What keeps a sheet from being submitted: a criterion not scored, an extreme score (0 or 5) not justified."""
    problems = []
    scores = {s.criterion_id: s for s in sheet.scores.all()}
    for criterion in sheet.candidate.round.criteria.filter(source=Source.EXPERT).order_by("order", "pk"):
        score = scores.get(criterion.pk)
        if score is None:
            problems.append(_("%(code)s is not scored.") % {"code": criterion.code})
        elif score.value in EXTREMES and not score.justification:
            problems.append(
                _("%(code)s: a score of %(score)s must be justified.") % {"code": criterion.code, "score": score.value}
            )
    return problems


@transaction.atomic
def submit_sheet(actor, candidate):
    round = _locked_round(candidate.round)
    _require_state(round, State.SCORING)
    evaluator = _require_evaluator(actor, round)
    sheet = ScoreSheet.objects.select_for_update().filter(evaluator=evaluator, candidate=candidate).first()
    if sheet is None:
        _refuse(_("Score the candidate before submitting."), "not_scored")
    if sheet.submitted:
        _refuse(_("Your scores of this candidate are already submitted."), "already_submitted")
    problems = sheet_problems(sheet)
    if problems:
        raise ValidationError([ValidationError(p, code="incomplete") for p in problems])
    sheet.submitted_at = calendar.now()
    sheet.save(update_fields=["submitted_at", "updated_at"])
    event(round, actor, "sheet_submitted", f"{evaluator}: {candidate.investment.code}")
    return sheet
