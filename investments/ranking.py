"""The arithmetic of prioritising projects for the citizens' benefit: criteria and their weights, normalised and
consolidated scores, the weighted score and the ranking, Saaty's pairwise comparison (AHP), the funding line, the
sensitivity of the ranking to the weights, and the citizens' approval votes.

Pure Python (no Django): money is an integer of bani; weights are percentage points adding up to exactly 100; every
score is on the 0–5 scale where 5 is best (a criterion's direction matters only when a raw value is normalised);
weighted scores are computed exactly (fractions) and shown rounded half up. Identifiers of criteria and candidates are
strings (a primary key is passed as `str(pk)`; digit-only identifiers are ordered as numbers)."""

from __future__ import annotations

import math
import statistics
from collections.abc import Collection, Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from typing import TypeVar

HIGHER = "higher"  # higher is better: population served, citizens' votes
LOWER = "lower"  # lower is better: cost per beneficiary, months to deliver
DIRECTIONS = (HIGHER, LOWER)

SCALE_MAX = 5
WEIGHT_TOTAL = 100
SCORE_PLACES = 3  # a normalised or consolidated score: 3.667
TOTAL_PLACES = 2  # a weighted score out of 100, and each criterion's share of it: 72.35

K = TypeVar("K", bound=Hashable)
Number = Decimal | int


class RankingError(ValueError):
    """Input the prioritisation cannot work with; the message says what to correct."""


class WeightsError(RankingError):
    pass


class MissingScoreError(RankingError):
    def __init__(self, candidate: str, criterion: str) -> None:
        super().__init__(f"candidate {candidate!r} has no score for criterion {criterion!r}")
        self.candidate = candidate
        self.criterion = criterion


class JudgementError(RankingError):
    pass


class BallotError(RankingError):
    pass


# --- helpers -------------------------------------------------------------------------------------------------------


def round_half_up(value: Fraction | Number, places: int) -> Decimal:
    """An exact value rounded half up (away from zero) to `places` decimals."""
    exact = Fraction(value)
    units = int(abs(exact) * 10**places + Fraction(1, 2))
    return Decimal(units if exact >= 0 else -units).scaleb(-places)


def round_to_total(shares: Mapping[K, Fraction | Number], total: Number, places: int) -> dict[K, Decimal]:
    """Shares rescaled to `total` and rounded to `places` decimals so that they add up to exactly `total`
    (largest remainder: every share rounded down, then one unit each to the largest remainders; equal remainders go
    to the earlier key)."""
    whole = sum((Fraction(v) for v in shares.values()), Fraction(0))
    if any(Fraction(v) < 0 for v in shares.values()) or whole <= 0:
        raise RankingError("shares to round are not negative and not all zero")
    return _largest_remainder({key: Fraction(v) * Fraction(total) / whole for key, v in shares.items()}, total, places)


def _largest_remainder(values: Mapping[K, Fraction], total: Number, places: int) -> dict[K, Decimal]:
    """Values rounded to `places` decimals adding up to `total`, itself a rounding of their sum."""
    unit = Fraction(1, 10**places)
    scaled = {key: v / unit for key, v in values.items()}
    floors = {key: math.floor(v) for key, v in scaled.items()}
    target = Fraction(total) / unit
    missing = int(target) - sum(floors.values())
    if target.denominator != 1 or not 0 <= missing <= len(floors):
        raise RankingError(f"{total} cannot be shared out in steps of {unit}")
    order = sorted(enumerate(scaled), key=lambda item: (-(scaled[item[1]] - floors[item[1]]), item[0]))
    for _position, key in order[:missing]:
        floors[key] += 1
    return {key: Decimal(floors[key]).scaleb(-places) for key in values}


def _id_order(identifier: str) -> tuple[int, int, str]:
    """Digit-only identifiers (primary keys) in numeric order, before the others in text order."""
    if identifier.isascii() and identifier.isdigit():
        return (0, int(identifier), "")
    return (1, 0, identifier)


