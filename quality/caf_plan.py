"""The CAF improvement plan: actions opened from the consensus's areas for improvement, and how far they have got.

The plan is not a second action system: an improvement action is an `Action` of origin "self-assessment" tied to its
`ImprovementArea`, and lives the same life as a corrective action (quality.actions: started, evidenced, closed with
evidence, reminded when overdue). This module adds what belongs to the exercise: who may open an action from one of
its areas and when, and the plan read back by area, highest priority first.
"""

from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Prefetch
from django.utils.translation import gettext as _

from services import calendar

from . import actions, selectors
from .indicators import CATALOGUE
from .models import Action, ImprovementArea, SelfAssessment
from .workflow import TransitionRefused

# An exercise's plan is drawn up once the consensus is reached, and kept up after the exercise is closed (its actions
# run for months after the report is out).
PLAN_STATUSES = (SelfAssessment.Status.PLAN, SelfAssessment.Status.CLOSED)


def may_lead(user, assessment: SelfAssessment) -> bool:
    """The exercise's leader and the quality managers: they open the plan's actions and read the report."""
    if not selectors.is_staff(user):
        return False
    return assessment.leader_id == user.pk or selectors.is_quality_manager(user)


@transaction.atomic
def open_improvement_action(
    area: ImprovementArea,
    *,
    by,
    title,
    department,
    due_date,
    owner=None,
    description="",
    impact=3,
    effort=3,
    procedure=None,
    indicator="",
) -> Action:
    """An improvement action opened from an area for improvement of the consensus, through the one door every action
    goes through (its number, its checks and its first `QualityEvent` are `actions.open_action`'s)."""
    # The exercise's row lock keeps its status still while the action is opened from it.
    assessment = SelfAssessment.objects.select_for_update().get(pk=area.assessment_id)
    if not may_lead(by, assessment):
        raise PermissionDenied(_("Only the exercise's leader or a quality manager opens actions of its plan."))
    if assessment.status not in PLAN_STATUSES:
        raise TransitionRefused(
            _("The exercise is at the stage “%(status)s”: actions are opened once the consensus is reached.")
            % {"status": assessment.get_status_display()}
        )
    return actions.open_action(
        origin=Action.Origin.SELF_ASSESSMENT,
        improvement_area=area,
        title=title,
        department=department,
        due_date=due_date,
        by=by,
        description=description,
        owner=owner,
        impact=impact,
        effort=effort,
        procedure=procedure,
        indicator=indicator,
    )


@dataclass(frozen=True)
class PlannedAction:
    action: Action
    overdue: bool

    @property
    def priority(self) -> int:
        return self.action.priority

    @property
    def indicator_label(self) -> str:
        return str(CATALOGUE.get(self.action.indicator, self.action.indicator))


@dataclass(frozen=True)
class PlanArea:
    area: ImprovementArea
    actions: list[PlannedAction] = field(default_factory=list)

    @property
    def priority(self) -> int:
        """The area weighs what its most urgent live action weighs; cancelled actions count for nothing."""
        live = [p.priority for p in self.actions if p.action.status != Action.Status.CANCELLED]
        return max(live, default=0)


def _actions_of_plan():
    return Action.objects.select_related("department", "owner", "procedure", "procedure_version__procedure")


def plan(assessment: SelfAssessment) -> list[PlanArea]:
    """The exercise's areas for improvement with their actions, highest priority first (impact × ease of the area's
    weightiest action); areas with no action yet come last, in the framework's order, so none is forgotten."""
    today = calendar.today()
    areas = (
        ImprovementArea.objects.filter(assessment=assessment)
        .select_related("subcriterion__criterion")
        .prefetch_related(Prefetch("actions", queryset=_actions_of_plan()))
    )
    rows = []
    for area in areas:
        planned = [PlannedAction(action=a, overdue=a.is_open and a.due_date < today) for a in area.actions.all()]
        planned.sort(key=lambda p: (-p.priority, p.action.due_date, p.action.pk))
        rows.append(PlanArea(area=area, actions=planned))
    rows.sort(key=lambda row: (-row.priority, row.area.subcriterion.position, row.area.pk))
    return rows


@dataclass(frozen=True)
class PlanProgress:
    areas: int
    areas_with_actions: int
    actions: int
    open: int
    closed: int
    cancelled: int
    overdue: int

    @property
    def closed_share(self) -> float | None:
        """Closed among the actions not cancelled, 0–1; None while there is none."""
        counted = self.actions - self.cancelled
        return self.closed / counted if counted else None


def plan_progress(assessment: SelfAssessment) -> PlanProgress:
    """How far the plan has got: its actions open, closed (with evidence), cancelled and overdue."""
    today = calendar.today()
    statuses = list(
        Action.objects.filter(improvement_area__assessment=assessment).values_list(
            "status", "due_date", "improvement_area_id"
        )
    )
    open_statuses = set(Action.OPEN_STATUSES)
    return PlanProgress(
        areas=ImprovementArea.objects.filter(assessment=assessment).count(),
        areas_with_actions=len({area for _s, _d, area in statuses}),
        actions=len(statuses),
        open=sum(1 for status, _d, _a in statuses if status in open_statuses),
        closed=sum(1 for status, _d, _a in statuses if status == Action.Status.CLOSED),
        cancelled=sum(1 for status, _d, _a in statuses if status == Action.Status.CANCELLED),
        overdue=sum(1 for status, due, _a in statuses if status in open_statuses and due < today),
    )
