"""Every action on a prioritisation round goes through one of these functions: each runs in a transaction, checks who
acts and what the round's state allows, and writes the round's history.

The steps: draft → criteria locked → scoring → consultation (only with a citizens' support criterion) →
consolidation → published. The method (criteria, levels, weights, judgements, voting rules) changes only in draft;
the lock freezes it (database triggers hold that too) and publishes the methodology page.

Refusals: `PermissionDenied` for who may not act, `ValidationError` (translated, with a code) for what the rules or
the state do not allow."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from services import calendar

from .. import ranking
from ..models import (
    AgreedScore,
    Ballot,
    Candidate,
    CandidateValue,
    Comment,
    Conflict,
    Criterion,
    Evaluator,
    Investment,
    Judgement,
    Round,
    RoundEvent,
    ScaleLevel,
    Score,
    ScoreSheet,
    Stage,
)
from . import methodology, roles

State = Round.State
Source = Criterion.Source

ROUND_FIELDS = (
    "year",
    "title",
    "title_hu",
    "title_en",
    "envelope_bani",
    "weight_method",
    "votes_per_citizen",
    "consultation_opens",
    "consultation_closes",
    "wide_spread_at",
)
# Before the lock every field of the round may change; after it only the title and the envelope (the money the
# budget finally makes available), until the ranking is published.
UNFROZEN_ROUND_FIELDS = ("title", "title_hu", "title_en", "envelope_bani")
CRITERION_FIELDS = (
    "code",
    "order",
    "name",
    "name_hu",
    "name_en",
    "description",
    "description_hu",
    "description_en",
    "source",
    "direction",
    "unit",
    "weight",
)
SCALE = range(ranking.SCALE_MAX + 1)
EXTREMES = (0, ranking.SCALE_MAX)
MIN_EVALUATORS = 2


# --- helpers -----------------------------------------------------------------------------------------------------------


def event(round, actor, action, detail=""):
    return RoundEvent.objects.create(round=round, actor=actor, action=action, detail=str(detail)[:4000])


def _refuse(message, code):
    raise ValidationError(message, code=code)


def _require_manager(actor):
    if not roles.may_manage(actor):
        raise PermissionDenied(_("Only the prioritisation secretariat and the quality managers run a round."))


def _require_state(round, *states):
    if round.state not in states:
        _refuse(
            _("This cannot be done while the round is at the step “%(state)s”.")
            % {"state": round.get_state_display()},
            "wrong_state",
        )


def _locked_round(round):
    """The round again, its row locked for the rest of the transaction: two steps never pass each other."""
    return Round.objects.select_for_update().get(pk=round.pk)


def _full_clean(obj, exclude=()):
    obj.full_clean(exclude=list(exclude), validate_unique=True, validate_constraints=True)


def _changes(obj, fields, values):
    changed = []
    for field in fields:
        if field in values and getattr(obj, field) != values[field]:
            changed.append(f"{field}: {getattr(obj, field)} → {values[field]}")
            setattr(obj, field, values[field])
    return changed


# --- the round -----------------------------------------------------------------------------------------------------


@transaction.atomic
def create_round(actor, **fields):
    _require_manager(actor)
    unknown = set(fields) - set(ROUND_FIELDS)
    if unknown:
        raise TypeError(f"unknown fields: {', '.join(sorted(unknown))}")
    round = Round(created_by=actor, **fields)
    _full_clean(round, exclude=["created_by"])
    round.save()
    event(round, actor, "created", f"{round.year} — {round.title}")
    return round


@transaction.atomic
def update_round(actor, round, **fields):
    _require_manager(actor)
    round = _locked_round(round)
    unknown = set(fields) - set(ROUND_FIELDS)
    if unknown:
        raise TypeError(f"unknown fields: {', '.join(sorted(unknown))}")
    if round.state == State.PUBLISHED:
        _refuse(_("A published round cannot change."), "published")
    if round.is_locked:
        frozen = [f for f in fields if f not in UNFROZEN_ROUND_FIELDS and fields[f] != getattr(round, f)]
        if frozen:
            _refuse(_("The round is locked: its voting rules and weight method cannot change."), "locked")
    changed = _changes(round, ROUND_FIELDS, fields)
    _full_clean(round)
    round.save()
    if changed:
        event(round, actor, "round_changed", "; ".join(changed))
    return round


# --- criteria, levels, weights ---------------------------------------------------------------------------------------


def _require_draft(round):
    if round.is_locked:
        _refuse(_("The round is locked: its criteria, weights and voting rules cannot change."), "locked")


@transaction.atomic
def add_criterion(actor, round, *, levels=None, **fields):
    """`levels`: {score: (description, description_hu, description_en)} for the scores 0–5."""
    _require_manager(actor)
    round = _locked_round(round)
    _require_draft(round)
    if fields.get("source") == Source.CITIZEN and round.criteria.filter(source=Source.CITIZEN).exists():
        _refuse(_("A round has one citizens' support criterion at most."), "one_citizen_criterion")
    criterion = Criterion(round=round, **{k: v for k, v in fields.items() if k in CRITERION_FIELDS})
    if "order" not in fields:
        criterion.order = round.criteria.count() + 1
    if criterion.source == Source.CITIZEN:
        criterion.direction = Criterion.Direction.HIGHER
    _full_clean(criterion)
    criterion.save()
    if levels:
        _save_levels(criterion, levels)
    event(round, actor, "criterion_added", f"{criterion.code} {criterion.name} ({criterion.get_source_display()})")
    return criterion


@transaction.atomic
def update_criterion(actor, criterion, *, levels=None, **fields):
    _require_manager(actor)
    round = _locked_round(criterion.round)
    _require_draft(round)
    criterion = Criterion.objects.get(pk=criterion.pk)
    if (
        fields.get("source") == Source.CITIZEN
        and round.criteria.filter(source=Source.CITIZEN).exclude(pk=criterion.pk).exists()
    ):
        _refuse(_("A round has one citizens' support criterion at most."), "one_citizen_criterion")
    changed = _changes(criterion, CRITERION_FIELDS, fields)
    if criterion.source == Source.CITIZEN:
        criterion.direction = Criterion.Direction.HIGHER
    _full_clean(criterion)
    criterion.save()
    if levels is not None:
        changed += _save_levels(criterion, levels)
    if changed:
        event(round, actor, "criterion_changed", f"{criterion.code}: " + "; ".join(changed))
    return criterion


def _save_levels(criterion, levels):
    changed = []
    existing = {level.score: level for level in criterion.levels.all()}
    for score, texts in levels.items():
        score = int(score)
        if score not in SCALE:
            _refuse(_("The scale goes from 0 to 5."), "off_scale")
        description, description_hu, description_en = (list(texts) + ["", "", ""])[:3]
        level = existing.get(score) or ScaleLevel(criterion=criterion, score=score)
        if (level.description, level.description_hu, level.description_en) == (
            description,
            description_hu,
            description_en,
        ) and level.pk:
            continue
        level.description, level.description_hu, level.description_en = description, description_hu, description_en
        if not description:
            if level.pk:
                level.delete()
                changed.append(f"{score}: —")
            continue
        _full_clean(level)
        level.save()
        changed.append(f"{score}: {description}")
    return changed


@transaction.atomic
def delete_criterion(actor, criterion):
    _require_manager(actor)
    round = _locked_round(criterion.round)
    _require_draft(round)
    label = str(criterion)
    criterion.delete()
    event(round, actor, "criterion_removed", label)


@transaction.atomic
def set_weights(actor, round, weights):
    """Weights entered directly: {criterion pk: Decimal}; they must add up to exactly 100."""
    _require_manager(actor)
    round = _locked_round(round)
    _require_draft(round)
    if round.weight_method != Round.WeightMethod.DIRECT:
        _refuse(_("This round derives its weights from pairwise comparisons."), "pairwise_round")
    criteria = {c.pk: c for c in round.criteria.all()}
    try:
        parsed = {int(pk): Decimal(str(value)) for pk, value in weights.items()}
    except (InvalidOperation, ValueError):
        _refuse(_("A weight is a number."), "not_a_number")
    if set(parsed) != set(criteria):
        _refuse(_("Give a weight to every criterion of the round."), "weights_missing")
    try:
        ranking.check_criteria([ranking.Criterion(str(pk), value) for pk, value in parsed.items()])
    except ranking.WeightsError:
        total = sum(parsed.values(), Decimal(0))
        _refuse(
            _("The weights add up to %(total)s, not 100.") % {"total": format(total.normalize(), "f")},
            "weights_total",
        )
    changed = []
    for pk, value in parsed.items():
        criterion = criteria[pk]
        if criterion.weight != value:
            changed.append(f"{criterion.code}: {criterion.weight} → {value}")
            criterion.weight = value
            criterion.save(update_fields=["weight"])
    if changed:
        event(round, actor, "weights_set", "; ".join(changed))
    return round


def _judgements(round):
    return {(str(j.first_id), str(j.second_id)): j.value for j in round.judgements.all()}


def pairwise_result(round):
    """The AHP result of the round's judgements (every pair must be judged), or None while pairs are missing."""
    ids = [str(pk) for pk in round.criteria.order_by("order", "pk").values_list("pk", flat=True)]
    judgements = _judgements(round)
    pairs = {(a, b) for i, a in enumerate(ids) for b in ids[i + 1 :]}
    given = {tuple(sorted(pair)) for pair in judgements}
    if len(ids) < 2 or any(tuple(sorted(pair)) not in given for pair in pairs):
        return None
    return ranking.pairwise_priorities(ids, judgements, places=2)


