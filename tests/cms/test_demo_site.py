"""The demo public site: every page in ro, hu and en, live, loaded twice without duplicates, its links resolving."""

import pytest
from wagtail.models import Locale, Page, Site

from cms.demo import load_site
from cms.models import (
    ContactPage,
    CookiePage,
    HomePage,
    NavigationSettings,
    NewsIndexPage,
    NewsPage,
    PrivacyPage,
    ServiceIndexPage,
    ServicePage,
    StandardPage,
)
from portal import demo as portal_demo
from services import demo as services_demo

PAGE_TYPES = [
    HomePage,
    ServiceIndexPage,
    ServicePage,
    NewsIndexPage,
    NewsPage,
    ContactPage,
    PrivacyPage,
    CookiePage,
    StandardPage,
]


@pytest.fixture
def site(db):
    """What `load_demo_data` loads, without the demo cases."""
    institution = portal_demo.load_institution()
    staff, _citizens = portal_demo.load_accounts()
    _departments, services = services_demo.load_catalogue(staff, catalogues())
    load_site(institution.name, services)
    return Site.objects.get(is_default_site=True)


def catalogues():
    from cms.management.commands.load_demo_data import CATALOGUES

    return CATALOGUES


def test_loading_the_demo_site_again_creates_nothing(site):
    from services.models import Service

    before = (Page.objects.count(), Page.objects.live().count())
    load_site("Primăria Municipiului Exemplu", {service.slug: service for service in Service.objects.all()})
    assert (Page.objects.count(), Page.objects.live().count()) == before
    assert before[0] == 1 + 3 * 22


def test_every_page_type_is_live_in_each_language(site):
    for language in ("ro", "hu", "en"):
        for model in PAGE_TYPES:
            pages = model.objects.filter(locale=Locale.objects.get(language_code=language))
            assert pages.exists(), (model, language)
            assert all(page.live and page.live_revision_id for page in pages)


def test_the_site_is_rooted_at_the_romanian_home_page_and_the_placeholder_is_gone(site):
    assert site.root_page.specific.locale.language_code == "ro"
    assert site.root_page.slug == "acasa"
    assert not Page.objects.filter(depth=2, content_type__model="page").exists()
    assert HomePage.objects.filter(depth=2).count() == 3


def test_there_are_ten_service_pages_of_active_online_services_each_with_a_life_event(site):
    pages = ServicePage.objects.filter(locale__language_code="ro").select_related("service")
    assert pages.count() == 10
    for page in pages:
        assert page.service.active and page.service.online
        assert page.intro and page.search_description
        assert 1 <= page.life_events.count() <= 2


def test_translated_pages_carry_their_own_language(site, client):
    home = HomePage.objects.get(locale__language_code="hu")
    assert "Adófizetés" in [block.value["text"] for block in home.quick_links]
    assert "Kérelem" in client.get("/hu/").content.decode()
    assert "Iktató és ügyfélszolgálat" in client.get("/hu/kapcsolat/").content.decode()
    assert "Registry desk hours" in client.get("/en/about-the-portal/").content.decode()


def test_the_home_page_quick_links_and_highlights_resolve(site):
    for home in HomePage.objects.all():
        _assert_links_resolve(home)


def _assert_links_resolve(home):
    links = [block.value for block in home.quick_links]
    assert [link["url"] for link in links[:2]] == ["/impozite/", "/cerere-noua/"]
    assert links[2]["page"].specific.service.slug == "petitie"
    highlighted = [highlight.service_page for highlight in home.highlights.all()]
    assert len(highlighted) == 4
    assert all(page.live and page.locale_id == home.locale_id for page in highlighted)


def test_the_menus_point_to_live_pages(site, client):
    settings = NavigationSettings.for_site(site)
    pages = [block.value["page"] for block in [*settings.main_menu, *settings.footer_links]]
    assert len(pages) == 6 and all(page.live for page in pages)
    for url in ("/", "/hu/", "/en/"):
        assert client.get(url).status_code == 200
    for page in Page.objects.live().filter(depth__gt=2).specific():
        assert client.get(page.url).status_code == 200, page.url


def test_the_demo_editor_may_edit_and_publish_the_site_loaded_on_a_database_without_a_page_tree(db):
    """A transactional test empties every table, Wagtail's root page and root collection too; the demo loaded after it
    makes them again, and the editors' permissions must be granted on those, not on nothing."""
    import io

    from django.core.management import call_command
    from wagtail.models import Collection

    from portal.demo import STAFF

    Page.objects.filter(depth=1).delete()
    Collection.objects.filter(depth=1).delete()
    assert Page.get_first_root_node() is None

    call_command("load_demo_data", cases=0, stdout=io.StringIO())

    from django.contrib.auth import get_user_model

    editor = get_user_model().objects.get(email=STAFF["editor"][0])
    service_page = ServicePage.objects.get(slug="autorizatie-de-construire", locale__language_code="ro")
    permissions = service_page.permissions_for_user(editor)
    assert permissions.can_edit() and permissions.can_publish()
    assert (
        Collection.get_first_root_node()
        .group_permissions.filter(group__name="Editori", permission__codename="add_image")
        .exists()
    )
