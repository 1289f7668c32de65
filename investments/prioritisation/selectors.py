"""What the prioritisation pages read: the rounds a user may see, an evaluator's own sheets and (only after they
submitted theirs) the others' scores, the consolidation table, the citizens' tally, and the ranking computed by
`investments.ranking` from the agreed scores, the data values and the votes, or read back from a published round."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Prefetch

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
    Round,
    Score,
    ScoreSheet,
)
from . import roles

Source = Criterion.Source
State = Round.State


# --- rounds --------------------------------------------------------------------------------------------------------


def rounds_for(user):
    """The staff list: every round for managers and observers, an evaluator's own rounds otherwise."""
    rounds = Round.objects.annotate(candidate_count=Count("candidates", distinct=True)).order_by("-year", "-pk")
    if roles.may_manage(user) or roles.investment_roles.sees_all(user):
        return rounds
    return rounds.filter(evaluators__user=user)


def public_rounds():
    """Rounds the public sees: locked or later (a draft method is not public)."""
    return Round.objects.exclude(state=State.DRAFT).order_by("-year", "-pk")


def criteria_of(round):
    return list(round.criteria.prefetch_related("levels").order_by("order", "pk"))


def candidates_of(round, *, eligible_only=False):
    candidates = list(
        round.candidates.select_related("investment", "investment__department").order_by("investment__code")
    )
    return [c for c in candidates if c.eligible] if eligible_only else candidates


# --- an evaluator's view -------------------------------------------------------------------------------------------


@dataclass
class EvaluatorTask:
    candidate: Candidate
    sheet: ScoreSheet | None
    conflict: Conflict | None

    @property
    def status(self):
        if self.conflict is not None:
            return "conflict"
        if self.sheet is None or not self.sheet.scores.all():
            return "to_score"
        return "submitted" if self.sheet.submitted else "draft"


def evaluator_tasks(evaluator):
    """Every eligible candidate of the evaluator's round with their own sheet (draft or submitted) or conflict."""
    sheets = {s.candidate_id: s for s in ScoreSheet.objects.filter(evaluator=evaluator).prefetch_related("scores")}
    conflicts = {c.candidate_id: c for c in Conflict.objects.filter(evaluator=evaluator)}
    return [
        EvaluatorTask(candidate, sheets.get(candidate.pk), conflicts.get(candidate.pk))
        for candidate in candidates_of(evaluator.round, eligible_only=True)
    ]


def own_sheet(evaluator, candidate):
    return ScoreSheet.objects.filter(evaluator=evaluator, candidate=candidate).prefetch_related("scores").first()


def may_see_submitted_scores(user, candidate):
    """Submitted scores of a candidate are read by an evaluator of it only once they submitted their own sheet for
    it (even when they also run the round or are a quality manager), and otherwise by the round's managers and
    quality managers. A draft is read by its author alone."""
    evaluator = roles.evaluator_of(user, candidate.round)
    if evaluator is not None and not Conflict.objects.filter(evaluator=evaluator, candidate=candidate).exists():
        # An evaluator first, whatever else they are: a quality manager who scores this candidate sees the others'
        # scores only after submitting their own.
        return ScoreSheet.objects.filter(evaluator=evaluator, candidate=candidate, submitted_at__isnull=False).exists()
    return roles.may_manage(user) or roles.may_agree_scores(user)


def submitted_scores(user, candidate):
    """[(evaluator, {criterion pk: Score})] of the submitted sheets, or [] when the user may not see them yet."""
    if not may_see_submitted_scores(user, candidate):
        return []
    sheets = (
        ScoreSheet.objects.filter(candidate=candidate, submitted_at__isnull=False)
        .select_related("evaluator__user")
        .prefetch_related("scores")
        .order_by("evaluator__pk")
    )
    return [(sheet.evaluator, {s.criterion_id: s for s in sheet.scores.all()}) for sheet in sheets]


# --- consolidation -------------------------------------------------------------------------------------------------


@dataclass
class ConsolidationRow:
    candidate: Candidate
    criterion: Criterion
    scores: list[int]
    consolidated: ranking.Consolidated | None
    agreed: AgreedScore | None
    excluded: int = 0  # evaluators excluded by a declared conflict of interest

    @property
    def wide_spread(self):
        return bool(self.consolidated and self.consolidated.wide_spread)