@transaction.atomic
def set_judgements(actor, round, judgements):
    """Pairwise judgements {(first pk, second pk): "3" | "1/3" …}, then the weights derived from them, but only when
    the consistency ratio is below 0.10: otherwise the judgements are kept and the weights are not changed (and the
    lock is refused); `inconsistency_message` names the most inconsistent pair. Returns the AHP result, or None
    while some pair is not judged."""
    _require_manager(actor)
    round = _locked_round(round)
    _require_draft(round)
    if round.weight_method != Round.WeightMethod.PAIRWISE:
        _refuse(_("This round's weights are entered directly."), "direct_round")
    criteria = {c.pk: c for c in round.criteria.all()}
    for (first, second), value in judgements.items():
        first, second = int(first), int(second)
        if first not in criteria or second not in criteria or first == second:
            _refuse(_("A judgement compares two different criteria of the round."), "bad_pair")
        if value not in dict(Judgement._meta.get_field("value").choices):
            _refuse(_("A judgement is on Saaty's scale, from 1/9 to 9."), "off_scale")
        Judgement.objects.filter(round=round, first_id=second, second_id=first).delete()
        Judgement.objects.update_or_create(round=round, first_id=first, second_id=second, defaults={"value": value})
    event(
        round,
        actor,
        "judgements_set",
        "; ".join(f"{criteria[int(a)].code}/{criteria[int(b)].code} = {v}" for (a, b), v in judgements.items()),
    )
    result = pairwise_result(round)
    if result is None:
        return None
    if not result.accepted:
        # The judgements stay (they are what the secretariat works from); the weights are not derived from them.
        event(round, actor, "judgements_inconsistent", f"CR {result.consistency_ratio}")
        return result
    changed = []
    for pk, weight in result.weights.items():
        criterion = criteria[int(pk)]
        if criterion.weight != weight:
            changed.append(f"{criterion.code}: {criterion.weight} → {weight}")
            criterion.weight = weight
            criterion.save(update_fields=["weight"])
    event(round, actor, "weights_derived", f"CR {result.consistency_ratio}; " + "; ".join(changed))
    return result


