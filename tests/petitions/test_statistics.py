"""The public yearly figures of petitions and information requests, counted from the cases, on a page and as CSV."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from petitions import answers, statistics
from petitions import workflow as petitions_workflow
from services import workflow
from services.calendar import clock_at
from tests.factories import CaseFactory, ProcedureFactory, ServiceFactory

DAY = datetime.date(2026, 3, 2)


@pytest.fixture
def services_of_both_kinds(department):
    return (
        ServiceFactory(kind="petition", procedure=ProcedureFactory(owner_department=department, deadline_days=30)),
        ServiceFactory(kind="information", procedure=ProcedureFactory(owner_department=department, deadline_days=10)),
    )


def register(service, citizen, day=DAY):
    at = timezone.make_aware(datetime.datetime.combine(day, datetime.time(9)))
    with clock_at(day):
        return CaseFactory(service=service, applicant=citizen, registered_at=at)


@pytest.fixture
def year_of_requests(services_of_both_kinds, citizen, clerk, head):
    petition, information = services_of_both_kinds
    with clock_at(DAY + datetime.timedelta(days=3)):
        answered = register(petition, citizen)
        answers.draft_answer(answered, by=clerk, text="Răspuns.")
        answers.approve_answer(answered, by=head)
        petitions_workflow.forward_case(register(petition, citizen), by=clerk, authority="CJ")
        register(petition, citizen)  # still open
    with clock_at(DAY + datetime.timedelta(days=40)):
        late = register(information, citizen)
        answers.draft_answer(late, by=clerk, text="Refuz.", outcome="rejected")
    with clock_at(DAY + datetime.timedelta(days=60)):
        answers.approve_answer(late, by=head)  # registered on day 40, refused on day 60: late
    with clock_at(DAY + datetime.timedelta(days=41)):
        workflow.withdraw_case(register(information, citizen, DAY + datetime.timedelta(days=41)), by=citizen)
    register(petition, citizen, datetime.date(2025, 6, 2))  # another year


def test_the_year_is_counted_by_kind_and_outcome(year_of_requests):
    petition, information = statistics.yearly(2026)

    assert (petition.registered, petition.answered, petition.forwarded, petition.open) == (3, 1, 1, 1)
    assert (petition.on_time, petition.decided, petition.on_time_rate) == (2, 2, 100)
    assert (information.registered, information.refused, information.withdrawn) == (2, 1, 1)
    assert (information.on_time, information.decided, information.on_time_rate) == (0, 1, 0)
    assert statistics.yearly(2025)[0].registered == 1


def test_a_year_without_requests_lists_every_kind_with_zeros(db):
    rows = statistics.yearly(2026)
    assert [(row.kind, row.registered, row.on_time_rate) for row in rows] == [
        ("petition", 0, None),
        ("information", 0, None),
    ]


def test_the_public_page_and_its_csv_need_no_account(client, year_of_requests, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    with clock_at(datetime.date(2026, 12, 1)):
        page = client.get(reverse("petitions:statistics"), {"an": "2026"})
        csv = client.get(reverse("petitions:statistics"), {"an": "2026", "format": "csv"})

    assert page.status_code == 200
    assert "100% (2/2)" in page.content.decode()
    lines = csv.content.decode("utf-8-sig").splitlines()
    assert lines[0].startswith("Kind;Registered;Still open;Answered")
    assert lines[1].split(";")[1:4] == ["3", "1", "1"]


def test_the_page_answers_in_few_queries_whatever_the_number_of_cases(
    client, year_of_requests, django_assert_max_num_queries
):
    with django_assert_max_num_queries(8):
        client.get(reverse("petitions:statistics"), {"an": "2026"})


def test_a_nonsense_year_shows_the_current_one(client, db):
    with clock_at(datetime.date(2026, 12, 1)):
        assert client.get(reverse("petitions:statistics"), {"an": "abc"}).context["year"] == 2026
        assert client.get(reverse("petitions:statistics"), {"an": "3000"}).context["year"] == 2026