def _check_score(value: Number, what: str) -> Fraction:
    if isinstance(value, bool) or not isinstance(value, Decimal | int) or not Decimal(value).is_finite():
        raise RankingError(f"{what}: a score is a finite Decimal or an integer, not {value!r}")
    exact = Fraction(value)
    if not 0 <= exact <= SCALE_MAX:
        raise RankingError(f"{what}: a score is between 0 and {SCALE_MAX}, not {value}")
    return exact


# --- criteria and weights ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Criterion:
    """A criterion: its weight in percentage points, the direction of its raw values, and whether it is the citizens'
    support (at most one criterion is; its votes are normalised with `normalise_votes`)."""

    id: str
    weight: Number
    direction: str = HIGHER
    citizen_support: bool = False

    def __post_init__(self) -> None:
        if not self.id:
            raise RankingError("a criterion has an identifier")
        if (
            isinstance(self.weight, bool)
            or not isinstance(self.weight, Decimal | int)
            or not Decimal(self.weight).is_finite()
        ):
            raise WeightsError(f"criterion {self.id!r}: a weight is a finite Decimal or an integer")
        if not 0 <= self.weight <= WEIGHT_TOTAL:
            raise WeightsError(f"criterion {self.id!r}: a weight is between 0 and {WEIGHT_TOTAL}, not {self.weight}")
        if self.direction not in DIRECTIONS:
            raise RankingError(f"criterion {self.id!r}: unknown direction {self.direction!r}")
        if self.citizen_support and self.direction != HIGHER:
            raise RankingError("more citizens' votes are always better")


def weights_gap(criteria: Iterable[Criterion]) -> Decimal:
    """How far the weights are from 100: positive when they fall short, negative when they exceed it."""
    return Decimal(WEIGHT_TOTAL) - sum((Decimal(c.weight) for c in criteria), Decimal(0))


def check_criteria(criteria: Sequence[Criterion]) -> None:
    """A usable set of criteria: at least one, distinct identifiers, at most one citizens' support criterion, and
    weights adding up to exactly 100 (the error says by how much they miss)."""
    if not criteria:
        raise WeightsError("there are no criteria")
    ids = [c.id for c in criteria]
    duplicates = sorted({i for i in ids if ids.count(i) > 1})
    if duplicates:
        raise WeightsError(f"criteria appear twice: {', '.join(duplicates)}")
    if sum(c.citizen_support for c in criteria) > 1:
        raise WeightsError("only one criterion is the citizens' support")
    gap = weights_gap(criteria)
    if gap > 0:
        raise WeightsError(f"the weights add up to {WEIGHT_TOTAL - gap}: {gap} short of {WEIGHT_TOTAL}")
    if gap < 0:
        raise WeightsError(f"the weights add up to {WEIGHT_TOTAL - gap}: {-gap} over {WEIGHT_TOTAL}")


# --- normalisation and consolidation -------------------------------------------------------------------------------


def normalise(values: Mapping[str, Number], direction: str = HIGHER) -> dict[str, Decimal]:
    """Raw values of a computed criterion onto the 0–5 scale, min–max over the candidates: the best value gets 5, the
    worst 0 (for "lower is better" the smallest value is the best). When every value is equal (or there is one
    candidate) nobody is worse than the best, so every candidate gets 5. Rounded half up to 3 decimals."""
    if direction not in DIRECTIONS:
        raise RankingError(f"unknown direction {direction!r}")
    for key, value in values.items():
        if isinstance(value, bool) or not isinstance(value, Decimal | int) or not Decimal(value).is_finite():
            raise RankingError(f"{key}: a raw value is a finite Decimal or an integer, not {value!r}")
    if not values:
        return {}
    exact = {key: Fraction(value) for key, value in values.items()}
    low, high = min(exact.values()), max(exact.values())
    if low == high:
        return {key: round_half_up(SCALE_MAX, SCORE_PLACES) for key in values}
    span = high - low
    result = {}
    for key, raw in exact.items():
        distance = raw - low if direction == HIGHER else high - raw
        result[key] = round_half_up(SCALE_MAX * distance / span, SCORE_PLACES)
    return result


