"""One view of a round's ranking for the staff page, the exports and the open data: read from the frozen snapshot of a
published round (`round.result`), or computed now (`selectors.result_snapshot`) for a round still under way. Both give
the same dictionary, turned here into objects the templates and the exports read, in the active language."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import get_language

from ..models import Round
from . import selectors

FUNDED = "funded"
DOES_NOT_FIT = "does_not_fit"


def pick(words, language=None):
    """A {"ro", "hu", "en"} text in `language` (the active one by default), Romanian when it has no translation."""
    if not isinstance(words, dict):
        return words or ""
    language = (language or get_language() or "ro")[:2]
    return words.get(language) or words.get("ro") or ""


@dataclass(frozen=True)
class CriterionView:
    code: str
    name: str
    weight: Decimal
    source: str

    @property
    def computed(self):
        return self.source == "computed"

    @property
    def citizen(self):
        return self.source == "citizen"


@dataclass(frozen=True)
class ContributionView:
    criterion: CriterionView
    weight: Decimal
    score: Decimal
    points: Decimal
    raw: Decimal | None


@dataclass(frozen=True)
class RowView:
    candidate_pk: int
    investment_pk: int
    code: str
    title: str
    title_ro: str
    rank: int
    score: Decimal
    cost_bani: int
    funding: str
    funded_so_far_bani: int
    left_bani: int
    votes: int | None
    expert_rank: int | None
    expert_score: Decimal | None
    contributions: tuple[ContributionView, ...]

    @property
    def funded(self):
        return self.funding == FUNDED

    @property
    def change(self):
        """Places the citizens' support moved the candidate up (negative: down); None without it."""
        return None if self.expert_rank is None else self.expert_rank - self.rank

    @property
    def change_places(self):
        return abs(self.change or 0)

    @property
    def points_total(self):
        return sum((c.points for c in self.contributions), Decimal(0))


@dataclass(frozen=True)
class MoveView:
    code: str
    title: str
    base_rank: int
    rank: int

    @property
    def change(self):
        """Places moved up (negative: down)."""
        return self.base_rank - self.rank

    @property
    def up(self):
        return self.change > 0

    @property
    def down(self):
        return self.change < 0

    @property
    def places(self):
        return abs(self.change)


@dataclass(frozen=True)
class ScenarioView:
    criterion: CriterionView
    factor: Decimal
    weights: tuple[tuple[CriterionView, Decimal], ...]
    moves: tuple[MoveView, ...]
    swaps: tuple[tuple[str, str], ...]

    @property
    def percent(self):
        """+10 or −10: how the criterion's weight moved, in per cent of itself."""
        return int((self.factor - 1) * 100)

    @property
    def raised(self):
        return self.factor > 1

    @property
    def largest_move(self):
        return max((m.places for m in self.moves), default=0)


@dataclass
class RankingView:
    round: Round
    published: bool
    snapshot: dict
    criteria: list[CriterionView]
    rows: list[RowView]
    envelope_bani: int
    funded_total_bani: int
    remainder_bani: int
    scenarios: list[ScenarioView]
    largest_move: int
    ballots: int
    ineligible: list[tuple[str, str]]
    provisional: list[str] = field(default_factory=list)

    @property
    def provisional_figures(self):
        return not self.published

    @property
    def has_citizen_criterion(self):
        return any(c.citizen for c in self.criteria)

    @property
    def side_by_side(self):
        """The combined and the expert-only ranking, only when a criterion is the citizens' support."""
        if not self.has_citizen_criterion or any(r.expert_rank is None for r in self.rows):
            return None
        return self.rows

    @property
    def stable(self):
        return self.largest_move == 0

    @property
    def swaps(self):
        """Every pair that changes order in some scenario, once."""
        return list(dict.fromkeys(pair for s in self.scenarios for pair in s.swaps))

    def row_of(self, candidate_pk):
        return next((r for r in self.rows if r.candidate_pk == candidate_pk), None)


@dataclass(frozen=True)
class Missing:
    """No ranking yet: the scores that are not there."""

    missing: list[str]


def _decimal(value):
    return None if value is None else Decimal(str(value))


def from_snapshot(round, snapshot, *, published, provisional=(), language=None):
    criteria = [
        CriterionView(c["code"], pick(c["name"], language), Decimal(c["weight"]), c["source"])
        for c in snapshot["criteria"]
    ]
    by_code = {c.code: c for c in criteria}
    rows = []
    for row in snapshot["ranking"]:
        rows.append(
            RowView(
                candidate_pk=row["candidate"],
                investment_pk=row["investment"],
                code=row["code"],
                title=pick(row["title"], language),
                title_ro=pick(row["title"], "ro"),
                rank=row["rank"],
                score=Decimal(row["score"]),
                cost_bani=row["cost_bani"],
                funding=row["funding"],
                funded_so_far_bani=row["funded_so_far_bani"],
                left_bani=row["left_bani"],
                votes=row.get("votes"),
                expert_rank=row.get("expert_rank"),
                expert_score=_decimal(row.get("expert_score")),
                contributions=tuple(
                    ContributionView(
                        criterion=by_code[c["criterion"]],
                        weight=Decimal(c["weight"]),
                        score=Decimal(c["score"]),
                        points=Decimal(c["points"]),
                        raw=_decimal(c.get("raw")),
                    )
                    for c in row["contributions"]
                ),
            )
        )
    titles = {r.code: r.title for r in rows}
    sensitivity = snapshot.get("sensitivity") or {"largest_move": 0, "scenarios": []}
    scenarios = [
        ScenarioView(
            criterion=by_code[s["criterion"]],
            factor=Decimal(s["factor"]),
            weights=tuple((by_code[code], Decimal(w)) for code, w in s["weights"].items()),
            moves=tuple(MoveView(m["code"], titles.get(m["code"], ""), m["base_rank"], m["rank"]) for m in s["moves"]),
            swaps=tuple(tuple(pair) for pair in s["swaps"]),
        )
        for s in sensitivity["scenarios"]
    ]
    return RankingView(
        round=round,
        published=published,
        snapshot=snapshot,
        criteria=criteria,
        rows=rows,
        envelope_bani=snapshot["envelope_bani"],
        funded_total_bani=snapshot["funded_total_bani"],
        remainder_bani=snapshot["remainder_bani"],
        scenarios=scenarios,
        largest_move=sensitivity["largest_move"],
        ballots=snapshot.get("ballots", 0),
        ineligible=[(i["code"], pick(i["title"], language)) for i in snapshot.get("ineligible", [])],
        provisional=list(provisional),
    )


def ranking_view(round, *, language=None):
    """The ranking of `round`: a `RankingView` (frozen when published, computed now otherwise), or `Missing` with the
    scores still to come when it cannot be computed yet."""
    if round.state == Round.State.PUBLISHED and round.result:
        return from_snapshot(round, round.result, published=True, language=language)
    data = selectors.inputs(round)
    missing = selectors.missing_scores(data)
    if missing or not data.rank_candidates:
        return Missing(missing)
    return from_snapshot(
        round,
        selectors.result_snapshot(round, selectors.compute(round, data)),
        published=False,
        provisional=data.provisional,
        language=language,
    )
