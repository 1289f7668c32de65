"""The request kinds' registry: each kind declares itself from its own app's `ready()`, and the spine reads it.

A kind brings its name and label, its filing flow, its detail templates, its staff and citizen actions, the statuses,
transitions and event types it adds to the shared ones (`services.lifecycle`), and the function (door) that performs
each of its actions. The choices of `Service.kind`, `Case.kind`, `Case.status` and `CaseEvent.action` come from
here, so a new kind needs no change and no migration in `services/`. Modelled on Open Forms' plugin registries.
"""

import re
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.utils.module_loading import import_string
from django.utils.translation import gettext_lazy as _

from . import lifecycle
from .lifecycle import ANY, OPEN, EventType, Role, StatusDef, Transition

NAME = re.compile(r"^[a-z][a-z0-9_]*$")
KIND_MAX_LENGTH = 20
STATUS_MAX_LENGTH = 20
EVENT_MAX_LENGTH = 30


@dataclass(frozen=True)
class ActionContext:
    """What an action needs to decide whether it is offered: the case and who looks at it, checked once per page."""

    case: Any
    user: Any
    can_work_on: bool = False
    can_decide_for: bool = False
    is_applicant: bool = False

    @property
    def roles(self) -> frozenset[Role]:
        held = {Role.ANYONE}
        if self.is_applicant:
            held.add(Role.APPLICANT)
        if self.can_work_on:
            held.add(Role.WORKER)
        if self.can_decide_for:
            held.add(Role.HEAD)
        return frozenset(held)


def no_arguments(cleaned_data):
    return {}


@dataclass(frozen=True)
class CaseAction:
    """One thing a person may do with a case from its page: a form, and the table's `action` it performs.

    It is offered only when the transition table lets this person take `action` in the case's current status (and
    `available`, if given, agrees). It performs nothing itself: the view calls the action's door, the one workflow
    function of that action, with the keyword arguments `arguments(cleaned_data)` returns. `success_message` is
    formatted with the form's cleaned data and `case`.
    """

    slug: str
    label: Any  # a lazy translation
    form_class: type
    action: str
    arguments: Callable[[dict], dict] = no_arguments
    available: Callable[[ActionContext], bool] | None = None
    success_message: Any = ""
    button_class: str = "govuk-button"


@dataclass(frozen=True)
class Kind:
    """What a request kind declares. `filing_url` names a URL taking the service's slug as `service`."""

    name: str
    label: Any
    filing_url: str | None = None
    detail_template: str | None = None  # shown on the clerk's case page
    citizen_template: str | None = None  # shown on the citizen's case page
    staff_actions: tuple[CaseAction, ...] = ()
    citizen_actions: tuple[CaseAction, ...] = ()
    statuses: tuple[StatusDef, ...] = ()
    transitions: tuple[Transition, ...] = ()
    event_types: tuple[EventType, ...] = ()
    doors: Mapping[str, str] = field(default_factory=dict)  # action → dotted path of the function performing it
    # The decisions a resolution may reach for this kind (petitions are answered, permits approved or rejected).
    outcomes: tuple[str, ...] = tuple(lifecycle.OUTCOMES)
    # Shared actions this kind does not offer, because it does the same its own way (petitions are answered through
    # a draft the head approves, never by the clerk's direct decision).
    withheld: frozenset[str] = frozenset()
    # Extra flags a case of this kind shows in the clerk's queue: `queue_flags(case, today, calendar)` returns
    # labels, computed from the row alone (it runs once per row, so it must not query).
    queue_flags: Callable[..., tuple[Any, ...]] | None = None
    # The one-to-one records the kind keeps beside a case (reverse accessors such as "petition") that its templates
    # read: the case pages fetch them with the case, in the same query.
    case_related: tuple[str, ...] = ()
    # The dotted path of `drafts(user)`: the applications of this kind the person started and has not submitted,
    # as `Draft` summaries, shown on "My cases" to be resumed.
    drafts: str | None = None


@dataclass(frozen=True)
class Draft:
    """An unfinished application as "My cases" lists it, whatever kind keeps it."""

    title: Any
    service: Any
    updated_at: Any
    expires_at: Any
    url: str
    delete_url: str


class UnknownKind(LookupError):
    pass


