"""The candidates and their eligibility gate, the data values of computed criteria, and the evaluators."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.utils.translation import gettext as _

from ...models import (
    Candidate,
    CandidateValue,
    Evaluator,
    Investment,
    Stage,
)
from .. import roles
from ._common import (
    Source,
    State,
    _changes,
    _full_clean,
    _locked_round,
    _refuse,
    _require_manager,
    _require_state,
    event,
)


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
