"""Models of the services app: organisation, catalogue, the Case spine and the citizen's inbox."""

from .cases import (
    Case,
    CaseDocument,
    CaseEvent,
    Channel,
    RegistrationCounter,
    Status,
    StatusChangeRefused,
    Suspension,
    status_door,
)
from .catalogue import DeadlineUnit, Procedure, RequiredDocument, Service
from .messages import Message
from .organisation import Department, Membership
from .ratings import ServiceRating
from .register import Distribution, RegisterEntry

__all__ = [
    "Case",
    "CaseDocument",
    "CaseEvent",
    "Channel",
    "DeadlineUnit",
    "Department",
    "Distribution",
    "Membership",
    "Message",
    "Procedure",
    "RegisterEntry",
    "RegistrationCounter",
    "RequiredDocument",
    "Service",
    "ServiceRating",
    "Status",
    "StatusChangeRefused",
    "Suspension",
    "status_door",
]
