"""A CAF self-assessment from start to plan (issue #19): the quality manager opens it and names a group of three, each
member scores alone without seeing the others, the leader holds the consensus, and an action opened from an area for
improvement changes a procedure."""

import datetime
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from quality.models import Action, CafCriterion, CafModel, CafSubcriterion, SelfAssessment
from services import roles as service_roles
from tests.factories import DepartmentFactory, MembershipFactory, ProcedureFactory, StaffFactory

from .conftest import axe_violations
from .test_procedure_journey import person_page

pytestmark = pytest.mark.e2e

EDITION = "CAF 2020 (journey)"
CODES = ["1.1", "1.2", "2.1", "6.1"]
# Each member's scores: 1.1 is where they disagree (a spread of 70, flagged for discussion).
SCORES = {
    "Ana": {"1.1": 20, "1.2": 50, "2.1": 45, "6.1": 60},
    "Béla": {"1.1": 60, "1.2": 55, "2.1": 50, "6.1": 65},
    "Corina": {"1.1": 90, "1.2": 60, "2.1": 55, "6.1": 70},
}
ANA_STRENGTH = "Primarul prezintă lunar viziunea în ședința operativă."
AGREED_AREA = "Procedura PO-CAL-01 nu prevede analiza riscurilor."


def small_caf_model():
    """Two enablers and one result criterion with four sub-criteria, like tests/quality/caf_helpers.py's fixture
    (which needs `db`, while a browser journey needs `transactional_db`)."""
    model = CafModel.objects.create(edition=EDITION)
    criteria = {
        1: ("enabler", "Conducere", "Leadership"),
        2: ("enabler", "Strategie și planificare", "Strategy and planning"),
        6: ("result", "Rezultate orientate către cetățeni", "Citizen-oriented results"),
    }
    made = {
        number: CafCriterion.objects.create(model=model, number=number, kind=kind, title=ro, title_en=en)
        for number, (kind, ro, en) in criteria.items()
    }
    for position, code in enumerate(CODES, start=1):
        CafSubcriterion.objects.create(
            criterion=made[int(code[0])],
            code=code,
            position=position,
            title=f"Subcriteriul {code}",
            title_en=f"Sub-criterion {code}",
            examples=f"Exemplu {code}",
            examples_en=f"Example {code}",
        )
    return model


def score_everything(page, exercise, first_name):
    """The member answers every sub-criterion on its own page, moving on with "Save and go to the next"."""
    page.goto(f"/birou/calitate/caf/{exercise.pk}/")
    page.locator("#progress").get_by_role("link", name=CODES[0], exact=True).click()
    for code in CODES:
        expect(page.get_by_role("heading", level=1)).to_contain_text(code)
        form = page.locator("#individual-form")
        form.locator("[name=score]").fill(str(SCORES[first_name][code]))
        strength = ANA_STRENGTH if (first_name, code) == ("Ana", "1.1") else f"{first_name}: un punct tare la {code}."
        form.locator("[name=strengths]").fill(strength)
        form.locator("[name=areas]").fill(f"{first_name}: de îmbunătățit la {code}.")
        last = code == CODES[-1]
        form.get_by_role("button", name="Save" if last else "Save and go to the next", exact=True).click()
        expect(page.locator("body")).to_contain_text(f"Your assessment of {code} was saved.")
    page.get_by_role("link", name="Back to my assessment").click()
    expect(page.locator("main")).to_contain_text(f"You have answered {len(CODES)} of {len(CODES)} sub-criteria.")


def submit_assessment(page):
    page.get_by_role("button", name="Submit my assessment").click()
    expect(page.locator("main")).to_contain_text("You submitted your assessment on")


