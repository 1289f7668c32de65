"""A warm public page costs no database query; publishing or a catalogue change shows at once."""

import pytest
from django.conf import settings

from cms import cache as page_cache

from .conftest import publish

pytestmark = pytest.mark.django_db


def test_a_cached_anonymous_visit_runs_no_query(client, public_site, django_assert_num_queries):
    first = client.get("/servicii/autorizatie/")
    assert first.status_code == 200
    client.cookies.clear()  # a first visitor: no language cookie either
    with django_assert_num_queries(0):
        again = client.get("/servicii/autorizatie/")
    assert again.status_code == 200
    assert again.content == first.content


def test_cached_pages_say_so_to_browsers_and_proxies(client, public_site):
    response = client.get("/anunturi/")
    assert (
        "public" in response["Cache-Control"] and f"max-age={page_cache.CLIENT_SECONDS}" in response["Cache-Control"]
    )
    assert "Cookie" in response["Vary"]


def test_publishing_a_page_shows_the_new_text_on_the_next_visit(client, public_site):
    assert "Sfat" in client.get("/servicii/autorizatie/").content.decode()
    page = public_site.permit_page
    page.intro = "<p>Sfat nou, publicat acum.</p>"
    publish(page)
    assert "Sfat nou, publicat acum." in client.get("/servicii/autorizatie/").content.decode()


def test_a_saved_draft_changes_nothing_the_public_sees(client, public_site):
    client.get("/servicii/autorizatie/")
    before = page_cache.generation()
    page = public_site.permit_page
    page.intro = "<p>Ciornă.</p>"
    page.save_revision()
    assert page_cache.generation() == before
    assert "Ciornă." not in client.get("/servicii/autorizatie/").content.decode()


def test_unpublishing_a_page_takes_it_off_at_once(client, public_site):
    assert client.get("/anunturi/anunt-2/").status_code == 200
    public_site.news.get_children().get(slug="anunt-2").specific.unpublish()
    assert client.get("/anunturi/anunt-2/").status_code == 404


def test_a_catalogue_change_shows_on_the_cached_service_page(client, public_site):
    assert "125,50" in client.get("/servicii/autorizatie/").content.decode()
    public_site.permit.fee_bani = 20_000
    public_site.permit.save()
    assert "200,00" in client.get("/servicii/autorizatie/").content.decode()


def test_a_required_document_added_to_the_catalogue_shows_on_the_cached_service_page(client, public_site):
    from tests.factories import RequiredDocumentFactory

    client.get("/servicii/autorizatie/")
    RequiredDocumentFactory(service=public_site.permit, name="Dovada plății taxei")
    assert "Dovada plății taxei" in client.get("/servicii/autorizatie/").content.decode()


def test_a_signed_in_visitor_never_gets_the_anonymous_copy_nor_leaves_one(client, public_site):
    from tests.factories import UserFactory

    client.get("/")  # an anonymous copy is cached
    user = UserFactory(first_name="Ana", last_name="Popescu")
    client.force_login(user)
    response = client.get("/")
    assert "Ana Popescu" in response.content.decode()
    assert "private" in response["Cache-Control"]
    client.logout()
    client.cookies.pop(settings.SESSION_COOKIE_NAME, None)
    assert "Ana Popescu" not in client.get("/").content.decode()


def test_a_page_with_a_form_token_is_not_kept(client, public_site, rf):
    from django.http import HttpResponse
    from django.middleware.csrf import get_token

    request = rf.get("/oricare/")
    get_token(request)
    page_cache.store(request, HttpResponse("<form>token</form>"))
    assert page_cache.get(rf.get("/oricare/")) is None


def test_each_language_has_its_own_copy(client, public_site):
    assert '<html lang="ro"' in client.get("/").content.decode()
    assert '<html lang="hu"' in client.get("/hu/").content.decode()
    assert '<html lang="ro"' in client.get("/").content.decode()
