"""The ISO documented information of the institution's procedures."""

from .distribution import Acknowledgement, Distribution, Purpose
from .improvement import Action, ActionEvidence, Nonconformity, NonconformityCause, QualityEvent
from .references import ExternalReference
from .reviews import Review, ReviewPolicy
from .settings import QualitySettings
from .versions import Component, ProcedureVersion, SignOff, Step

__all__ = [
    "Acknowledgement",
    "Action",
    "ActionEvidence",
    "Component",
    "Distribution",
    "ExternalReference",
    "Nonconformity",
    "NonconformityCause",
    "ProcedureVersion",
    "Purpose",
    "QualityEvent",
    "QualitySettings",
    "Review",
    "ReviewPolicy",
    "SignOff",
    "Step",
]
