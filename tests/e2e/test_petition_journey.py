"""A Hungarian-speaking citizen files a petition; the head extends its term, the clerk drafts the answer in Romanian
and Hungarian, the head approves it, and the citizen reads it and downloads its PDF."""

import re

import pytest
from playwright.sync_api import expect

from petitions.models import Answer
from services.lifecycle import Status
from services.models import Case
from tests.factories import ProcedureFactory, ServiceFactory, UserFactory

from .conftest import axe_violations
from .test_clerk_journey import sign_in

pytestmark = pytest.mark.e2e


@pytest.fixture
def petition_service(department):
    return ServiceFactory(
        kind="petition",
        slug="petitie",
        title="Petiție",
        title_hu="Petíció (beadvány)",
        title_en="Petition",
        procedure=ProcedureFactory(owner_department=department, deadline_days=30, extension_max_days=15),
    )


def context_in(browser, live_server, language):
    context = browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 900})
    context.set_default_timeout(15_000)
    context.add_cookies([{"name": "django_language", "value": language, "url": live_server.url}])
    return context


def test_a_petition_filed_in_hungarian_is_extended_answered_in_both_languages_and_read(
    browser, live_server, home_page, petition_service, clerk, head
):
    citizen = UserFactory(email="szabo.reka@example.ro", first_name="Réka", last_name="Szabó", preferred_language="hu")
    citizen.address = "Kossuth Lajos utca 12, Csíkszereda"
    citizen.save()

    # The citizen files in Hungarian, from "New request".
    citizen_context = context_in(browser, live_server, "hu")
    page = citizen_context.new_page()
    sign_in(page, citizen.email)
    page.goto("/cerere-noua/")
    page.get_by_role("link", name="Petíció (beadvány)").click()
    expect(page.locator("input[name=name]")).to_have_value("Réka Szabó")
    assert axe_violations(page) == []
    page.locator("input[name=subject]").fill("Közvilágítás a Tavasz utcában")
    page.locator("textarea[name=text]").fill("Egy hete nem működik a közvilágítás a Tavasz utcában.")
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(re.compile(r"/confirmare/"))
    case = Case.objects.get(service=petition_service)
    assert (case.language, case.status, case.petition.address) == ("hu", Status.REGISTERED, citizen.address)
    initial_due = case.due_date

    # The head extends the term, before the initial one ends; the petitioner is told.
    head_context = context_in(browser, live_server, "en")
    head_page = head_context.new_page()
    sign_in(head_page, head.email, head.totp_secret)
    head_page.goto(f"/birou/dosar/{case.registration_number}/")
    head_page.locator("#action-extend input[name=extend-days]").fill("10")
    head_page.locator("#action-extend textarea").fill("A helyszíni ellenőrzés szükséges / Este necesară verificarea.")
    head_page.locator("#action-extend button[type=submit]").click()
    expect(head_page.locator("#action-extend")).to_have_count(0)
    case.refresh_from_db()
    assert case.due_date > initial_due and case.extension_days == 10

    # The clerk drafts the answer in both languages.
    clerk_context = context_in(browser, live_server, "en")
    clerk_page = clerk_context.new_page()
    sign_in(clerk_page, clerk.email, clerk.totp_secret)
    clerk_page.goto(f"/birou/dosar/{case.registration_number}/")
    clerk_page.locator("textarea[name=draft-answer-text]").fill("Iluminatul public a fost reparat.")
    clerk_page.locator("textarea[name=draft-answer-text_hu]").fill("A közvilágítást megjavítottuk.")
    clerk_page.locator("#action-draft-answer button[type=submit]").click()
    expect(clerk_page.get_by_text("awaiting approval")).to_be_visible()
    assert axe_violations(clerk_page) == []

    # The head approves it: the case is answered.
    head_page.reload()
    head_page.locator("#action-approve-answer button[type=submit]").click()
    expect(head_page.locator("#action-approve-answer")).to_have_count(0)
    case.refresh_from_db()
    assert case.status == Status.ANSWERED
    assert Answer.objects.get(case=case).state == Answer.State.APPROVED

    # The citizen reads both texts on the case page and downloads the PDF.
    page.goto(f"/dosarele-mele/{case.registration_number}/")
    expect(page.locator("main")).to_contain_text("A közvilágítást megjavítottuk.")
    expect(page.locator("main")).to_contain_text("Iluminatul public a fost reparat.")
    assert axe_violations(page) == []
    link = page.locator("a[href^='/documente/']").last
    response = page.request.get(link.get_attribute("href"))
    assert response.status == 200
    assert response.headers["content-type"] == "application/pdf"
    assert response.body().startswith(b"%PDF")
    for context in (citizen_context, head_context, clerk_context):
        context.close()
