"""The demo public site: home, services, news, contact, privacy and cookie notices, in ro, hu and en (idempotent)."""

import datetime

from django.utils import timezone
from wagtail.models import Locale, Page, Site

from ..models import (
    ContactOffice,
    ContactPage,
    CookiePage,
    HomePage,
    HomePageHighlight,
    LifeEvent,
    NavigationSettings,
    NewsIndexPage,
    NewsPage,
    PrivacyPage,
    ServiceIndexPage,
    ServicePage,
    StandardPage,
)
from . import news_texts, privacy_texts, service_texts, texts
from .build import ensure_image, ensure_page, ensure_translation, stream

LANGUAGES = ("ro", "hu", "en")
TRANSLATIONS = ("hu", "en")
# The services the home page highlights, in this order.
HIGHLIGHTS = ["certificat-de-urbanism", "autorizatie-de-construire", "certificat-de-atestare-fiscala", "sesizare"]
PETITION = "petitie"


def load_site(institution_name, services):
    """The whole demo site, with a service page for each of `services` ({slug: Service}) the demo explains."""
    locales = {code: Locale.objects.get_or_create(language_code=code)[0] for code in LANGUAGES}
    home = _home(institution_name, locales["ro"])
    sections = {key: _section(home, model, key) for key, model in SECTION_MODELS.items()}
    service_pages = _service_pages(sections["services"], services)
    news = _news(sections["news"])
    about = ensure_page(home, StandardPage, texts.about_fields("ro"))
    home = _home_links(home, service_pages)
    for language in TRANSLATIONS:
        translated_home = ensure_translation(home, language, _home_fields(language, service_pages))
        for key, page in sections.items():
            ensure_translation(
                page, language, _section_fields(key, language), patch=SECTION_PATCHES.get(key, {}).get(language)
            )
        translated_services = {
            slug: ensure_translation(page, language, _service_fields(page.service, language))
            for slug, page in service_pages.items()
        }
        for page, fields in news:
            ensure_translation(page, language, fields[language])
        about_fields = texts.about_fields(language)
        ensure_translation(
            about, language, about_fields, patch=lambda page, body=about_fields["body"]: setattr(page, "body", body)
        )
        _translated_highlights(translated_home, translated_services)
    _navigation(home, sections, about)
    return home


def load_home_page(institution_name):
    """The demo site with the services already in the catalogue (what the end-to-end tests load)."""
    from services.models import Service

    return load_site(institution_name, {service.slug: service for service in Service.objects.all()})


def _home(institution_name, locale):
    root = Page.get_first_root_node() or Page.add_root(instance=Page(title="Root", slug="root", locale=locale))
    home = HomePage.objects.filter(locale=locale).first()
    if home is None:
        home = root.add_child(instance=HomePage(locale=locale, **texts.SECTIONS["home"]["ro"]))
        home.save_revision().publish()
    elif not home.hero_title:  # the home page of an earlier demo: give it this one's content
        for name, value in texts.SECTIONS["home"]["ro"].items():
            setattr(home, name, value)
        home.save_revision().publish()
    site = Site.objects.filter(is_default_site=True).first() or Site(is_default_site=True)
    if (site.hostname, site.port, site.site_name, site.root_page_id) != ("localhost", 80, institution_name, home.pk):
        site.hostname, site.port, site.site_name, site.root_page = "localhost", 80, institution_name, home
        site.save()
    # Wagtail's own placeholder page is not part of the portal.
    Page.objects.filter(depth=2, content_type__model="page").delete()
    return home


SECTION_MODELS = {
    "services": ServiceIndexPage,
    "news": NewsIndexPage,
    "contact": ContactPage,
    "privacy": PrivacyPage,
    "cookies": CookiePage,
}


def _section_fields(key, language):
    fields = dict(texts.SECTIONS[key][language])
    if key == "privacy":
        fields.update(
            intro=privacy_texts.INTRO[language],
            rights=privacy_texts.RIGHTS[language],
            processing=stream(*(("activity", _activity(entry[language])) for entry in privacy_texts.ACTIVITIES)),
        )
    return fields


def _activity(values):
    return dict(zip(("purpose", "data", "legal_basis", "retention", "recipients"), values, strict=True))


def _section(home, model, key):
    common = {}
    if key == "contact":
        common = {"map_url": texts.MAP_URL, "offices": _offices("ro")}
    elif key == "privacy":
        name, email, phone = privacy_texts.DPO
        common = {"dpo_name": name, "dpo_email": email, "dpo_phone": phone}
    return ensure_page(home, model, _section_fields(key, "ro"), **common)