def normalise_votes(votes: Mapping[str, int]) -> dict[str, Decimal]:
    """Citizens' approval votes onto the 0–5 scale in proportion to the most voted candidate (which gets 5): unlike
    `normalise`, a vote count has a natural zero, so a candidate nobody voted for gets 0 and a close second stays
    close (990 votes against 1 000 is 4.950, not the 0 a min–max would give the least voted). With no votes at all
    every candidate gets 0. Rounded half up to 3 decimals."""
    for key, count in votes.items():
        if isinstance(count, bool) or not isinstance(count, int) or count < 0:
            raise RankingError(f"{key}: a vote count is a whole number, not {count!r}")
    most = max(votes.values(), default=0)
    if most == 0:
        return {key: round_half_up(0, SCORE_PLACES) for key in votes}
    return {key: round_half_up(Fraction(SCALE_MAX * count, most), SCORE_PLACES) for key, count in votes.items()}


WIDE_SPREAD = Decimal(2)  # evaluators this far apart on the 0–5 scale disagree enough to talk it over


@dataclass(frozen=True)
class Consolidated:
    """Several evaluators' scores of one candidate on one criterion. `mean` is the score that is used."""

    count: int
    mean: Decimal
    median: Decimal
    spread: Decimal  # highest − lowest
    deviation: Decimal  # population standard deviation
    wide_spread: bool


def consolidate(scores: Sequence[Number], wide_spread_at: Number = WIDE_SPREAD) -> Consolidated:
    """The evaluators' scores put together (those excluded for a conflict of interest are simply not passed in):
    mean, median and standard deviation rounded half up to 3 decimals; wide spread when the highest and lowest scores
    are `wide_spread_at` points apart or more (2 by default: one says "good" (4), the other "weak" (2))."""
    if not scores:
        raise RankingError("there is no evaluator's score to consolidate")
    exact = [_check_score(score, f"evaluator {number}") for number, score in enumerate(scores, start=1)]
    spread = max(exact) - min(exact)
    variance = statistics.pvariance(exact)
    # The square root of an exact fraction, with more digits than are kept.
    deviation = (Decimal(variance.numerator) / Decimal(variance.denominator)).sqrt()
    return Consolidated(
        count=len(exact),
        mean=round_half_up(statistics.mean(exact), SCORE_PLACES),
        median=round_half_up(statistics.median(exact), SCORE_PLACES),
        spread=round_half_up(spread, SCORE_PLACES),
        deviation=round_half_up(Fraction(deviation), SCORE_PLACES),
        wide_spread=spread >= Fraction(wide_spread_at),
    )


# --- the weighted score and the ranking ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Candidate:
    """A project competing for funding: its cost in bani and its 0–5 score on each criterion (scores of criteria not
    in use are ignored, so one candidate serves both the combined and the expert-only ranking)."""

    id: str
    cost: int
    scores: Mapping[str, Number]

    def __post_init__(self) -> None:
        if not self.id:
            raise RankingError("a candidate has an identifier")
        if isinstance(self.cost, bool) or not isinstance(self.cost, int) or self.cost <= 0:
            raise RankingError(f"candidate {self.id!r}: a cost is a positive number of bani")


@dataclass(frozen=True)
class Contribution:
    """What one criterion gives a candidate: weight × score / 5 points (rounded so that the points of all criteria
    add up to the rounded total)."""

    criterion: str
    weight: Decimal
    score: Decimal
    points: Decimal


@dataclass(frozen=True)
class Standing:
    """A candidate's place in a ranking: `score` out of 100 rounded to 2 decimals (`exact_score` is what is
    compared), and the contribution of each criterion, to show why."""

    rank: int
    candidate: str
    cost: int
    score: Decimal
    exact_score: Fraction
    contributions: tuple[Contribution, ...]


Exact = Mapping[str, Mapping[str, Fraction]]  # candidate → criterion → its score as an exact fraction


def _exact_scores(candidates: Sequence[Candidate], criteria: Iterable[str]) -> dict[str, dict[str, Fraction]]:
    """Every candidate's scores checked and made exact once (a ranking and its sensitivity scenarios reuse them); a
    missing score raises `MissingScoreError` (never a silent zero)."""
    wanted = list(criteria)
    table: dict[str, dict[str, Fraction]] = {}
    for candidate in candidates:
        row: dict[str, Fraction] = {}
        for criterion in wanted:
            if criterion not in candidate.scores:
                raise MissingScoreError(candidate.id, criterion)
            row[criterion] = _check_score(
                candidate.scores[criterion], f"candidate {candidate.id!r}, criterion {criterion!r}"
            )
        table[candidate.id] = row
    return table