def consolidation(round):
    """Per eligible candidate and evaluators' criterion: the submitted scores (conflicted evaluators are not there:
    they have no sheet), their mean, median and spread, the wide-spread flag and the agreed score if recorded."""
    criteria = [c for c in criteria_of(round) if c.source == Source.EXPERT]
    candidates = candidates_of(round, eligible_only=True)
    scores = defaultdict(list)
    for candidate_id, criterion_id, value in Score.objects.filter(
        sheet__candidate__round=round, sheet__submitted_at__isnull=False
    ).values_list("sheet__candidate_id", "criterion_id", "value"):
        scores[(candidate_id, criterion_id)].append(value)
    agreed = {(a.candidate_id, a.criterion_id): a for a in AgreedScore.objects.filter(candidate__round=round)}
    excluded = defaultdict(int)
    for candidate_id in Conflict.objects.filter(candidate__round=round).values_list("candidate_id", flat=True):
        excluded[candidate_id] += 1
    rows = []
    for candidate in candidates:
        for criterion in criteria:
            values = sorted(scores.get((candidate.pk, criterion.pk), []))
            rows.append(
                ConsolidationRow(
                    candidate=candidate,
                    criterion=criterion,
                    scores=values,
                    consolidated=ranking.consolidate(values, round.wide_spread_at) if values else None,
                    agreed=agreed.get((candidate.pk, criterion.pk)),
                    excluded=excluded[candidate.pk],
                )
            )
    return rows


# --- the citizens' consultation ------------------------------------------------------------------------------------


def tally(round):
    """{candidate pk: approval votes} for every eligible candidate."""
    counts = dict(
        Ballot.candidates.through.objects.filter(ballot__round=round)
        .values("candidate_id")
        .annotate(n=Count("ballot_id"))
        .values_list("candidate_id", "n")
    )
    return {c.pk: counts.get(c.pk, 0) for c in candidates_of(round, eligible_only=True)}


def ballot_of(user, round):
    if not (user and user.is_authenticated):
        return None
    return Ballot.objects.filter(round=round, citizen=user).prefetch_related("candidates").first()


def comments_of(round):
    by_candidate = defaultdict(list)
    for comment in Comment.objects.filter(candidate__round=round).select_related("author").order_by("created_at"):
        by_candidate[comment.candidate_id].append(comment)
    return by_candidate


# --- the ranking ---------------------------------------------------------------------------------------------------


@dataclass
class Inputs:
    criteria: list[Criterion]
    candidates: list[Candidate]
    rank_criteria: list[ranking.Criterion]
    rank_candidates: list[ranking.Candidate]
    raw_values: dict[tuple[int, int], Decimal] = field(default_factory=dict)
    votes: dict[int, int] = field(default_factory=dict)
    provisional: list[str] = field(default_factory=list)  # why the figures are not final yet


def inputs(round):
    """The ranking's inputs: expert criteria take the agreed score (before it is recorded, the mean of the
    submitted scores, marked provisional); computed criteria are normalised min–max over the eligible candidates;
    the citizens' support is the normalised tally."""
    criteria = criteria_of(round)
    candidates = candidates_of(round, eligible_only=True)
    agreed = {(a.candidate_id, a.criterion_id): a.value for a in AgreedScore.objects.filter(candidate__round=round)}
    expert_ids = [c.pk for c in criteria if c.source == Source.EXPERT]
    means = {}
    waiting = any((c.pk, e) not in agreed for c in candidates for e in expert_ids)
    # The evaluators' means stand in only where nothing is agreed yet: once all is agreed they are not read.
    for row in consolidation(round) if waiting and round.reached(State.SCORING) else []:
        if row.consolidated is not None:
            means[(row.candidate.pk, row.criterion.pk)] = row.consolidated.mean
    raw = {(v.candidate_id, v.criterion_id): v.value for v in CandidateValue.objects.filter(candidate__round=round)}
    votes = tally(round) if any(c.source == Source.CITIZEN for c in criteria) else {}
    normalised_votes = ranking.normalise_votes({str(pk): n for pk, n in votes.items()}) if votes else {}
    scores = {c.pk: {} for c in candidates}
    provisional = []
    for criterion in criteria:
        if criterion.source == Source.EXPERT:
            for candidate in candidates:
                key = (candidate.pk, criterion.pk)
                if key in agreed:
                    scores[candidate.pk][str(criterion.pk)] = agreed[key]
                elif key in means:
                    scores[candidate.pk][str(criterion.pk)] = means[key]
                    provisional.append(f"{candidate.investment.code} {criterion.code}")
        elif criterion.source == Source.COMPUTED:
            values = {str(c.pk): raw[(c.pk, criterion.pk)] for c in candidates if (c.pk, criterion.pk) in raw}
            for key, score in ranking.normalise(values, criterion.direction).items():
                scores[int(key)][str(criterion.pk)] = score
        else:
            for key, score in normalised_votes.items():
                scores[int(key)][str(criterion.pk)] = score
    rank_criteria = [
        ranking.Criterion(str(c.pk), c.weight, c.direction, citizen_support=c.source == Source.CITIZEN)
        for c in criteria
    ]
    rank_candidates = [ranking.Candidate(str(c.pk), c.cost_bani, scores[c.pk]) for c in candidates]
    return Inputs(criteria, candidates, rank_criteria, rank_candidates, raw, votes, provisional)


@dataclass
class Result:
    inputs: Inputs
    standings: list[ranking.Standing]
    funding: ranking.FundingLine
    side_by_side: list[ranking.SideBySide] | None
    sensitivity: ranking.Sensitivity
    missing: list[str]  # scores that are not there yet: no ranking until every score is

    @property
    def complete(self):
        return not self.missing