def test_three_members_score_the_leader_holds_the_consensus_and_an_action_changes_a_procedure(
    transactional_db, browser, live_server
):
    model = small_caf_model()
    department = DepartmentFactory(code="calitate", name="Compartimentul Calitate", name_en="Quality Office")
    procedure = ProcedureFactory(code="PO-CAL-01", title="Auditul intern", owner_department=department)
    leader = StaffFactory(first_name="Ioana", last_name="Calitate")
    leader.groups.add(service_roles.ensure_groups())
    ana = StaffFactory(first_name="Ana", last_name="Membru")
    bela = StaffFactory(first_name="Béla", last_name="Tag")
    corina = MembershipFactory(
        department=department, user=StaffFactory(first_name="Corina", last_name="Evaluator")
    ).user
    today = timezone.localdate()

    # The quality manager opens the exercise, names the group and the classical panel, and starts individual work.
    # (Her page stays open to the end: a second sign-in within the same 30 seconds would reuse the one-time code.)
    leader_page = page = person_page(browser, live_server, leader)
    page.goto("/birou/calitate/caf/")
    page.get_by_role("link", name="Open a self-assessment").click()
    page.get_by_label("Title", exact=True).fill("Autoevaluarea CAF 2026")
    page.get_by_label("CAF edition", exact=True).select_option(label=EDITION)
    page.get_by_label("Individual assessments due", exact=True).fill((today + datetime.timedelta(days=14)).isoformat())
    page.get_by_label("Consensus due", exact=True).fill((today + datetime.timedelta(days=30)).isoformat())
    page.get_by_label("classical (one score per sub-criterion)").check()
    page.get_by_role("button", name="Open the self-assessment").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Group and scoring panel")
    exercise = SelfAssessment.objects.get(title="Autoevaluarea CAF 2026")
    assert exercise.leader == leader and exercise.model == model
    for person in (ana, bela, corina):
        page.get_by_label(person.display_name, exact=True).check()
    expect(page.get_by_label("classical (one score per sub-criterion)")).to_be_checked()
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator("#members")).to_contain_text("Corina Evaluator")
    page.get_by_role("button", name="Start individual work").click()
    expect(page.locator("#exercise-summary")).to_contain_text("individual assessment")
    exercise.refresh_from_db()
    assert exercise.status == SelfAssessment.Status.INDIVIDUAL and exercise.panel == SelfAssessment.Panel.CLASSICAL

    # Ana scores every sub-criterion and submits.
    page = person_page(browser, live_server, ana)
    score_everything(page, exercise, "Ana")
    submit_assessment(page)
    page.context.close()

    # Béla scores too; before he submits, nothing of Ana's work reaches him — not on the sub-criterion's page, not on
    # the exercise's, and the consensus table is closed to him.
    page = person_page(browser, live_server, bela)
    score_everything(page, exercise, "Béla")
    expect(page.locator("main")).not_to_contain_text(ANA_STRENGTH)
    page.goto(f"/birou/calitate/caf/{exercise.pk}/evaluare/1.1/")
    expect(page.locator("#others")).to_have_count(0)
    expect(page.locator("body")).not_to_contain_text(ANA_STRENGTH)
    response = page.goto(f"/birou/calitate/caf/{exercise.pk}/consens/")
    assert response.status == 403
    expect(page.locator("body")).not_to_contain_text(ANA_STRENGTH)
    # Once he has submitted, he reads what the others submitted.
    page.goto(f"/birou/calitate/caf/{exercise.pk}/")
    submit_assessment(page)
    page.goto(f"/birou/calitate/caf/{exercise.pk}/evaluare/1.1/")
    expect(page.locator("#others-table")).to_contain_text(ANA_STRENGTH)
    page.context.close()

    page = person_page(browser, live_server, corina)
    score_everything(page, exercise, "Corina")
    submit_assessment(page)
    page.context.close()

    # The leader starts the consensus: the three scores of 1.1 and their spread, flagged for discussion.
    page = leader_page
    page.goto(f"/birou/calitate/caf/{exercise.pk}/")
    expect(page.locator("#members")).not_to_contain_text("not submitted yet")
    page.get_by_role("button", name="Start the consensus").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Consensus")
    expect(page.locator("main")).to_contain_text("3 of 3 members submitted.")
    row = page.locator("#scores-1 tbody tr", has_text="1.1")
    expect(row.locator("td").last).to_have_text("—")
    headers = page.locator("#scores-1 thead th").all_inner_texts()[1:]
    figures = dict(zip(headers, row.locator("td").all_inner_texts(), strict=True))
    # (Compared as numbers: the table prints 20 as "20.0" today.)
    assert {name: float(figures[name]) for name in ("Ana Membru", "Béla Tag", "Corina Evaluator", "Median")} == {
        "Ana Membru": 20,
        "Béla Tag": 60,
        "Corina Evaluator": 90,
        "Median": 60,
    }
    spread, flag = figures["Spread"].split()
    assert float(spread) == 70 and flag == "discuss"
    expect(page.locator("section[id='sub-1.1']")).to_contain_text("wide spread: discuss")
    expect(page.locator("section[id='sub-1.2']")).not_to_contain_text("wide spread")
    expect(page.locator("section[id='sub-1.1']")).to_contain_text(ANA_STRENGTH)

    # She records the agreed score of every sub-criterion, with its rationale and one area for improvement.
    for agreed, code in zip((55, 55, 50, 65), CODES, strict=True):
        section = page.locator(f"section[id='sub-{code}']")
        section.locator(f"[name='{code}-score']").fill(str(agreed))
        section.locator(f"[name='{code}-rationale']").fill(f"Grupul a discutat dovezile pentru {code}.")
        area = AGREED_AREA if code == "1.1" else f"De îmbunătățit la {code}."
        section.locator(f"[name='{code}-areas']").fill(area)
        section.get_by_role("button", name=f"Record the consensus — {code}").click()
        expect(page.locator("body")).to_contain_text(f"The consensus on {code} was recorded.")
    expect(page.locator("#totals")).to_contain_text(f"{len(CODES)} / {len(CODES)}")
    expect(row.locator("td").last).to_have_text(re.compile(r"^55(\.0)?$"))
    assert axe_violations(page) == []

    # The minutes of the meeting, then the end of the consensus.
    page.get_by_role("link", name="Write the minutes of the meeting").click()
    expect(page.get_by_label("Meeting held on", exact=True)).to_have_value(today.isoformat())
    page.get_by_label("Minutes", exact=True).fill("Au participat Ana Membru, Béla Tag și Corina Evaluator.")
    page.get_by_role("button", name="Save the minutes").click()
    expect(page.locator("#exercise-summary")).to_contain_text("Consensus meeting held on")
    page.get_by_role("link", name="Consensus table").click()
    page.get_by_role("button", name="Finish the consensus").click()
    expect(page.locator("body")).to_contain_text("The consensus is finished")
    expect(page.locator("#exercise-summary")).to_contain_text("improvement plan")

    # The plan: an action from the area of 1.1, carried by Corina's department, that changes PO-CAL-01.
    page.get_by_role("link", name="Improvement plan").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Improvement plan")
    area_section = page.locator("section[id^='area-']", has_text=AGREED_AREA)
    area_section.get_by_role("link", name="Open an action for this area").click()
    form = page.locator("#open-action form")
    expect(form.locator("[name=area] option:checked")).to_contain_text(AGREED_AREA)
    form.locator("[name=title]").fill("Procedura PO-CAL-01 include analiza riscurilor")
    form.locator("[name=department]").select_option(label="Quality Office")
    form.locator("[name=owner]").select_option(label="Corina Evaluator")
    form.locator("[name=due_date]").fill((today + datetime.timedelta(days=60)).isoformat())
    procedure_choice = form.locator("[name=procedure] option", has_text="PO-CAL-01").get_attribute("value")
    form.locator("[name=procedure]").select_option(value=procedure_choice)
    form.get_by_role("button", name="Open the action").click()

    action = Action.objects.get(improvement_area__assessment=exercise)
    expect(page.locator("body")).to_contain_text(f"Action {action.number} was opened.")
    assert action.procedure == procedure
    assert action.origin == Action.Origin.SELF_ASSESSMENT
    assert action.improvement_area.text == AGREED_AREA
    assert action.department == department and action.owner == corina
    planned = page.locator("section[id^='area-']", has_text=AGREED_AREA)
    expect(planned.locator("table")).to_contain_text("PO-CAL-01")
    assert axe_violations(page) == []

    planned.get_by_role("link", name=action.number).click()
    expect(page).to_have_url(re.compile(f"/birou/calitate/actiuni/{action.number}/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(action.title)
    expect(page.locator("main")).to_contain_text("PO-CAL-01")
    leader_page.context.close()