def inconsistency_message(round, result):
    """Why the weights were refused: the consistency ratio and the most inconsistent pair, with the value on Saaty's
    scale that would fit the other judgements."""
    codes = {str(pk): code for pk, code in round.criteria.values_list("pk", "code")}
    message = _(
        "The judgements are not consistent enough: the consistency ratio is %(cr)s, it must be below 0.10."
    ) % {"cr": result.consistency_ratio}
    worst = result.most_inconsistent
    if worst is not None:
        message += " " + _(
            "The most inconsistent pair is %(first)s against %(second)s: judged %(judged)s, the other judgements "
            "imply about %(implied)s (%(suggested)s on the scale)."
        ) % {
            "first": codes[worst.first],
            "second": codes[worst.second],
            "judged": worst.judgement,
            "implied": worst.implied,
            "suggested": worst.suggested,
        }
    return message


def lock_problems(round):
    """What stands between the round and its lock, in words (empty: it can be locked)."""
    problems = []
    criteria = list(round.criteria.prefetch_related("levels"))
    if not criteria:
        return [_("The round has no criteria.")]
    total = sum((c.weight for c in criteria), Decimal(0))
    if total != 100:
        problems.append(_("The weights add up to %(total)s, not 100.") % {"total": format(total.normalize(), "f")})
    if round.weight_method == Round.WeightMethod.PAIRWISE:
        result = pairwise_result(round)
        if result is None:
            problems.append(_("Every pair of criteria must be compared."))
        elif not result.accepted:
            problems.append(
                _("The consistency ratio is %(cr)s; it must be below 0.10.") % {"cr": result.consistency_ratio}
            )
        elif any(result.weights[str(c.pk)] != c.weight for c in criteria):
            problems.append(_("The weights are not those the pairwise comparisons give."))
    for criterion in criteria:
        if not (criterion.name_hu and criterion.name_en):
            problems.append(_("%(code)s has no Hungarian or English name.") % {"code": criterion.code})
        scores = {level.score for level in criterion.levels.all()}
        if criterion.source == Source.EXPERT and scores != set(SCALE):
            problems.append(_("%(code)s: describe every level of the scale, from 0 to 5.") % {"code": criterion.code})
    citizen = [c for c in criteria if c.source == Source.CITIZEN]
    if citizen and not (round.consultation_opens and round.consultation_closes):
        problems.append(_("A round with a citizens' support criterion needs the consultation's dates."))
    if not any(c.source == Source.EXPERT for c in criteria):
        problems.append(_("At least one criterion is scored by the evaluators."))
    return problems


