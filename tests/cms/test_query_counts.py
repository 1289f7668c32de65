"""What an uncached public page costs: the queries of each page type on the first visit after a publish, pinned."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cms import cache as page_cache

pytestmark = pytest.mark.django_db


def first_visit_after_a_publish(client, url):
    page_cache.bump()  # what publishing does: no page and no menu is cached any more (Wagtail's own caches stay)
    response = client.get(url)
    assert response.status_code == 200
    return response


@pytest.mark.parametrize(
    ("url", "queries"),
    [
        # The bound is 10 for the home page and a service page. The route (2), the page's translations (1),
        # the institution (1), the menus and footer (2) are on every page; then each page type's own.
        ("/", 9),  # + highlights, news, quick links
        ("/servicii/autorizatie/", 9),  # + breadcrumbs, the service with its procedure, its documents
        ("/hu/servicii/autorizatie/", 9),
        ("/servicii/", 8),  # + the service pages, their life events
        ("/anunturi/", 8),  # + the count and the page of news
        ("/anunturi/anunt-1/", 8),  # + breadcrumbs, tags
        ("/contact/", 7),  # + the offices
        ("/despre/", 6),
        ("/confidentialitate/", 6),
        ("/cookie-uri/", 6),
        ("/cautare/?q=autorizatie", 11),
        ("/anunturi/rss/", 3),
    ],
)
def test_an_uncached_public_page_runs_a_bounded_number_of_queries(
    client, public_site, django_assert_max_num_queries, url, queries
):
    client.get(url)
    with django_assert_max_num_queries(queries):
        first_visit_after_a_publish(client, url)


def test_the_service_index_costs_the_same_however_many_services_it_lists(client, public_site):
    from cms.models import ServicePage
    from tests.factories import ServiceFactory

    from .conftest import add

    client.get("/servicii/")
    with CaptureQueriesContext(connection) as before:
        first_visit_after_a_publish(client, "/servicii/")
    for n in range(5):
        add(public_site.services, ServicePage(title=f"Serviciul {n}", slug=f"serviciul-{n}", service=ServiceFactory()))
    with CaptureQueriesContext(connection) as after:
        first_visit_after_a_publish(client, "/servicii/")
    assert len(after) == len(before)


def test_the_news_index_costs_the_same_however_many_news_it_lists(client, public_site):
    from cms.models import NewsPage

    from .conftest import add

    client.get("/anunturi/")
    with CaptureQueriesContext(connection) as before:
        first_visit_after_a_publish(client, "/anunturi/")
    for n in range(5):
        add(public_site.news, NewsPage(title=f"Știrea {n}", slug=f"stirea-{n}", summary="S."))
    with CaptureQueriesContext(connection) as after:
        first_visit_after_a_publish(client, "/anunturi/")
    assert len(after) == len(before)
