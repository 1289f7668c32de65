"""Models of the services app: organisation, catalogue and the Case spine."""

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
from .organisation import Department, Membership
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
    "Procedure",
    "RegisterEntry",
    "RegistrationCounter",
    "RequiredDocument",
    "Service",
    "Status",
    "StatusChangeRefused",
    "Suspension",
    "status_door",
]
