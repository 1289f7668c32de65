"""The accessibility statement of OUG 112/2018: linked from every footer, readable by anyone, in every language."""

import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from django.urls import reverse

from portal.models import InstitutionSettings

pytestmark = pytest.mark.django_db

STATEMENT_URL = "/declaratie-accesibilitate/"


@pytest.fixture
def institution(db):
    institution = InstitutionSettings.load()
    institution.name = "Primăria Municipiului Exemplu"
    institution.name_hu = "Példa Municipium Polgármesteri Hivatala"
    institution.name_en = "Exemplu City Hall"
    institution.email = "registratura@primaria-exemplu.ro"
    institution.address = "Piața Libertății nr. 1, 530140 Exemplu"
    institution.phone = ""
    institution.save()
    return institution


def main_of(response):
    assert response.status_code == 200
    return BeautifulSoup(response.content.decode(), "html.parser").find("main")


def read_in(client, language):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    return client.get(reverse("portal:accessibility"))


def test_the_statement_lives_at_the_address_the_footer_has_always_promised():
    assert reverse("portal:accessibility") == STATEMENT_URL


def test_the_footer_links_to_the_statement_and_the_link_resolves(client, institution):
    response = client.get(reverse("account_login"))
    footer = BeautifulSoup(response.content.decode(), "html.parser").find("footer")

    link = footer.find("a", href=reverse("portal:accessibility"))

    assert link is not None
    assert client.get(link["href"]).status_code == 200


def test_an_anonymous_visitor_reads_the_statement_without_signing_in(
    client, institution, django_assert_max_num_queries
):
    with django_assert_max_num_queries(2):
        response = client.get(STATEMENT_URL)

    assert response.status_code == 200
    assert response.templates[0].name == "portal/accessibility.html"


@pytest.mark.parametrize(
    ("language", "heading", "name"),
    [
        ("ro", "Declarație de accesibilitate", "Primăria Municipiului Exemplu"),
        ("hu", "Akadálymentességi nyilatkozat", "Példa Municipium Polgármesteri Hivatala"),
        ("en", "Accessibility statement", "Exemplu City Hall"),
    ],
)
def test_the_statement_names_the_institution_and_its_contact_e_mail_in_each_language(
    client, institution, language, heading, name
):
    main = main_of(read_in(client, language))

    assert main.find("h1").get_text(strip=True) == heading
    assert name in main.get_text()
    assert main.find("a", href="mailto:registratura@primaria-exemplu.ro") is not None


@pytest.mark.parametrize(
    ("language", "date"),
    [("ro", "23 noiembrie 2026"), ("hu", "2026. november 23."), ("en", "23 November 2026")],
)
def test_the_statement_shows_the_date_it_was_prepared_in_the_locale_format(client, institution, language, date):
    main = main_of(read_in(client, language))

    assert date in main.get_text()


def test_the_statement_gives_only_the_contact_details_the_institution_has_set(client, institution):
    main = main_of(read_in(client, "en"))

    assert main.find("a", href=lambda href: href and href.startswith("tel:")) is None
    assert "Piața Libertății nr. 1, 530140 Exemplu" in main.get_text()


def test_the_statement_gives_the_portal_address_it_applies_to(client, institution):
    main = main_of(read_in(client, "en"))

    assert main.find("a", href="http://testserver/") is not None


def test_the_statement_names_the_authority_to_notify_when_the_answer_does_not_satisfy(client, institution):
    main = main_of(read_in(client, "ro"))

    assert "Autoritatea pentru Digitalizarea României" in main.get_text()
