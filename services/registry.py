"""Case kinds plug their detail template and extra actions into the shared queue and case pages through here."""

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ImproperlyConfigured


@dataclass(frozen=True)
class ActionContext:
    """What an action needs to decide whether it is offered: the case and who looks at it, checked once per page."""

    case: Any
    user: Any
    can_work_on: bool = False
    can_decide_for: bool = False
    is_applicant: bool = False


@dataclass(frozen=True)
class CaseAction:
    """One thing a person may do with a case: a form, and a function that calls exactly one workflow function.

    `perform(case, by, cleaned_data)` returns the case and may raise ValidationError or PermissionDenied;
    `available(context)` says whether the action is offered for the case in its current state to this person.
    `success_message` is formatted with the form's cleaned data and `case`.
    """

    slug: str
    label: Any  # a lazy translation
    form_class: type
    perform: Callable[..., Any]
    available: Callable[[ActionContext], bool]
    success_message: Any = ""
    button_class: str = "govuk-button"


@dataclass(frozen=True)
class KindConfig:
    kind: str
    detail_template: str | None = None
    staff_actions: tuple[CaseAction, ...] = field(default_factory=tuple)
    citizen_actions: tuple[CaseAction, ...] = field(default_factory=tuple)


_kinds: dict[str, KindConfig] = {}


def register_kind(
    kind: str,
    detail_template: str | None = None,
    staff_actions: Sequence[CaseAction] = (),
    citizen_actions: Sequence[CaseAction] = (),
) -> KindConfig:
    """Register (or add to) what a kind of case shows. Called from an app's `ready()`; calling it again for the
    same kind adds the actions not yet registered, so several apps may contribute to one kind."""
    current = _kinds.get(kind, KindConfig(kind))
    if detail_template and current.detail_template and detail_template != current.detail_template:
        raise ImproperlyConfigured(f"Kind {kind!r} already shows {current.detail_template!r}.")
    config = KindConfig(
        kind=kind,
        detail_template=detail_template or current.detail_template,
        staff_actions=_merged(current.staff_actions, staff_actions),
        citizen_actions=_merged(current.citizen_actions, citizen_actions),
    )
    _kinds[kind] = config
    return config


def _merged(current, added):
    slugs = {action.slug for action in current}
    return tuple(current) + tuple(action for action in added if action.slug not in slugs)


def kind_for(case) -> KindConfig:
    """What the case's kind registered, or the plain defaults (no detail template, no extra actions)."""
    return _kinds.get(case.kind) or KindConfig(case.kind)
