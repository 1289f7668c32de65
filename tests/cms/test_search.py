"""Search finds pages and services with or without diacritics, in the visitor's language."""

import pytest

pytestmark = pytest.mark.django_db


def titles(response):
    return [page.title for page in response.context["page_obj"].object_list]


def services(response):
    return [service.slug for service, _page in response.context["results"].services]


@pytest.mark.parametrize("query", ["autorizatie", "autorizație", "AUTORIZAȚIE", "Autorizatie de construire"])
def test_romanian_words_are_found_with_or_without_diacritics(client, public_site, query):
    response = client.get("/cautare/", {"q": query})
    assert "Autorizația de construire" in titles(response)  # the page, by its service's title
    assert "autorizatie-de-construire" in services(response)


@pytest.mark.parametrize("query", ["engedely", "engedély", "Építési"])
def test_hungarian_words_are_found_on_the_hungarian_search_with_or_without_accents(client, public_site, query):
    response = client.get("/hu/cautare/", {"q": query})
    assert titles(response) == ["Építési engedély"]  # the Hungarian page only
    assert services(response) == ["autorizatie-de-construire"]


def test_a_service_result_links_to_its_page_in_the_visitors_language(client, public_site):
    response = client.get("/hu/cautare/", {"q": "engedely"})
    [(service, page)] = response.context["results"].services
    assert page.pk == public_site.permit_page_hu.pk
    assert 'href="/hu/servicii/autorizatie/"' in response.content.decode()


def test_pages_are_found_by_their_text_not_only_their_title(client, public_site):
    response = client.get("/cautare/", {"q": "paragraf"})
    assert titles(response) == ["Despre portal"]


def test_every_word_must_match(client, public_site):
    response = client.get("/cautare/", {"q": "autorizatie inexistent"})
    assert titles(response) == [] and services(response) == []
    assert "Nicio pagină nu corespunde căutării „autorizatie inexistent”." in response.content.decode()


def test_draft_and_other_language_pages_are_not_found(client, public_site):
    page = public_site.about
    page.title = "Despre portal (ciornă secretă)"
    page.save_revision()
    assert titles(client.get("/cautare/", {"q": "secreta"})) == []
    assert "Despre portal" not in titles(client.get("/hu/cautare/", {"q": "paragraf"}))


def test_the_search_page_without_a_query_is_the_form(client, public_site):
    response = client.get("/cautare/")
    assert response.status_code == 200
    assert 'name="q"' in response.content.decode()
    assert response.context["results"] is None
