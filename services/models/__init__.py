"""Models of the services app: organisation, catalogue and the Case spine."""

from .cases import (
    Case,
    CaseDocument,
    CaseEvent,
    RegistrationCounter,
    Status,
    StatusChangeRefused,
    Suspension,
    status_door,
)
from .catalogue import DeadlineUnit, Procedure, RequiredDocument, Service
from .organisation import Department, Membership

__all__ = [
    "Case",
    "CaseDocument",
    "CaseEvent",
    "DeadlineUnit",
    "Department",
    "Membership",
    "Procedure",
    "RegistrationCounter",
    "RequiredDocument",
    "Service",
    "Status",
    "StatusChangeRefused",
    "Suspension",
    "status_door",
]
