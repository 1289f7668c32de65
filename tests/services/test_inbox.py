"""The citizen's inbox: every e-mail the portal sent them, newest first, each linked to its case."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from services import notifications, workflow
from services.models import Message
from tests.factories import CaseFactory, UserFactory


@pytest.fixture(autouse=True)
def english(client, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"


@pytest.fixture
def case(service, citizen):
    return CaseFactory(service=service, applicant=citizen)


@pytest.fixture
def signed_in(client, citizen):
    client.force_login(citizen)
    return client


def soup(response):
    return BeautifulSoup(response.content.decode(), "html.parser")


def message(case, subject, *, minutes_ago=0, read=False):
    sent_at = timezone.now() - datetime.timedelta(minutes=minutes_ago)
    return Message.objects.create(
        recipient=case.applicant,
        case=case,
        subject=subject,
        body="Text",
        sent_at=sent_at,
        read_at=sent_at if read else None,
    )


def test_the_registration_receipt_is_kept_in_the_applicants_inbox(case):
    assert notifications.registration_receipt(case.pk) == 1

    kept = Message.objects.get()
    assert (kept.recipient, kept.case, kept.subject) == (case.applicant, case, mail.outbox[-1].subject)
    assert case.registration_number in kept.body
    assert kept.read_at is None


def test_a_message_from_the_clerk_is_kept_with_the_e_mail(case, clerk, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        workflow.message_applicant(case, by=clerk, message="Vă rugăm să treceți pe la ghișeu.")

    kept = Message.objects.get()
    assert kept.subject == mail.outbox[-1].subject
    assert "Vă rugăm să treceți pe la ghișeu." in kept.body


def test_a_completion_request_is_kept_too(case, clerk, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        workflow.assign_case(case, assignee=clerk, by=clerk)
        workflow.start_review(case, by=clerk)
        workflow.request_completion(case, by=clerk, note="Extrasul de carte funciară.")

    assert Message.objects.filter(recipient=case.applicant, body__contains="Extrasul de carte funciară.").exists()


def test_nothing_is_kept_for_an_applicant_without_an_account(service):
    case = CaseFactory(service=service, applicant=None, applicant_name="Ion Pop", applicant_email="ion@example.ro")

    assert notifications.registration_receipt(case.pk) == 1
    assert len(mail.outbox) == 1
    assert not Message.objects.exists()


def test_record_message_keeps_what_another_app_e_mailed(case):
    kept = notifications.record_message(case, "Decizia", "  Certificatul a fost emis.\n")

    assert (kept.recipient, kept.subject, kept.body) == (case.applicant, "Decizia", "Certificatul a fost emis.")


def test_the_inbox_lists_my_messages_newest_first_each_linked_to_its_case(signed_in, case):
    message(case, "Older", minutes_ago=10)
    message(case, "Newer")

    page = soup(signed_in.get(reverse("services:inbox")))

    subjects = [link.get_text() for link in page.select("main .portal-inbox h2 a")]
    assert subjects == ["Newer", "Older"]
    assert page.select_one("main .portal-inbox").find(
        "a", href=reverse("services:case", args=[case.registration_number])
    )


def test_the_inbox_marks_the_unread_messages_and_opening_it_reads_them(signed_in, case):
    message(case, "Already read", minutes_ago=10, read=True)
    unread = message(case, "New")

    page = soup(signed_in.get(reverse("services:inbox")))

    items = page.select("main .portal-inbox li")
    assert [item.find("strong", class_="govuk-tag") is not None for item in items] == [True, False]
    unread.refresh_from_db()
    assert unread.read_at is not None
    assert soup(signed_in.get(reverse("services:inbox"))).select("main .portal-inbox strong.govuk-tag") == []


def test_opening_a_message_reads_it_and_shows_its_text(signed_in, case):
    unread = message(case, "Dosar nou")

    response = signed_in.get(reverse("services:message", args=[unread.pk]))

    assert response.status_code == 200
    assert "Dosar nou" in response.content.decode()
    unread.refresh_from_db()
    assert unread.read_at is not None


def test_the_header_counts_the_unread_messages(signed_in, case):
    message(case, "One")
    message(case, "Two")

    page = soup(signed_in.get(reverse("services:my_cases")))

    link = page.find("nav", class_="govuk-service-navigation__wrapper").find("a", href=reverse("services:inbox"))
    assert link.find("strong", class_="govuk-tag").get_text(" ", strip=True) == "2 unread"


def test_staff_have_no_inbox_entry_in_the_header(client, clerk):
    client.force_login(clerk)

    page = soup(client.get(reverse("portal:dashboard")))

    assert page.find("a", href=reverse("services:inbox")) is None


def test_citizens_see_only_their_own_messages(client, case):
    someone_elses = message(case, "Private matter")
    client.force_login(UserFactory())

    assert "Private matter" not in client.get(reverse("services:inbox")).content.decode()
    assert client.get(reverse("services:message", args=[someone_elses.pk])).status_code == 404
    someone_elses.refresh_from_db()
    assert someone_elses.read_at is None


def test_the_inbox_needs_signing_in(client, db):
    assert client.get(reverse("services:inbox")).status_code == 302


def test_the_inbox_query_count_does_not_grow_with_the_messages(
    signed_in, citizen, service, django_assert_max_num_queries, site_menus_cached
):
    for n in range(6):
        message(CaseFactory(service=service, applicant=citizen), f"Mesaj {n}")

    # session, user, institution settings, the count for the pages, the messages with their cases, marking them
    # read, the unread messages in the navigation
    with django_assert_max_num_queries(7):
        response = signed_in.get(reverse("services:inbox"))

    assert response.status_code == 200
