"""The shared life of a case: its statuses, the events of its history, who may act, and the transition table.

Request kinds add their own statuses, events and transitions through `services.registry`; nothing here names a kind.
Each row of the table says which action may start from which statuses, where it may lead, and who may take it; the
workflow's functions (the doors named in `SHARED_DOORS`) refuse whatever the table does not allow.
"""

from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _


class Status(models.TextChoices):
    """The statuses every kind of case shares."""

    SUBMITTED = "submitted", _("submitted")
    REGISTERED = "registered", _("registered")
    IN_REVIEW = "in_review", _("in review")
    # Staff read this label; the applicant's pages and e-mails say "awaiting your documents" (status_for_applicant).
    AWAITING_APPLICANT = "awaiting_applicant", _("awaiting the applicant's documents")
    APPROVED = "approved", _("approved")
    REJECTED = "rejected", _("rejected")
    ANSWERED = "answered", _("answered")
    WITHDRAWN = "withdrawn", _("withdrawn")


class Action(models.TextChoices):
    """The event types every kind of case shares: one per action of the table, plus the system's recomputation."""

    REGISTERED = "registered", _("registered")
    ASSIGNED = "assigned", _("assigned")
    REVIEW_STARTED = "review_started", _("review started")
    COMPLETION_REQUESTED = "completion_requested", _("completion requested")
    COMPLETION_RECEIVED = "completion_received", _("completion received")
    EXTENDED = "extended", _("time limit extended")
    DUE_DATE_RECOMPUTED = "due_date_recomputed", _("due date recomputed")
    NOTE = "note", _("internal note")
    MESSAGE = "message", _("message to the applicant")
    DOCUMENT_ADDED = "document_added", _("document added")
    RESOLVED = "resolved", _("resolved")
    WITHDRAWN = "withdrawn", _("withdrawn")
    SENT = "sent", _("sent, registered as outgoing")
    CLAIMED = "claimed", _("added to the applicant's account")
    DISTRIBUTED = "distributed", _("distributed by the registry")
    RETURNED_TO_REGISTRY = "returned_to_registry", _("sent back to the registry")
    POSTED = "posted", _("posted")


class Role(StrEnum):
    """Who a person is for one case; a person may hold several roles (a head is also a worker of the department)."""

    ANYONE = "anyone"  # whoever files a request: the filing flow decides who may file
    APPLICANT = "applicant"  # the case's own applicant
    WORKER = "worker"  # a clerk or head of the case's department
    HEAD = "head"  # a head of the case's department


class Tone(StrEnum):
    """The colour of a status tag."""

    BLUE = "blue"
    LIGHT_BLUE = "light-blue"
    YELLOW = "yellow"
    ORANGE = "orange"
    GREEN = "green"
    RED = "red"
    TURQUOISE = "turquoise"
    PURPLE = "purple"
    GREY = "grey"


@dataclass(frozen=True)
class StatusDef:
    """A status: open (the case is still worked on), or closed; a closing by decision counts for the on-time rate."""

    value: str
    label: Any
    open: bool = False
    resolved: bool = False
    tone: Tone = Tone.GREY

    def __post_init__(self):
        if self.open and self.resolved:
            raise ValueError(f"Status {self.value!r} cannot be both open and a resolution.")


@dataclass(frozen=True)
class EventType:
    """A kind of history entry; `detail_template` shows its data under the heading on the clerk's case page."""

    value: str
    label: Any
    detail_template: str | None = None


# Markers a transition may start from besides named statuses: every open status (the kinds' included), or any.
OPEN = "@open"
ANY = "@any"


@dataclass(frozen=True)
class Transition:
    """One row of the table: `action` may start from `sources`, by a person holding one of `roles`, and lead to one
    of `targets` (none: the status stays, as for an assignment or a note)."""

    action: str
    sources: frozenset[str]
    roles: frozenset[Role]
    targets: frozenset[str] = frozenset()

    def starts_from(self, status: str, open_statuses) -> bool:
        return status in self.sources or ANY in self.sources or (OPEN in self.sources and status in open_statuses)


