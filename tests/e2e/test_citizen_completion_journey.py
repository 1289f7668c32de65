"""A citizen asked to complete the file uploads the document in the browser and the clock runs again."""

import datetime
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from services import workflow
from services.calendar import clock_at
from services.models import Case, Status
from tests.factories import PASSWORD, PDF, CaseFactory, RequiredDocumentFactory

from .conftest import axe_violations

pytestmark = pytest.mark.e2e

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def test_a_citizen_uploads_the_requested_document_and_a_wrong_file_loses_nothing(
    page, home_page, service, citizen, clerk, live_server
):
    RequiredDocumentFactory(service=service, name="Extras de carte funciară", accepted_types="application/pdf")
    registered_at = timezone.now() - datetime.timedelta(days=2)
    with clock_at(timezone.localdate(registered_at)):
        case = CaseFactory(service=service, applicant=citizen, registered_at=registered_at)
    workflow.request_completion(case, by=clerk, note="Atașați extrasul de carte funciară actualizat.")

    page.context.add_cookies([{"name": "django_language", "value": "en", "url": live_server.url}])
    page.goto("/accounts/login/")
    page.locator("input[name=login]").fill(citizen.email)
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_url(re.compile(r"/contul-meu/"))

    page.goto(f"/dosarele-mele/{case.registration_number}/")
    expect(page.locator("main")).to_contain_text("Atașați extrasul de carte funciară actualizat.")
    page.get_by_role("link", name="Upload the requested documents").click()
    assert axe_violations(page) == []

    # A picture renamed .pdf is refused; the message typed stays on the page.
    page.get_by_label("Message to the institution").fill("Am atașat extrasul din 20 noiembrie.")
    page.get_by_label("Extras de carte funciară").set_input_files(
        {"name": "extras.pdf", "mimeType": "application/pdf", "buffer": PNG}
    )
    page.get_by_role("button", name="Send the documents").click()
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    expect(page.get_by_label("Message to the institution")).to_have_value("Am atașat extrasul din 20 noiembrie.")
    assert Case.objects.get(pk=case.pk).status == Status.AWAITING_APPLICANT

    page.get_by_label("Extras de carte funciară").set_input_files(
        {"name": "extras.pdf", "mimeType": "application/pdf", "buffer": PDF}
    )
    page.get_by_role("button", name="Send the documents").click()
    page.wait_for_url(re.compile(rf"/dosarele-mele/{case.registration_number}/$"))
    case.refresh_from_db()
    assert case.status == Status.IN_REVIEW
    assert case.due_date is not None
    assert case.documents.get().original_name == "extras.pdf"
    expect(page.get_by_role("link", name=re.compile("extras.pdf"))).to_be_visible()
