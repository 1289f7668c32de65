"""The applicants' rating of the service: asked once when a case closes, answered once, reported anonymously."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.utils import timezone

from services import ratings, workflow
from services.calendar import clock_at
from services.models import Case, Message, ServiceRating, Status
from tests.factories import CaseFactory, DepartmentFactory, ProcedureFactory, ServiceFactory, UserFactory

CLOSED_ON = datetime.date(2026, 3, 10)
SITE_URL = "https://primarie.example.ro"


@pytest.fixture(autouse=True)
def _site(settings):
    settings.SITE_URL = SITE_URL


def register(service, applicant=None, **kwargs):
    at = timezone.make_aware(datetime.datetime(2026, 3, 2, 10, 0))
    with clock_at(datetime.date(2026, 3, 2)):
        return CaseFactory(service=service, applicant=applicant, registered_at=at, **kwargs)


def close(case, clerk, outcome=Status.APPROVED, day=CLOSED_ON):
    with clock_at(day):
        return workflow.resolve_case(case, by=clerk, outcome=outcome, note="Soluționat.")


def rating_emails(mailoutbox):
    return [email for email in mailoutbox if "/evaluare/" in email.body]


# --- asking -------------------------------------------------------------------------------------------------------


def test_closing_a_case_with_a_decision_asks_the_applicant_once_and_emails_the_link_after_the_commit(
    service, citizen, clerk, django_capture_on_commit_callbacks, mailoutbox
):
    case = register(service, citizen, language="ro")

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        close(case, clerk)

    rating = ServiceRating.objects.get(case=case)
    assert not rating.answered
    assert rating.emailed_at is not None
    assert len(callbacks) >= 1
    [email] = rating_emails(mailoutbox)
    assert email.to == [citizen.email]
    assert f"{SITE_URL}/evaluare/{rating.token}/" in email.body
    assert case.registration_number in email.subject


def test_nothing_is_emailed_before_the_commit(service, citizen, clerk, django_capture_on_commit_callbacks, mailoutbox):
    case = register(service, citizen)

    with django_capture_on_commit_callbacks(execute=False):
        close(case, clerk)

    assert ServiceRating.objects.filter(case=case).exists()
    assert rating_emails(mailoutbox) == []


def test_the_email_is_in_the_language_of_the_case(
    service, citizen, clerk, django_capture_on_commit_callbacks, mailoutbox
):
    case = register(service, citizen, language="en")

    with django_capture_on_commit_callbacks(execute=True):
        close(case, clerk)

    [email] = rating_emails(mailoutbox)
    assert "how satisfied are you with our service?" in email.subject
    assert "Urbanism certificate" in email.body


def test_the_email_is_kept_in_the_applicants_inbox(
    service, citizen, clerk, django_capture_on_commit_callbacks, mailoutbox
):
    case = register(service, citizen, language="en")

    with django_capture_on_commit_callbacks(execute=True):
        close(case, clerk)

    assert Message.objects.filter(recipient=citizen, case=case, subject__contains="how satisfied").count() == 1


def test_asking_again_for_the_same_case_neither_creates_a_second_question_nor_sends_a_second_email(
    service, citizen, clerk, django_capture_on_commit_callbacks, mailoutbox
):
    case = register(service, citizen)
    with django_capture_on_commit_callbacks(execute=True):
        close(case, clerk)
    first = ServiceRating.objects.get(case=case)

    case.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        again = ratings.ask_for_rating(case)
    ratings.email_rating_request(first.pk)  # a retried e-mail, too

    assert again.pk == first.pk
    assert ServiceRating.objects.filter(case=case).count() == 1
    assert len(rating_emails(mailoutbox)) == 1


def test_events_after_the_closing_do_not_ask_again(
    service, citizen, clerk, django_capture_on_commit_callbacks, mailoutbox
):
    case = register(service, citizen)
    with django_capture_on_commit_callbacks(execute=True):
        close(case, clerk)
        workflow.record_event(case, by=clerk, action=workflow.Action.NOTE, note="Arhivat.")

    assert ServiceRating.objects.filter(case=case).count() == 1
    assert len(rating_emails(mailoutbox)) == 1


@pytest.mark.parametrize("outcome", [Status.APPROVED, Status.REJECTED])
def test_every_decision_asks(service, citizen, clerk, outcome):
    case = register(service, citizen)

    close(case, clerk, outcome)

    assert ServiceRating.objects.filter(case=case).exists()


def test_a_withdrawn_case_is_not_asked(service, citizen, django_capture_on_commit_callbacks, mailoutbox):
    case = register(service, citizen)

    with django_capture_on_commit_callbacks(execute=True):
        workflow.withdraw_case(case, by=citizen, reason="Nu mai am nevoie.")

    assert not ServiceRating.objects.filter(case=case).exists()
    assert rating_emails(mailoutbox) == []


def test_a_case_without_account_or_email_is_not_asked(service, clerk):
    case = register(service, None, applicant_name="Ion Pop", applicant_email="")

    close(case, clerk)

    assert not ServiceRating.objects.filter(case=case).exists()


def test_an_applicant_without_account_is_asked_by_email(
    service, clerk, django_capture_on_commit_callbacks, mailoutbox
):
    case = register(service, None, applicant_name="Ion Pop", applicant_email="ion.pop@example.ro")

    with django_capture_on_commit_callbacks(execute=True):
        close(case, clerk)

    assert ServiceRating.objects.filter(case=case).exists()
    assert [email.to for email in rating_emails(mailoutbox)] == [["ion.pop@example.ro"]]


# --- answering ----------------------------------------------------------------------------------------------------


@pytest.fixture
def rating(service, citizen, clerk):
    return ratings.ask_for_rating(close(register(service, citizen), clerk))


def test_an_answer_records_the_score_the_comment_and_when(rating):
    with clock_at(datetime.date(2026, 3, 11)):
        answered = ratings.answer_rating(rating, score=4, comment="  Rapid și politicos.  ")

    stored = ServiceRating.objects.get(pk=rating.pk)
    assert (stored.score, stored.comment, timezone.localdate(stored.answered_at)) == (
        4,
        "Rapid și politicos.",
        datetime.date(2026, 3, 11),
    )
    assert answered.answered


def test_a_second_answer_is_refused_and_the_first_one_stays(rating):
    ratings.answer_rating(rating, score=5, comment="")

    with pytest.raises(ValidationError) as refused:
        ratings.answer_rating(rating, score=1, comment="M-am răzgândit.")

    assert refused.value.code == "already_answered"
    assert ServiceRating.objects.get(pk=rating.pk).score == 5


@pytest.mark.parametrize("score", [0, 6, -1, None, "", "cinci"])
def test_a_score_outside_1_to_5_is_refused(rating, score):
    with pytest.raises(ValidationError) as refused:
        ratings.answer_rating(rating, score=score, comment="")

    assert refused.value.code == "score"
    assert not ServiceRating.objects.get(pk=rating.pk).answered


def test_an_overlong_comment_is_refused(rating):
    with pytest.raises(ValidationError) as refused:
        ratings.answer_rating(rating, score=3, comment="x" * 2001)

    assert refused.value.code == "comment"


@pytest.mark.postgres
@pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite has no row locks to race against")
@pytest.mark.django_db(transaction=True)
def test_two_answers_sent_at_once_land_one_after_the_other_and_the_second_is_refused(monkeypatch):
    """Both racers read the rating; the first stops after its check. Without the row lock the second would read the
    rating unanswered too and both answers would be saved."""
    from tests.services.test_workflow_races import Race

    department = DepartmentFactory()
    service = ServiceFactory(procedure=ProcedureFactory(owner_department=department))
    case = CaseFactory(service=service, applicant=UserFactory())
    Case.objects.filter(pk=case.pk).update(status=Status.APPROVED, closed_on=CLOSED_ON)
    rating = ServiceRating.objects.create(case=case, asked_at=timezone.now())
    race = Race(monkeypatch)
    race.pause_after(ratings, "clean_score")

    first, second = race.run(
        lambda: ratings.answer_rating(rating, score=5, comment="Primul"),
        lambda: ratings.answer_rating(rating, score=1, comment="Al doilea"),
    )

    assert isinstance(first, ServiceRating)
    assert isinstance(second, ValidationError) and second.code == "already_answered"
    assert ServiceRating.objects.get(pk=rating.pk).comment == "Primul"


# --- the anonymous results ----------------------------------------------------------------------------------------


@pytest.fixture
def other_service(db):
    department = DepartmentFactory(code="taxe", name="Direcția Taxe")
    return ServiceFactory(procedure=ProcedureFactory(owner_department=department), title="Impozit auto")


def rated(service, score=None, comment="", *, closed_on=CLOSED_ON, status=Status.APPROVED):
    """A closed case of `service` asked for a rating, answered with `score` unless None; its closing written
    directly (the figures are what is tested here)."""
    case = register(service, UserFactory())
    Case.objects.filter(pk=case.pk).update(status=status, closed_on=closed_on)
    rating = ServiceRating.objects.create(case=case, asked_at=timezone.now())
    if score is not None:
        ratings.answer_rating(rating, score=score, comment=comment)
    return rating


MARCH = (datetime.date(2026, 3, 1), datetime.date(2026, 3, 31))


def test_the_results_count_asked_answered_response_rate_mean_and_distribution(service, other_service):
    for score in (5, 4, 4, None):
        rated(service, score)
    rated(other_service, 1)
    rated(other_service, None)

    results = ratings.rating_results(*MARCH)

    by_service = {row.subject: row for row in results.by_service}
    mine = by_service[service]
    assert (mine.asked, mine.answered, mine.distribution) == (4, 3, (0, 0, 0, 2, 1))
    assert mine.response_rate == 75
    assert mine.shown_mean_score == Decimal("4.33")
    theirs = by_service[other_service]
    assert (theirs.asked, theirs.answered, theirs.mean_score, theirs.response_rate) == (2, 1, 1, 50)
    assert {row.subject.code: (row.asked, row.answered) for row in results.by_department} == {
        "urbanism": (4, 3),
        "taxe": (2, 1),
    }
    total = results.total
    assert (total.asked, total.answered, total.distribution) == (6, 4, (1, 0, 0, 2, 1))
    assert total.mean_score == pytest.approx(14 / 4)
    assert total.shown_response_rate == Decimal("66.7")


def test_the_results_count_only_the_cases_closed_in_the_period_of_the_departments_in_scope(service, other_service):
    rated(service, 5)
    rated(service, 1, closed_on=datetime.date(2026, 4, 1))
    rated(other_service, 2)

    results = ratings.rating_results(*MARCH, departments={service.procedure.owner_department_id})

    assert [row.subject for row in results.by_service] == [service]
    assert (results.total.asked, results.total.mean_score) == (1, 5)


def test_a_period_without_ratings_has_empty_results(db):
    results = ratings.rating_results(*MARCH)

    assert (results.by_service, results.by_department) == ([], [])
    assert (results.total.asked, results.total.response_rate, results.total.mean_score) == (0, None, None)
    assert results.total.distribution == (0, 0, 0, 0, 0)


def test_the_results_cost_two_queries_however_many_ratings(service, other_service, django_assert_num_queries):
    for score in (1, 2, 3, 4, 5, None):
        rated(service, score)
        rated(other_service, score)

    with django_assert_num_queries(2):
        ratings.rating_results(*MARCH)


def test_the_comments_come_as_text_with_service_and_month_only(service, other_service):
    rated(service, 2, "Am așteptat prea mult la ghișeu.")
    rated(other_service, 5, "")
    rated(service, None)

    [comment] = ratings.rating_results(*MARCH).comments

    assert (comment.service, comment.month, comment.comment) == (
        service,
        datetime.date(2026, 3, 1),
        "Am așteptat prea mult la ghișeu.",
    )
    assert set(vars(comment)) == {"service", "month", "comment"}


def test_low_ratings_with_comments_are_those_at_most_the_score_with_a_comment(service, other_service):
    low = rated(service, 2, "Formularul nu era clar.")
    rated(service, 1, "")
    rated(service, 4, "Bine.")
    lowest = rated(other_service, 1, "Nimeni nu mi-a răspuns la telefon.")
    rated(other_service, 1, "În afara perioadei.", closed_on=datetime.date(2026, 4, 2))

    found = list(ratings.low_ratings_with_comments(*MARCH))

    assert set(found) == {low, lowest}
    assert {(r.case.service, r.case.department.code) for r in found} == {
        (service, "urbanism"),
        (other_service, "taxe"),
    }
    assert [r.pk for r in ratings.low_ratings_with_comments(*MARCH, max_score=1)] == [lowest.pk]
