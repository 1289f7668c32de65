"""A new revision of a procedure goes from the clerk's draft to the staff's acknowledgements, in the back office."""

import re

import pytest
from django.contrib.auth.models import Permission
from playwright.sync_api import expect

from quality import distribution, roles, workflow
from quality.models import Acknowledgement, ProcedureVersion
from services.models import Membership
from tests.factories import PDF, DepartmentFactory, MembershipFactory, ProcedureFactory, StaffFactory

from .conftest import axe_violations
from .test_clerk_journey import sign_in

pytestmark = pytest.mark.e2e


def person_page(browser, live_server, user):
    context = browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 900})
    context.set_default_timeout(15_000)
    context.add_cookies([{"name": "django_language", "value": "en", "url": live_server.url}])
    page = context.new_page()
    sign_in(page, user.email, user.totp_secret)
    return page


def test_a_revision_is_drafted_verified_approved_into_force_and_acknowledged(transactional_db, browser, live_server):
    groups = roles.ensure_groups()
    department = DepartmentFactory(code="urbanism", name="Direcția Urbanism", name_en="Urban Planning Department")
    procedure = ProcedureFactory(
        code="PO-DUAT-02", title="Emiterea certificatului de urbanism", owner_department=department
    )
    clerk = MembershipFactory(department=department, user=StaffFactory(first_name="Ioana", last_name="Referent")).user
    clerk.user_permissions.add(Permission.objects.get(codename="draft_procedureversion"))
    manager = StaffFactory(first_name="Maria", last_name="Calitate")
    manager.groups.add(groups[roles.QUALITY_MANAGERS])
    mayor = StaffFactory(first_name="Elena", last_name="Primar")
    mayor.groups.add(groups[roles.INSTITUTION_HEAD])
    readers = [
        MembershipFactory(
            department=DepartmentFactory(code="stare-civila", name="Serviciul Stare Civilă"),
            user=StaffFactory(first_name=first, last_name=last),
            role=Membership.Role.CLERK,
        ).user
        for first, last in (("Ana", "Pop"), ("Béla", "Kovács"), ("Radu", "Ionescu"))
    ]
    current = workflow.record_current_version(procedure)
    distribution.distribute(current, by=manager, department=readers[0].memberships.get().department)

    # The clerk drafts the next revision, with its PDF, and sends it for verification.
    page = person_page(browser, live_server, clerk)
    page.goto(f"/birou/proceduri/{procedure.code}/")
    start = page.locator("#action-start")
    start.get_by_label("Component changed").select_option("description")
    start.get_by_label("What changed and how").fill("Pasul 4: verificarea documentației se face în 5 zile.")
    start.get_by_label("The procedure (PDF)").set_input_files(
        {"name": "procedura.pdf", "mimeType": "application/pdf", "buffer": PDF}
    )
    start.get_by_label("Your function").fill("Referent de specialitate")
    start.get_by_role("button", name="Draft the new version").click()
    expect(page.locator("#in-progress")).to_contain_text("edition 1, revision 1")
    assert axe_violations(page) == []
    page.locator("#action-submit").get_by_role("button", name="Send for verification").click()
    expect(page.locator("#in-progress")).to_contain_text("in verification")
    page.context.close()

    # The quality manager verifies it (and stays signed in: a second sign-in within the same 30 seconds would offer
    # the same one-time code, which allauth rightly refuses).
    manager_page = page = person_page(browser, live_server, manager)
    page.goto("/birou/proceduri/")
    expect(page.locator("table tbody tr")).to_contain_text("in verification")
    page.get_by_role("link", name=procedure.code).click()
    verify = page.locator("#action-verify")
    verify.get_by_label("Your function").fill("Responsabil cu managementul calității")
    verify.get_by_role("button", name="Verify").click()
    expect(page.locator("#in-progress")).to_contain_text("in approval")

    # The mayor approves it with today's date (the form's default): it is in force at once.
    page = person_page(browser, live_server, mayor)
    page.goto(f"/birou/proceduri/{procedure.code}/")
    approve = page.locator("#action-approve")
    approve.get_by_label("Your function").fill("Primar")
    approve.get_by_role("button", name="Approve").click()
    expect(page.locator("#in-force")).to_contain_text("edition 1, revision 1")
    expect(page.locator("#in-progress")).to_have_count(0)
    version = ProcedureVersion.objects.get(procedure=procedure, status=ProcedureVersion.Status.EFFECTIVE)
    assert version.revision == 1
    page.context.close()

    # Two of the three people of the department on the distribution list open it and acknowledge it.
    for reader in readers[:2]:
        page = person_page(browser, live_server, reader)
        page.goto("/birou/proceduri/de-citit/")
        button = page.get_by_role("button", name=re.compile("I have read and understood it"))
        expect(button).to_be_disabled()
        href = page.get_by_role("link", name=re.compile(f"Open {procedure.code}")).get_attribute("href")
        document = page.context.request.get(href)
        assert document.ok and document.body().startswith(b"%PDF")
        page.reload()
        page.get_by_role("button", name=re.compile("I have read and understood it")).click()
        expect(page.locator("#acknowledged-list")).to_contain_text(procedure.code)
        page.context.close()
    assert Acknowledgement.objects.filter(version=version, acknowledged_at__isnull=False).count() == 2

    # The matrix shows who has not.
    page = manager_page
    page.goto(f"/birou/proceduri/{procedure.code}/")
    matrix = page.locator("#acknowledgement-matrix")
    expect(matrix.locator("thead th").nth(1)).to_have_text("edition 1, revision 1")  # the version in force first

    def in_force_cell(name):
        return matrix.locator("tr", has_text=name).locator("td").first

    expect(in_force_cell("Radu Ionescu")).to_have_text("not yet")
    expect(in_force_cell("Ana Pop")).not_to_have_text("not yet")
    expect(in_force_cell("Béla Kovács")).not_to_have_text("not yet")
    assert axe_violations(page) == []
    page.context.close()