class KindRegistry:
    """The registered kinds, over the spine's shared statuses, events, transitions and doors."""

    def __init__(
        self,
        *,
        statuses=lifecycle.SHARED_STATUSES,
        event_types=lifecycle.SHARED_EVENTS,
        transitions=lifecycle.SHARED_TRANSITIONS,
        doors=lifecycle.SHARED_DOORS,
    ):
        self._shared_statuses = tuple(statuses)
        self._shared_events = tuple(event_types)
        self._shared_transitions = tuple(transitions)
        self._shared_doors = dict(doors)
        self._kinds: dict[str, Kind] = {}

    # Registration -------------------------------------------------------------------------------------------------

    def register(self, kind: Kind) -> Kind:
        """Add a kind; a second kind under the same name, or a definition that contradicts another, is refused."""
        if kind.name in self._kinds:
            raise ImproperlyConfigured(f"A request kind named {kind.name!r} is already registered.")
        self._check(kind)
        self._kinds[kind.name] = kind
        self._forget()
        return kind

    def unregister(self, name: str) -> None:
        self._kinds.pop(name, None)
        self._forget()

    @contextmanager
    def temporarily(self, kind: Kind) -> Iterator[Kind]:
        """Register a kind for the duration of a block (tests), then remove it."""
        self.register(kind)
        try:
            yield kind
        finally:
            self.unregister(kind.name)

    def _check(self, kind: Kind) -> None:
        problems = []
        if not NAME.match(kind.name) or len(kind.name) > KIND_MAX_LENGTH:
            problems.append(f"the name must be lower-case letters, digits and _, at most {KIND_MAX_LENGTH} long")
        statuses = {s.value: s for s in self.statuses()}
        problems += _clashes("status", kind.statuses, statuses, STATUS_MAX_LENGTH)
        problems += _clashes(
            "event type", kind.event_types, {e.value: e for e in self.event_types()}, EVENT_MAX_LENGTH
        )
        known = set(statuses) | {s.value for s in kind.statuses} | {OPEN, ANY}
        for transition in kind.transitions:
            unknown = (transition.sources | transition.targets) - known
            if unknown:
                problems.append(f"action {transition.action!r} names unknown statuses {sorted(unknown)}")
            if not transition.roles:
                problems.append(f"action {transition.action!r} names nobody who may take it")
        shared = [t for t in self._shared_transitions if t.action not in kind.withheld]
        actions = {t.action for t in (*shared, *kind.transitions)}
        for action in {t.action for t in kind.transitions}:
            if action not in kind.doors and action not in self._shared_doors:
                problems.append(f"action {action!r} has no door (the function that performs it)")
        for case_action in (*kind.staff_actions, *kind.citizen_actions):
            if case_action.action not in actions:
                problems.append(f"case action {case_action.slug!r} performs {case_action.action!r}, not in the table")
        slugs = [a.slug for a in kind.staff_actions] + [a.slug for a in kind.citizen_actions]
        if len(slugs) != len(set(slugs)):
            problems.append("two case actions share a slug")
        resolvable = {t for row in (*shared, *kind.transitions) for t in row.targets}
        if not set(kind.outcomes) <= resolvable:
            problems.append(f"outcomes {sorted(set(kind.outcomes) - resolvable)} are reached by no action")
        if problems:
            raise ImproperlyConfigured(f"Request kind {kind.name!r}: " + "; ".join(problems) + ".")

    def _forget(self) -> None:
        for name in ("_status_map", "_event_map", "_open_statuses"):
            self.__dict__.pop(name, None)

    # Reading ------------------------------------------------------------------------------------------------------

    def __contains__(self, name: object) -> bool:
        return name in self._kinds

    def __iter__(self) -> Iterator[Kind]:
        return iter(sorted(self._kinds.values(), key=lambda k: k.name))

    def get(self, name: str) -> Kind:
        try:
            return self._kinds[name]
        except KeyError:
            raise UnknownKind(name) from None

    def statuses(self) -> list[StatusDef]:
        seen = {s.value: s for s in self._shared_statuses}
        for kind in self._kinds.values():
            for status in kind.statuses:
                seen.setdefault(status.value, status)
        return list(seen.values())

    def event_types(self) -> list[EventType]:
        seen = {e.value: e for e in self._shared_events}
        for kind in self._kinds.values():
            for event in kind.event_types:
                seen.setdefault(event.value, event)
        return list(seen.values())

    @cached_property
    def _status_map(self) -> dict[str, StatusDef]:
        return {s.value: s for s in self.statuses()}

    @cached_property
    def _event_map(self) -> dict[str, EventType]:
        return {e.value: e for e in self.event_types()}

    @cached_property
    def _open_statuses(self) -> frozenset[str]:
        return frozenset(s.value for s in self.statuses() if s.open)

    def status(self, value: str) -> StatusDef | None:
        return self._status_map.get(value)

    def status_label(self, value: str) -> Any:
        status = self.status(value)
        return status.label if status else value

    def event_type(self, value: str) -> EventType | None:
        return self._event_map.get(value)

    def open_statuses(self) -> frozenset[str]:
        return self._open_statuses

    def closed_statuses(self) -> frozenset[str]:
        return frozenset(s.value for s in self.statuses() if not s.open)

    def resolved_statuses(self) -> frozenset[str]:
        return frozenset(s.value for s in self.statuses() if s.resolved)

    def _or_bare(self, kind_name: str) -> Kind:
        """The registered kind, or a bare one (shared rows and outcomes, nothing of its own) for an unknown name."""
        return self._kinds.get(kind_name) or Kind(kind_name, kind_name)

    def transitions(self, kind_name: str, action: str | None = None) -> list[Transition]:
        """The table for a kind: the shared rows and the kind's own (all rows, or those of one action)."""
        kind = self._or_bare(kind_name)
        rows = [*(r for r in self._shared_transitions if r.action not in kind.withheld), *kind.transitions]
        return [r for r in rows if action is None or r.action == action]

    def actions(self, kind_name: str) -> list[str]:
        return list(dict.fromkeys(r.action for r in self.transitions(kind_name)))

    def door(self, kind_name: str, action: str) -> Callable[..., Any]:
        """The one function that performs `action` for this kind."""
        path = self._or_bare(kind_name).doors.get(action) or self._shared_doors.get(action)
        if path is None:
            raise LookupError(f"No door performs {action!r} for kind {kind_name!r}.")
        return import_string(path)

    def outcomes(self, kind_name: str) -> tuple[str, ...]:
        return self._or_bare(kind_name).outcomes

    def staff_actions(self, kind_name: str) -> tuple[CaseAction, ...]:
        return self._or_bare(kind_name).staff_actions

    def case_related(self) -> list[str]:
        return sorted({name for kind in self._kinds.values() for name in kind.case_related})

    def queue_flags(self, case, today, calendar) -> tuple[Any, ...]:
        kind = self._kinds.get(case.kind)
        return tuple(kind.queue_flags(case, today, calendar)) if kind and kind.queue_flags else ()

    def drafts_of(self, user) -> list[Draft]:
        """Every kind's unfinished applications of `user`, the most recently changed first."""
        found = [d for kind in self if kind.drafts for d in import_string(kind.drafts)(user)]
        return sorted(found, key=lambda d: d.updated_at, reverse=True)

    def citizen_actions(self, kind_name: str) -> tuple[CaseAction, ...]:
        return self._or_bare(kind_name).citizen_actions

    def kind_choices(self) -> list[tuple[str, Any]]:
        return [(kind.name, kind.label) for kind in self]

    def status_choices(self) -> list[tuple[str, Any]]:
        return [(s.value, s.label) for s in self.statuses()]

    def event_choices(self) -> list[tuple[str, Any]]:
        return [(e.value, e.label) for e in self.event_types()]


def _clashes(what, defined, existing, max_length):
    """The problems of a kind's statuses or event types: a bad name, or one defined differently elsewhere."""
    problems = []
    for item in defined:
        if not NAME.match(item.value) or len(item.value) > max_length:
            problems.append(f"{what} {item.value!r} is not a valid name of at most {max_length}")
        elif item.value in existing and existing[item.value] != item:
            problems.append(f"{what} {item.value!r} is already defined differently")
    return problems


kinds = KindRegistry()


# The model fields' choices: callables, so the registered kinds never show up in a migration.
def kind_choices():
    return kinds.kind_choices()


def status_choices():
    return kinds.status_choices()


def event_choices():
    return kinds.event_choices()


def kind_for(case) -> Kind:
    """What the case's kind registered, or a bare kind (no templates, no extra actions) if it is not registered."""
    return kinds._or_bare(case.kind)


def validate_kind(value):
    """A kind a service or case names must be registered; the message lists those that are."""
    if value not in kinds:
        raise ValidationError(
            _("“%(kind)s” is not a registered request kind. Registered kinds: %(known)s."),
            code="unknown_kind",
            params={"kind": value, "known": ", ".join(k.name for k in kinds) or "-"},
        )