def compute(round, data=None):
    """The ranking now, from the live rows (a published round reads its frozen `result` instead); None while a score
    is missing (`missing_scores` says which). `data`: `inputs(round)` when the caller has it already."""
    data = data or inputs(round)
    missing = missing_scores(data)
    if missing or not data.rank_candidates:
        return None
    standings = ranking.rank_candidates(data.rank_candidates, data.rank_criteria)
    funding = ranking.funding_line([(s.candidate, s.cost) for s in standings], round.envelope_bani)
    side = None
    if any(c.citizen_support for c in data.rank_criteria):
        side = ranking.compare_with_expert_only(data.rank_candidates, data.rank_criteria)
    sensitivity = ranking.sensitivity(data.rank_candidates, data.rank_criteria)
    return Result(data, standings, funding, side, sensitivity, missing)


def missing_scores(data):
    codes = {str(c.pk): c.code for c in data.criteria}
    by_pk = {str(c.pk): c for c in data.candidates}
    missing = []
    for candidate in data.rank_candidates:
        for criterion in data.rank_criteria:
            if criterion.id not in candidate.scores:
                missing.append(f"{by_pk[candidate.id].investment.code} {codes[criterion.id]}")
    return missing


def result_snapshot(round, result=None):
    """The ranking as it is published: everything the public page, the exports and the open data show, in words
    and numbers that no later change of an investment or a criterion can move. `result`: `compute(round)` when the
    caller has it already."""
    result = result or compute(round)
    data = result.inputs
    criteria = {str(c.pk): c for c in data.criteria}
    candidates = {str(c.pk): c for c in data.candidates}
    funding = {step.candidate: step for step in result.funding.steps}
    side = {row.candidate: row for row in result.side_by_side or []}
    rows = []
    for standing in result.standings:
        candidate = candidates[standing.candidate]
        investment = candidate.investment
        step = funding[standing.candidate]
        rows.append(
            {
                "candidate": candidate.pk,
                "investment": investment.pk,
                "code": investment.code,
                "title": {"ro": investment.title, "hu": investment.title_hu, "en": investment.title_en},
                "published_investment": investment.published,
                "rank": standing.rank,
                "score": str(standing.score),
                "cost_bani": candidate.cost_bani,
                "funding": step.status,
                "funded_so_far_bani": step.funded_so_far,
                "left_bani": step.left,
                "votes": data.votes.get(candidate.pk),
                "expert_rank": side[standing.candidate].expert_rank if side else None,
                "expert_score": str(side[standing.candidate].expert_score) if side else None,
                "contributions": [
                    {
                        "criterion": criteria[c.criterion].code,
                        "weight": str(c.weight),
                        "score": str(c.score),
                        "points": str(c.points),
                        "raw": (
                            str(data.raw_values[(candidate.pk, criteria[c.criterion].pk)])
                            if (candidate.pk, criteria[c.criterion].pk) in data.raw_values
                            else None
                        ),
                    }
                    for c in standing.contributions
                ],
            }
        )
    scenarios = [
        {
            "criterion": criteria[s.criterion].code,
            "factor": str(s.factor),
            "weights": {criteria[k].code: str(v) for k, v in s.weights.items()},
            "moves": [
                {"code": candidates[m.candidate].investment.code, "base_rank": m.base_rank, "rank": m.rank}
                for m in s.moves
            ],
            "swaps": [[candidates[a].investment.code, candidates[b].investment.code] for a, b in s.swaps],
        }
        for s in result.sensitivity.scenarios
    ]
    ineligible = [
        {
            "code": c.investment.code,
            "title": {"ro": c.investment.title, "hu": c.investment.title_hu, "en": c.investment.title_en},
        }
        for c in candidates_of(round)
        if not c.eligible
    ]
    return {
        "envelope_bani": round.envelope_bani,
        "funded_total_bani": result.funding.funded_total,
        "remainder_bani": result.funding.remainder,
        "criteria": [
            {
                "code": c.code,
                "name": {"ro": c.name, "hu": c.name_hu, "en": c.name_en},
                "weight": format(c.weight, "f"),
                "source": c.source,
                "direction": c.direction,
                "unit": c.unit,
            }
            for c in data.criteria
        ],
        "ranking": rows,
        "sensitivity": {"largest_move": result.sensitivity.largest_move, "scenarios": scenarios},
        "ballots": Ballot.objects.filter(round=round).count(),
        "ineligible": ineligible,
    }


def history(round, limit=None):
    events = round.events.select_related("actor").order_by("-at", "-pk")
    return events[:limit] if limit else events


def evaluators_of(round):
    return list(
        Evaluator.objects.filter(round=round)
        .select_related("user")
        .prefetch_related(Prefetch("sheets", queryset=ScoreSheet.objects.only("pk", "evaluator_id", "submitted_at")))
        .order_by("pk")
    )
