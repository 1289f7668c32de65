"""A paper request at the registry desk: the registry clerk registers it with a scanned document for a person
without an account and prints the receipt; the department's clerk finds it in the queue and answers; the answer is
in the general register as outgoing, answering the incoming number."""

import re

import pytest
from playwright.sync_api import expect

from services.lifecycle import Status
from services.models import Case, RegisterEntry
from services.roles import registry_group
from tests.factories import PDF, StaffFactory

from .conftest import axe_violations
from .test_clerk_journey import sign_in
from .test_permit_journey import context_in

pytestmark = pytest.mark.e2e


def test_a_paper_request_is_registered_at_the_desk_answered_and_registered_as_outgoing(
    browser, live_server, home_page, service, clerk
):
    registry_clerk = StaffFactory(email="registratura@primarie.ro", first_name="Maria", last_name="Registrator")
    registry_clerk.groups.add(registry_group())

    desk_context = context_in(browser, live_server, "en")
    desk = desk_context.new_page()
    sign_in(desk, registry_clerk.email, registry_clerk.totp_secret)
    desk.goto("/birou/registratura/")
    desk.locator("select[name=service]").select_option(str(service.pk))
    desk.locator("select[name=channel]").select_option("desk")
    desk.locator("input[name=subject]").fill("Certificat de atestare fiscală pentru vânzare")
    desk.locator("input[name=name]").fill("Ion Mureșan")
    desk.locator("input[name=address]").fill("str. Morii nr. 7, Exemplu")
    desk.locator("input[name=phone]").fill("0740 123 456")
    desk.locator("input[name=documents]").set_input_files(
        {"name": "cerere scanată.pdf", "mimeType": "application/pdf", "buffer": PDF}
    )
    assert axe_violations(desk) == []
    desk.locator("main form button[type=submit]").click()
    desk.wait_for_url(re.compile(r"/birou/registratura/[^/]+/$"))
    case = Case.objects.get()
    expect(desk.locator("main")).to_contain_text(case.registration_number)
    expect(desk.locator("main")).to_contain_text(case.access_code)
    assert axe_violations(desk) == []
    receipt = desk.request.get(f"/birou/registratura/{case.registration_number}/recipisa.pdf?format=narrow")
    assert receipt.status == 200 and receipt.body().startswith(b"%PDF")
    assert case.applicant is None and case.documents.get().original_name == "cerere scanată.pdf"

    # The department's clerk finds it in the queue and answers.
    clerk_context = context_in(browser, live_server, "en")
    page = clerk_context.new_page()
    sign_in(page, clerk.email, clerk.totp_secret)
    page.goto("/birou/")
    expect(page.locator("table")).to_contain_text(case.registration_number)
    page.goto(f"/birou/dosar/{case.registration_number}/")
    expect(page.locator("main")).to_contain_text("at the desk")
    page.locator("#action-resolve input[value=approved]").check()
    page.locator("#action-resolve textarea").fill("Certificatul se eliberează la ghișeu.")
    page.locator("#action-resolve button[type=submit]").click()
    expect(page.locator("#action-resolve")).to_have_count(0)
    case.refresh_from_db()
    assert case.status == Status.APPROVED

    # The answer is in the register as outgoing, answering the incoming number, and waits to be posted.
    outgoing = RegisterEntry.objects.get(direction="out")
    desk.goto("/birou/registru/?direction=out")
    row = desk.locator("table tbody tr").first
    expect(row).to_contain_text(outgoing.number)
    expect(row).to_contain_text(case.registration_number)
    assert axe_violations(desk) == []
    desk.goto("/birou/registratura/posta/")
    expect(desk.locator("main")).to_contain_text("str. Morii nr. 7")
    desk.locator(f"#entry-{outgoing.pk}").check()
    desk.locator("button[name=sent]").click()
    expect(desk.locator("main")).to_contain_text("No letter waits to be posted.")
    desk_context.close()
    clerk_context.close()
