"""The citizen's pages: my cases, the case page, withdrawal, completion of the file and the receipt."""

import datetime
import zoneinfo
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation
from django.utils.formats import date_format

from services import workflow
from services.calendar import clock_at, institution_calendar
from services.deadlines import due_date
from services.models import Case, CaseDocument, CaseEvent, Status
from tests.factories import CaseFactory, RequiredDocumentFactory, ServiceFactory, UserFactory

from .test_documents import PDF, PNG

BUCHAREST = zoneinfo.ZoneInfo("Europe/Bucharest")


@pytest.fixture(autouse=True)
def english(client, settings):
    """Pages in English, whatever the profile says, so the tests read the msgids."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"


def case_url(case, name="services:case"):
    return reverse(name, args=[case.registration_number])


@pytest.fixture
def case(service, citizen):
    return CaseFactory(service=service, applicant=citizen)


@pytest.fixture
def signed_in(client, citizen):
    client.force_login(citizen)
    return client


# --- my cases --------------------------------------------------------------------------------------------------


def test_my_cases_lists_only_my_own_cases(signed_in, service, citizen):
    mine = CaseFactory(service=service, applicant=citizen)
    theirs = CaseFactory(service=service, applicant=UserFactory())

    page = signed_in.get(reverse("services:my_cases")).content.decode()

    assert mine.registration_number in page
    assert theirs.registration_number not in page


def test_my_cases_shows_the_newest_first_with_service_status_and_due_date(signed_in, service, citizen):
    older = CaseFactory(
        service=service, applicant=citizen, registered_at=datetime.datetime(2026, 3, 2, 10, tzinfo=BUCHAREST)
    )
    newer = CaseFactory(
        service=service, applicant=citizen, registered_at=datetime.datetime(2026, 3, 9, 10, tzinfo=BUCHAREST)
    )

    page = signed_in.get(reverse("services:my_cases")).content.decode()

    assert page.index(newer.registration_number) < page.index(older.registration_number)
    assert "Urbanism certificate" in page
    assert "registered" in page
    assert case_url(newer) in page


def test_my_cases_says_when_a_case_waits_for_my_documents(signed_in, case, clerk):
    workflow.request_completion(case, by=clerk, note="Lipsește planul.")

    page = signed_in.get(reverse("services:my_cases")).content.decode()

    assert "suspended — waiting for your documents" in page


def test_my_cases_has_an_empty_state(signed_in):
    page = signed_in.get(reverse("services:my_cases")).content.decode()

    assert "You have no cases yet." in page


def test_my_cases_needs_signing_in(client, db):
    response = client.get(reverse("services:my_cases"))

    assert response.status_code == 302


def test_my_cases_query_count_does_not_grow_with_the_cases(
    signed_in, citizen, django_assert_max_num_queries, site_menus_cached
):
    for _ in range(5):
        CaseFactory(service=ServiceFactory(), applicant=citizen)
    site_menus_cached()  # new services change the public site: its menus are read again, once

    # session, user, institution settings, the count for the pages, the cases with their services, the unfinished
    # applications (one query per kind that keeps drafts: permits), the unread messages in the navigation
    with django_assert_max_num_queries(7):
        response = signed_in.get(reverse("services:my_cases"))

    assert response.status_code == 200


# --- the case page ---------------------------------------------------------------------------------------------


def test_the_case_page_shows_number_service_procedure_status_due_date_and_access_code(signed_in, case):
    page = signed_in.get(case_url(case)).content.decode()

    assert case.registration_number in page
    assert "Urbanism certificate" in page
    assert "PO-DUAT-02, edition 1, revision 0" in page
    assert case.access_code in page
    assert "working days left" in page
    assert case_url(case, "services:receipt") in page


def test_the_case_page_is_404_for_another_citizen(client, case):
    client.force_login(UserFactory())

    assert client.get(case_url(case)).status_code == 404


def test_the_case_page_is_404_for_staff(client, case, clerk):
    client.force_login(clerk)

    assert client.get(case_url(case)).status_code == 404


def test_the_timeline_shows_visible_events_and_hides_internal_notes(signed_in, case, clerk, head):
    workflow.assign_case(case, assignee=clerk, by=head)
    workflow.add_note(case, by=clerk, note="Verificat la ANCPI, proprietarul diferă.")
    workflow.message_applicant(case, by=clerk, message="Vă rugăm să aduceți originalul.")

    page = signed_in.get(case_url(case)).content.decode()

    assert "Vă rugăm să aduceți originalul." in page
    assert "Verificat la ANCPI" not in page
    assert "Referent" not in page  # the assignee's name
    assert "Ioana" not in page


def test_the_case_page_lists_only_documents_shown_to_the_applicant(signed_in, case, clerk):
    from services import documents

    shown = documents.attach_document(case, by=clerk, upload=SimpleUploadedFile("aviz.pdf", PDF))
    documents.attach_document(
        case, by=clerk, upload=SimpleUploadedFile("referat-intern.pdf", PDF), visible_to_applicant=False
    )

    page = signed_in.get(case_url(case)).content.decode()

    assert reverse("services:document", args=[shown.pk]) in page
    assert "referat-intern.pdf" not in page


def test_the_case_page_says_when_the_case_is_overdue(signed_in, case, monkeypatch):
    monkeypatch.setattr("services.calendar.today", lambda: case.due_date + datetime.timedelta(days=7))

    page = signed_in.get(case_url(case)).content.decode()

    assert "overdue by" in page


def test_the_case_page_says_since_when_a_case_due_on_friday_is_overdue_on_saturday(signed_in, case):
    friday, saturday = datetime.date(2026, 3, 6), datetime.date(2026, 3, 7)
    Case.objects.filter(pk=case.pk).update(due_date=friday)

    with clock_at(saturday):
        page = signed_in.get(case_url(case)).content.decode()

    with translation.override("en"):
        assert f"overdue since {date_format(friday, 'DATE_FORMAT')}" in page
    assert "due today" not in page
    assert "overdue by" not in page


def test_the_case_page_query_count_is_pinned(signed_in, case, clerk, django_assert_max_num_queries):
    from services import documents

    for n in range(3):
        workflow.message_applicant(case, by=clerk, message=f"Mesajul {n}")
        documents.attach_document(case, by=clerk, upload=SimpleUploadedFile(f"act{n}.pdf", PDF))

    # session, user, the case with its service and procedure, working-day calendar, institution settings, documents,
    # events, the suspensions (the due date's explanation), the unread messages in the navigation
    with django_assert_max_num_queries(9):
        response = signed_in.get(case_url(case))

    assert response.status_code == 200


def test_the_receipt_shows_what_the_applicant_needs_to_check_the_case(signed_in, case, settings):
    settings.SITE_URL = "https://ghiseul.primaria-demo.ro"

    page = signed_in.get(case_url(case, "services:receipt")).content.decode()

    assert case.registration_number in page
    assert case.access_code in page
    assert "PO-DUAT-02, edition 1, revision 0" in page
    assert "https://ghiseul.primaria-demo.ro/verifica-dosar/" in page
    assert "Primăria Demo" in page


def test_the_receipt_is_404_for_another_citizen(client, case):
    client.force_login(UserFactory())

    assert client.get(case_url(case, "services:receipt")).status_code == 404


# --- withdrawal ------------------------------------------------------------------------------------------------


def test_the_withdrawal_asks_for_confirmation_first(signed_in, case):
    response = signed_in.get(case_url(case, "services:withdraw"))

    case.refresh_from_db()
    assert response.status_code == 200
    assert case.status == Status.REGISTERED


def test_withdrawing_closes_the_case_and_writes_an_event(signed_in, case):
    response = signed_in.post(case_url(case, "services:withdraw"), {"reason": "Am renunțat la construcție."})

    case.refresh_from_db()
    assert response.status_code == 302
    assert case.status == Status.WITHDRAWN
    event = case.events.get(action=CaseEvent.Action.WITHDRAWN)
    assert event.note == "Am renunțat la construcție."
    assert event.visible_to_applicant


def test_a_closed_case_cannot_be_withdrawn(signed_in, case, clerk):
    workflow.resolve_case(case, by=clerk, outcome=Status.APPROVED, note="Certificatul a fost emis.")

    response = signed_in.post(case_url(case, "services:withdraw"), {"reason": ""})

    case.refresh_from_db()
    assert response.status_code == 200
    assert case.status == Status.APPROVED
    assert not case.events.filter(action=CaseEvent.Action.WITHDRAWN).exists()
    assert "govuk-error-summary" in response.content.decode()


def test_another_citizen_cannot_withdraw(client, case):
    client.force_login(UserFactory())

    response = client.post(case_url(case, "services:withdraw"), {"reason": ""})

    case.refresh_from_db()
    assert response.status_code == 404
    assert case.status == Status.REGISTERED


# --- completion of the file ------------------------------------------------------------------------------------


@pytest.fixture
def plan(service):
    return RequiredDocumentFactory(
        service=service, name="Plan de situație", name_en="Site plan", accepted_types="application/pdf"
    )


@pytest.fixture
def extract(service):
    return RequiredDocumentFactory(
        service=service,
        name="Extras de carte funciară",
        name_en="Land-book extract",
        accepted_types="application/pdf,image/png",
    )


def test_the_case_page_offers_the_upload_while_documents_are_requested(signed_in, case, clerk):
    workflow.request_completion(case, by=clerk, note="Lipsește planul.")

    page = signed_in.get(case_url(case)).content.decode()

    assert case_url(case, "services:complete") in page


def test_the_upload_page_has_one_input_per_required_document_and_one_more(signed_in, case, clerk, plan, extract):
    workflow.request_completion(case, by=clerk, note="Lipsește planul.")

    page = signed_in.get(case_url(case, "services:complete")).content.decode()

    assert f'name="document_{plan.pk}"' in page
    assert f'name="document_{extract.pk}"' in page
    assert 'name="other"' in page
    assert "Lipsește planul." in page


def test_the_upload_page_sends_back_to_the_case_when_nothing_was_requested(signed_in, case):
    response = signed_in.get(case_url(case, "services:complete"))

    assert response.status_code == 302
    assert response["Location"] == case_url(case)


def test_accepted_types_from_the_catalogue_are_escaped_in_the_upload_hint(signed_in, case, clerk, service):
    RequiredDocumentFactory(service=service, name="Plan", accepted_types="<img src=x onerror=alert(1)>")
    workflow.request_completion(case, by=clerk, note="Lipsește planul.")

    page = signed_in.get(case_url(case, "services:complete")).content.decode()

    assert "<img src=x onerror=alert(1)>" not in page
    assert "&lt;img src=x onerror=alert(1)&gt;, at most" in page


def test_one_bad_file_attaches_nothing_and_shows_the_error_by_its_field(signed_in, case, clerk, plan, extract):
    workflow.request_completion(case, by=clerk, note="Lipsește planul.")

    response = signed_in.post(
        case_url(case, "services:complete"),
        {
            f"document_{plan.pk}": SimpleUploadedFile("plan.pdf", PDF),
            f"document_{extract.pk}": SimpleUploadedFile("extras.pdf", PNG),
            "note": "Am atașat planul și extrasul.",
        },
    )

    case.refresh_from_db()
    page = response.content.decode()
    assert response.status_code == 200
    assert case.status == Status.AWAITING_APPLICANT
    assert not CaseDocument.objects.exists()
    assert f'id="id_document_{extract.pk}_error"' in page
    assert f'id="id_document_{plan.pk}_error"' not in page
    assert "govuk-error-summary" in page
    assert "Am atașat planul și extrasul." in page  # the message is kept


def test_a_bad_file_leaves_no_stored_file_behind(signed_in, case, clerk, plan, extract, private_storage):
    workflow.request_completion(case, by=clerk, note="Lipsește planul.")

    signed_in.post(
        case_url(case, "services:complete"),
        {
            f"document_{plan.pk}": SimpleUploadedFile("plan.pdf", PDF),
            f"document_{extract.pk}": SimpleUploadedFile("extras.pdf", b""),
        },
    )

    stored = [p for p in Path(private_storage.location).rglob("*") if p.is_file()]
    assert stored == []


def test_sending_no_file_is_refused(signed_in, case, clerk, plan):
    workflow.request_completion(case, by=clerk, note="Lipsește planul.")

    response = signed_in.post(case_url(case, "services:complete"), {"note": "Nimic"})

    case.refresh_from_db()
    assert case.status == Status.AWAITING_APPLICANT
    assert "Choose at least one file to upload." in response.content.decode()


def test_a_good_upload_attaches_the_files_and_restarts_the_clock(
    signed_in, service, citizen, clerk, plan, extract, monkeypatch
):
    registered = datetime.datetime(2026, 3, 2, 10, tzinfo=BUCHAREST)  # a Monday
    case = CaseFactory(service=service, applicant=citizen, registered_at=registered)
    initial = case.due_date
    asked, completed = datetime.date(2026, 3, 4), datetime.date(2026, 3, 16)
    for name in ("services.calendar.today", "services.workflow.today"):
        monkeypatch.setattr(name, lambda: asked)
    workflow.request_completion(case, by=clerk, note="Lipsește planul.")
    for name in ("services.calendar.today", "services.workflow.today"):
        monkeypatch.setattr(name, lambda: completed)

    response = signed_in.post(
        case_url(case, "services:complete"),
        {
            f"document_{plan.pk}": SimpleUploadedFile("plan.pdf", PDF),
            f"document_{extract.pk}": SimpleUploadedFile("extras.png", PNG),
            "other": SimpleUploadedFile("imputernicire.pdf", PDF),
            "note": "Am atașat documentele.",
        },
    )

    case.refresh_from_db()
    assert response.status_code == 302
    assert case.status == Status.IN_REVIEW
    assert sorted(case.documents.values_list("original_name", flat=True)) == [
        "extras.png",
        "imputernicire.pdf",
        "plan.pdf",
    ]
    assert case.documents.get(original_name="plan.pdf").requirement == plan
    assert case.documents.get(original_name="imputernicire.pdf").requirement is None
    expected = due_date(
        case.registered_on, 30, "calendar", calendar=institution_calendar(), suspensions=[(asked, completed)]
    )
    assert case.due_date == expected
    assert case.due_date > initial
    assert case.events.get(action=CaseEvent.Action.COMPLETION_RECEIVED).note == "Am atașat documentele."


def test_my_cases_are_shown_twenty_a_page_newest_first(client, citizen, service):
    cases = [CaseFactory(service=service, applicant=citizen) for _ in range(21)]
    client.force_login(citizen)
    first = client.get(reverse("services:my_cases")).content.decode()
    second = client.get(reverse("services:my_cases"), {"page": 2}).content.decode()
    assert cases[-1].registration_number in first and cases[0].registration_number not in first
    assert cases[0].registration_number in second
    assert 'rel="next"' in first
