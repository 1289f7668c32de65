"""The ISO documented information of the institution's procedures."""

from .caf import (
    AssessmentMember,
    CafCriterion,
    CafModel,
    CafSubcriterion,
    ConsensusScore,
    ImprovementArea,
    IndividualScore,
    ScoreEvidence,
    SelfAssessment,
)
from .distribution import Acknowledgement, Distribution, Purpose
from .improvement import Action, ActionEvidence, Nonconformity, NonconformityCause, QualityEvent
from .references import ExternalReference
from .reviews import Review, ReviewPolicy
from .settings import QualitySettings
from .versions import Component, ProcedureVersion, SignOff, Step

__all__ = [
    "SelfAssessment",
    "ScoreEvidence",
    "IndividualScore",
    "ImprovementArea",
    "ConsensusScore",
    "CafSubcriterion",
    "CafModel",
    "CafCriterion",
    "AssessmentMember",
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
