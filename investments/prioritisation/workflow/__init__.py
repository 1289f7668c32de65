"""Every action on a prioritisation round goes through one of these functions: each runs in a transaction, checks who
acts and what the round's state allows, and writes the round's history.

The steps: draft → criteria locked → scoring → consultation (only with a citizens' support criterion) →
consolidation → published. The method (criteria, levels, weights, judgements, voting rules) changes only in draft;
the lock freezes it (database triggers hold that too) and publishes the methodology page.

Refusals: `PermissionDenied` for who may not act, `ValidationError` (translated, with a code) for what the rules or
the state do not allow.

The functions live by subject in `method`, `candidates`, `scoring` and `steps`; they are all reached from here."""

from ._common import EXTREMES, MIN_EVALUATORS, SCALE, Source, State, event
from .candidates import (
    CANDIDATE_FIELDS,
    add_candidate,
    add_evaluator,
    feasibility_done,
    gate_failures,
    remove_candidate,
    remove_evaluator,
    set_value,
    update_candidate,
)
from .method import (
    CRITERION_FIELDS,
    ROUND_FIELDS,
    UNFROZEN_ROUND_FIELDS,
    add_criterion,
    create_round,
    delete_criterion,
    inconsistency_message,
    lock,
    lock_problems,
    pairwise_result,
    set_judgements,
    set_weights,
    update_criterion,
    update_round,
)
from .scoring import declare_conflict, save_scores, sheet_problems, submit_sheet
from .steps import (
    accept_medians,
    advance,
    advance_problems,
    cast_ballot,
    comment,
    consultation_open,
    has_citizen_criterion,
    next_state,
    publish,
    publish_problems,
    record_agreed,
)

__all__ = [
    "CANDIDATE_FIELDS",
    "CRITERION_FIELDS",
    "EXTREMES",
    "MIN_EVALUATORS",
    "ROUND_FIELDS",
    "SCALE",
    "UNFROZEN_ROUND_FIELDS",
    "Source",
    "State",
    "accept_medians",
    "add_candidate",
    "add_criterion",
    "add_evaluator",
    "advance",
    "advance_problems",
    "cast_ballot",
    "comment",
    "consultation_open",
    "create_round",
    "declare_conflict",
    "delete_criterion",
    "event",
    "feasibility_done",
    "gate_failures",
    "has_citizen_criterion",
    "inconsistency_message",
    "lock",
    "lock_problems",
    "next_state",
    "pairwise_result",
    "publish",
    "publish_problems",
    "record_agreed",
    "remove_candidate",
    "remove_evaluator",
    "save_scores",
    "set_judgements",
    "set_value",
    "set_weights",
    "sheet_problems",
    "submit_sheet",
    "update_candidate",
    "update_criterion",
    "update_round",
]