def _points(scores: Mapping[str, Fraction], weights: Mapping[str, Fraction]) -> dict[str, Fraction]:
    return {criterion: weight * scores[criterion] / SCALE_MAX for criterion, weight in weights.items()}


def _standing(
    rank: int, candidate: Candidate, weights: Mapping[str, Fraction], points: Mapping[str, Fraction]
) -> Standing:
    exact = sum(points.values(), Fraction(0))
    score = round_half_up(exact, TOTAL_PLACES)
    shown = _largest_remainder(points, score, TOTAL_PLACES)
    contributions = tuple(
        Contribution(
            criterion=criterion,
            weight=Decimal(weights[criterion].numerator) / Decimal(weights[criterion].denominator),
            score=Decimal(candidate.scores[criterion]),
            points=shown[criterion],
        )
        for criterion in weights
    )
    return Standing(rank, candidate.id, candidate.cost, score, exact, contributions)


def score_candidate(candidate: Candidate, criteria: Sequence[Criterion]) -> Standing:
    """One candidate's weighted score: Σ weight × score / 5, out of 100, with each criterion's contribution; a
    missing score raises `MissingScoreError` (never a silent zero). Its `rank` is 0: it is not ranked."""
    check_criteria(criteria)
    weights = {c.id: Fraction(c.weight) for c in criteria}
    exact = _exact_scores([candidate], weights)
    return _standing(0, candidate, weights, _points(exact[candidate.id], weights))


Ordered = list[tuple[int, Candidate, dict[str, Fraction]]]


def _ordered(candidates: Sequence[Candidate], weights: Mapping[str, Fraction], exact: Exact) -> Ordered:
    """(competition rank, candidate, points per criterion), best first: one weighted sum per candidate."""
    ids = [c.id for c in candidates]
    if len(set(ids)) != len(ids):
        duplicates = sorted({i for i in ids if ids.count(i) > 1})
        raise RankingError(f"candidates appear twice: {', '.join(duplicates)}")
    scored = []
    for candidate in candidates:
        points = _points(exact[candidate.id], weights)
        scored.append((sum(points.values(), Fraction(0)), candidate, points))
    scored.sort(key=lambda item: (-item[0], item[1].cost, _id_order(item[1].id)))
    result: Ordered = []
    previous: tuple[Fraction, int] | None = None
    rank = 0
    for position, (total, candidate, points) in enumerate(scored, start=1):
        if (total, candidate.cost) != previous:
            rank = position
            previous = (total, candidate.cost)
        result.append((rank, candidate, points))
    return result


def _rank(
    candidates: Sequence[Candidate], weights: Mapping[str, Fraction], exact: Exact | None = None
) -> list[Standing]:
    exact = exact if exact is not None else _exact_scores(candidates, weights)
    return [
        _standing(rank, candidate, weights, points) for rank, candidate, points in _ordered(candidates, weights, exact)
    ]


def rank_candidates(candidates: Sequence[Candidate], criteria: Sequence[Criterion]) -> list[Standing]:
    """The ranking: highest weighted score first (compared exactly, not as rounded); equal scores, the cheaper
    candidate first (the same benefit for less money); equal score and cost, the two share a rank and are listed by
    identifier. Ranks are competition ranks: 1, 2, 2, 4."""
    check_criteria(criteria)
    return _rank(candidates, {c.id: Fraction(c.weight) for c in criteria})


# --- the expert-only ranking beside the combined one ---------------------------------------------------------------