def row(action, sources, roles, targets=()):
    """A table row from plain iterables."""
    return Transition(action, frozenset(sources), frozenset(roles), frozenset(targets))


SHARED_STATUSES = (
    StatusDef(Status.SUBMITTED, Status.SUBMITTED.label, open=True, tone=Tone.LIGHT_BLUE),
    StatusDef(Status.REGISTERED, Status.REGISTERED.label, open=True, tone=Tone.BLUE),
    StatusDef(Status.IN_REVIEW, Status.IN_REVIEW.label, open=True, tone=Tone.LIGHT_BLUE),
    StatusDef(Status.AWAITING_APPLICANT, Status.AWAITING_APPLICANT.label, open=True, tone=Tone.YELLOW),
    StatusDef(Status.APPROVED, Status.APPROVED.label, resolved=True, tone=Tone.GREEN),
    StatusDef(Status.REJECTED, Status.REJECTED.label, resolved=True, tone=Tone.RED),
    StatusDef(Status.ANSWERED, Status.ANSWERED.label, resolved=True, tone=Tone.TURQUOISE),
    StatusDef(Status.WITHDRAWN, Status.WITHDRAWN.label, tone=Tone.GREY),
)
SHARED_EVENTS = tuple(EventType(choice.value, choice.label) for choice in Action)

OUTCOMES = (Status.APPROVED, Status.REJECTED, Status.ANSWERED)
UNDER_WAY = (Status.REGISTERED, Status.IN_REVIEW)

# The actions of the spine. A kind adds rows for its own actions, and rows letting shared actions start from its own
# statuses. Internal notes and messages change nothing of the case, so they are possible in any status.
SHARED_TRANSITIONS = (
    row("register", [Status.SUBMITTED], [Role.ANYONE], [Status.REGISTERED]),
    row("assign", [OPEN], [Role.WORKER]),
    row("start_review", [Status.REGISTERED], [Role.WORKER], [Status.IN_REVIEW]),
    row("request_completion", UNDER_WAY, [Role.WORKER], [Status.AWAITING_APPLICANT]),
    # The applicant completes online; a clerk records a completion brought to the counter.
    row("record_completion", [Status.AWAITING_APPLICANT], [Role.WORKER, Role.APPLICANT], [Status.IN_REVIEW]),
    # The head decides an extension while the clock runs (never while suspended).
    row("extend", UNDER_WAY, [Role.HEAD]),
    row("resolve", UNDER_WAY, [Role.WORKER], OUTCOMES),
    # A file left incomplete is rejected; the suspension ends on the day of the decision.
    row("resolve", [Status.AWAITING_APPLICANT], [Role.WORKER], [Status.REJECTED]),
    row("withdraw", [OPEN], [Role.APPLICANT], [Status.WITHDRAWN]),
    row("note", [ANY], [Role.WORKER]),
    # Not this department's: back to the registry, which distributes it again (services.desk.workflow).
    row("return_to_registry", [OPEN], [Role.WORKER]),
    row("message", [ANY], [Role.WORKER]),
    row("attach_document", [ANY], [Role.WORKER]),
    row("attach_document", [Status.AWAITING_APPLICANT], [Role.APPLICANT]),
)

# The one function that performs each shared action (dotted paths, resolved when first used).
SHARED_DOORS = {
    "register": "services.registration.register_case",
    "assign": "services.workflow.assign_case",
    "start_review": "services.workflow.start_review",
    "request_completion": "services.workflow.request_completion",
    "record_completion": "services.workflow.record_completion",
    "extend": "services.workflow.extend_deadline",
    "resolve": "services.workflow.resolve_case",
    "withdraw": "services.workflow.withdraw_case",
    "note": "services.workflow.add_note",
    "message": "services.workflow.message_applicant",
    "attach_document": "services.documents.attach_document",
    "return_to_registry": "services.desk.workflow.return_to_registry",
}
