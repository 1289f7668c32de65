"""The indicators at scale: the page's query count, the cases read in one query, and the medians taken from
histograms of processing days equal to the database's own median of the same cases."""

import datetime
import statistics
from collections import Counter

import pytest
from django.db import connection
from django.db.models import Q
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from services.aggregates import Median, median_of_counts
from services.calendar import clock_at
from services.dashboard.selectors import indicators
from services.models import Case, Status
from tests.factories import DepartmentFactory, ProcedureFactory, ServiceFactory
from tests.services.test_dashboard import TODAY, URL, YEAR, figures, make_case

CSV_URL = reverse("dashboard:indicators_csv")


@pytest.fixture
def other_service(db):
    department = DepartmentFactory(code="taxe", name="Direcția Taxe")
    return ServiceFactory(procedure=ProcedureFactory(owner_department=department, code="PO-DTL-01"))


@pytest.fixture
def some_cases(service, other_service):
    """Twelve cases of two departments in every part of the indicators: opened, closed (on time, late, withdrawn),
    open and overdue."""
    for i in range(12):
        registered = datetime.date(2026, 1 + i % 5, 5)
        chosen = service if i % 2 else other_service
        if i % 3:
            make_case(
                chosen,
                registered=registered,
                closed=registered + datetime.timedelta(days=20),
                on_time=bool(i % 4),
                days=i % 7,
                status=Status.WITHDRAWN if i == 5 else Status.APPROVED,
            )
        else:
            make_case(chosen, registered=registered, due=registered + datetime.timedelta(days=30))


def fetch(client, user, url=URL):
    client.force_login(user)
    with clock_at(TODAY):
        response = client.get(url)
    assert response.status_code == 200
    return response


# --- what the page costs ------------------------------------------------------------------------------------------


def test_the_page_costs_at_most_twelve_queries_for_the_quality_manager(
    client, quality_manager, some_cases, django_assert_max_num_queries, site_menus_cached
):
    # Two of them are the applicants' ratings (per department and per service).
    client.force_login(quality_manager)
    with clock_at(TODAY), django_assert_max_num_queries(12):
        assert client.get(URL).status_code == 200


def test_the_page_costs_at_most_twelve_queries_for_a_head(
    client, head, some_cases, django_assert_max_num_queries, site_menus_cached
):
    client.force_login(head)
    with clock_at(TODAY), django_assert_max_num_queries(12):
        assert client.get(URL).status_code == 200


def test_the_csv_export_costs_at_most_nine_queries(client, quality_manager, some_cases, django_assert_max_num_queries):
    client.force_login(quality_manager)
    with clock_at(TODAY), django_assert_max_num_queries(9):
        assert client.get(CSV_URL).status_code == 200


@pytest.mark.parametrize("url", [URL, CSV_URL])
def test_the_cases_are_read_in_one_query(client, quality_manager, some_cases, url):
    client.force_login(quality_manager)
    with clock_at(TODAY), CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    reading_cases = [query["sql"] for query in captured if 'FROM "services_case"' in query["sql"]]
    assert len(reading_cases) == 1


# --- the figures out of the one query -----------------------------------------------------------------------------


def test_a_case_counts_in_every_part_of_the_period_it_falls_in(service):
    make_case(service, registered=datetime.date(2026, 2, 2), closed=datetime.date(2026, 3, 2), days=20)
    make_case(service, registered=datetime.date(2026, 2, 2), due=datetime.date(2026, 3, 4))
    make_case(service, registered=datetime.date(2025, 12, 1), closed=datetime.date(2026, 1, 12), days=25)
    total = figures()
    assert (total.opened, total.closed, total.open, total.overdue) == (2, 2, 1, 1)


def test_a_departments_median_is_taken_over_its_cases_not_over_its_procedures_medians(service):
    second = ServiceFactory(procedure=ProcedureFactory(owner_department=service.department, code="PO-DUAT-03"))
    for days in (1, 2, 3):
        make_case(service, registered=datetime.date(2026, 2, 2), closed=datetime.date(2026, 3, 2), days=days)
    make_case(second, registered=datetime.date(2026, 2, 2), closed=datetime.date(2026, 3, 2), days=40)
    result = indicators(department_ids=None, period=YEAR, today=TODAY)
    assert [row.median_days for row in result.by_procedure] == [2, 40]
    assert [row.median_days for row in result.by_department] == [2.5]
    assert result.total.median_days == 2.5


def test_the_medians_equal_the_databases_own_median_of_the_same_cases(some_cases):
    result = indicators(department_ids=None, period=YEAR, today=TODAY)
    closed = Q(closed_on__gte=YEAR.start, closed_on__lte=YEAR.end)
    expected = Case.objects.order_by().aggregate(median=Median("processing_working_days", filter=closed))["median"]
    assert result.total.median_days == expected
    for row in result.by_procedure:
        cases = Case.objects.order_by().filter(procedure=row.subject)
        assert row.median_days == cases.aggregate(median=Median("processing_working_days", filter=closed))["median"]
    for row in result.by_department:
        cases = Case.objects.order_by().filter(department=row.subject)
        assert row.median_days == cases.aggregate(median=Median("processing_working_days", filter=closed))["median"]


def test_a_heads_figures_count_none_of_another_departments_cases(client, head, quality_manager, some_cases, service):
    # The quality manager's row for the department is grouped, the head's total filtered: every part of the query
    # must filter by department for the two to agree.
    mine = fetch(client, head).context["indicators"].total
    everyone = fetch(client, quality_manager).context["indicators"]
    (theirs,) = [row for row in everyone.by_department if row.subject == service.department]
    assert (mine.opened, mine.closed, mine.open, mine.overdue) == (
        theirs.opened,
        theirs.closed,
        theirs.open,
        theirs.overdue,
    )
    assert (mine.closed_on_time, mine.closed_judged, mine.median_days) == (
        theirs.closed_on_time,
        theirs.closed_judged,
        theirs.median_days,
    )
    assert mine.opened < everyone.total.opened


# --- the median of a histogram ------------------------------------------------------------------------------------


def test_the_median_of_no_values_is_none():
    assert median_of_counts({}) is None
    assert median_of_counts({4: 0}) is None


@pytest.mark.parametrize(
    ("counts", "median"),
    [
        ({7: 1}, 7.0),
        ({2: 1, 9: 1, 4: 1}, 4.0),
        ({10: 1, 2: 1, 8: 1, 3: 1}, 5.5),
        ({2: 3, 9: 1}, 2.0),
        ({1: 2, 6: 2}, 3.5),
        ({1: 1, 4: 0, 9: 1}, 5.0),  # a value counted zero times is not among the values
    ],
)
def test_the_median_of_a_histogram_is_its_middle_value_or_the_mean_of_the_middle_two(counts, median):
    assert median_of_counts(counts) == median


@given(st.lists(st.integers(min_value=0, max_value=400), min_size=1, max_size=60))
def test_the_median_of_a_histogram_equals_the_median_of_its_values(values):
    assert median_of_counts(Counter(values)) == statistics.median(values)