def expert_only_criteria(criteria: Sequence[Criterion], places: int = TOTAL_PLACES) -> tuple[Criterion, ...]:
    """The criteria without the citizens' support, the other weights rescaled in proportion to add up to exactly 100
    (largest remainder, `places` decimals); these rounded weights are the ones the expert-only ranking uses."""
    check_criteria(criteria)
    if not any(c.citizen_support for c in criteria):
        raise WeightsError("no criterion is the citizens' support")
    experts = [c for c in criteria if not c.citizen_support]
    if not experts or sum(Decimal(c.weight) for c in experts) == 0:
        raise WeightsError("without the citizens' support no criterion has any weight")
    weights = round_to_total({c.id: c.weight for c in experts}, WEIGHT_TOTAL, places)
    return tuple(Criterion(c.id, weights[c.id], c.direction) for c in experts)


@dataclass(frozen=True)
class SideBySide:
    candidate: str
    combined_rank: int
    combined_score: Decimal
    expert_rank: int
    expert_score: Decimal

    @property
    def change(self) -> int:
        """Places the citizens' support moved the candidate up (negative: down)."""
        return self.expert_rank - self.combined_rank


def compare_with_expert_only(
    candidates: Sequence[Candidate], criteria: Sequence[Criterion], places: int = TOTAL_PLACES
) -> list[SideBySide]:
    """The combined ranking (with the citizens' support) and the expert-only ranking side by side, in combined
    order."""
    combined = rank_candidates(candidates, criteria)
    experts = {s.candidate: s for s in rank_candidates(candidates, expert_only_criteria(criteria, places))}
    return [
        SideBySide(s.candidate, s.rank, s.score, experts[s.candidate].rank, experts[s.candidate].score)
        for s in combined
    ]


# --- the funding line ----------------------------------------------------------------------------------------------

FUNDED = "funded"
DOES_NOT_FIT = "does_not_fit"


@dataclass(frozen=True)
class FundingStep:
    candidate: str
    cost: int
    status: str
    funded_so_far: int  # the cost of the candidates funded up to and including this one
    left: int  # the envelope's money left after this candidate

    @property
    def funded(self) -> bool:
        return self.status == FUNDED


@dataclass(frozen=True)
class FundingLine:
    envelope: int
    steps: tuple[FundingStep, ...]
    funded_total: int
    remainder: int


def funding_line(ranking: Iterable[tuple[str, int]], envelope: int) -> FundingLine:
    """Walk the ranking (candidate, cost in bani), best first: a candidate whose cost fits in the money left is
    funded; one that does not fit is labelled so and the walk goes on, so the next one that fits is funded."""
    if isinstance(envelope, bool) or not isinstance(envelope, int) or envelope < 0:
        raise RankingError("an envelope is a number of bani, not negative")
    steps: list[FundingStep] = []
    seen: set[str] = set()
    left = envelope
    for candidate, cost in ranking:
        if candidate in seen:
            raise RankingError(f"candidate {candidate!r} appears twice in the ranking")
        seen.add(candidate)
        if isinstance(cost, bool) or not isinstance(cost, int) or cost <= 0:
            raise RankingError(f"candidate {candidate!r}: a cost is a positive number of bani")
        status = FUNDED if cost <= left else DOES_NOT_FIT
        if status == FUNDED:
            left -= cost
        steps.append(FundingStep(candidate, cost, status, envelope - left, left))
    return FundingLine(envelope, tuple(steps), envelope - left, left)


# --- sensitivity to the weights ------------------------------------------------------------------------------------

SENSITIVITY_STEP = Decimal("0.1")


@dataclass(frozen=True)
class RankMove:
    candidate: str
    base_rank: int
    rank: int

    @property
    def change(self) -> int:
        """Places moved up (negative: down)."""
        return self.base_rank - self.rank


@dataclass(frozen=True)
class Scenario:
    """The ranking again with one criterion's weight changed by `factor` (1.1 or 0.9) and the other weights rescaled
    in proportion; `weights` are shown rounded to 2 decimals, the ranking uses them exact."""

    criterion: str
    factor: Decimal
    weights: dict[str, Decimal]
    moves: tuple[RankMove, ...]  # every candidate, in the base ranking's order
    swaps: tuple[tuple[str, str], ...]  # (a, b): a ranked above b before, below b now

    @property
    def largest_move(self) -> int:
        return max((abs(m.change) for m in self.moves), default=0)


