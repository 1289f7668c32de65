"""A citizen creates an account, confirms the e-mail, signs in and switches the portal to Hungarian."""

import re
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from .conftest import axe_violations

pytestmark = pytest.mark.e2e


def submit(page):
    page.locator("main form button[type=submit]").first.click()


def test_a_citizen_signs_up_confirms_the_email_signs_in_and_reads_the_portal_in_hungarian(page, home_page, mailoutbox):
    page.goto("/")
    expect(page.locator("html")).to_have_attribute("lang", "ro")
    page.get_by_role("link", name="Creează cont").first.click()
    page.locator("input[name=email]").fill("kovacs.ilona@example.ro")
    page.locator("input[name=first_name]").fill("Ilona")
    page.locator("input[name=last_name]").fill("Kovács")
    page.locator("input[name=password1]").fill("Harom-Szek-2026")
    page.locator("input[name=password2]").fill("Harom-Szek-2026")
    submit(page)
    page.wait_for_url(re.compile(r"/accounts/confirm-email/$"))

    # Verification is mandatory: the password alone does not open the account yet.
    page.goto("/accounts/login/")
    page.locator("input[name=login]").fill("kovacs.ilona@example.ro")
    page.locator("input[name=password]").fill("Harom-Szek-2026")
    submit(page)
    page.wait_for_url(re.compile(r"/accounts/confirm-email/$"))
    page.goto("/dosarele-mele/")
    page.wait_for_url(re.compile(r"/accounts/login/"))

    link = re.search(r"https?://\S+/accounts/confirm-email/\S+/", mailoutbox[0].body).group(0)
    page.goto(urlsplit(link).path)
    submit(page)
    page.wait_for_url(re.compile(r"/contul-meu/"))

    page.get_by_role("button", name="Deconectare").first.click()
    page.goto("/accounts/login/")
    page.locator("input[name=login]").fill("kovacs.ilona@example.ro")
    page.locator("input[name=password]").fill("Harom-Szek-2026")
    submit(page)
    page.wait_for_url(re.compile(r"/contul-meu/"))

    page.get_by_role("button", name="Magyar").click()
    expect(page.locator("html")).to_have_attribute("lang", "hu")
    expect(page.get_by_role("link", name="Ügyeim").first).to_be_visible()
    expect(page.get_by_role("button", name="Kijelentkezés").first).to_be_visible()
    expect(page.locator("h1")).not_to_have_text("My account")


@pytest.mark.parametrize(
    "path", ["/", "/accounts/login/", "/accounts/signup/", "/verifica-dosar/", "/declaratie-accesibilitate/"]
)
def test_the_home_and_sign_in_pages_have_no_serious_accessibility_violation(page, home_page, path):
    page.goto(path)
    assert axe_violations(page) == []
