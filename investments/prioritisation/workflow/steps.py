"""The steps of a round after the lock, the citizens' consultation, the consolidation and the publication."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from services import calendar

from ... import ranking
from ...models import (
    AgreedScore,
    Ballot,
    CandidateValue,
    Comment,
    Conflict,
    Round,
    ScoreSheet,
)
from .. import roles
from ._common import (
    MIN_EVALUATORS,
    Source,
    State,
    _full_clean,
    _locked_round,
    _refuse,
    _require_manager,
    _require_state,
    event,
)
from .method import lock_problems


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
    from .. import selectors

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
    from .. import selectors

    _require_manager(actor)
    round = _locked_round(round)
    _require_state(round, State.CONSOLIDATION)
    problems = publish_problems(round)
    if problems:
        raise ValidationError([ValidationError(p, code="not_ready") for p in problems])
    round.result = selectors.result_snapshot(round)
    round.state = State.PUBLISHED
    round.published_at = calendar.now()
    round.published_by = actor
    round.save()
    event(round, actor, "published", f"{len(round.result['ranking'])}")
    return round
