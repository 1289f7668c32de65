"""What every step of the workflow shares: the history, the refusals, the guards and the round's row lock."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _

from ... import ranking
from ...models import (
    Criterion,
    Round,
    RoundEvent,
)
from .. import roles

State = Round.State
Source = Criterion.Source

SCALE = range(ranking.SCALE_MAX + 1)
EXTREMES = (0, ranking.SCALE_MAX)
MIN_EVALUATORS = 2


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


def _require_draft(round):
    if round.is_locked:
        _refuse(_("The round is locked: its criteria, weights and voting rules cannot change."), "locked")