@transaction.atomic
def lock(actor, round):
    """Freeze the method and publish its versioned methodology page."""
    _require_manager(actor)
    round = _locked_round(round)
    _require_state(round, State.DRAFT)
    problems = lock_problems(round)
    if problems:
        raise ValidationError([ValidationError(p, code="not_ready") for p in problems])
    snapshot = methodology.snapshot(round)
    version = Round.objects.exclude(methodology_version=None).order_by("-methodology_version").first()
    round.methodology_version = (version.methodology_version + 1) if version else 1
    snapshot["version"] = round.methodology_version
    round.methodology = snapshot
    round.methodology_sha256 = methodology.digest(snapshot)
    round.locked_at = timezone.now()
    round.locked_by = actor
    round.state = State.LOCKED
    round.save()
    methodology.publish_pages(round)
    event(round, actor, "locked", f"v{round.methodology_version} SHA-256 {round.methodology_sha256}")
    return round


# --- candidates, data values, evaluators ----------------------------------------------------------------------------


def feasibility_done(investment):
    return (
        Stage.objects.filter(investment=investment, kind=Stage.Kind.FEASIBILITY, actual_date__isnull=False)
        .exclude(evidence="")
        .exists()
    )


CANDIDATE_FIELDS = ("cost_bani", "competence", "competence_note", "cofinancing_ensured", "cofinancing_note")


@transaction.atomic
def add_candidate(actor, round, investment, **fields):
    _require_manager(actor)
    round = _locked_round(round)
    _require_state(round, State.DRAFT, State.LOCKED)
    if isinstance(investment, int):
        investment = Investment.objects.get(pk=investment)
    if round.candidates.filter(investment=investment).exists():
        _refuse(_("This investment is already a candidate in the round."), "already_candidate")
    candidate = Candidate(round=round, investment=investment, added_by=actor)
    _changes(candidate, CANDIDATE_FIELDS, fields)
    candidate.feasibility_done = feasibility_done(investment)
    _full_clean(candidate, exclude=["added_by"])
    candidate.save()
    event(round, actor, "candidate_added", f"{investment.code}: {_gate_words(candidate)}")
    return candidate


def _gate_words(candidate):
    if candidate.eligible:
        return _("eligible")
    return _("not eligible") + ": " + ", ".join(str(w) for w in gate_failures(candidate))


def gate_failures(candidate):
    failures = []
    if not candidate.competence:
        failures.append(_("not within the institution's competence"))
    if not candidate.feasibility_done:
        failures.append(_("no feasibility study"))
    if not candidate.cofinancing_ensured:
        failures.append(_("co-financing not ensured"))
    return failures


