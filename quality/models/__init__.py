"""The ISO documented information of the institution's procedures."""

from .distribution import Acknowledgement, Distribution, Purpose
from .references import ExternalReference
from .reviews import Review, ReviewPolicy
from .settings import QualitySettings
from .versions import Component, ProcedureVersion, SignOff, Step

__all__ = [
    "Acknowledgement",
    "Component",
    "Distribution",
    "ExternalReference",
    "ProcedureVersion",
    "Purpose",
    "QualitySettings",
    "Review",
    "ReviewPolicy",
    "SignOff",
    "Step",
]
