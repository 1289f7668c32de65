"""The demo editor changes a service page's explanation in Romanian and Hungarian; the public site shows both."""

import re

import pytest
from playwright.sync_api import expect

from portal.demo import DEMO_PASSWORD, STAFF

from .cms_fixtures import demo_site  # noqa: F401 (the fixture the tests here use)
from .conftest import axe_violations
from .test_clerk_journey import totp_code

pytestmark = [pytest.mark.e2e, pytest.mark.usefixtures("demo_site")]

EDITOR_EMAIL, _first, _last, EDITOR_TOTP_SECRET = STAFF["editor"]
NEW_RO = "Programați o întâlnire cu arhitectul-șef înainte de a depune cererea."
NEW_HU = "Egyeztessen időpontot a főépítésszel, mielőtt benyújtja a kérelmet."


def sign_in_with_two_factors(page):
    page.goto("/accounts/login/")
    page.locator("input[name=login]").fill(EDITOR_EMAIL)
    page.locator("input[name=password]").fill(DEMO_PASSWORD)
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_url(re.compile(r"/accounts/2fa/authenticate/"))
    page.locator("input[name=code]").fill(totp_code(EDITOR_TOTP_SECRET))
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_url(lambda url: "/accounts/" not in url)


def open_page_editor(page, title):
    """Open the page titled `title` in the admin's page editor, from its parent's listing as an editor would."""
    from wagtail.models import Page

    found = Page.objects.live().filter(title=title).order_by("pk").first()
    page.goto(f"/admin/pages/{found.get_parent().pk}/")
    page.get_by_role("link", name=title, exact=True).first.click()
    page.wait_for_url(re.compile(r"/admin/pages/\d+/edit/"))


def add_paragraph_to_explanation_and_publish(page, text):
    """Types a new last paragraph into the explanation (Draftail) and publishes from the footer's action menu."""
    page.locator("#panel-child-continut-child-intro-wrapper [contenteditable=true]").click()
    page.keyboard.press("Control+End")
    page.keyboard.press("Enter")
    page.keyboard.type(text)
    # Draftail copies the editor's content into the form's field a moment after the last key.
    expect(page.locator("input[name=intro]")).to_have_value(re.compile(re.escape(text)))
    page.locator("footer .w-dropdown__toggle").click()
    page.locator("footer button[name=action-publish]").click()
    page.wait_for_url(re.compile(r"/admin/pages/\d+/$"))


def test_an_editor_publishes_a_new_explanation_of_a_service_in_romanian_and_hungarian(page):
    """The Hungarian page is edited in Wagtail's page editor: the demo's translations are plain Wagtail translations
    (wagtail-localize made their text, but keeps no synchronised `Translation` for them), so the admin opens the
    Hungarian page in the same editor as the Romanian one, not in wagtail-localize's translation editor."""
    sign_in_with_two_factors(page)

    open_page_editor(page, "Autorizație de construire")
    add_paragraph_to_explanation_and_publish(page, NEW_RO)
    page.goto("/servicii/autorizatie-de-construire/")
    expect(page.locator("main .portal-richtext").first).to_contain_text(NEW_RO)
    assert axe_violations(page) == []

    open_page_editor(page, "Építési engedély")
    add_paragraph_to_explanation_and_publish(page, NEW_HU)
    page.goto("/servicii/autorizatie-de-construire/")
    page.get_by_role("link", name="Magyar").click()
    page.wait_for_url(re.compile(r"/hu/szolgaltatasok/autorizatie-de-construire/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Építési engedély")
    expect(page.locator("main .portal-richtext").first).to_contain_text(NEW_HU)
    expect(page.locator("main")).not_to_contain_text(NEW_RO)
    assert axe_violations(page) == []
