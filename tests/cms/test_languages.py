"""Every page in its language at its own URL, hreflang links, and a switcher that lands on the same page."""

import pytest
from django.conf import settings

pytestmark = pytest.mark.django_db


def test_a_hungarian_page_is_served_at_its_hu_url_in_hungarian_whatever_the_cookie_says(client, public_site):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = client.get("/hu/")
    body = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="hu"' in body
    assert '<h1 class="govuk-heading-xl">Üdvözöljük</h1>' in body
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "hu"  # the portal's pages follow


def test_the_romanian_page_is_served_without_prefix_even_to_a_hungarian_reader(client, public_site):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "hu"
    body = client.get("/servicii/autorizatie/").content.decode()
    assert '<html lang="ro"' in body
    assert '<h1 class="govuk-heading-xl">Autorizația de construire</h1>' in body


def test_a_translated_page_links_its_translations_with_hreflang(client, public_site):
    body = client.get("/servicii/autorizatie/").content.decode()
    assert '<link rel="alternate" hreflang="ro" href="http://testserver/servicii/autorizatie/">' in body
    assert '<link rel="alternate" hreflang="hu" href="http://testserver/hu/servicii/autorizatie/">' in body
    assert '<link rel="alternate" hreflang="x-default" href="http://testserver/servicii/autorizatie/">' in body
    assert 'hreflang="en" href="http://testserver/en/' not in body  # no English page, no alternate


def test_the_switcher_links_straight_to_the_same_page_in_the_other_language(client, public_site):
    response = client.get("/servicii/autorizatie/")
    languages = {language.code: language for language in response.context["page_languages"]}
    assert languages["hu"].url == "/hu/servicii/autorizatie/"
    assert languages["ro"].current and not languages["hu"].current
    body = response.content.decode()
    assert '<a href="/hu/servicii/autorizatie/" hreflang="hu" lang="hu"' in body
    assert 'name="csrfmiddlewaretoken"' not in body  # links, not a form: the page stays cacheable


def test_an_untranslated_page_switches_to_its_nearest_translated_ancestor_with_a_note(client, public_site):
    # The petition page has no Hungarian translation; its parent, the service index, has.
    response = client.get(public_site.petition_page.url)
    switch = {language.code: language for language in response.context["page_languages"]}["hu"]
    landed = client.get(switch.url)
    assert landed.status_code == 302
    assert landed["Location"] == "/hu/servicii/?translation=missing"
    assert landed.cookies[settings.LANGUAGE_COOKIE_NAME].value == "hu"
    body = client.get(landed["Location"]).content.decode()
    assert 'id="translation-missing-title"' in body
    assert '<html lang="hu"' in body


def test_with_no_translated_ancestor_but_home_the_switcher_lands_on_the_home_page(client, public_site):
    response = client.get(f"/limba/{public_site.news.pk}/hu/")
    assert response["Location"] == "/hu/?translation=missing"


def test_the_switcher_refuses_an_unknown_language_or_page(client, public_site):
    assert client.get(f"/limba/{public_site.news.pk}/de/").status_code == 404
    assert client.get("/limba/999999/hu/").status_code == 404


def test_the_portal_pages_keep_following_the_visitors_choice(client, public_site):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "hu"
    body = client.get("/verifica-dosar/").content.decode()
    assert '<html lang="hu"' in body


def test_a_signed_in_users_profile_language_does_not_override_a_pages_url(client, public_site):
    from tests.factories import UserFactory

    user = UserFactory(preferred_language="en")
    client.force_login(user)
    body = client.get("/hu/").content.decode()
    assert '<html lang="hu"' in body


def test_the_header_home_link_leads_to_the_home_page_in_the_readers_language(client, public_site):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "hu"
    body = client.get("/verifica-dosar/").content.decode()
    assert '<a href="/hu/" class="portal-header__homepage-link">' in body
