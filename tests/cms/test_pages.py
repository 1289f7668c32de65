"""Each page type renders what its visitors come for, read from the page and, for services, from the catalogue."""

import pytest
from django.conf import settings
from django.urls import reverse

pytestmark = pytest.mark.django_db


def text(response):
    return response.content.decode()


def test_the_home_page_shows_its_heading_highlighted_services_and_the_latest_three_news(client, public_site):
    response = client.get("/")
    assert response.status_code == 200
    body = text(response)
    assert "Bun venit" in body
    assert "Autorizația de construire" in body  # the highlighted service page
    assert [item.title for item in response.context["latest_news"]] == ["Anunțul 4", "Anunțul 3", "Anunțul 2"]
    assert 'action="/cautare/"' in body  # search from the home page, no JavaScript needed


def test_the_standard_page_renders_every_block_an_editor_can_use(client, public_site):
    body = text(client.get(public_site.about.url))
    assert '<h2 class="govuk-heading-l">Cum funcționează</h2>' in body
    assert "Un paragraf de text." in body
    assert 'href="https://example.ro/plata"' in body and "Plătiți online" in body
    assert "govuk-accordion" in body and "Cât durează?" in body
    assert '<caption class="govuk-table__caption govuk-table__caption--m">Programul</caption>' in body
    assert '<th scope="col" class="govuk-table__header">Program</th>' in body


def test_the_news_index_pages_ten_at_a_time_newest_first_and_filters_by_tag(client, public_site):
    from cms.models import NewsPage

    from .conftest import add

    for day in range(5, 16):
        add(
            public_site.news,
            NewsPage(title=f"Știrea {day}", slug=f"stire-{day}", date=f"2026-10-{day:02d}", summary="S."),
        )
    first = client.get(public_site.news.url)
    assert len(first.context["news_page"].object_list) == 10
    assert first.context["news_page"].object_list[0].title == "Anunțul 4"
    second = client.get(public_site.news.url, {"pagina": 2})
    assert [item.title for item in second.context["news_page"].object_list] == [
        f"Știrea {day}" for day in range(9, 4, -1)
    ]
    tagged = client.get(public_site.news.url, {"eticheta": "taxe"})
    assert [item.title for item in tagged.context["news_page"].object_list] == ["Anunțul 4", "Anunțul 2"]


def test_the_news_feed_is_rss_with_each_item_and_its_summary(client, public_site):
    response = client.get(f"{public_site.news.url}rss/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    body = text(response)
    assert "<title>Anunțul 4</title>" in body
    assert "Rezumatul anunțului 4." in body
    assert "http://testserver/anunturi/anunt-4/" in body


def test_a_news_item_shows_its_date_summary_and_tags_linking_back_to_the_filtered_index(client, public_site):
    body = text(client.get("/anunturi/anunt-3/"))
    assert '<time datetime="2026-11-03">' in body
    assert "Rezumatul anunțului 3." in body
    assert 'href="/anunturi/?eticheta=urbanism"' in body


def test_the_service_page_reads_procedure_deadline_documents_fee_and_start_link_from_the_catalogue(
    client, public_site
):
    response = client.get(public_site.permit_page.url)
    body = text(response)
    assert "PO-DUAT-02" in body and "ediția 2, revizia 1" in body
    assert "Legea 50/1991, art. 7" in body
    assert "30 de zile calendaristice de la înregistrare" in body
    assert "Certificatul de urbanism" in body
    assert "125,50" in body
    assert f'href="{reverse("permits:apply", kwargs={"service": "autorizatie-de-construire"})}"' in body
    assert "<p>Sfat</p>" in body  # the editor's own explanation, above the facts


def test_the_service_page_follows_the_catalogue_when_the_procedure_changes(client, public_site):
    procedure = public_site.permit.procedure
    procedure.deadline_days = 15
    procedure.legal_basis = "Legea 50/1991, art. 7 alin. (1), modificată"
    procedure.save()
    body = text(client.get(public_site.permit_page.url))
    assert "15 zile calendaristice de la înregistrare" in body
    assert "modificată" in body


def test_the_service_index_groups_by_department_or_life_event_and_filters_without_javascript(client, public_site):
    by_department = client.get(public_site.services.url)
    assert [heading for heading, _pages in by_department.context["groups"]] == ["Direcția Urbanism", "Registratura"]
    by_event = client.get(public_site.services.url, {"grupare": "eveniment"})
    headings = [heading for heading, _pages in by_event.context["groups"]]
    assert headings[0] == "Construiesc o casă"
    filtered = client.get(public_site.services.url, {"departament": "registratura"})
    assert [p.title for _h, pages in filtered.context["groups"] for p in pages] == ["Petiții"]
    assert '<select class="govuk-select" id="filter-department" name="departament">' in text(filtered)


def test_an_inactive_service_leaves_the_service_index(client, public_site):
    public_site.permit.active = False
    public_site.permit.save()
    response = client.get(public_site.services.url)
    assert [p.title for _h, pages in response.context["groups"] for p in pages] == ["Petiții"]


def test_the_contact_page_shows_each_office_with_its_opening_hours_and_map(client, public_site):
    body = text(client.get(public_site.contact.url))
    assert "Registratura generală" in body
    assert "Luni–Joi: 8:30–16:30" in body
    assert "https://www.openstreetmap.org/#map=18/45.75/21.22" in body


def test_the_privacy_notice_names_the_controller_the_officer_and_each_processing(client, public_site):
    body = text(client.get(public_site.privacy.url))
    assert "Ioana Responsabil" in body and "mailto:dpo@primaria.example" in body
    assert "Soluționarea cererilor" in body and "10 ani" in body
    assert "www.dataprotection.ro" in body


def test_the_cookie_notice_lists_the_cookies_the_portal_really_sets(client, public_site):
    body = text(client.get(public_site.cookies.url))
    for name in (settings.SESSION_COOKIE_NAME, settings.CSRF_COOKIE_NAME, settings.LANGUAGE_COOKIE_NAME):
        assert f"<code>{name}</code>" in body
