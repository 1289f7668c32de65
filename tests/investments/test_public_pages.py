"""What citizens see: the list, the map and each investment's page show published investments only, and of their
money only what the head of department validated; the page reads in the visitor's language."""

import datetime
import re

import pytest
from django.utils import translation

from investments import publicmap, workflow
from investments.models import Stage
from tests.investments.factories import (
    ContractFactory,
    InvestmentFactory,
    LedgerEntryFactory,
    ProgressReportFactory,
    StageFactory,
)
from tests.investments.public_helpers import (  # noqa: F401 (the fixtures)
    LIST,
    MAP,
    detail,
    draft_fixture,
    english_fixture,
    pending_payment,
    published_fixture,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

# Anonymous pages: institution settings (read, and created in tests) and the public figures' prefetching queries
# (investments, stages, contracts, addenda, funding, ledger, progress; the same for the sub-objects), whatever the
# number of investments shown.
LIST_QUERIES = 19
MAP_QUERIES = 18
DETAIL_QUERIES = 18


def text(response):
    return response.content.decode()


def without_tokens(response):
    """The page without its CSRF tokens, which change at every request."""
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", text(response))


# --- the list --------------------------------------------------------------------------------------------------------


def test_the_list_shows_published_investments_only(client, published, draft):
    response = client.get(LIST)
    assert response.status_code == 200
    page = text(response)
    assert "Central Park renovation" in page
    assert "Parcul Central, Cluj-Napoca" in page
    assert draft.code not in page and draft.title not in page


def test_the_list_gives_the_stage_the_paid_share_and_the_physical_progress(client, published):
    row = client.get(LIST).context["rows"][0]
    assert row.current_stage == Stage.Kind.CONTRACT
    # 261 800 lei paid of 1 309 000 lei contracted (with VAT, after the addendum): 20 %.
    assert row.totals.paid_percent == 20
    assert row.physical_percent == 35
    page = text(client.get(LIST))
    assert "Contract signed" in page
    assert "20&nbsp;%" in page and "35&nbsp;%" in page


def test_sub_objects_are_listed_under_their_parent_and_unpublished_ones_not_at_all(client, published, department):
    shown = InvestmentFactory(
        department=department, parent=published, code="INV-PARC-1A", title="Loc de joacă", is_published=True
    )
    hidden = InvestmentFactory(department=department, parent=published, code="INV-PARC-1B", title="Fântână")
    response = client.get(LIST)
    rows = response.context["rows"]
    assert [row.investment.code for row in rows] == [published.code]
    assert [child.investment.code for child in rows[0].children] == [shown.code]
    assert hidden.code not in text(response)


def test_a_published_sub_object_of_an_unpublished_parent_is_listed_on_its_own(client, draft, department):
    child = InvestmentFactory(department=department, parent=draft, code="INV-CIORNA-1A", is_published=True)
    codes = [row.investment.code for row in client.get(LIST).context["rows"]]
    assert codes == [child.code]


def test_the_list_filters_by_current_stage(client, published, department):
    earlier = InvestmentFactory(department=department, code="INV-SCOALA", title="Școala nr. 3", is_published=True)
    StageFactory(investment=earlier, kind=Stage.Kind.FEASIBILITY, done=True)
    response = client.get(LIST, {"stage": Stage.Kind.FEASIBILITY})
    assert [row.investment.code for row in response.context["rows"]] == [earlier.code]
    response = client.get(LIST, {"stage": Stage.Kind.CONTRACT})
    assert [row.investment.code for row in response.context["rows"]] == [published.code]


def test_the_list_searches_titles_codes_and_locations(client, published, department):
    InvestmentFactory(department=department, code="INV-SCOALA", title="Școala nr. 3", address="Strada Școlii")
    other = InvestmentFactory(department=department, code="INV-POD", title="Pod peste Someș", is_published=True)
    assert [row.investment.code for row in client.get(LIST, {"q": "Someș"}).context["rows"]] == [other.code]
    assert [row.investment.code for row in client.get(LIST, {"q": "parc"}).context["rows"]] == [published.code]
    assert client.get(LIST, {"q": "Școlii"}).context["rows"] == []  # not published


def test_the_list_is_paginated(client, department):
    for number in range(23):
        InvestmentFactory(department=department, code=f"INV-{number:03d}", is_published=True)
    first = client.get(LIST)
    assert len(first.context["rows"]) == 20
    second = client.get(LIST, {"page": 2})
    assert [row.investment.code for row in second.context["rows"]] == ["INV-020", "INV-021", "INV-022"]


def test_the_lists_queries_do_not_grow_with_the_investments(
    client, published, department, django_assert_max_num_queries, site_menus_cached
):
    for number in range(15):
        investment = InvestmentFactory(department=department, code=f"INV-{number:03d}", is_published=True)
        InvestmentFactory(department=department, parent=investment, code=f"INV-{number:03d}-A", is_published=True)
        StageFactory(investment=investment, done=True)
        LedgerEntryFactory(investment=investment, validated=True)
    site_menus_cached()
    with django_assert_max_num_queries(LIST_QUERIES):
        assert client.get(LIST).status_code == 200
    with django_assert_max_num_queries(LIST_QUERIES):  # the stage filter computes every row's figures, in bulk too
        assert client.get(LIST, {"stage": Stage.Kind.FEASIBILITY, "q": "INV"}).status_code == 200


# --- the map ---------------------------------------------------------------------------------------------------------


def test_the_map_places_published_investments_as_links_with_names(client, published, draft):
    response = client.get(MAP)
    page = text(response)
    assert response.status_code == 200
    assert '<svg xmlns="http://www.w3.org/2000/svg"' in page
    assert '<title id="investments-map-title">Map of the public investments</title>' in page
    assert f'href="{detail(published)}" aria-label="1. Central Park renovation, Parcul Central, Cluj-Napoca"' in page
    assert draft.code not in page and draft.title not in page and detail(draft) not in page
    # The same investments in a table under the map: the map's text alternative.
    assert page.count(f'href="{detail(published)}"') == 2


def test_the_map_draws_with_no_point_and_lists_investments_without_one(client, department):
    InvestmentFactory(department=department, code="INV-FARA-PUNCT", title="Fără coordonate", is_published=True)
    response = client.get(MAP)
    assert response.status_code == 200
    assert response.context["points"] == []
    assert "No published investment has a map point yet." in text(response)
    assert "not on the map" in text(response)


def test_the_maps_coordinates_are_written_with_a_decimal_point_in_every_language(client, published, settings):
    InvestmentFactory(
        department=published.department, code="INV-POD", latitude="46.7712", longitude="23.6236", is_published=True
    )
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "ro"
    page = text(client.get(MAP))
    point = client.get(MAP).context["points"][0]
    assert f'cx="{point.x}"' in page and "," not in str(point.x)


def test_the_maps_queries_do_not_grow_with_the_investments(
    client, published, department, django_assert_max_num_queries, site_menus_cached
):
    for number in range(15):
        investment = InvestmentFactory(
            department=department,
            code=f"INV-{number:03d}",
            latitude=f"46.{number:02d}",
            longitude="23.5",
            is_published=True,
        )
        InvestmentFactory(department=department, parent=investment, code=f"INV-{number:03d}-A", is_published=True)
        StageFactory(investment=investment, done=True)
    site_menus_cached()
    with django_assert_max_num_queries(MAP_QUERIES):
        assert client.get(MAP).status_code == 200


def test_the_projection_keeps_every_point_inside_the_margins_with_north_up():
    places = publicmap.project([(46.70, 23.50), (46.80, 23.70), (46.75, 23.60)], width=800, height=500, margin=40)
    for x, y in places:
        assert 40 <= x <= 760 and 40 <= y <= 460
    (x_south, y_south), (x_north, y_north), _middle = places
    assert y_north < y_south and x_north > x_south
    assert places[2] == (400.0, 250.0)


def test_the_projection_puts_a_single_point_in_the_middle_and_draws_nothing_without_points():
    assert publicmap.project([(46.77, 23.58)], width=800, height=500) == [(400.0, 250.0)]
    assert publicmap.project([]) == []


def test_the_openstreetmap_link_names_the_point():
    url = publicmap.openstreetmap_url("46.769400", "23.580200")
    assert url == "https://www.openstreetmap.org/?mlat=46.769400&mlon=23.580200#map=16/46.769400/23.580200"


# --- an investment's page ----------------------------------------------------------------------------------------


def test_an_investments_page_shows_its_stage_timeline_progress_and_validated_money(client, published):
    response = client.get(detail(published))
    page = text(response)
    assert response.status_code == 200
    assert "Central Park renovation" in page
    assert "Direcția Urbanism" not in page and "Urban Planning Department" in page
    assert "HCL nr. 112/2025" in page
    # Physical beside financial, never merged.
    assert 'id="physical-progress">35&nbsp;%' in page
    assert 'id="financial-progress">20&nbsp;%' in page
    assert 'id="money-contracted">1,309,000.00' in page
    assert 'id="money-paid">261,800.00' in page
    assert "Peisaj Verde SRL" in page and "Lucrări suplimentare la aleea principală." in page
    assert "EU funds" in page and "PR Nord-Vest 2021-2027" in page
    assert "https://www.openstreetmap.org/?mlat=46.769400&amp;mlon=23.580200#map=16/46.769400/23.580200" in page
    stages = {row.kind: row.state for row in response.context["figures"].stages}
    assert stages[Stage.Kind.CONTRACT] == "done" and stages[Stage.Kind.EXECUTION] == "planned"


def test_an_investments_page_never_shows_who_entered_or_validated_nor_the_evidence(client, published, clerk, head):
    entry = pending_payment(clerk, published, 5_000_000, document="OP 999")
    page = text(client.get(detail(published)))
    for secret in (clerk.get_full_name(), clerk.email, head.get_full_name(), "OP 999", "proces-verbal.pdf"):
        assert secret not in page
    stage = published.stages.get(kind=Stage.Kind.CONTRACT)
    assert stage.evidence.name not in page
    assert entry.document not in page


def test_an_unpublished_investment_has_no_public_page_not_even_for_its_staff(client, draft, clerk, head):
    assert client.get(detail(draft)).status_code == 404
    client.force_login(clerk)
    assert client.get(detail(draft)).status_code == 404
    assert client.get(detail(InvestmentFactory.build(code="NU-EXISTA"))).status_code == 404


def test_a_pending_payment_changes_nothing_public_until_the_head_validates_it(client, published, clerk, head):
    before = without_tokens(client.get(detail(published)))
    entry = pending_payment(clerk, published, 13_090_000)
    assert without_tokens(client.get(detail(published))) == before
    assert client.get(LIST).context["rows"][0].totals.paid == 26_180_000

    workflow.validate_entry(head, entry)
    after = text(client.get(detail(published)))
    assert 'id="money-paid">392,700.00' in after
    assert 'id="financial-progress">30&nbsp;%' in after
    assert client.get(LIST).context["rows"][0].totals.paid == 39_270_000


def test_a_pending_progress_report_is_not_public(client, published):
    ProgressReportFactory(investment=published, year=2026, quarter=1, percent=90)
    assert 'id="physical-progress">35&nbsp;%' in text(client.get(detail(published)))


def test_the_page_reads_in_hungarian(client, published, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "hu"
    page = text(client.get(detail(published)))
    assert '<html lang="hu"' in page
    assert "A Központi park felújítása" in page
    assert "Reabilitare Parcul Central" not in page
    with translation.override("hu"):
        label = str(Stage.Kind.CONTRACT.label)
    assert label[0].upper() + label[1:] in page


def test_a_sub_objects_page_links_its_parent_and_a_parent_lists_only_published_sub_objects(
    client, published, department
):
    child = InvestmentFactory(
        department=department, parent=published, code="INV-PARC-1A", title_en="Playground", is_published=True
    )
    hidden = InvestmentFactory(department=department, parent=published, code="INV-PARC-1B", title_en="Fountain")
    parent_page = text(client.get(detail(published)))
    assert f'href="{detail(child)}"' in parent_page and "Playground" in parent_page
    assert "Fountain" not in parent_page and hidden.code not in parent_page
    child_page = text(client.get(detail(child)))
    assert f'href="{detail(published)}"' in child_page and "Part of" in child_page


def test_a_sub_objects_page_does_not_link_an_unpublished_parent(client, draft, department):
    child = InvestmentFactory(department=department, parent=draft, code="INV-CIORNA-1A", is_published=True)
    page = text(client.get(detail(child)))
    assert detail(draft) not in page and draft.title not in page


def test_an_investments_page_makes_a_fixed_number_of_queries(
    client, published, department, django_assert_max_num_queries, site_menus_cached
):
    for number in range(5):
        child = InvestmentFactory(department=department, parent=published, code=f"C-{number}", is_published=True)
        StageFactory(investment=child, done=True)
        LedgerEntryFactory(investment=child, validated=True)
    site_menus_cached()
    with django_assert_max_num_queries(DETAIL_QUERIES):
        assert client.get(detail(published)).status_code == 200


def test_a_late_stage_says_how_late_in_words(client, published):
    StageFactory(investment=published, kind=Stage.Kind.PROCUREMENT, planned_date=datetime.date(2020, 1, 1))
    page = text(client.get(detail(published)))
    assert "late by" in page


def test_a_parent_shows_its_own_progress_until_its_sub_objects_have_contracts(client, published, department):
    child = InvestmentFactory(department=department, parent=published, code="INV-PARC-1A", is_published=True)
    ProgressReportFactory(investment=child, percent=80, validated=True)
    assert 'id="physical-progress">35&nbsp;%' in text(client.get(detail(published)))
    ContractFactory(investment=child, value_bani=50_000_000, vat_bani=0)
    # Weighted by the sub-objects' contract values: the only one with a contract is 80 % done.
    page = text(client.get(detail(published)))
    assert 'id="physical-progress">80&nbsp;%' in page
    assert "weighted by the value of their contracts" in page
