"""A small CAF model (two enablers, one result criterion, four sub-criteria), its people, and an exercise at each stage:
the fixtures the CAF workflow and page tests share (imported into those modules)."""

import datetime

import pytest

from quality import caf
from quality.models import CafCriterion, CafModel, CafSubcriterion, SelfAssessment
from services import calendar
from services import roles as service_roles
from tests.factories import StaffFactory

Panel = SelfAssessment.Panel
Status = SelfAssessment.Status
CODES = ["1.1", "1.2", "2.1", "6.1"]


def deadlines():
    today = calendar.today()
    return today + datetime.timedelta(days=14), today + datetime.timedelta(days=30)


@pytest.fixture(name="caf_model")
def caf_model_fixture(db):
    model = CafModel.objects.create(edition="CAF 2020 (test)")
    criteria = {
        1: ("enabler", "Conducere", "Vezetés", "Leadership"),
        2: ("enabler", "Strategie și planificare", "Stratégia és tervezés", "Strategy and planning"),
        6: ("result", "Rezultate orientate către cetățeni", "Ügyfélközpontú eredmények", "Citizen-oriented results"),
    }
    made = {
        number: CafCriterion.objects.create(model=model, number=number, kind=kind, title=ro, title_hu=hu, title_en=en)
        for number, (kind, ro, hu, en) in criteria.items()
    }
    for position, code in enumerate(CODES, start=1):
        CafSubcriterion.objects.create(
            criterion=made[int(code[0])],
            code=code,
            position=position,
            title=f"Subcriteriul {code}",
            title_hu=f"{code} alkritérium",
            title_en=f"Sub-criterion {code}",
            examples=f"Exemplu unu {code}\nExemplu doi {code}",
            examples_hu=f"Első példa {code}\nMásodik példa {code}",
            examples_en=f"First example {code}\n\nSecond example {code}",
        )
    return model


def subcriterion(model, code):
    return CafSubcriterion.objects.select_related("criterion").get(criterion__model=model, code=code)


@pytest.fixture(name="quality_manager")
def quality_manager_fixture(db):
    user = StaffFactory(first_name="Ioana", last_name="Calitate")
    user.groups.add(service_roles.ensure_groups())
    return user


@pytest.fixture(name="members")
def members_fixture(db):
    return [
        StaffFactory(first_name=first, last_name=last)
        for first, last in (("Ana", "Membru"), ("Béla", "Tag"), ("Corina", "Evaluator"))
    ]


def open_exercise(leader, model, panel=Panel.CLASSICAL):
    individual, consensus = deadlines()
    return caf.create_exercise(
        by=leader,
        title="Autoevaluarea CAF 2026",
        model=model,
        department=None,
        panel=panel,
        individual_deadline=individual,
        consensus_deadline=consensus,
    )


def started(leader, model, people, panel=Panel.CLASSICAL):
    exercise = open_exercise(leader, model, panel)
    caf.set_members(exercise, by=leader, people=people)
    return caf.start_individual_work(exercise, by=leader)


def member_of(exercise, person):
    return exercise.members.get(person=person)


def answer_all(exercise, person, scores, **texts):
    """The person answers every sub-criterion: `scores` by code — a number, a 4-tuple of phases, or None (don't
    know) — and submits."""
    member = member_of(exercise, person)
    model = exercise.model
    for code in CODES:
        value = scores[code]
        kwargs = dict(texts)
        if value is None:
            kwargs["dont_know"] = True
        elif isinstance(value, tuple):
            kwargs.update(zip(("plan", "do", "check", "act"), value, strict=True))
        else:
            kwargs["score"] = value
        caf.save_individual(member, subcriterion(model, code), by=person, **kwargs)
    return caf.submit(member, by=person)


@pytest.fixture(name="classical")
def classical_fixture(quality_manager, caf_model, members):
    """A classical exercise in individual work, with three members."""
    return started(quality_manager, caf_model, members)


@pytest.fixture(name="fine_tuned")
def fine_tuned_fixture(quality_manager, caf_model, members):
    return started(quality_manager, caf_model, members, Panel.FINE_TUNED)
