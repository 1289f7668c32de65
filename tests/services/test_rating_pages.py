"""The rating's pages: the question on the closed case's page, the e-mail's link without signing in, and the staff's
anonymous results on the indicators page and in their CSV."""

import csv
import datetime
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from portal.spreadsheets import DELIMITER
from services import ratings
from services.calendar import clock_at
from services.models import Case, ServiceRating, Status
from tests.factories import CaseFactory, DepartmentFactory, ProcedureFactory, ServiceFactory, UserFactory

CLOSED_ON = datetime.date(2026, 3, 10)
TODAY = datetime.date(2026, 6, 15)
INDICATORS = reverse("dashboard:indicators")
RATINGS_CSV = reverse("dashboard:ratings_csv")


@pytest.fixture(autouse=True)
def english(client, settings):
    """Pages in English, so the tests read the msgids."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"


def closed_case(service, applicant, **kwargs):
    """A case closed with a decision and asked for a rating; the closing written directly."""
    case = CaseFactory(service=service, applicant=applicant, **kwargs)
    Case.objects.filter(pk=case.pk).update(status=Status.APPROVED, closed_on=CLOSED_ON)
    case.refresh_from_db()
    ratings.ask_for_rating(case)
    return case


@pytest.fixture
def case(service, citizen):
    return closed_case(service, citizen, applicant_name="Ana Popescu")


@pytest.fixture
def signed_in(client, citizen):
    client.force_login(citizen)
    return client


def case_url(case):
    return reverse("services:case", args=[case.registration_number])


def answer_url(case):
    return reverse("ratings:answer", args=[case.registration_number])


def token_url(case):
    return reverse("ratings:by_token", args=[case.rating.token])


# --- the case page ------------------------------------------------------------------------------------------------


def test_the_closed_case_page_asks_for_a_rating_from_1_to_5(signed_in, case):
    page = signed_in.get(case_url(case)).content.decode()

    assert "Rate the service" in page
    assert f'action="{answer_url(case)}"' in page
    assert "1 – very dissatisfied" in page and "5 – very satisfied" in page
    assert page.count('name="score"') == 5


def test_an_open_case_page_asks_nothing(signed_in, service, citizen):
    case = CaseFactory(service=service, applicant=citizen)

    assert "Rate the service" not in signed_in.get(case_url(case)).content.decode()


def test_the_applicant_rates_from_the_case_page_and_then_reads_thanks(signed_in, case):
    response = signed_in.post(answer_url(case), {"score": "4", "comment": "Mulțumesc."}, follow=True)

    rating = ServiceRating.objects.get(case=case)
    assert (rating.score, rating.comment) == (4, "Mulțumesc.")
    page = response.content.decode()
    assert "Thank you for your rating" in page
    assert 'name="score"' not in page


def test_a_rating_without_a_score_shows_a_clear_error_and_keeps_the_comment(signed_in, case):
    response = signed_in.post(answer_url(case), {"comment": "Ghișeul era închis."})

    page = response.content.decode()
    assert "Choose how satisfied you are, from 1 (very dissatisfied) to 5 (very satisfied)." in page
    assert "Ghișeul era închis.</textarea>" in page
    assert 'href="#id_score_0"' in page
    assert not ServiceRating.objects.get(case=case).answered


def test_a_score_outside_1_to_5_is_refused_on_the_page(signed_in, case):
    response = signed_in.post(answer_url(case), {"score": "9"})

    assert "Choose how satisfied you are" in response.content.decode()
    assert not ServiceRating.objects.get(case=case).answered


def test_a_second_rating_from_the_case_page_changes_nothing(signed_in, case):
    signed_in.post(answer_url(case), {"score": "5"})

    response = signed_in.post(answer_url(case), {"score": "1"}, follow=True)

    assert ServiceRating.objects.get(case=case).score == 5
    assert "You have already rated this service." in response.content.decode()


def test_another_citizen_cannot_rate_the_case(client, case):
    client.force_login(UserFactory())

    response = client.post(answer_url(case), {"score": "1"})

    assert response.status_code == 404
    assert not ServiceRating.objects.get(case=case).answered


def test_rating_from_the_case_page_needs_signing_in(client, case):
    response = client.post(answer_url(case), {"score": "1"})

    assert response.status_code == 302
    assert not ServiceRating.objects.get(case=case).answered


def test_the_rating_form_refuses_a_post_without_the_csrf_token(case, citizen):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    strict.force_login(citizen)

    assert strict.post(answer_url(case), {"score": "5"}).status_code == 403
    assert strict.post(token_url(case), {"score": "5"}).status_code == 403
    assert not ServiceRating.objects.get(case=case).answered


def test_the_closed_case_page_with_its_rating_costs_one_query_more_than_an_open_one(
    signed_in, case, django_assert_max_num_queries, site_menus_cached
):
    # the pinned open case page (test_citizen) costs at most 8; the closed one reads its rating too
    with django_assert_max_num_queries(9):
        assert signed_in.get(case_url(case)).status_code == 200


# --- the e-mail's link --------------------------------------------------------------------------------------------


def test_the_emails_link_shows_the_question_without_signing_in(client, case):
    response = client.get(token_url(case))

    page = response.content.decode()
    assert response.status_code == 200
    assert page.count('name="score"') == 5
    assert response["Referrer-Policy"] == "no-referrer"


def test_the_emails_link_answers_without_signing_in_and_then_thanks(client, case):
    response = client.post(token_url(case), {"score": "2", "comment": "Prea lent."}, follow=True)

    rating = ServiceRating.objects.get(case=case)
    assert (rating.score, rating.comment) == (2, "Prea lent.")
    assert "Thank you for your rating" in response.content.decode()
    assert 'name="score"' not in client.get(token_url(case)).content.decode()


def test_the_emails_link_answers_once(client, case):
    client.post(token_url(case), {"score": "2"})

    client.post(token_url(case), {"score": "5"})

    assert ServiceRating.objects.get(case=case).score == 2


def test_the_emails_link_keeps_the_comment_on_error(client, case):
    response = client.post(token_url(case), {"score": "", "comment": "Un comentariu lung."})

    page = response.content.decode()
    assert "Choose how satisfied you are" in page
    assert "Un comentariu lung.</textarea>" in page


def test_an_unknown_token_is_not_found(client, case):
    assert client.get(reverse("ratings:by_token", args=["nu-exista"])).status_code == 404


# --- the staff's results ------------------------------------------------------------------------------------------


@pytest.fixture
def other_service(db):
    department = DepartmentFactory(code="taxe", name="Direcția Taxe", name_en="Taxes Department")
    return ServiceFactory(procedure=ProcedureFactory(owner_department=department), title="Impozit auto")


@pytest.fixture
def answered(service, other_service):
    """Ratings of two departments, with applicants' names, e-mails and comments that must never be reported."""
    cases = [
        closed_case(service, UserFactory(first_name="Ilie", last_name="Secretescu"), applicant_name="Ilie Secretescu"),
        closed_case(service, None, applicant_name="Vasile Ascunsu", applicant_email="vasile.ascunsu@example.ro"),
        closed_case(other_service, UserFactory(), applicant_name="Dana Tainică"),
    ]
    ratings.answer_rating(cases[0].rating, score=5, comment="Foarte bine.")
    ratings.answer_rating(cases[2].rating, score=2, comment="Am așteptat mult.")
    return cases


