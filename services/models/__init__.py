"""Models of the services app: organisation, catalogue and the Case spine."""

from .cases import (
    CLOSED_STATUSES,
    OPEN_STATUSES,
    RESOLVED_STATUSES,
    Case,
    CaseDocument,
    CaseEvent,
    RegistrationCounter,
    Status,
    Suspension,
)
from .catalogue import DeadlineUnit, Procedure, RequiredDocument, Service
from .organisation import Department, Membership

__all__ = [
    "CLOSED_STATUSES",
    "OPEN_STATUSES",
    "RESOLVED_STATUSES",
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
    "Suspension",
]