@dataclass(frozen=True)
class Sensitivity:
    base: tuple[Standing, ...]
    scenarios: tuple[Scenario, ...]

    @property
    def stable(self) -> bool:
        """No candidate changes rank in any scenario."""
        return self.largest_move == 0

    @property
    def largest_move(self) -> int:
        return max((s.largest_move for s in self.scenarios), default=0)

    @property
    def swaps(self) -> tuple[tuple[str, str], ...]:
        """Every pair that changes order in some scenario, once, in the order first met."""
        return tuple(dict.fromkeys(pair for s in self.scenarios for pair in s.swaps))


def _scenario_weights(criteria: Sequence[Criterion], changed: str, factor: Fraction) -> dict[str, Fraction] | None:
    weights = {c.id: Fraction(c.weight) for c in criteria}
    old = weights[changed]
    new = old * factor
    others = WEIGHT_TOTAL - old
    if old == 0 or others == 0 or new > WEIGHT_TOTAL:
        return None
    scale = (WEIGHT_TOTAL - new) / others
    return {key: new if key == changed else w * scale for key, w in weights.items()}


def sensitivity(
    candidates: Sequence[Candidate], criteria: Sequence[Criterion], step: Decimal = SENSITIVITY_STEP
) -> Sensitivity:
    """For each criterion, its weight × (1 + step) and × (1 − step), the others rescaled in proportion so that the
    sum stays 100; the ranking again and each candidate's change of rank. A scenario that cannot exist is left out:
    a criterion weighing 0, or 100, or one whose raised weight would pass 100."""
    if not 0 < step < 1:
        raise RankingError("a sensitivity step is a fraction between 0 and 1")
    check_criteria(criteria)
    exact = _exact_scores(candidates, [c.id for c in criteria])
    base = _rank(candidates, {c.id: Fraction(c.weight) for c in criteria}, exact)
    scenarios: list[Scenario] = []
    for criterion in criteria:
        for factor in (1 + step, 1 - step):
            weights = _scenario_weights(criteria, criterion.id, Fraction(factor))
            if weights is None:
                continue
            # Only the ranks matter here: no contributions are built for a scenario.
            ranks = {c.id: rank for rank, c, _points in _ordered(candidates, weights, exact)}
            moves = tuple(RankMove(s.candidate, s.rank, ranks[s.candidate]) for s in base)
            swaps = tuple(
                (a.candidate, b.candidate)
                for i, a in enumerate(base)
                for b in base[i + 1 :]
                if a.rank < b.rank and ranks[a.candidate] > ranks[b.candidate]
            )
            shown = round_to_total(weights, WEIGHT_TOTAL, TOTAL_PLACES)
            scenarios.append(Scenario(criterion.id, factor, shown, moves, swaps))
    return Sensitivity(tuple(base), tuple(scenarios))


# --- citizens' approval votes --------------------------------------------------------------------------------------


def check_ballot(approved: Iterable[str], candidates: Collection[str], limit: int) -> tuple[str, ...]:
    """One citizen's approval ballot: at least one and at most `limit` candidates of the round, each once."""
    if isinstance(limit, bool) or not isinstance(limit, int) or limit < 1:
        raise RankingError("a round lets each citizen approve at least one candidate")
    choices = tuple(approved)
    if not choices:
        raise BallotError("the ballot approves no candidate")
    if len(set(choices)) != len(choices):
        raise BallotError("the ballot approves a candidate twice")
    if len(choices) > limit:
        raise BallotError(f"the ballot approves {len(choices)} candidates; at most {limit} may be approved")
    unknown = [c for c in choices if c not in candidates]
    if unknown:
        raise BallotError(f"not candidates of this round: {', '.join(unknown)}")
    return choices


def tally(ballots: Iterable[Iterable[str]], candidates: Sequence[str], limit: int) -> dict[str, int]:
    """The votes of each candidate of the round (0 for those nobody approved); every ballot is checked first."""
    votes = dict.fromkeys(candidates, 0)
    for ballot in ballots:
        for candidate in check_ballot(ballot, votes, limit):
            votes[candidate] += 1
    return votes


# --- pairwise comparison (AHP) -------------------------------------------------------------------------------------