def staff_get(client, user, url, **params):
    client.force_login(user)
    with clock_at(TODAY):
        return client.get(url, {"start": "2026-01-01", "end": "2026-06-15", **params})


def test_the_indicators_page_shows_the_ratings_per_department_and_service(client, quality_manager, answered):
    page = staff_get(client, quality_manager, INDICATORS).content.decode()

    assert "Applicants&#x27; rating of the service" in page or "Applicants' rating of the service" in page
    assert 'id="ratings-by-department"' in page and 'id="ratings-by-service"' in page
    assert "2 / 3" in page  # in total
    assert "66.7%" in page


def test_a_head_sees_only_the_ratings_of_their_departments(client, head, answered, other_service):
    page = staff_get(client, head, INDICATORS).content.decode()

    assert "Urbanism certificate" in page or "Certificat de urbanism" in page
    assert "Impozit auto" not in page


@pytest.mark.parametrize("url", [INDICATORS, RATINGS_CSV])
def test_the_reports_name_no_case_no_applicant_and_no_email(client, quality_manager, answered, url):
    body = staff_get(client, quality_manager, url).content.decode()

    for case in answered:
        assert case.registration_number not in body
        assert case.applicant_name not in body
    for secret in ("Secretescu", "Ascunsu", "Tainică", "@example.ro"):
        assert secret not in body


def test_the_ratings_csv_gives_the_figures_per_department_service_and_in_total(client, quality_manager, answered):
    response = staff_get(client, quality_manager, RATINGS_CSV)

    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=DELIMITER))
    header, *lines = rows
    assert header[5:9] == ["Asked", "Answered", "Response rate (%)", "Mean rating (1-5)"]
    by_name = {(line[0], line[2]): line for line in lines}
    urbanism = by_name[("Department", "Urban Planning Department")]
    assert urbanism[5:] == ["2", "1", "50.0", "5.00", "0", "0", "0", "0", "1"]
    assert by_name[("Total", "")][5:9] == ["3", "2", "66.7", "3.50"]


def test_the_ratings_csv_is_for_heads_and_the_quality_manager_only(client, clerk, answered):
    assert staff_get(client, clerk, RATINGS_CSV).status_code == 403


def rating_queries(client, user):
    with CaptureQueriesContext(connection) as captured:
        assert staff_get(client, user, INDICATORS).status_code == 200
    return [query["sql"] for query in captured if "services_servicerating" in query["sql"]]


def test_the_ratings_section_costs_two_queries_however_many_ratings(client, quality_manager, answered):
    assert len(rating_queries(client, quality_manager)) == 2

    for _ in range(5):
        closed_case(ServiceFactory(), UserFactory())

    assert len(rating_queries(client, quality_manager)) == 2


def test_a_period_without_ratings_says_so(client, quality_manager, db):
    page = staff_get(client, quality_manager, INDICATORS).content.decode()

    assert "No applicant was asked to rate a case closed in this period." in page
