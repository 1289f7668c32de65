"""The completion of a permit file: the clerk's verdicts ask for what is missing (the clock stops), the citizen uploads
into the same slots — several files where the slot takes several — and the case is under review again with its due
date counted anew. A PDF with active content is refused there too, and nothing of that completion is kept."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from services.calendar import clock_at
from services.lifecycle import Status
from services.permits import review
from tests.factories import PDF, CaseFactory, RequiredDocumentFactory, make_pdf

REGISTERED = datetime.date(2026, 3, 2)


@pytest.fixture(autouse=True)
def _english(client, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"


@pytest.fixture
def plans(service):
    return RequiredDocumentFactory(service=service, name="Planuri", name_en="Plans", max_files=3)


@pytest.fixture
def suspended(service, citizen, clerk, plans):
    with clock_at(REGISTERED):
        case = CaseFactory(
            service=service,
            applicant=citizen,
            registered_at=timezone.make_aware(datetime.datetime.combine(REGISTERED, datetime.time(10))),
        )
    with clock_at(REGISTERED + datetime.timedelta(days=3)):
        review.review_documents(
            case, by=clerk, verdicts={plans: ("missing", "Lipsesc planurile.")}, request_completion=True
        )
    case.refresh_from_db()
    return case


def complete_url(case):
    return reverse("services:complete", args=[case.registration_number])


def test_the_citizen_completes_a_slot_with_several_files_and_the_clock_runs_again(client, suspended, citizen, plans):
    assert suspended.status == Status.AWAITING_APPLICANT and suspended.due_date is None
    client.force_login(citizen)

    with clock_at(REGISTERED + datetime.timedelta(days=10)):
        response = client.post(
            complete_url(suspended),
            {f"document_{plans.pk}": [SimpleUploadedFile(f"plan {n}.pdf", PDF) for n in (1, 2)]},
        )

    assert response.status_code == 302
    suspended.refresh_from_db()
    assert suspended.status == Status.IN_REVIEW
    # 30 calendar days from 2 March end on 2 April (the day after the last counted day, DOMAIN.md); the 7 days of
    # suspension (6–12 March) are not counted.
    assert suspended.due_date == datetime.date(2026, 4, 9)
    assert sorted(suspended.documents.values_list("original_name", "requirement")) == [
        ("plan 1.pdf", plans.pk),
        ("plan 2.pdf", plans.pk),
    ]


def test_more_files_than_the_slot_takes_are_refused(client, suspended, citizen, plans):
    client.force_login(citizen)
    response = client.post(
        complete_url(suspended), {f"document_{plans.pk}": [SimpleUploadedFile(f"p{n}.pdf", PDF) for n in range(4)]}
    )
    assert "“Plans” takes at most 3 files." in response.content.decode()
    assert not suspended.documents.exists()


def test_a_pdf_with_active_content_in_the_completion_is_refused_by_its_slot_and_nothing_is_kept(
    client, suspended, citizen, plans
):
    client.force_login(citizen)
    response = client.post(
        complete_url(suspended),
        {
            f"document_{plans.pk}": [
                SimpleUploadedFile("plan.pdf", PDF),
                SimpleUploadedFile("plan-js.pdf", make_pdf(javascript="app.alert(1)")),
            ]
        },
    )

    assert response.status_code == 200
    assert "“plan-js.pdf” contains active content" in response.content.decode()
    assert response.context["form"].errors[f"document_{plans.pk}"]
    suspended.refresh_from_db()
    assert suspended.status == Status.AWAITING_APPLICANT and not suspended.documents.exists()


def test_a_completion_file_over_its_slots_size_is_stopped_while_it_arrives_and_nothing_is_kept(
    client, suspended, citizen, plans
):
    plans.max_size_mb = 1
    plans.save()
    client.force_login(citizen)

    response = client.post(
        complete_url(suspended),
        {f"document_{plans.pk}": [SimpleUploadedFile("p.pdf", PDF), SimpleUploadedFile("big.pdf", PDF * 4000)]},
    )

    assert "“big.pdf” is larger than 1.0\xa0MB" in response.content.decode()
    assert [r.name for r in response.wsgi_request.upload_refusals[f"document_{plans.pk}"]] == ["big.pdf"]
    suspended.refresh_from_db()
    assert suspended.status == Status.AWAITING_APPLICANT and not suspended.documents.exists()