Judgement = Fraction | int | str
SAATY_SCALE = frozenset({Fraction(k) for k in range(1, 10)} | {Fraction(1, k) for k in range(2, 10)})
# Saaty's random consistency index: the mean CI of random reciprocal matrices of order n.
RANDOM_INDEX = {
    1: Decimal("0"),
    2: Decimal("0"),
    3: Decimal("0.58"),
    4: Decimal("0.90"),
    5: Decimal("1.12"),
    6: Decimal("1.24"),
    7: Decimal("1.32"),
    8: Decimal("1.41"),
    9: Decimal("1.45"),
    10: Decimal("1.49"),
}
CONSISTENCY_LIMIT = Decimal("0.10")
INDEX_PLACES = 4  # λmax, CI and CR
PRIORITY_PLACES = 6
_TOLERANCE = 1e-13
_MAX_ITERATIONS = 10_000


@dataclass(frozen=True)
class InconsistentPair:
    """The judgement furthest from what the priorities imply: `judgement` said first/second, the priorities say
    `implied`; `suggested` is the value of Saaty's scale nearest to that."""

    first: str
    second: str
    judgement: Fraction
    implied: Decimal
    suggested: Fraction


@dataclass(frozen=True)
class PairwiseResult:
    """The outcome of a pairwise comparison; `weights` are percentage points adding up to exactly 100, ready to be
    locked as the criteria's weights when `accepted`."""

    criteria: tuple[str, ...]
    matrix: tuple[tuple[Fraction, ...], ...]
    priorities: dict[str, Decimal]
    weights: dict[str, Decimal]
    lambda_max: Decimal
    consistency_index: Decimal
    random_index: Decimal
    consistency_ratio: Decimal
    accepted: bool
    most_inconsistent: InconsistentPair | None


def _judgement(value: Judgement, pair: tuple[str, str]) -> Fraction:
    if isinstance(value, bool) or not isinstance(value, Fraction | int | str):
        raise JudgementError(f"{pair[0]} against {pair[1]}: a judgement is exact (3, '1/3', Fraction), not {value!r}")
    try:
        exact = Fraction(value)
    except (ValueError, ZeroDivisionError):
        raise JudgementError(f"{pair[0]} against {pair[1]}: {value!r} is not a number") from None
    if exact not in SAATY_SCALE:
        raise JudgementError(f"{pair[0]} against {pair[1]}: {value} is not on Saaty's scale (1/9 … 1 … 9)")
    return exact


def pairwise_matrix(
    criteria: Sequence[str], judgements: Mapping[tuple[str, str], Judgement]
) -> tuple[tuple[Fraction, ...], ...]:
    """The full reciprocal matrix from one judgement per pair: (a, b) → how much more a matters than b, on Saaty's
    scale (9 … 1 … 1/9); a pair may be given either way round, but only once."""
    if len(criteria) < 2:
        raise JudgementError("a pairwise comparison needs at least two criteria")
    if len(criteria) > max(RANDOM_INDEX):
        raise JudgementError(f"Saaty's random index is known up to {max(RANDOM_INDEX)} criteria")
    if len(set(criteria)) != len(criteria):
        raise JudgementError("a criterion appears twice")
    index = {c: i for i, c in enumerate(criteria)}
    n = len(criteria)
    matrix = [[Fraction(1) if i == j else Fraction(0) for j in range(n)] for i in range(n)]
    for (a, b), value in judgements.items():
        if a not in index or b not in index:
            raise JudgementError(f"{a} against {b}: not a criterion of this comparison")
        if a == b:
            raise JudgementError(f"{a} is not compared with itself")
        i, j = index[a], index[b]
        if matrix[i][j]:
            raise JudgementError(f"{a} and {b} are compared twice")
        exact = _judgement(value, (a, b))
        matrix[i][j], matrix[j][i] = exact, 1 / exact
    missing = [f"{criteria[i]}/{criteria[j]}" for i in range(n) for j in range(i + 1, n) if not matrix[i][j]]
    if missing:
        raise JudgementError(f"pairs not compared: {', '.join(missing)}")
    return tuple(tuple(row) for row in matrix)


