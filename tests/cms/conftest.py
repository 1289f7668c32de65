"""A small public site built as an editor would: a Romanian tree, some of it translated into Hungarian."""

import datetime
from dataclasses import dataclass

import pytest
from wagtail.models import Locale, Page, Site

from cms.models import (
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
from tests.factories import DepartmentFactory, ProcedureFactory, RequiredDocumentFactory, ServiceFactory


@dataclass
class PublicSite:
    home: HomePage
    home_hu: HomePage
    services: ServiceIndexPage
    services_hu: ServiceIndexPage
    permit_page: ServicePage
    permit_page_hu: ServicePage
    permit: object
    petition_page: ServicePage
    news: NewsIndexPage
    contact: ContactPage
    privacy: PrivacyPage
    cookies: CookiePage
    about: StandardPage
    building: LifeEvent


def publish(page):
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def translate(page, locale, **fields):
    """The page in `locale`, as Wagtail's "translate" makes it (a copy), with its own words, published."""
    copy = page.copy_for_translation(locale)
    for name, value in fields.items():
        setattr(copy, name, value)
    copy.live = True
    copy.save()
    return copy


def add(parent, page):
    """The page created live, as publishing leaves it (the tests of publishing itself go through revisions)."""
    return parent.add_child(instance=page)


@pytest.fixture
def locales(db):
    ro = Locale.objects.get_or_create(language_code="ro")[0]
    hu = Locale.objects.get_or_create(language_code="hu")[0]
    en = Locale.objects.get_or_create(language_code="en")[0]
    return {"ro": ro, "hu": hu, "en": en}


@pytest.fixture
def public_site(locales):
    root = Page.get_first_root_node()
    Page.objects.filter(depth=2).delete()
    home = add(root, HomePage(title="Acasă", slug="acasa", hero_title="Bun venit", locale=locales["ro"]))
    Site.objects.all().delete()
    Site.objects.create(hostname="testserver", port=80, root_page=home, is_default_site=True, site_name="Test")

    urbanism = DepartmentFactory(code="urbanism", name="Direcția Urbanism", name_hu="Urbanisztikai Igazgatóság")
    registry = DepartmentFactory(code="registratura", name="Registratura", name_hu="Iktató")
    permit = ServiceFactory(
        slug="autorizatie-de-construire",
        kind="permit",
        title="Autorizație de construire",
        title_hu="Építési engedély",
        title_en="Building permit",
        fee_bani=12_550,
        procedure=ProcedureFactory(
            code="PO-DUAT-02",
            title="Emiterea autorizației de construire",
            owner_department=urbanism,
            legal_basis="Legea 50/1991, art. 7",
            deadline_days=30,
            edition=2,
            revision=1,
        ),
    )
    RequiredDocumentFactory(service=permit, name="Certificatul de urbanism", name_hu="Településrendezési bizonyítvány")
    petition = ServiceFactory(
        slug="petitie",
        kind="petition",
        title="Petiție",
        title_hu="Petíció",
        procedure=ProcedureFactory(code="PO-RPR-01", owner_department=registry, deadline_days=30),
    )
    building = LifeEvent.objects.create(slug="construiesc", name="Construiesc o casă", name_hu="Házat építek")

    services = add(home, ServiceIndexPage(title="Servicii", slug="servicii"))
    permit_page = ServicePage(
        title="Autorizația de construire", slug="autorizatie", service=permit, intro="<p>Sfat</p>"
    )
    permit_page = add(services, permit_page)
    permit_page.life_events.set([building])
    permit_page.save()
    petition_page = add(services, ServicePage(title="Petiții", slug="petitii", service=petition))
    news = add(home, NewsIndexPage(title="Anunțuri", slug="anunturi"))
    for day in range(1, 5):
        item = NewsPage(
            title=f"Anunțul {day}",
            slug=f"anunt-{day}",
            date=datetime.date(2026, 11, day),
            summary=f"Rezumatul anunțului {day}.",
        )
        add(news, item)
        item.tags.add("urbanism" if day % 2 else "taxe")
        item.save()
    contact = ContactPage(title="Contact", slug="contact", map_url="https://www.openstreetmap.org/#map=18/45.75/21.22")
    contact = add(home, contact)
    ContactOffice.objects.create(
        page=contact,
        name="Registratura generală",
        address="Piața Unirii 1",
        phone="0256 000 000",
        opening_hours=[("hours", {"days": "Luni–Joi", "hours": "8:30–16:30"})],
    )
    privacy = add(
        home,
        PrivacyPage(
            title="Confidențialitate",
            slug="confidentialitate",
            dpo_name="Ioana Responsabil",
            dpo_email="dpo@primaria.example",
            processing=[
                (
                    "activity",
                    {
                        "purpose": "Soluționarea cererilor",
                        "data": "nume, CNP, adresă",
                        "legal_basis": "GDPR art. 6 alin. (1) lit. e)",
                        "retention": "10 ani",
                        "recipients": "",
                    },
                )
            ],
            rights="<p>Aveți dreptul de acces.</p>",
        ),
    )
    cookies = add(home, CookiePage(title="Cookie-uri", slug="cookie-uri"))
    about = add(home, StandardPage(title="Despre portal", slug="despre", body=_every_block()))
    HomePageHighlight.objects.create(page=home, service_page=permit_page, sort_order=0)
    home.quick_links = [
        ("link", {"page": None, "url": "/impozite/", "text": "Plătiți impozitele", "description": "Cu cardul."}),
        ("link", {"page": petition_page, "url": "", "text": "", "description": "Propuneri și sesizări."}),
    ]
    home.save()
    site_ = Site.objects.get(is_default_site=True)
    NavigationSettings.objects.create(
        site=site_,
        main_menu=[("item", {"page": page, "url": "", "text": ""}) for page in (services, news, contact)],
        footer_links=[
            ("item", {"page": privacy, "url": "", "text": ""}),
            ("item", {"page": cookies, "url": "", "text": ""}),
            (
                "item",
                {"page": None, "url": "https://www.e-guvernare.ro/", "text": "Guvernare", "text_hu": "Kormányzás"},
            ),
        ],
    )

    home_hu = translate(home, locales["hu"], title="Kezdőlap", hero_title="Üdvözöljük")
    services_hu = translate(services, locales["hu"], title="Szolgáltatások")
    permit_page_hu = translate(permit_page, locales["hu"], title="Építési engedély")
    return PublicSite(
        home=home,
        home_hu=home_hu,
        services=services,
        services_hu=services_hu,
        permit_page=permit_page,
        permit_page_hu=permit_page_hu,
        permit=permit,
        petition_page=petition_page,
        news=news,
        contact=contact,
        privacy=privacy,
        cookies=cookies,
        about=about,
        building=building,
    )


def _every_block():
    return [
        ("heading", {"text": "Cum funcționează", "level": "h2"}),
        ("paragraph", "<p>Un paragraf de text.</p>"),
        (
            "call_to_action",
            {"page": None, "url": "https://example.ro/plata", "text": "Plătiți online", "description": ""},
        ),
        (
            "accordion",
            {"sections": [{"heading": "Cât durează?", "content": "<p>30 de zile.</p>"}]},
        ),
        (
            "table",
            {
                "data": [["Zi", "Program"], ["Luni", "8–16"]],
                "first_row_is_table_header": True,
                "first_col_is_header": False,
                "table_caption": "Programul",
            },
        ),
    ]