@transaction.atomic
def update_candidate(actor, candidate, **fields):
    _require_manager(actor)
    round = _locked_round(candidate.round)
    _require_state(round, State.DRAFT, State.LOCKED)
    candidate = Candidate.objects.select_related("investment").get(pk=candidate.pk)
    changed = _changes(candidate, CANDIDATE_FIELDS, fields)
    candidate.feasibility_done = feasibility_done(candidate.investment)
    _full_clean(candidate)
    candidate.save()
    if changed:
        event(round, actor, "candidate_changed", f"{candidate.investment.code}: " + "; ".join(changed))
    return candidate


@transaction.atomic
def remove_candidate(actor, candidate):
    _require_manager(actor)
    round = _locked_round(candidate.round)
    _require_state(round, State.DRAFT, State.LOCKED)
    code = candidate.investment.code
    candidate.delete()
    event(round, actor, "candidate_removed", code)


@transaction.atomic
def set_value(actor, candidate, criterion, value, source_note=""):
    """A candidate's raw value on a computed criterion; data may be corrected until the consolidation ends."""
    _require_manager(actor)
    round = _locked_round(candidate.round)
    _require_state(round, State.DRAFT, State.LOCKED, State.SCORING, State.CONSULTATION, State.CONSOLIDATION)
    if criterion.round_id != round.pk or candidate.round_id != round.pk or criterion.source != Source.COMPUTED:
        _refuse(_("Data values are entered for the round's computed criteria."), "not_computed")
    try:
        value = Decimal(str(value))
    except InvalidOperation:
        _refuse(_("A value is a number."), "not_a_number")
    existing = CandidateValue.objects.filter(candidate=candidate, criterion=criterion).first()
    old = existing.value if existing else None
    row = existing or CandidateValue(candidate=candidate, criterion=criterion, entered_by=actor)
    row.value, row.source_note, row.entered_by = value, source_note, actor
    _full_clean(row)
    row.save()
    if old != value:
        event(
            round,
            actor,
            "value_set",
            f"{candidate.investment.code} {criterion.code}: {'—' if old is None else old} → {value}",
        )
    return row


@transaction.atomic
def add_evaluator(actor, round, user):
    _require_manager(actor)
    round = _locked_round(round)
    _require_state(round, State.DRAFT, State.LOCKED)
    if not roles.may_be_evaluator(user):
        _refuse(_("Evaluators are heads of department and clerks."), "not_staff")
    evaluator, created = Evaluator.objects.get_or_create(round=round, user=user, defaults={"added_by": actor})
    if created:
        event(round, actor, "evaluator_added", user.get_full_name() or user.email)
    return evaluator


@transaction.atomic
def remove_evaluator(actor, evaluator):
    _require_manager(actor)
    round = _locked_round(evaluator.round)
    _require_state(round, State.DRAFT, State.LOCKED)
    name = str(evaluator)
    evaluator.delete()
    event(round, actor, "evaluator_removed", name)


# --- scoring -----------------------------------------------------------------------------------------------------------


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
    sheet.submitted_at = timezone.now()
    sheet.save(update_fields=["submitted_at", "updated_at"])
    event(round, actor, "sheet_submitted", f"{evaluator}: {candidate.investment.code}")
    return sheet


# --- the steps -----------------------------------------------------------------------------------------------------


def has_citizen_criterion(round):
    return round.criteria.filter(source=Source.CITIZEN).exists()


def next_state(round):
    if round.state == State.SCORING and not has_citizen_criterion(round):
        return State.CONSOLIDATION
    order = list(State.values)
    index = order.index(round.state)
    return order[index + 1] if index + 1 < len(order) else None


