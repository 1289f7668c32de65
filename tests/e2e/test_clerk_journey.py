"""A clerk works a case from the queue to the decision; the applicant follows it on the portal."""

import datetime
import re
from contextvars import ContextVar

import pytest
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from django.utils import timezone
from playwright.sync_api import expect

from services import calendar
from services.calendar import clock_at
from services.models import Case, Status
from tests.factories import PASSWORD, CaseFactory, UserFactory

from .conftest import axe_violations

pytestmark = pytest.mark.e2e
SUSPENDED = re.compile("suspended", re.IGNORECASE)


def totp_code(secret):
    return format_hotp_value(hotp_value(secret, int(timezone.now().timestamp()) // 30))


def sign_in(page, email, secret=None):
    page.goto("/accounts/login/")
    page.locator("input[name=login]").fill(email)
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("main form button[type=submit]").first.click()
    if secret:
        page.wait_for_url(re.compile(r"/accounts/2fa/authenticate/"))
        page.locator("input[name=code]").fill(totp_code(secret))
        page.locator("main form button[type=submit]").first.click()
    page.wait_for_url(re.compile(r"/contul-meu/"))


def due_date(page):
    return page.locator("dt:has-text('Due date') + dd")


def due_date_text(page):
    return due_date(page).inner_text()


def move_clock(monkeypatch, day):
    """Every thread (the live server's too) now sees `day` as today."""
    monkeypatch.setattr(calendar, "_fixed_day", ContextVar("fixed_day", default=day))


@pytest.fixture
def english(page, live_server):
    page.context.add_cookies([{"name": "django_language", "value": "en", "url": live_server.url}])
    return page


def test_a_clerk_filters_assigns_suspends_and_resolves_a_case_and_the_applicant_sees_the_timeline(
    english, home_page, service, clerk, citizen, monkeypatch, browser, live_server
):
    page = english
    registered_at = timezone.now() - datetime.timedelta(days=3)
    with clock_at(timezone.localdate(registered_at)):
        case = CaseFactory(
            service=service, applicant=citizen, subject="Construire locuință P+1", registered_at=registered_at
        )
        CaseFactory(service=service, applicant=UserFactory(), subject="Împrejmuire teren", registered_at=registered_at)

    sign_in(page, clerk.email, clerk.totp_secret)

    page.goto("/birou/")
    page.get_by_label("Registration number or applicant").fill(case.registration_number)
    page.get_by_role("button", name="Apply filters").click()
    rows = page.locator("table tbody tr")
    expect(rows).to_have_count(1)
    assert axe_violations(page) == []
    expect(rows.first).to_contain_text(case.registration_number)

    rows.first.locator("input[type=checkbox]").check()
    page.get_by_label("Assign the selected cases to").select_option(label=clerk.display_name)
    page.get_by_role("button", name="Assign", exact=True).click()
    expect(page.locator("table tbody tr").first).to_contain_text(clerk.display_name)

    page.get_by_role("link", name=case.registration_number).click()
    page.locator("#action-start-review button[type=submit]").click()
    expect(page.locator("#action-request-completion")).to_be_visible()
    due_before = due_date_text(page)
    assert axe_violations(page) == []

    page.locator("#action-request-completion textarea").first.fill(
        "Vă rugăm să atașați extrasul de carte funciară actualizat."
    )
    page.locator("#action-request-completion button[type=submit]").click()
    expect(due_date(page)).to_contain_text(SUSPENDED)
    assert Case.objects.get(pk=case.pk).due_date is None

    # The applicant brings the extract to the counter a week later: the clock stood still meanwhile.
    move_clock(monkeypatch, timezone.localdate() + datetime.timedelta(days=7))
    page.locator("#action-record-completion button[type=submit]").click()
    expect(due_date(page)).not_to_contain_text(SUSPENDED)
    assert due_date_text(page) != due_before
    assert Case.objects.get(pk=case.pk).due_date > case.due_date

    page.locator("#action-resolve input[type=radio][value=approved]").check()
    page.locator("#action-resolve textarea").first.fill("Certificatul de urbanism a fost emis.")
    page.locator("#action-resolve button[type=submit]").click()
    expect(page.locator("#action-resolve")).to_have_count(0)
    case.refresh_from_db()
    assert (case.status, case.closed_on_time) == (Status.APPROVED, True)

    citizen_context = browser.new_context(base_url=live_server.url)
    citizen_context.add_cookies([{"name": "django_language", "value": "en", "url": live_server.url}])
    citizen_page = citizen_context.new_page()
    sign_in(citizen_page, citizen.email)
    citizen_page.goto("/dosarele-mele/")
    citizen_page.get_by_role("link", name=case.registration_number).click()
    history = citizen_page.locator("h2:has-text('History') + ol").inner_text()
    assert axe_violations(citizen_page) == []
    assert "Completion requested" in history
    assert "extrasul de carte funciară" in history
    assert "approved" in history.lower()
    assert "Assigned" not in history
    citizen_context.close()
