"""The methodology page of a locked round: one live Wagtail page per language of the site, translations of one
another, each showing the frozen method in its own language with its SHA-256; nothing in it can change, neither
through the model nor through the Wagtail admin."""

import hashlib
import html
import re

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from investments.models import MethodologyPage
from investments.prioritisation import methodology, workflow
from tests.cms.conftest import locales, public_site, translate  # noqa: F401
from tests.factories import StaffFactory
from tests.investments.prioritisation_helpers import (
    add_method,
    evaluators_fixture,  # noqa: F401
    locked_round,
    new_round,
    secretary_fixture,  # noqa: F401
)

pytestmark = pytest.mark.django_db

NEED = {"ro": "Necesitate", "hu": "Szükségesség", "en": "Need"}


@pytest.fixture(name="site")
def site_fixture(public_site, locales):  # noqa: F811
    """The test site (Romanian and Hungarian) with an English home page as well."""
    public_site.home_en = translate(public_site.home, locales["en"], title="Home")
    return public_site


@pytest.fixture(name="locked")
def locked_fixture(site, secretary, department, evaluators):
    round, _criteria, _candidates = locked_round(secretary, department, evaluators)
    return round


def pages_by_language(round):
    return {page.locale.language_code: page for page in methodology.pages_of(round)}


def criterion_heading(body, code="c1"):
    match = re.search(rf'id="criterion-{code}">(.*?)</h2>', body, re.S)
    return html.unescape(match.group(1)).strip() if match else None


@pytest.fixture(name="admin_client")
def admin_client_fixture(client):
    client.force_login(StaffFactory(email="admin@primarie.ro", is_superuser=True))
    return client


def test_locking_publishes_three_translations_of_one_methodology_page(locked, site):
    pages = pages_by_language(locked)
    assert set(pages) == {"ro", "hu", "en"}
    assert len({page.translation_key for page in pages.values()}) == 1
    assert all(page.live and page.version == 1 for page in pages.values())
    assert pages["ro"].get_parent().pk == site.home.pk
    assert pages["hu"].get_parent().pk == site.home_hu.pk


@pytest.mark.parametrize("language", ["ro", "hu", "en"])
def test_each_translation_shows_the_criteria_in_its_own_language(client, locked, language):
    page = pages_by_language(locked)[language]
    response = client.get(page.get_url())
    assert response.status_code == 200
    body = response.content.decode()
    assert criterion_heading(body) == f"C1 {NEED[language]}"
    assert f'<html lang="{language}"' in body


def test_the_page_shows_the_sha256_of_the_frozen_snapshot(client, locked):
    page = pages_by_language(locked)["en"]
    body = client.get(page.get_url()).content.decode()
    shown = re.search(r'<code id="methodology-sha256">([0-9a-f]{64})</code>', body).group(1)
    assert shown == methodology.digest(locked.methodology) == locked.methodology_sha256 == page.sha256


def test_the_text_shown_for_checking_gives_the_same_fingerprint(client, locked):
    body = client.get(pages_by_language(locked)["ro"].get_url()).content.decode()
    text = html.unescape(re.search(r'<code id="methodology-json">(.*?)</code>', body, re.S).group(1))
    assert hashlib.sha256(text.encode("utf-8")).hexdigest() == locked.methodology_sha256


def test_the_page_links_to_the_rounds_public_page_and_the_round_page_back(client, locked):
    page = pages_by_language(locked)["en"]
    round_url = reverse("prioritisation_public:round_detail", kwargs={"pk": locked.pk})
    assert round_url in client.get(page.get_url()).content.decode()
    client.cookies["django_language"] = "en"
    assert page.get_url() in client.get(round_url).content.decode()


def test_the_language_switcher_offers_the_methodology_in_each_language(client, locked):
    pages = pages_by_language(locked)
    body = client.get(pages["ro"].get_url()).content.decode()
    assert f'href="{pages["hu"].get_url()}" hreflang="hu"' in body
    assert f'href="{pages["en"].get_url()}" hreflang="en"' in body


