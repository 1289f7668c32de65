"""The people and things of the actions' tests: a department with its head, the person responsible and another
clerk; a clerk elsewhere; a CAF area for improvement; a nonconformity built straight with the model (imported into
test_actions and test_action_pages)."""

import datetime

import pytest
from django.utils import timezone

from quality import actions
from quality.models import (
    Action,
    CafCriterion,
    CafModel,
    CafSubcriterion,
    ImprovementArea,
    Nonconformity,
    SelfAssessment,
)
from services import calendar
from services.models import Membership
from tests.factories import DepartmentFactory, MembershipFactory, StaffFactory


@pytest.fixture(name="manager")
def manager_fixture(drafter):
    """The quality manager (the conftest's drafter is in the "Quality managers" group)."""
    return drafter


@pytest.fixture(name="team")
def team_fixture(db):
    """The owner department: its head, the person responsible (Hungarian-speaking) and another clerk; and a clerk of
    another department."""
    department = DepartmentFactory(code="urbanism", name="Direcția Urbanism", name_hu="Városrendezési Igazgatóság")
    head = StaffFactory(first_name="Cristina", last_name="Ionescu", preferred_language="ro")
    owner = StaffFactory(first_name="Attila", last_name="Nagy", preferred_language="hu")
    clerk = StaffFactory(first_name="Dan", last_name="Pop")
    MembershipFactory(department=department, user=head, role=Membership.Role.HEAD)
    MembershipFactory(department=department, user=owner)
    MembershipFactory(department=department, user=clerk)
    outsider = MembershipFactory(user=StaffFactory(first_name="Ilie", last_name="Străin")).user
    return {"department": department, "head": head, "owner": owner, "clerk": clerk, "outsider": outsider}


@pytest.fixture(name="area")
def area_fixture(manager):
    return make_area(manager)


def make_area(leader):
    """An area for improvement of a CAF exercise at its plan stage."""
    model = CafModel.objects.create(edition="CAF test (actions)")
    criterion = CafCriterion.objects.create(
        model=model, number=1, kind="enabler", title="Conducere", title_hu="1. kritérium", title_en="Leadership"
    )
    subcriterion = CafSubcriterion.objects.create(
        criterion=criterion,
        code="1.1",
        position=1,
        title="Subcriteriul 1.1",
        title_hu="1.1 alkritérium",
        title_en="Sub-criterion 1.1",
        examples="-",
        examples_hu="-",
        examples_en="-",
    )
    today = calendar.today()
    assessment = SelfAssessment.objects.create(
        model=model,
        title="Autoevaluarea 2026",
        panel=SelfAssessment.Panel.CLASSICAL,
        panel_locked_at=timezone.now(),
        status=SelfAssessment.Status.PLAN,
        leader=leader,
        individual_deadline=today - datetime.timedelta(days=30),
        consensus_deadline=today - datetime.timedelta(days=10),
    )
    return ImprovementArea.objects.create(
        assessment=assessment, subcriterion=subcriterion, text="Formularele nu sunt editabile."
    )


def in_days(n):
    return calendar.today() + datetime.timedelta(days=n)


def open_improvement(manager, team, area=None, **kwargs):
    """An improvement action of the team, from `area` (else the one area of the tests, made when first needed)."""
    values = {
        "origin": Action.Origin.SELF_ASSESSMENT,
        "improvement_area": area or ImprovementArea.objects.first() or make_area(manager),
        "title": "Publicarea formularelor editabile",
        "department": team["department"],
        "due_date": in_days(30),
        "by": manager,
        "owner": team["owner"],
    }
    values.update(kwargs)
    return actions.open_action(**values)


_numbers = iter(range(1, 10_000))


def nonconformity(department, status=Nonconformity.Status.ANALYSED):
    return Nonconformity.objects.create(
        number=f"NC-2026-{next(_numbers):04d}",
        source=Nonconformity.Source.COMPLAINT,
        status=status,
        department=department,
        detected_on=calendar.today(),
        description="Dosarul a fost pierdut.",
    )


def open_corrective(manager, team, nc, **kwargs):
    return actions.open_action(
        origin=Action.Origin.NONCONFORMITY,
        nonconformity=nc,
        title=kwargs.pop("title", "Verificarea dosarelor la primire"),
        department=kwargs.pop("department", team["department"]),
        due_date=kwargs.pop("due_date", in_days(30)),
        by=kwargs.pop("by", manager),
        owner=kwargs.pop("owner", team["owner"]),
        **kwargs,
    )
