"""A small CAF model (criteria 1 and 2 enablers, 6 a result; sub-criteria 1.1, 1.2, 2.1, 6.1), an exercise built
straight with the models at any stage, its group's scores, consensus and areas, and improvement actions: the fixtures
of the plan and report tests (imported into those modules)."""

import datetime
import itertools

import pytest
from django.utils import timezone

from quality import roles
from quality.models import (
    Action,
    AssessmentMember,
    CafCriterion,
    CafModel,
    CafSubcriterion,
    ConsensusScore,
    ImprovementArea,
    IndividualScore,
    SelfAssessment,
)
from services import calendar
from tests.factories import DepartmentFactory, MembershipFactory, StaffFactory

Status = SelfAssessment.Status
Panel = SelfAssessment.Panel
CODES = ["1.1", "1.2", "2.1", "6.1"]
_numbers = itertools.count(1)


def make_model(edition="CAF test (plan)"):
    model = CafModel.objects.create(edition=edition)
    criteria = {
        1: ("enabler", "Conducere", "Leadership"),
        2: ("enabler", "Strategie și planificare", "Strategy and planning"),
        6: ("result", "Rezultate orientate către cetățeni", "Citizen-oriented results"),
    }
    made = {
        number: CafCriterion.objects.create(
            model=model, number=number, kind=kind, title=ro, title_hu=f"{number}. kritérium", title_en=en
        )
        for number, (kind, ro, en) in criteria.items()
    }
    for position, code in enumerate(CODES, start=1):
        CafSubcriterion.objects.create(
            criterion=made[int(code[0])],
            code=code,
            position=position,
            title=f"Subcriteriul {code}",
            title_hu=f"{code} alkritérium",
            title_en=f"Sub-criterion {code}",
            examples="-",
            examples_hu="-",
            examples_en="-",
        )
    return model


def sub(model, code):
    return CafSubcriterion.objects.get(criterion__model=model, code=code)


@pytest.fixture(name="caf_model")
def caf_model_fixture(db):
    return make_model()


@pytest.fixture(name="leader")
def leader_fixture(groups):
    """The exercise's leader, a quality manager (who opens actions)."""
    user = StaffFactory(first_name="Ioana", last_name="Conducătoare")
    user.groups.add(groups[roles.QUALITY_MANAGERS])
    return user


@pytest.fixture(name="department")
def department_fixture(db):
    return DepartmentFactory(code="urbanism", name="Direcția Urbanism", name_en="Urban Planning")


@pytest.fixture(name="clerk")
def clerk_fixture(department):
    return MembershipFactory(department=department, user=StaffFactory(first_name="Dan", last_name="Funcționar")).user


def exercise(model, leader, *, status=Status.PLAN, panel=Panel.CLASSICAL, previous=None, title="Autoevaluarea 2026"):
    today = calendar.today()
    return SelfAssessment.objects.create(
        model=model,
        title=title,
        panel=panel,
        panel_locked_at=timezone.now(),
        status=status,
        leader=leader,
        individual_deadline=today - datetime.timedelta(days=30),
        consensus_deadline=today - datetime.timedelta(days=10),
        consensus_held_on=today - datetime.timedelta(days=12),
        minutes="Ședința a fost condusă de Ioana Conducătoare.",
        previous=previous,
    )


def member(assessment, person, scores=None, *, submitted=True):
    """A member with their scores by code: a number, a 4-tuple of phases (fine-tuned), or None for "don't know"."""
    joined = AssessmentMember.objects.create(
        assessment=assessment, person=person, submitted_at=timezone.now() if submitted else None
    )
    for code, value in (scores or {}).items():
        fields = {}
        if value is None:
            fields["dont_know"] = True
        elif isinstance(value, tuple):
            fields.update(zip(("score_plan", "score_do", "score_check", "score_act"), value, strict=True))
        else:
            fields["score"] = value
        IndividualScore.objects.create(member=joined, subcriterion=sub(assessment.model, code), **fields)
    return joined


def agree(assessment, by, scores, **texts):
    """The consensus: a score (or 4-tuple of phases) per code."""
    for code, value in scores.items():
        fields = dict(texts)
        if isinstance(value, tuple):
            fields.update(zip(("score_plan", "score_do", "score_check", "score_act"), value, strict=True))
        else:
            fields["score"] = value
        ConsensusScore.objects.create(
            assessment=assessment, subcriterion=sub(assessment.model, code), recorded_by=by, **fields
        )


def area(assessment, code, text):
    return ImprovementArea.objects.create(assessment=assessment, subcriterion=sub(assessment.model, code), text=text)


def improvement_action(area_, department, *, impact=3, effort=3, due_in=30, status=Action.Status.PLANNED, **fields):
    """An improvement action written straight into the table (the plan reads them; opening is tested on its own)."""
    return Action.objects.create(
        number=f"AC-2099-{next(_numbers):04d}",
        origin=Action.Origin.SELF_ASSESSMENT,
        improvement_area=area_,
        title=fields.pop("title", f"Acțiune pentru {area_.subcriterion.code}"),
        department=department,
        due_date=calendar.today() + datetime.timedelta(days=due_in),
        impact=impact,
        effort=effort,
        status=status,
        **fields,
    )