def advance_problems(round):
    """What stands between the round and its next step, in words (empty: it can move on). Publishing is `publish`."""
    problems = []
    eligible = [c for c in round.candidates.select_related("investment") if c.eligible]
    if round.state == State.DRAFT:
        return lock_problems(round)
    if round.state == State.LOCKED:
        if not eligible:
            problems.append(_("No candidate passed the eligibility gate."))
        if round.evaluators.count() < MIN_EVALUATORS:
            problems.append(_("A round has at least two evaluators."))
        problems += _missing_values(round, eligible)
    elif round.state == State.SCORING:
        evaluators = list(round.evaluators.all())
        submitted = set(
            ScoreSheet.objects.filter(candidate__round=round, submitted_at__isnull=False).values_list(
                "evaluator_id", "candidate_id"
            )
        )
        conflicts = set(Conflict.objects.filter(candidate__round=round).values_list("evaluator_id", "candidate_id"))
        for evaluator in evaluators:
            pending = [
                c.investment.code
                for c in eligible
                if (evaluator.pk, c.pk) not in submitted and (evaluator.pk, c.pk) not in conflicts
            ]
            if pending:
                problems.append(
                    _("%(evaluator)s has not submitted: %(codes)s.")
                    % {"evaluator": evaluator, "codes": ", ".join(pending)}
                )
        for candidate in eligible:
            if not any((e.pk, candidate.pk) in submitted for e in evaluators):
                problems.append(
                    _("Nobody without a conflict of interest scored %(code)s.") % {"code": candidate.investment.code}
                )
    elif round.state == State.CONSULTATION:
        today = calendar.today()
        if round.consultation_closes and today <= round.consultation_closes:
            problems.append(
                _("The consultation is open until %(date)s.") % {"date": round.consultation_closes.isoformat()}
            )
    elif round.state == State.CONSOLIDATION:
        problems += publish_problems(round)
    return problems


def _missing_values(round, eligible):
    problems = []
    computed = list(round.criteria.filter(source=Source.COMPUTED))
    have = set(CandidateValue.objects.filter(candidate__round=round).values_list("candidate_id", "criterion_id"))
    for criterion in computed:
        missing = [c.investment.code for c in eligible if (c.pk, criterion.pk) not in have]
        if missing:
            problems.append(
                _("%(code)s has no value for: %(codes)s.") % {"code": criterion.code, "codes": ", ".join(missing)}
            )
    return problems


@transaction.atomic
def advance(actor, round):
    """The next step: locked → scoring → consultation (or straight to consolidation without a citizens' criterion)
    → consolidation. Locking is `lock`, publishing is `publish`."""
    _require_manager(actor)
    round = _locked_round(round)
    _require_state(round, State.LOCKED, State.SCORING, State.CONSULTATION)
    problems = advance_problems(round)
    if problems:
        raise ValidationError([ValidationError(p, code="not_ready") for p in problems])
    old = round.get_state_display()
    round.state = next_state(round)
    round.save(update_fields=["state"])
    event(round, actor, "step", f"{old} → {round.get_state_display()}")
    return round


# --- the citizens' consultation --------------------------------------------------------------------------------------


def consultation_open(round, today=None):
    today = today or calendar.today()
    return (
        round.state == State.CONSULTATION
        and round.consultation_opens is not None
        and round.consultation_opens <= today <= round.consultation_closes
    )


def _require_citizen_in_open_consultation(actor, round):
    if not roles.may_vote(actor):
        raise PermissionDenied(_("Signed-in citizens take part in the consultation."))
    if not consultation_open(round):
        _refuse(_("The consultation is not open."), "consultation_closed")


@transaction.atomic
def cast_ballot(actor, round, candidate_ids):
    """A citizen's approval ballot (replacing their earlier one): at least one, at most the round's number of
    candidates. The history records that a ballot was cast, not whose or for whom."""
    round = Round.objects.select_for_update().get(pk=round.pk)
    _require_citizen_in_open_consultation(actor, round)
    eligible = {str(c.pk) for c in round.candidates.all() if c.eligible}
    try:
        chosen = ranking.check_ballot([str(pk) for pk in candidate_ids], eligible, round.votes_per_citizen)
    except ranking.BallotError:
        _refuse(
            _("Choose at least one and at most %(limit)s of the round's projects.")
            % {"limit": round.votes_per_citizen},
            "bad_ballot",
        )
    except ranking.RankingError:
        _refuse(_("Choose among the round's projects."), "bad_ballot")
    ballot, created = Ballot.objects.get_or_create(round=round, citizen=actor)
    ballot.candidates.set([int(pk) for pk in chosen])
    ballot.save()
    event(round, None, "ballot_cast" if created else "ballot_changed", "")
    return ballot


