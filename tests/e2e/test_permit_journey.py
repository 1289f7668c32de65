"""A citizen applies for an urbanism certificate with her documents, leaves and resumes the draft, submits it; the
clerk asks for the missing plans, the citizen completes the file, the clerk issues the certificate with its PDF and
the citizen downloads it."""

import re

import pytest
from playwright.sync_api import expect

from services.lifecycle import Status
from services.models import Case
from services.permits.models import Decision, Draft
from tests.factories import PDF, RequiredDocumentFactory, ServiceFactory, make_pdf

from .conftest import axe_violations
from .test_clerk_journey import sign_in

pytestmark = pytest.mark.e2e

ISSUED = make_pdf()


def pdf(name, content=PDF):
    return {"name": name, "mimeType": "application/pdf", "buffer": content}


@pytest.fixture
def permit(procedure):
    service = ServiceFactory(
        kind="permit",
        slug="certificat-de-urbanism",
        title="Certificat de urbanism",
        title_hu="Urbanisztikai bizonyítvány",
        title_en="Urbanism certificate",
        procedure=procedure,
    )
    extract = RequiredDocumentFactory(service=service, name="Extras de carte funciară", name_en="Land-book extract")
    plans = RequiredDocumentFactory(
        service=service, name="Planuri", name_en="Site plans", mandatory=False, max_files=3, sort_order=1
    )
    return service, extract, plans


def context_in(browser, live_server, language, width=1280):
    context = browser.new_context(base_url=live_server.url, viewport={"width": width, "height": 900})
    context.set_default_timeout(15_000)
    context.add_cookies([{"name": "django_language", "value": language, "url": live_server.url}])
    return context


def test_apply_leave_resume_submit_complete_and_download_the_issued_certificate(
    browser, live_server, home_page, permit, citizen, clerk
):
    service, extract, plans = permit
    citizen_context = context_in(browser, live_server, "ro", width=390)
    page = citizen_context.new_page()
    sign_in(page, citizen.email)

    # The first step, from "New request", on a phone.
    page.goto("/cerere-noua/")
    page.get_by_role("link", name="Certificat de urbanism").click()
    page.locator("input[name=property_address]").fill("str. Florilor nr. 3, Miercurea Ciuc")
    page.locator("input[name=cadastral_number]").fill("50123-C1")
    page.locator("input[name=land_book_number]").fill("50123")
    page.locator("input[name=subject]").fill("Construire locuință P+1")
    page.locator("textarea[name=purpose]").fill("Locuință unifamilială P+1, 120 mp.")
    assert axe_violations(page) == []
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(re.compile(r"/documente/$"))
    assert page.evaluate("document.documentElement.scrollWidth") <= 390

    # One file uploaded (with the progress bar's script on), then she leaves.
    page.locator(f"input[name=document_{extract.pk}]").set_input_files(pdf("extras CF.pdf"))
    page.locator("button[name=upload]").click()
    expect(page.locator("main")).to_contain_text("extras CF.pdf")
    assert axe_violations(page) == []
    page.goto("/")

    # She comes back from "My cases": the draft resumes where she left it, with the file.
    page.goto("/dosarele-mele/")
    page.get_by_role("link", name="Construire locuință P+1", exact=True).click()
    page.wait_for_url(re.compile(r"/documente/$"))
    expect(page.locator("main")).to_contain_text("extras CF.pdf")
    page.locator(f"input[name=document_{plans.pk}]").set_input_files(
        [pdf("plan de situație.pdf"), pdf("plan de încadrare.pdf")]
    )
    page.locator("button[name=continue]").click()
    page.wait_for_url(re.compile(r"/verificare/$"))
    expect(page.locator("main")).to_contain_text("plan de încadrare.pdf")
    assert axe_violations(page) == []
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(re.compile(r"/confirmare/$"))
    case = Case.objects.get(service=service)
    expect(page.locator("main")).to_contain_text(case.registration_number)
    assert not Draft.objects.exists()
    assert case.documents.count() == 3

    # The clerk reviews the documents and asks for a newer land-book extract: the clock stops.
    clerk_context = context_in(browser, live_server, "en")
    clerk_page = clerk_context.new_page()
    sign_in(clerk_page, clerk.email, clerk.totp_secret)
    clerk_page.goto(f"/birou/dosar/{case.registration_number}/")
    clerk_page.locator(f"select[name=review-documents-verdict_{extract.pk}]").select_option("invalid")
    clerk_page.locator(f"input[name=review-documents-reason_{extract.pk}]").fill(
        "Extrasul are mai mult de 30 de zile."
    )
    clerk_page.locator("input[name=review-documents-request_completion]").check()
    clerk_page.locator("#action-review-documents button[type=submit]").click()
    expect(clerk_page.locator("main")).to_contain_text("awaiting")
    case.refresh_from_db()
    assert case.status == Status.AWAITING_APPLICANT

    # The citizen uploads the new extract into the same slot: the case is under review again.
    page.goto(f"/dosarele-mele/{case.registration_number}/completare/")
    expect(page.locator("main")).to_contain_text("Extrasul are mai mult de 30 de zile.")
    page.locator(f"input[name=document_{extract.pk}]").set_input_files(pdf("extras CF nou.pdf"))
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(re.compile(rf"/dosarele-mele/{case.registration_number}/$"))
    case.refresh_from_db()
    assert case.status == Status.IN_REVIEW and case.due_date is not None

    # The clerk issues the certificate with the signed PDF.
    clerk_page.reload()
    clerk_page.locator("#action-decide input[value=approved]").check()
    clerk_page.locator("input[name=decide-document]").set_input_files(pdf("CU 12-2026.pdf", ISSUED))
    clerk_page.locator("#action-decide button[type=submit]").click()
    expect(clerk_page.locator("#action-decide")).to_have_count(0)
    case.refresh_from_db()
    assert case.status == Status.APPROVED
    issued = Decision.objects.get(case=case).document

    # The citizen downloads it from the case page.
    page.goto(f"/dosarele-mele/{case.registration_number}/")
    link = page.locator(f"a[href='/documente/{issued.pk}/']").first
    expect(link).to_contain_text("CU 12-2026.pdf")
    assert axe_violations(page) == []
    response = page.request.get(link.get_attribute("href"))
    assert response.status == 200 and response.body() == ISSUED
    citizen_context.close()
    clerk_context.close()