def _offices(language):
    return [
        ContactOffice(
            name=name,
            address=address,
            phone=phone,
            email=email,
            map_url=texts.MAP_URL,
            opening_hours=stream(*(("hours", {"days": days, "hours": hours}) for days, hours in hours_list)),
        )
        for name, address, phone, email, hours_list in texts.OFFICES[language]
    ]


def _patch_offices(language):
    def patch(page):
        page.offices = _offices(language)

    return patch


# What wagtail-localize keeps synchronised rather than translated, set on each translation.
SECTION_PATCHES = {"contact": {language: _patch_offices(language) for language in TRANSLATIONS}}


def _service_fields(service, language):
    paragraphs, description = service_texts.SERVICE_PAGES[service.slug][1][language]
    title = {"ro": service.title, "hu": service.title_hu, "en": service.title_en}[language] or service.title
    return {
        "title": title,
        "slug": service.slug,
        "intro": "".join(f"<p>{paragraph}</p>" for paragraph in paragraphs),
        "search_description": description,
    }


def _service_pages(index, services):
    events = {}
    for order, (slug, (name, name_hu, name_en)) in enumerate(service_texts.LIFE_EVENTS, start=1):
        events[slug], _created = LifeEvent.objects.update_or_create(
            slug=slug, defaults={"name": name, "name_hu": name_hu, "name_en": name_en, "sort_order": order}
        )
    pages = {}
    for slug, (event_slugs, _texts) in service_texts.SERVICE_PAGES.items():
        service = services.get(slug)
        if service is None or not service.active:
            continue
        page = ServicePage.objects.child_of(index).filter(service=service).first()
        if page is None:
            page = ensure_page(index, ServicePage, _service_fields(service, "ro"), service=service)
            page.life_events.set([events[event] for event in event_slugs])
            page.save_revision().publish()
        pages[slug] = page
    return pages


def _news(index):
    today = timezone.localdate()
    news = []
    for days_ago, tags, item_texts, with_image in news_texts.NEWS:
        fields = {language: news_texts.news_fields(language, item_texts) for language in LANGUAGES}
        common = {"date": today - datetime.timedelta(days=days_ago)}
        if with_image:
            common["image"] = ensure_image(
                "Anunț — impozite locale", news_texts.IMAGE_ALT["ro"], ("#e8eef4", "#1d4f91", "#f0b400")
            )
            for language in LANGUAGES:
                fields[language]["image_alt"] = news_texts.IMAGE_ALT[language]
        page = NewsPage.objects.child_of(index).filter(slug=fields["ro"]["slug"]).first()
        if page is None:
            page = ensure_page(index, NewsPage, fields["ro"], **common)
            page.tags.set(tags)
            page.save_revision().publish()
        news.append((page, fields))
    return news


def _home_fields(language, service_pages):
    fields = dict(texts.SECTIONS["home"][language])
    fields["quick_links"] = texts.quick_links(language, service_pages.get(PETITION))
    return fields


def _home_links(home, service_pages):
    """The quick links and highlighted services, set once the service pages exist."""
    home = HomePage.objects.get(pk=home.pk)  # read again, with its children counted (see _translated_highlights)
    if home.quick_links or home.highlights.exists():
        return home
    home.quick_links = texts.quick_links("ro", service_pages.get(PETITION))
    home.highlights = [
        HomePageHighlight(service_page=service_pages[slug]) for slug in HIGHLIGHTS if slug in service_pages
    ]
    home.save_revision().publish()
    return home


def _translated_highlights(translated_home, translated_services):
    """The translated home page highlights the translated service pages (wagtail-localize copies the Romanian ones)."""
    wanted = [translated_services[slug].pk for slug in HIGHLIGHTS if slug in translated_services]
    # Read again: the instance in hand predates its children, and saving it would reset the tree's child count.
    translated_home = HomePage.objects.get(pk=translated_home.pk)
    if [h.service_page_id for h in translated_home.highlights.all()] == wanted:
        return
    translated_home.highlights = [HomePageHighlight(service_page_id=pk) for pk in wanted]
    translated_home.save_revision().publish()


def _navigation(home, sections, about):
    settings = NavigationSettings.for_site(Site.objects.get(is_default_site=True))
    if settings.main_menu or settings.footer_links:
        return

    def entry(page):
        return ("item", {"page": page.pk, "url": "", "text": "", "text_hu": "", "text_en": ""})

    settings.main_menu = stream(*(entry(sections[key]) for key in ("services", "news", "contact")))
    settings.footer_links = stream(entry(sections["privacy"]), entry(sections["cookies"]), entry(about))
    settings.save()