def _is_consistent(matrix: Sequence[Sequence[Fraction]]) -> bool:
    n = len(matrix)
    return all(matrix[i][j] * matrix[j][k] == matrix[i][k] for i in range(n) for j in range(n) for k in range(n))


def _principal_eigenvector(matrix: Sequence[Sequence[Fraction]]) -> tuple[list[float], float]:
    """Power iteration from the uniform vector, normalised to sum 1 at each step; a positive matrix converges."""
    a = [[float(x) for x in row] for row in matrix]
    n = len(a)
    w = [1 / n] * n
    for _ in range(_MAX_ITERATIONS):
        product = [sum(row[j] * w[j] for j in range(n)) for row in a]
        total = sum(product)
        following = [x / total for x in product]
        converged = max(abs(x - y) for x, y in zip(following, w, strict=True)) < _TOLERANCE
        w = following
        if converged:
            break
    else:  # pragma: no cover - a positive matrix always converges
        raise ArithmeticError("the power iteration did not converge")
    # With Σw = 1, Σ(Aw) = λmax Σw = λmax.
    return w, sum(sum(row[j] * w[j] for j in range(n)) for row in a)


def _nearest_on_scale(ratio: float) -> Fraction:
    return min(sorted(SAATY_SCALE), key=lambda v: abs(math.log(v) - math.log(ratio)))


def pairwise_priorities(
    criteria: Sequence[str], judgements: Mapping[tuple[str, str], Judgement], places: int = 1
) -> PairwiseResult:
    """Saaty's analytic hierarchy process: the priorities (principal eigenvector), λmax, CI = (λmax − n)/(n − 1),
    CR = CI/RI (0 for two criteria), accepted only when CR < 0.10 (as rounded to 4 decimals, the figure shown), the
    most inconsistent judgement (largest |ln(a_ij · w_j / w_i)|, the earlier pair on a tie, as in any 3 × 3 matrix,
    where the one cycle's error is shared equally; none for a consistent matrix) and the percentage weights (largest
    remainder to `places` decimals). A consistent matrix (a_ij · a_jk = a_ik) is solved exactly."""
    matrix = pairwise_matrix(criteria, judgements)
    n = len(matrix)
    shares: Sequence[Fraction | float]
    if _is_consistent(matrix):
        column = [matrix[i][0] for i in range(n)]
        total = sum(column, Fraction(0))
        shares = [x / total for x in column]
        lambda_max = Fraction(n)
    else:
        shares, approximate = _principal_eigenvector(matrix)
        lambda_max = max(Fraction(n), Fraction(approximate))  # λmax ≥ n for every reciprocal matrix
    exact_shares = [Fraction(x) for x in shares]
    ci = (lambda_max - n) / (n - 1)
    ri = RANDOM_INDEX[n]
    cr = ci / Fraction(ri) if ri else Fraction(0)
    ratio = round_half_up(cr, INDEX_PLACES)

    worst: InconsistentPair | None = None
    if lambda_max > n:
        largest = 0.0
        for i in range(n):
            for j in range(i + 1, n):
                deviation = abs(math.log(matrix[i][j] * exact_shares[j] / exact_shares[i]))
                if deviation > largest + 1e-9:
                    largest = deviation
                    implied = float(exact_shares[i] / exact_shares[j])
                    worst = InconsistentPair(
                        first=criteria[i],
                        second=criteria[j],
                        judgement=matrix[i][j],
                        implied=round_half_up(Fraction(implied), TOTAL_PLACES),
                        suggested=_nearest_on_scale(implied),
                    )

    return PairwiseResult(
        criteria=tuple(criteria),
        matrix=matrix,
        priorities={c: round_half_up(exact_shares[i], PRIORITY_PLACES) for i, c in enumerate(criteria)},
        weights=round_to_total(dict(zip(criteria, exact_shares, strict=True)), WEIGHT_TOTAL, places),
        lambda_max=round_half_up(lambda_max, INDEX_PLACES),
        consistency_index=round_half_up(ci, INDEX_PLACES),
        random_index=ri,
        consistency_ratio=ratio,
        accepted=ratio < CONSISTENCY_LIMIT,
        most_inconsistent=worst,
    )
