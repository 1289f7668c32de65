"""The error pages: 404 and 403 in the site's layout and language, 500 standing on its own."""

import pytest
from bs4 import BeautifulSoup
from django.template.loader import render_to_string
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _production_errors(settings):
    settings.DEBUG = False


def english(client, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"


def links(page):
    return {a["href"] for a in page.find("main").find_all("a")}


def test_a_missing_page_says_page_not_found_in_the_layout_with_links_onwards(client, settings):
    english(client, settings)

    response = client.get("/nu-exista-asa-ceva/")

    assert response.status_code == 404
    page = BeautifulSoup(response.content.decode(), "html.parser")
    assert page.find("h1").get_text(strip=True) == "Page not found"
    assert page.find("title").get_text().startswith("Page not found")
    assert page.find("a", class_="govuk-skip-link") is not None
    assert page.find("footer") is not None
    assert {"/", reverse("services:my_cases"), reverse("services:lookup")} <= links(page)


def test_a_missing_page_is_in_romanian_by_default(client):
    response = client.get("/nu-exista-asa-ceva/")

    page = BeautifulSoup(response.content.decode(), "html.parser")
    assert page.find("html")["lang"] == "ro"
    assert page.find("h1").get_text(strip=True) == "Pagina nu a fost găsită"


def test_a_missing_page_is_in_hungarian_for_a_hungarian_reader(client, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "hu"

    response = client.get("/nu-exista-asa-ceva/")

    page = BeautifulSoup(response.content.decode(), "html.parser")
    assert page.find("h1").get_text(strip=True) == "Az oldal nem található"


def test_a_refused_page_says_you_cannot_see_it_with_links_onwards(client, settings, citizen):
    english(client, settings)
    client.force_login(citizen)

    response = client.get(reverse("backoffice:queue"))

    assert response.status_code == 403
    page = BeautifulSoup(response.content.decode(), "html.parser")
    assert page.find("h1").get_text(strip=True) == "You cannot see this page"
    assert page.find("footer") is not None
    assert {"/", reverse("services:my_cases"), reverse("services:lookup")} <= links(page)


def test_the_server_error_page_renders_without_a_request_or_the_database(django_assert_num_queries):
    with django_assert_num_queries(0):
        html = render_to_string("500.html")

    page = BeautifulSoup(html, "html.parser")
    assert page.find("html")["lang"] == "ro"
    assert page.find("h1").get_text(strip=True) == "Ne pare rău, a apărut o problemă"
    assert page.find(lang="hu").find("h2").get_text(strip=True) == "Elnézést, hiba történt"
    assert page.find(lang="en").find("h2").get_text(strip=True) == "Sorry, there is a problem"
    assert page.find("link", rel="stylesheet")["href"].endswith("portal/dist/portal.css")
    assert page.find("main", id="main-content") is not None
