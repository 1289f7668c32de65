"""The citizen's pages fit a phone: nothing scrolls sideways at 390 px, nor at 1280 px, in Romanian or Hungarian."""

import datetime
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from services import documents, notifications, workflow
from services.calendar import clock_at
from tests.factories import PASSWORD, PDF, CaseFactory

pytestmark = pytest.mark.e2e

SCROLL_WIDTH = "() => [document.documentElement.scrollWidth, window.innerWidth]"


@pytest.fixture
def cases(service, citizen, clerk):
    registered_at = timezone.now() - datetime.timedelta(days=3)
    with clock_at(timezone.localdate(registered_at)):
        made = [CaseFactory(service=service, applicant=citizen, registered_at=registered_at) for _ in range(3)]
    case = made[0]
    workflow.assign_case(case, assignee=clerk, by=clerk)
    workflow.start_review(case, by=clerk)
    documents.attach_document(
        case, by=clerk, upload=SimpleUploadedFile("plan-de-situatie-si-extras-de-carte-funciara.pdf", PDF)
    )
    workflow.request_completion(case, by=clerk, note="Vă rugăm să atașați extrasul de carte funciară actualizat.")
    notifications.record_message(
        case,
        f"Dosarul {case.registration_number}: vă rugăm să completați dosarul",
        "Puteți urmări dosarul la adresa:\n"
        f"https://ghiseul.primaria-municipiului-exemplu.ro/dosarele-mele/{case.registration_number}/",
    )
    return made


@pytest.mark.parametrize("width", [390, 1280])
@pytest.mark.parametrize("language", ["ro", "hu"])
def test_my_cases_and_a_case_page_do_not_scroll_sideways(
    page, home_page, citizen, cases, live_server, language, width
):
    page.set_viewport_size({"width": width, "height": 900})
    page.context.add_cookies([{"name": "django_language", "value": language, "url": live_server.url}])
    page.goto("/accounts/login/")
    page.locator("input[name=login]").fill(citizen.email)
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_url(re.compile(r"/contul-meu/"))

    message = cases[0].messages.latest("pk")
    for url in (
        "/dosarele-mele/",
        f"/dosarele-mele/{cases[0].registration_number}/",
        "/mesaje/",
        f"/mesaje/{message.pk}/",
    ):
        page.goto(url)
        scroll_width, viewport = page.evaluate(SCROLL_WIDTH)
        assert scroll_width <= viewport, f"{url} is {scroll_width} px wide at {viewport} px ({language})"


@pytest.mark.parametrize("width", [390, 1280])
@pytest.mark.parametrize("language", ["ro", "hu"])
def test_the_indicators_and_a_staff_case_page_do_not_scroll_sideways(
    page, home_page, head, cases, live_server, language, width
):
    from .test_clerk_journey import sign_in

    page.context.add_cookies([{"name": "django_language", "value": language, "url": live_server.url}])
    sign_in(page, head.email, head.totp_secret)
    page.set_viewport_size({"width": width, "height": 900})
    for url in ("/birou/indicatori/", f"/birou/dosar/{cases[0].registration_number}/", "/birou/registru/"):
        page.goto(url)
        scroll_width, viewport = page.evaluate(SCROLL_WIDTH)
        assert scroll_width <= viewport, f"{url} is {scroll_width} px wide at {viewport} px ({language})"
