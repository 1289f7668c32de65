"""Builders of the prioritisation tests: a secretary of the round, a method of three criteria (an evaluators' score,
a computed one, the citizens' support), eligible candidates, two evaluators, and a round driven step by step through
`investments.prioritisation.workflow` (never by writing rows the workflow would refuse).

Fixtures are imported by name (`secretary_fixture` gives `secretary`)."""

import datetime
from decimal import Decimal

import pytest
from django.contrib.auth.models import Group

from investments import roles
from investments.models import Criterion, Round, Stage
from investments.prioritisation import workflow
from services import calendar
from services.models import Membership
from tests.factories import StaffFactory, UserFactory
from tests.investments.factories import InvestmentFactory, StageFactory, staff_of

LEVELS = {
    0: ("Nu răspunde niciunei nevoi", "Semmilyen igényre nem felel", "Meets no need"),
    1: ("Răspunde marginal", "Csak érintőlegesen", "Marginal"),
    2: ("Răspunde parțial", "Részben", "Partial"),
    3: ("Răspunde unei nevoi reale", "Valós igényre felel", "Meets a real need"),
    4: ("Răspunde unei nevoi urgente", "Sürgős igényre felel", "Meets an urgent need"),
    5: ("Răspunde unei nevoi critice", "Kritikus igényre felel", "Meets a critical need"),
}


@pytest.fixture(name="secretary")
def secretary_fixture(db):
    """A member of "Secretariat prioritizare": runs the rounds."""
    user = StaffFactory(email="secretariat@primarie.ro", first_name="Sorina", last_name="Secretar")
    roles.ensure_groups()
    user.groups.add(Group.objects.get(name=roles.PRIORITISATION_SECRETARIAT))
    return type(user).objects.get(pk=user.pk)


@pytest.fixture(name="evaluators")
def evaluators_fixture(department):
    """Two evaluators: the head of a department and a clerk."""
    return [
        staff_of(
            department, Membership.Role.HEAD, email="evaluator1@primarie.ro", first_name="Elena", last_name="Unu"
        ),
        staff_of(department, Membership.Role.CLERK, email="evaluator2@primarie.ro", first_name="Dan", last_name="Doi"),
    ]


def voter(n=1):
    return UserFactory(email=f"cetatean{n}@example.ro", first_name="Cetățean", last_name=str(n))


def new_round(secretary, *, citizen=True, weight_method=Round.WeightMethod.DIRECT, envelope_bani=1_000_000_00):
    today = calendar.today()
    return workflow.create_round(
        secretary,
        year=today.year + 1,
        title=f"Prioritizarea investițiilor {today.year + 1}",
        title_hu=f"Beruházások rangsorolása {today.year + 1}",
        title_en=f"Investment prioritisation {today.year + 1}",
        envelope_bani=envelope_bani,
        weight_method=weight_method,
        votes_per_citizen=2,
        consultation_opens=today if citizen else None,
        consultation_closes=today + datetime.timedelta(days=14) if citizen else None,
    )


def add_method(secretary, round, *, citizen=True):
    """C1 need (evaluators, 50 or 60), C2 population served (computed, 30 or 40), C3 citizens' support (20)."""
    need = workflow.add_criterion(
        secretary,
        round,
        code="C1",
        name="Necesitate",
        name_hu="Szükségesség",
        name_en="Need",
        source=Criterion.Source.EXPERT,
        levels=LEVELS,
    )
    population = workflow.add_criterion(
        secretary,
        round,
        code="C2",
        name="Populația deservită",
        name_hu="Kiszolgált lakosság",
        name_en="Population served",
        source=Criterion.Source.COMPUTED,
        unit="locuitori",
    )
    criteria = [need, population]
    if citizen:
        criteria.append(
            workflow.add_criterion(
                secretary,
                round,
                code="C3",
                name="Sprijinul cetățenilor",
                name_hu="A lakosok támogatása",
                name_en="Citizens' support",
                source=Criterion.Source.CITIZEN,
            )
        )
    weights = [50, 30, 20] if citizen else [60, 40]
    if round.weight_method == Round.WeightMethod.DIRECT:
        workflow.set_weights(secretary, round, {c.pk: Decimal(w) for c, w in zip(criteria, weights, strict=True)})
    return criteria


def eligible_investment(department, **fields):
    investment = InvestmentFactory(department=department, **fields)
    StageFactory(investment=investment, kind=Stage.Kind.FEASIBILITY, done=True)
    return investment


def add_candidate(secretary, round, investment, cost_bani, **gate):
    fields = {
        "cost_bani": cost_bani,
        "competence": True,
        "competence_note": "Legea 273/2006, art. 44",
        "cofinancing_ensured": True,
        "cofinancing_note": "HCL nr. 10/2026",
    } | gate
    return workflow.add_candidate(secretary, round, investment, **fields)


def locked_round(secretary, department, evaluators, *, citizen=True, costs=(600_000_00, 500_000_00, 300_000_00)):
    """A locked round with its method, three eligible candidates (with their population served) and two
    evaluators. Returns (round, criteria, candidates)."""
    round = new_round(secretary, citizen=citizen)
    criteria = add_method(secretary, round, citizen=citizen)
    round = workflow.lock(secretary, round)
    candidates = []
    for n, cost in enumerate(costs, start=1):
        investment = eligible_investment(department, code=f"INV-P{n}", title=f"Proiect {n}")
        candidate = add_candidate(secretary, round, investment, cost)
        workflow.set_value(secretary, candidate, criteria[1], 1000 * n, "INS, recensământul 2021")
        candidates.append(candidate)
    for evaluator in evaluators:
        workflow.add_evaluator(secretary, round, evaluator)
    round.refresh_from_db()
    return round, criteria, candidates


def score_all(evaluator, candidates, need, values):
    """The evaluator scores each candidate on C1 (`values` in the candidates' order) and submits; 0 and 5 come
    justified."""
    for candidate, value in zip(candidates, values, strict=True):
        justification = "Justificare" if value in (0, 5) else ""
        workflow.save_scores(evaluator, candidate, {need.pk: (value, justification)})
        workflow.submit_sheet(evaluator, candidate)
