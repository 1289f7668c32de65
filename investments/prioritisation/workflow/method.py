"""The round and its method: criteria with their levels, weights entered or derived by pairwise comparison, and the lock that freezes the method and publishes its methodology page."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from services import calendar

from ... import ranking
from ...models import (
    Criterion,
    Judgement,
    Round,
    ScaleLevel,
)
from .. import methodology
from ._common import (
    SCALE,
    Source,
    State,
    _changes,
    _full_clean,
    _locked_round,
    _refuse,
    _require_draft,
    _require_manager,
    _require_state,
    event,
)

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
    round.locked_at = calendar.now()
    round.locked_by = actor
    round.state = State.LOCKED
    round.save()
    methodology.publish_pages(round)
    event(round, actor, "locked", f"v{round.methodology_version} SHA-256 {round.methodology_sha256}")
    return round
