"""Every page type of the public site, in ro, hu and en: axe-core finds nothing serious at 1280 and 390 px, nothing
scrolls sideways on a phone, and the main content and the service filter work without JavaScript."""

import pytest
from django.urls import reverse
from django.utils import translation
from playwright.sync_api import expect
from wagtail.models import Locale

from cms.models import (
    ContactPage,
    CookiePage,
    HomePage,
    NewsIndexPage,
    NewsPage,
    PrivacyPage,
    ServiceIndexPage,
    ServicePage,
    StandardPage,
)

from .cms_fixtures import demo_site  # noqa: F401 (the fixture the tests here use)
from .conftest import axe_violations

pytestmark = [pytest.mark.e2e, pytest.mark.usefixtures("demo_site")]

LANGUAGES = ("ro", "hu", "en")
WIDTHS = (1280, 390)
SCROLL_WIDTH = "() => [document.documentElement.scrollWidth, window.innerWidth]"
# A query each language's visitor would type, without diacritics, that finds the building permit.
SEARCHES = {"ro": "autorizatie", "hu": "engedely", "en": "permit"}


def public_urls(language):
    """One page of each type in `language` (the richest where there is a choice), and the search results."""
    locale = Locale.objects.get(language_code=language)
    pages = [
        HomePage.objects.get(locale=locale),
        StandardPage.objects.get(locale=locale),
        NewsIndexPage.objects.get(locale=locale),
        NewsPage.objects.filter(locale=locale, image__isnull=False).first(),
        ServiceIndexPage.objects.get(locale=locale),
        ServicePage.objects.get(locale=locale, service__slug="autorizatie-de-construire"),
        ContactPage.objects.get(locale=locale),
        PrivacyPage.objects.get(locale=locale),
        CookiePage.objects.get(locale=locale),
    ]
    with translation.override(language):
        search = f"{reverse('cms:search')}?q={SEARCHES[language]}"
    return [page.url for page in pages] + [search]


def every_public_url():
    return [(language, url) for language in LANGUAGES for url in public_urls(language)]


def test_every_page_type_has_no_serious_axe_violation_and_fits_a_phone(browser, live_server):
    failures = []
    for width in WIDTHS:
        context = browser.new_context(base_url=live_server.url, viewport={"width": width, "height": 900})
        page = context.new_page()
        for language, url in every_public_url():
            response = page.goto(url)
            if response.status != 200:
                failures.append(f"{url} ({language}, {width} px): HTTP {response.status}")
                continue
            for violation in axe_violations(page):
                failures.append(f"{url} ({language}, {width} px): {violation}")
            scroll_width, viewport = page.evaluate(SCROLL_WIDTH)
            if scroll_width > viewport:
                failures.append(f"{url} ({language}, {width} px): {scroll_width} px wide, scrolls sideways")
        context.close()
    assert failures == [], "\n".join(failures)


def test_every_page_shows_its_main_content_and_the_services_filter_without_javascript(browser, live_server):
    context = browser.new_context(
        base_url=live_server.url, java_script_enabled=False, viewport={"width": 390, "height": 900}
    )
    page = context.new_page()
    failures = []
    for language, url in every_public_url():
        response = page.goto(url)
        heading = page.locator("main h1")
        if response.status != 200 or heading.count() != 1 or not heading.inner_text().strip():
            failures.append(f"{url} ({language}): HTTP {response.status}, {heading.count()} main heading(s)")
    assert failures == [], "\n".join(failures)

    page.goto(ServiceIndexPage.objects.get(locale__language_code="ro").url)
    page.get_by_role("combobox", name="Compartiment").select_option(
        label="Direcția Urbanism și Amenajarea Teritoriului"
    )
    page.get_by_role("button", name="Afișați serviciile").click()
    expect(page.get_by_role("status")).to_have_text("5 servicii")
    expect(page.locator("main h2")).to_have_text(["Direcția Urbanism și Amenajarea Teritoriului"])
    expect(page.get_by_role("link", name="Autorizație de construire", exact=True)).to_be_visible()
    expect(page.get_by_role("link", name="Certificat de atestare fiscală")).to_have_count(0)

    page.get_by_role("radio", name="situație de viață").check()
    page.get_by_role("combobox", name="Compartiment").select_option("")
    page.get_by_role("combobox", name="Situație de viață").select_option(label="Plătesc taxele locale")
    page.get_by_role("button", name="Afișați serviciile").click()
    assert "eveniment=platesc-taxele-locale" in page.url
    expect(page.get_by_role("status")).to_have_text("2 servicii")
    expect(page.get_by_role("heading", name="Plătesc taxele locale")).to_be_visible()
    expect(page.get_by_role("link", name="Restituirea sumelor plătite în plus")).to_be_visible()
    expect(page.get_by_role("link", name="Autorizație de construire", exact=True)).to_have_count(0)
    context.close()
