"""The completeness review: a verdict per required document; asking for the completion lists what is missing or
invalid, in the applicant's language, and stops the clock through the spine."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from services.lifecycle import Status
from services.permits import review
from services.permits.models import DocumentReview
from tests.factories import CaseFactory, RequiredDocumentFactory


@pytest.fixture
def documents(service):
    return (
        RequiredDocumentFactory(service=service, name="Extras de carte funciară", name_en="Land-book extract"),
        RequiredDocumentFactory(service=service, name="Plan de situație", name_en="Site plan"),
    )


@pytest.fixture
def case(service, citizen, documents):
    return CaseFactory(service=service, applicant=citizen)


def test_the_clerk_records_a_verdict_per_document_and_asks_for_what_is_missing(case, clerk, documents):
    extract, plan = documents
    review.review_documents(
        case,
        by=clerk,
        verdicts={extract: ("invalid", "Extrasul are mai mult de 30 de zile."), plan: ("accepted", "")},
        request_completion=True,
    )
    case.refresh_from_db()
    assert case.status == Status.AWAITING_APPLICANT and case.due_date is None
    assert dict(DocumentReview.objects.values_list("requirement_id", "verdict")) == {
        extract.pk: "invalid",
        plan.pk: "accepted",
    }
    request = case.events.get(action="completion_requested")
    # In the applicant's language (Romanian here), whatever the clerk's.
    assert "Extras de carte funciară (necorespunzător): Extrasul are mai mult de 30 de zile." in request.note
    assert "Plan de situație" not in request.note
    assert [e.action for e in case.events.order_by("pk")][-2:] == ["documents_reviewed", "completion_requested"]


def test_an_invalid_document_needs_a_reason_and_nothing_is_recorded_without_it(case, clerk, documents):
    extract, plan = documents
    with pytest.raises(ValidationError):
        review.review_documents(case, by=clerk, verdicts={extract: ("invalid", " "), plan: ("accepted", "")})
    assert not DocumentReview.objects.exists()
    assert not case.events.filter(action="documents_reviewed").exists()


def test_every_required_document_gets_a_verdict(case, clerk, documents):
    with pytest.raises(ValidationError):
        review.review_documents(case, by=clerk, verdicts={documents[0]: ("accepted", "")})


def test_a_complete_file_is_not_sent_back(case, clerk, documents):
    extract, plan = documents
    with pytest.raises(ValidationError):
        review.review_documents(
            case, by=clerk, verdicts={extract: ("accepted", ""), plan: ("accepted", "")}, request_completion=True
        )
    case.refresh_from_db()
    assert case.status == Status.REGISTERED
    assert not DocumentReview.objects.exists()


def test_another_department_cannot_review(case, other_department_clerk, documents):
    with pytest.raises(PermissionDenied):
        review.review_documents(case, by=other_department_clerk, verdicts=dict.fromkeys(documents, ("accepted", "")))


def test_the_review_is_done_from_the_case_page_and_the_applicant_sees_the_list(client, case, clerk, documents):
    extract, plan = documents
    client.force_login(clerk)
    page = client.get(reverse("backoffice:case", args=[case.registration_number]))
    assert "review-documents" in [action.slug for action, _form in page.context["action_forms"]]
    client.post(
        reverse("backoffice:case_action", args=[case.registration_number, "review-documents"]),
        {
            f"review-documents-verdict_{extract.pk}": "missing",
            f"review-documents-reason_{extract.pk}": "",
            f"review-documents-verdict_{plan.pk}": "accepted",
            "review-documents-request_completion": "on",
        },
    )
    case.refresh_from_db()
    assert case.status == Status.AWAITING_APPLICANT
    client.force_login(case.applicant)
    completion = client.get(reverse("services:complete", args=[case.registration_number])).content.decode()
    assert "Extras de carte funciară" in completion
