"""A citizen creates an account, confirms the e-mail, signs in and switches the portal to Hungarian."""

import re
from urllib.parse import urlsplit

import pytest

from .conftest import axe_violations

pytestmark = pytest.mark.e2e


def test_a_citizen_signs_up_confirms_the_email_signs_in_and_reads_the_portal_in_hungarian(page, home_page, mailoutbox):
    page.goto("/")
    page.get_by_role("link", name="Creează cont").first.click()
    page.get_by_label("Adresă de e-mail").fill("kovacs.ilona@example.ro")
    page.get_by_label("Prenume").fill("Ilona")
    page.get_by_label("Nume", exact=True).fill("Kovács")
    page.get_by_label("Parolă", exact=True).fill("Harom-Szek-2026")
    page.get_by_label("Parolă (din nou)").fill("Harom-Szek-2026")
    page.get_by_role("button", name="Creează cont").click()
    page.wait_for_url(re.compile(r"/accounts/confirm-email/"))

    # Mandatory verification: signing in before confirming leads back to the verification notice.
    assert len(mailoutbox) == 1
    link = re.search(r"https?://\S+/accounts/confirm-email/\S+/", mailoutbox[0].body).group(0)
    page.goto(urlsplit(link).path)
    page.get_by_role("button", name="Confirmă").click()
    page.wait_for_url(re.compile(r"/contul-meu/"))

    page.get_by_role("button", name="Deconectare").first.click()
    page.goto("/accounts/login/")
    page.get_by_label("Adresă de e-mail").fill("kovacs.ilona@example.ro")
    page.get_by_label("Parolă").fill("Harom-Szek-2026")
    page.get_by_role("button", name="Autentificare").click()
    page.wait_for_url(re.compile(r"/contul-meu/"))

    page.get_by_role("button", name="Magyar").click()
    assert page.locator("html").get_attribute("lang") == "hu"
    assert page.get_by_role("link", name="Ügyeim").first.is_visible()
    assert page.get_by_role("button", name="Kijelentkezés").first.is_visible()


@pytest.mark.parametrize("path", ["/", "/accounts/login/"])
def test_the_home_and_sign_in_pages_have_no_serious_accessibility_violation(page, home_page, path):
    page.goto(path)
    assert axe_violations(page) == []