def test_the_model_refuses_a_change_of_the_methodology(locked):
    page = MethodologyPage.objects.get(pk=pages_by_language(locked)["ro"].pk)
    page.snapshot = {**page.snapshot, "wide_spread_at": "5"}
    with pytest.raises(ValidationError):
        page.save()
    page.refresh_from_db()
    assert page.snapshot == locked.methodology


def test_a_second_locked_round_gets_version_two(locked, secretary):
    second = new_round(secretary)
    add_method(secretary, second)
    workflow.lock(secretary, second)
    pages = pages_by_language(second)
    assert {page.version for page in pages.values()} == {2}
    assert set(pages) == {"ro", "hu", "en"}


def test_a_pairwise_methodology_shows_its_judgements_and_consistency(client, site, secretary):
    round = new_round(secretary, weight_method="pairwise")
    c1, c2, c3 = add_method(secretary, round)
    workflow.set_judgements(secretary, round, {(c1.pk, c2.pk): "3", (c1.pk, c3.pk): "5", (c2.pk, c3.pk): "2"})
    round = workflow.lock(secretary, round)
    body = client.get(pages_by_language(round)["en"].get_url()).content.decode()
    assert 'id="ahp-figures"' in body
    assert round.methodology["pairwise"]["judgements"]


# --- the Wagtail admin leaves it alone ------------------------------------------------------------------------------


def explorer_of(page):
    return reverse("wagtailadmin_explore", args=(page.get_parent().pk,))


def unchanged(page):
    fresh = MethodologyPage.objects.get(pk=page.pk)
    return (fresh.live, fresh.title, fresh.path, fresh.snapshot, fresh.sha256) == (
        page.live,
        page.title,
        page.path,
        page.snapshot,
        page.sha256,
    )


def test_the_admin_does_not_open_the_page_for_editing(admin_client, locked):
    page = pages_by_language(locked)["ro"]
    url = reverse("wagtailadmin_pages:edit", args=(page.pk,))
    response = admin_client.get(url)
    assert response.status_code == 302 and response.url == explorer_of(page)
    response = admin_client.post(url, {"title": "Alt titlu", "slug": "alt", "action-publish": "1"})
    assert response.status_code == 302
    assert unchanged(page)


def test_the_admin_does_not_delete_the_page(admin_client, locked):
    page = pages_by_language(locked)["hu"]
    response = admin_client.post(reverse("wagtailadmin_pages:delete", args=(page.pk,)))
    assert response.status_code == 302 and response.url == explorer_of(page)
    assert unchanged(page)


def test_the_admin_does_not_delete_a_page_that_holds_a_methodology(admin_client, locked, site):
    response = admin_client.post(reverse("wagtailadmin_pages:delete", args=(site.home.pk,)))
    assert response.status_code == 302
    assert MethodologyPage.objects.filter(round=locked).count() == 3


def test_the_admin_does_not_copy_the_page(admin_client, locked, site):
    page = pages_by_language(locked)["ro"]
    response = admin_client.post(
        reverse("wagtailadmin_pages:copy", args=(page.pk,)),
        {"new_title": "Copie", "new_slug": "copie", "new_parent_page": site.news.pk},
    )
    assert response.status_code == 302 and response.url == explorer_of(page)
    assert MethodologyPage.objects.count() == 3


def test_the_admin_does_not_move_the_page(admin_client, locked, site):
    page = pages_by_language(locked)["ro"]
    response = admin_client.post(reverse("wagtailadmin_pages:move_confirm", args=(page.pk, site.news.pk)))
    assert response.status_code == 302 and response.url == explorer_of(page)
    assert unchanged(page)


def test_the_admin_does_not_unpublish_the_page(admin_client, locked):
    page = pages_by_language(locked)["en"]
    response = admin_client.post(reverse("wagtailadmin_pages:unpublish", args=(page.pk,)))
    assert response.status_code == 302 and response.url == explorer_of(page)
    assert unchanged(page)
