"""Menus, footer links and quick links follow the visitor's language; restricted pages stay restricted."""

import pytest
from django.conf import settings
from wagtail.models import PageViewRestriction

pytestmark = pytest.mark.django_db


def test_the_main_menu_and_footer_list_the_chosen_pages_in_the_visitors_language(client, public_site):
    body = client.get("/servicii/autorizatie/").content.decode()
    assert 'href="/servicii/" aria-current' not in body  # the service page is not the index
    for url, label in (("/servicii/", "Servicii"), ("/anunturi/", "Anunțuri"), ("/contact/", "Contact")):
        assert f'<a class="govuk-service-navigation__link" href="{url}">{label}</a>' in body
    assert '<a class="govuk-footer__link" href="/confidentialitate/">Confidențialitate</a>' in body
    assert '<a class="govuk-footer__link" href="https://www.e-guvernare.ro/">Guvernare</a>' in body

    hungarian = client.get("/hu/servicii/autorizatie/").content.decode()
    # The service index is translated: its Hungarian page; the others are not: the Romanian pages, still reachable.
    assert '<a class="govuk-service-navigation__link" href="/hu/servicii/">Szolgáltatások</a>' in hungarian
    assert '<a class="govuk-service-navigation__link" href="/anunturi/">Anunțuri</a>' in hungarian
    assert '<a class="govuk-footer__link" href="https://www.e-guvernare.ro/">Kormányzás</a>' in hungarian


def test_the_portal_pages_carry_the_same_footer(client, public_site):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "ro"
    body = client.get("/verifica-dosar/").content.decode()
    assert '<a class="govuk-footer__link" href="/cookie-uri/">Cookie-uri</a>' in body


def test_a_menu_page_taken_offline_leaves_the_menu(client, public_site):
    public_site.contact.unpublish()
    body = client.get("/").content.decode()
    assert 'href="/contact/"' not in body


def test_a_quick_link_to_a_page_leads_to_it_in_the_readers_language_with_the_pages_title(client, public_site):
    from .conftest import translate

    translate(public_site.petition_page, public_site.home_hu.locale, title="Petíciók")
    links = client.get("/hu/").context["quick_links"]
    assert [(link.label, link.url) for link in links] == [
        ("Plătiți impozitele", "/impozite/"),
        ("Petíciók", "/hu/servicii/petitii/"),
    ]


def test_a_page_for_signed_in_users_sends_others_to_sign_in_and_is_never_cached(client, public_site):
    assert client.get("/despre/").status_code == 200  # cached while public
    PageViewRestriction.objects.create(page=public_site.about, restriction_type=PageViewRestriction.LOGIN)
    response = client.get("/despre/")
    assert response.status_code == 302
    assert "login" in response["Location"]


def test_a_password_protected_page_asks_for_the_password(client, public_site):
    PageViewRestriction.objects.create(
        page=public_site.news, restriction_type=PageViewRestriction.PASSWORD, password="secret"
    )
    response = client.get("/anunturi/anunt-1/")  # a child of the protected page
    assert response.status_code == 200
    assert 'name="password"' in response.content.decode()
    assert "Rezumatul anunțului 1." not in response.content.decode()
