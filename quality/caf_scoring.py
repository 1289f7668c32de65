"""The CAF 2020 scoring arithmetic: a sub-criterion's score by panel, the group's figures, criteria and totals.

Pure: plain values in, plain values out, no Django. Scores run from 0 to 100. The classical panel gives one score per
sub-criterion; the fine-tuned panel scores Plan, Do, Check and Act separately and the sub-criterion's score is their
average. Figures are rounded half up to one decimal (24.25 → 24.3, as people round by hand), never half to even as
Python's `round` does, so a report and a calculator agree; the arithmetic itself is done on the exact values.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from statistics import mean, median
from typing import Any

from services.dashboard.rounding import round_half_up

CLASSICAL = "classical"
FINE_TUNED = "fine_tuned"
PANELS = (CLASSICAL, FINE_TUNED)
PHASES = ("plan", "do", "check", "act")
ENABLER = "enabler"
RESULT = "result"
# A spread of at least this many points between the lowest and the highest score is discussed in the consensus.
WIDE_SPREAD = 30
LOWEST, HIGHEST = 0, 100
PLACES = 1


def rounded(value: float | None, places: int = PLACES) -> float | None:
    """`value` rounded half up to `places` decimals (None stays None), by the dashboard's one rounding."""
    result = round_half_up(value, places)
    return None if result is None else float(result)


def fine_tuned_score(plan: int | None, do: int | None, check: int | None, act: int | None) -> float | None:
    """The fine-tuned panel's sub-criterion score: the average of its four phases; None if any phase is missing."""
    phases = [phase for phase in (plan, do, check, act) if phase is not None]
    if len(phases) < len(PHASES):
        return None
    return rounded(sum(phases) / len(phases))


def _field(entry: Any, name: str) -> Any:
    if isinstance(entry, Mapping):
        return entry.get(name)
    return getattr(entry, name, None)


def subcriterion_score(panel: str, entry: Any) -> float | None:
    """The score of one entry (a member's assessment or the consensus) of a sub-criterion under `panel`.

    `entry` is a mapping or an object with `score`, `score_plan`, `score_do`, `score_check`, `score_act` and
    optionally `dont_know`. None when the entry says "don't know" or is not scored (completely) yet."""
    if panel not in PANELS:
        raise ValueError(f"Unknown scoring panel: {panel!r}")
    if _field(entry, "dont_know"):
        return None
    if panel == CLASSICAL:
        score = _field(entry, "score")
        return None if score is None else float(score)
    return fine_tuned_score(*(_field(entry, f"score_{phase}") for phase in PHASES))


@dataclass(frozen=True)
class Figures:
    """The group's scores of one sub-criterion: how many, how far apart, and whether to discuss them."""

    n: int
    dont_know: int
    min: float | None
    max: float | None
    mean: float | None
    median: float | None
    spread: float | None
    flagged: bool


def spread_figures(scores: Iterable[float | None]) -> Figures:
    """Minimum, maximum, mean, median and spread (max − min) of the members' scores, flagged when the spread is at
    least WIDE_SPREAD. A None is a member's "don't know": it is left out of the figures and counted apart."""
    scores = list(scores)
    known = [float(score) for score in scores if score is not None]
    dont_know = len(scores) - len(known)
    if not known:
        return Figures(
            n=0, dont_know=dont_know, min=None, max=None, mean=None, median=None, spread=None, flagged=False
        )
    spread = max(known) - min(known)
    return Figures(
        n=len(known),
        dont_know=dont_know,
        min=rounded(min(known)),
        max=rounded(max(known)),
        mean=rounded(mean(known)),
        median=rounded(median(known)),
        spread=rounded(spread),
        flagged=spread >= WIDE_SPREAD,
    )


def criterion_score(subcriterion_scores: Iterable[float | None]) -> float | None:
    """A criterion's score: the mean of its sub-criteria's scores, leaving out those not scored; None if none is."""
    known = [float(score) for score in subcriterion_scores if score is not None]
    return rounded(mean(known)) if known else None


@dataclass(frozen=True)
class Totals:
    enablers: float | None
    results: float | None
    overall: float | None


def totals(criterion_scores: Iterable[tuple[str, float | None]]) -> Totals:
    """From (kind, score) pairs of the criteria ("enabler" or "result"): the enablers' mean, the results' mean and
    the overall mean of every scored criterion (each criterion weighs the same, as in the CAF's own tables)."""
    pairs = list(criterion_scores)
    for kind, _score in pairs:
        if kind not in (ENABLER, RESULT):
            raise ValueError(f"Unknown kind of criterion: {kind!r}")
    return Totals(
        enablers=criterion_score(score for kind, score in pairs if kind == ENABLER),
        results=criterion_score(score for kind, score in pairs if kind == RESULT),
        overall=criterion_score(score for _kind, score in pairs),
    )


def in_range(value: int | None) -> bool:
    """A score is a whole number from 0 to 100."""
    return value is None or (isinstance(value, int) and not isinstance(value, bool) and LOWEST <= value <= HIGHEST)
