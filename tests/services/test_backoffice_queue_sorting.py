"""The clerks' queue sorted by any column both ways, its quick views, lateness in working days and the full width."""

import datetime
import re

import pytest
from django.utils import timezone

from services.calendar import clock_at
from services.models import Case, Status
from tests.factories import CaseFactory, ProcedureFactory, ServiceFactory

from .test_backoffice_queue import QUEUE, QUEUE_CSV, _english, numbers, read_csv  # noqa: F401

WEDNESDAY = datetime.date(2026, 3, 11)  # no holiday in March 2026


@pytest.fixture
def three_cases(client, clerk, head, service, other_service, department, citizen):
    """Three open cases that each column orders differently; the clerk is signed in and today is WEDNESDAY."""
    third_service = ServiceFactory(
        procedure=ProcedureFactory(owner_department=department), title="Certificat de nomenclatură stradală"
    )
    first, second, third = (CaseFactory(service=service, applicant=citizen) for _ in range(3))
    values = {
        # service (English titles: Urbanism certificate, Autorizație de construire, Certificat de nomenclatură)
        first: {"service": service, "applicant_name": "Popescu Ana", "status": Status.REGISTERED, "assignee": head},
        second: {"service": other_service, "applicant_name": "albu Ion", "status": Status.IN_REVIEW, "assignee": None},
        third: {
            "service": third_service,
            "applicant_name": "Mureșan Eva",
            "status": Status.SUBMITTED,
            "assignee": clerk,
        },
    }
    registered = {first: 5, second: 20, third: 1}
    due = {first: WEDNESDAY + datetime.timedelta(days=14), second: WEDNESDAY + datetime.timedelta(days=2)}
    due[third] = WEDNESDAY - datetime.timedelta(days=5)
    for case, fields in values.items():
        Case.objects.filter(pk=case.pk).update(
            **fields,
            registered_at=timezone.make_aware(datetime.datetime.combine(WEDNESDAY, datetime.time(10)))
            - datetime.timedelta(days=registered[case]),
            due_date=due[case],
        )
    client.force_login(clerk)
    with clock_at(WEDNESDAY):
        yield {
            "first": first.registration_number,
            "second": second.registration_number,
            "third": third.registration_number,
        }


def by_name(three_cases, *names):
    return [three_cases[name] for name in names]


@pytest.mark.parametrize(
    ("sort", "ascending"),
    [
        ("number", ("first", "second", "third")),
        ("service", ("second", "third", "first")),
        ("applicant", ("second", "third", "first")),  # case-insensitive: albu, Mureșan, Popescu
        ("status", ("third", "first", "second")),  # the workflow's order: submitted, registered, in review
        ("assignee", ("third", "first", "second")),  # Referent, Șef, then nobody (last both ways)
        ("registered", ("second", "first", "third")),
        ("due", ("third", "second", "first")),
        ("left", ("third", "second", "first")),
    ],
)
def test_each_column_sorts_the_queue_both_ways(client, three_cases, sort, ascending):
    up = numbers(client.get(QUEUE, {"sort": sort}))
    down = numbers(client.get(QUEUE, {"sort": sort, "dir": "desc"}))

    assert up == by_name(three_cases, *ascending)
    if sort == "assignee":  # the unassigned case stays last
        assert down == by_name(three_cases, ascending[1], ascending[0], ascending[2])
    else:
        assert down == list(reversed(up))


def test_the_sorted_header_says_so_and_its_link_sorts_the_other_way_keeping_the_filters(client, three_cases):
    html = client.get(QUEUE, {"q": "GU", "sort": "left", "page": 1}).content.decode()

    assert html.count("aria-sort=") == 1
    assert re.search(r'aria-sort="ascending">\s*<a [^>]*href="\?q=GU&amp;sort=left&amp;dir=desc"', html)
    assert 'href="?q=GU&amp;sort=due&amp;dir=asc"' in html
    # The filter form keeps the order when the filters change.
    assert '<input type="hidden" name="sort" value="left"' in html


def test_without_a_sort_the_default_order_stays_and_no_header_claims_to_sort(client, three_cases):
    response = client.get(QUEUE)

    assert numbers(response) == by_name(three_cases, "third", "second", "first")
    assert "aria-sort=" not in response.content.decode()


@pytest.mark.parametrize(
    "params",
    [{"sort": "pk; DROP TABLE"}, {"sort": "-due"}, {"sort": "registration_number"}, {"sort": "due", "dir": "x"}],
)
def test_an_unknown_sort_or_direction_falls_back_quietly(client, three_cases, params):
    response = client.get(QUEUE, params)

    assert response.status_code == 200
    # The default order, or the due date ascending for a known column with an unknown direction: the same here.
    assert numbers(response) == by_name(three_cases, "third", "second", "first")


def test_the_quick_views_show_my_cases_and_the_unassigned_ones(client, three_cases):
    html = client.get(QUEUE, {"sort": "due"}).content.decode()
    assert 'href="?sort=due&amp;assignee=me">Assigned to me<' in html
    assert 'href="?sort=due&amp;assignee=unassigned">Unassigned<' in html

    mine = client.get(QUEUE, {"sort": "due", "assignee": "me"})
    assert numbers(mine) == by_name(three_cases, "third")
    assert 'assignee=me" aria-current="true">Assigned to me<' in mine.content.decode()
    assert numbers(client.get(QUEUE, {"assignee": "unassigned"})) == by_name(three_cases, "second")


def test_the_csv_follows_the_filters_and_the_order_of_the_page(client, three_cases):
    link = 'href="/birou/export.csv?assignee=unassigned&amp;sort=number&amp;dir=desc"'
    assert link in client.get(QUEUE, {"assignee": "unassigned", "sort": "number", "dir": "desc"}).content.decode()

    rows = read_csv(client.get(QUEUE_CSV, {"sort": "applicant", "dir": "desc"}))[1:]
    assert [row[0] for row in rows] == by_name(three_cases, "first", "third", "second")
    rows = read_csv(client.get(QUEUE_CSV, {"assignee": "me", "sort": "applicant"}))[1:]
    assert [row[0] for row in rows] == by_name(three_cases, "third")


def test_lateness_reads_in_working_days_and_a_case_due_within_three_working_days_is_marked(client, three_cases):
    html = client.get(QUEUE).content.decode()

    # Due on Friday 6 March, seen on Wednesday 11 March: Monday, Tuesday, Wednesday passed.
    assert 'class="govuk-tag govuk-tag--red portal-queue__late">3 working days late</strong>' in html
    # Due on Friday 13 March: Thursday and Friday left.
    assert 'class="govuk-tag govuk-tag--yellow portal-queue__due-soon">2 working days left</strong>' in html
    assert html.count("portal-queue__due-soon") == 1


def test_the_queue_uses_the_full_width_of_the_screen(client, three_cases):
    assert 'class="govuk-width-container portal-staff-width"' in client.get(QUEUE).content.decode()
