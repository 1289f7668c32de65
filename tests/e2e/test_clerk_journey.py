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
    # Citizens land on their account, staff on their work (where exactly is the landing registry's business).
    page.wait_for_url(lambda url: "/accounts/" not in url)


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

    # The clerk's own cases, the most urgent last: the view and the order are in the URL, to bookmark.
    page.get_by_role("link", name="Clear filters").click()
    expect(page.locator("table tbody tr")).to_have_count(2)
    page.get_by_role("link", name="Assigned to me", exact=True).click()
    expect(page.locator("table tbody tr")).to_have_count(1)
    page.get_by_role("link", name="Working days left", exact=True).click()
    expect(page.locator("th[aria-sort=ascending]")).to_have_text("Working days left ▲")
    page.get_by_role("link", name="Working days left", exact=True).click()
    expect(page.locator("th[aria-sort=descending]")).to_have_text("Working days left ▼")
    assert "assignee=me" in page.url
    assert "sort=left" in page.url
    assert "dir=desc" in page.url
    expect(page.locator("table tbody tr")).to_have_count(1)

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


def scroll_width(page):
    return page.evaluate("document.documentElement.scrollWidth")


def table_overflow(page):
    """How far the queue's table sticks out of its region (which would scroll it sideways), in pixels."""
    return page.evaluate(
        "(() => { const r = document.querySelector('.portal-queue'); return r.scrollWidth - r.clientWidth })()"
    )


def test_the_queue_fits_the_screen_from_a_phone_to_a_laptop_without_scrolling_sideways(
    english, home_page, service, clerk, citizen, head
):
    page = english
    for n in range(6):
        case = CaseFactory(
            service=service,
            applicant=citizen,
            subject=f"Cerere {n}",
            registered_at=timezone.now() - datetime.timedelta(days=8 * n),
        )
        if n % 2:
            Case.objects.filter(pk=case.pk).update(assignee=head)
    sign_in(page, clerk.email, clerk.totp_secret)

    page.goto("/birou/?status=all")
    expect(page.locator("table tbody tr")).to_have_count(6)
    assert scroll_width(page) <= 1280
    assert table_overflow(page) <= 0  # every column visible, none behind the table's own scroll bar
    table = page.locator("table.portal-queue__table").bounding_box()
    assert table["width"] > 1000  # the staff pages use the full width, not GOV.UK's 960 px reading column
    expect(page.locator("table tbody tr").first.locator(".portal-queue__late")).to_contain_text("working days late")

    page.set_viewport_size({"width": 390, "height": 844})
    page.goto("/birou/?status=all")
    expect(page.locator("table tbody tr")).to_have_count(6)
    assert scroll_width(page) <= 390
    assert table_overflow(page) <= 0
    # Each case is a card of labelled lines, and the headers still sort.
    assert page.locator("table tbody tr").first.bounding_box()["width"] <= 390
    page.get_by_role("link", name="Applicant", exact=True).click()
    expect(page.locator("th[aria-sort=ascending]")).to_contain_text("Applicant")
    assert scroll_width(page) <= 390
    assert axe_violations(page) == []