@transaction.atomic
def comment(actor, candidate, text):
    round = Round.objects.get(pk=candidate.round_id)
    _require_citizen_in_open_consultation(actor, round)
    text = (text or "").strip()
    if not text:
        _refuse(_("Write your comment."), "empty")
    if len(text) > 2000:
        _refuse(_("A comment is at most 2,000 characters."), "too_long")
    if not candidate.eligible:
        _refuse(_("Choose among the round's projects."), "not_eligible")
    row = Comment.objects.create(candidate=candidate, author=actor, text=text)
    event(round, None, "comment", candidate.investment.code)
    return row


# --- consolidation and publication ---------------------------------------------------------------------------------


def _require_agreer(actor):
    if not roles.may_agree_scores(actor):
        raise PermissionDenied(_("The quality manager records the agreed scores."))


@transaction.atomic
def record_agreed(actor, candidate, criterion, value, note=""):
    _require_agreer(actor)
    round = _locked_round(candidate.round)
    _require_state(round, State.CONSOLIDATION)
    if criterion.round_id != round.pk or criterion.source != Source.EXPERT or not candidate.eligible:
        _refuse(_("Agreed scores are recorded for the evaluators' criteria of eligible candidates."), "not_expert")
    try:
        value = Decimal(str(value))
    except InvalidOperation:
        _refuse(_("A score is a number from 0 to 5."), "off_scale")
    if not value.is_finite() or not 0 <= value <= ranking.SCALE_MAX:
        _refuse(_("A score is a number from 0 to 5."), "off_scale")
    row = AgreedScore.objects.filter(candidate=candidate, criterion=criterion).first()
    old = row.value if row else None
    row = row or AgreedScore(candidate=candidate, criterion=criterion, recorded_by=actor)
    row.value, row.note, row.recorded_by = value.quantize(Decimal("0.001")), note.strip(), actor
    _full_clean(row)
    row.save()
    event(
        round,
        actor,
        "agreed_score",
        f"{candidate.investment.code} {criterion.code}: {'—' if old is None else old} → {row.value}",
    )
    return row


@transaction.atomic
def accept_medians(actor, round):
    """The median as the agreed score wherever the evaluators did not disagree widely and nothing is agreed yet."""
    from . import selectors

    _require_agreer(actor)
    round = _locked_round(round)
    _require_state(round, State.CONSOLIDATION)
    count = 0
    for row in selectors.consolidation(round):
        if row.agreed is None and row.consolidated is not None and not row.consolidated.wide_spread:
            AgreedScore.objects.create(
                candidate=row.candidate,
                criterion=row.criterion,
                value=row.consolidated.median,
                note=_("the evaluators' median"),
                recorded_by=actor,
            )
            count += 1
    event(round, actor, "medians_accepted", str(count))
    return count


def publish_problems(round):
    problems = []
    eligible = [c for c in round.candidates.select_related("investment") if c.eligible]
    if not eligible:
        problems.append(_("No candidate passed the eligibility gate."))
    expert = list(round.criteria.filter(source=Source.EXPERT))
    agreed = set(AgreedScore.objects.filter(candidate__round=round).values_list("candidate_id", "criterion_id"))
    for candidate in eligible:
        missing = [c.code for c in expert if (candidate.pk, c.pk) not in agreed]
        if missing:
            problems.append(
                _("%(code)s has no agreed score for: %(criteria)s.")
                % {"code": candidate.investment.code, "criteria": ", ".join(missing)}
            )
    problems += _missing_values(round, eligible)
    return problems


@transaction.atomic
def publish(actor, round):
    """Publish the ranking: computed from the agreed scores, the data and the votes, then frozen in the round."""
    from . import selectors

    _require_manager(actor)
    round = _locked_round(round)
    _require_state(round, State.CONSOLIDATION)
    problems = publish_problems(round)
    if problems:
        raise ValidationError([ValidationError(p, code="not_ready") for p in problems])
    round.result = selectors.result_snapshot(round)
    round.state = State.PUBLISHED
    round.published_at = timezone.now()
    round.published_by = actor
    round.save()
    event(round, actor, "published", f"{len(round.result['ranking'])}")
    return round
