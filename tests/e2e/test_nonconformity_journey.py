"""A case runs late: its nonconformity appears in the register, the head of department records the cause, and the
quality manager opens a corrective action that changes the procedure."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from quality import nonconformities, workflow
from quality.models import Action, Nonconformity
from services import roles as service_roles
from services.calendar import clock_at
from services.models import Membership
from tests.factories import (
    CaseFactory,
    DepartmentFactory,
    MembershipFactory,
    ProcedureFactory,
    ServiceFactory,
    StaffFactory,
)

from .conftest import axe_violations
from .test_procedure_journey import person_page

pytestmark = pytest.mark.e2e

REGISTERED = datetime.date(2026, 3, 2)
TODAY = datetime.date(2026, 4, 20)  # 30 calendar days from 2 March end on 1 April: the case is late


def test_a_late_case_opens_a_nonconformity_the_head_finds_its_cause_and_a_corrective_action_follows(
    transactional_db, browser, live_server
):
    department = DepartmentFactory(code="urbanism", name="Direcția Urbanism", name_en="Urban Planning Department")
    procedure = ProcedureFactory(
        code="PO-DUAT-02",
        title="Emiterea certificatului de urbanism",
        owner_department=department,
        deadline_days=30,
    )
    workflow.record_current_version(procedure)
    service = ServiceFactory(procedure=procedure, title="Certificat de urbanism", title_en="Urbanism certificate")
    head = MembershipFactory(
        department=department,
        user=StaffFactory(first_name="Gheorghe", last_name="Moldovan"),
        role=Membership.Role.HEAD,
    ).user
    manager = StaffFactory(first_name="Maria", last_name="Constantinescu")
    manager.groups.add(service_roles.ensure_groups())
    at = timezone.make_aware(datetime.datetime.combine(REGISTERED, datetime.time(9, 0)))
    with clock_at(REGISTERED):
        case = CaseFactory(service=service, applicant=None, applicant_name="Ion Pop", registered_at=at, notify=False)
    nonconformities.default_causes()

    # The daily detection finds the case open past its due date.
    with clock_at(TODAY):
        [opened] = nonconformities.detect(TODAY)
    assert opened.case == case and opened.source == Nonconformity.Source.OVERDUE

    # The head of department finds it in the register and records the cause and the correction.
    page = person_page(browser, live_server, head)
    page.goto("/birou/calitate/neconformitati/")
    page.get_by_role("link", name=opened.number).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(opened.number)
    expect(page.locator("main")).to_contain_text(case.registration_number)
    analysis = page.locator("#step-analyse")
    analysis.get_by_label("Cause", exact=True).select_option(label="Insufficient staff")
    analysis.get_by_label("The cause in detail").fill("Referentul a fost în concediu; dosarul nu a fost preluat.")
    analysis.get_by_label("Correction made").fill("Dosarul a fost repartizat altui referent.")
    analysis.get_by_role("button", name="Record the analysis").click()
    expect(page.locator("main")).to_contain_text("waiting for the quality manager's decision")
    assert axe_violations(page) == []
    page.context.close()

    # The quality manager decides that a corrective action is needed: the procedure must name a stand-in.
    page = person_page(browser, live_server, manager)
    page.goto(f"/birou/calitate/neconformitati/{opened.number}/")
    decision = page.locator("#step-decide")
    decision.get_by_label("Yes").check()
    decision.get_by_label("Reason for the decision").fill("Întârzierile se repetă în concedii.")
    decision.get_by_label("Corrective action (optional)").fill("Procedura numește înlocuitorul referentului absent")
    decision.get_by_label("Person responsible (optional)").select_option(label="Gheorghe Moldovan")
    decision.get_by_label("Due date (optional)").fill((timezone.localdate() + datetime.timedelta(days=45)).isoformat())
    decision.get_by_label("Procedure it changes (optional)").select_option(label="PO-DUAT-02")
    decision.get_by_role("button", name="Record the decision").click()
    expect(page.locator("main")).to_contain_text("corrective action under way")

    action = Action.objects.get(nonconformity=opened)
    assert action.procedure == procedure and action.owner == head
    page.get_by_role("link", name=action.number, exact=False).first.click()
    expect(page.locator("main")).to_contain_text("PO-DUAT-02")
    expect(page.locator("main")).to_contain_text("Gheorghe Moldovan")
    assert axe_violations(page) == []
