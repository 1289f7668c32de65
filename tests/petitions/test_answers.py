"""The two-step answer: the clerk drafts, the head approves or returns it; the approved answer resolves the case and
reaches the petitioner by e-mail and as a PDF on the case page, in Romanian and Hungarian for a Hungarian filer."""

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.template.loader import render_to_string
from django.urls import reverse

from petitions import answers
from petitions.models import Answer, Petition
from services import workflow
from services.lifecycle import Status
from tests.factories import CaseFactory, ProcedureFactory, ServiceFactory, UserFactory


@pytest.fixture
def petition(department, citizen):
    service = ServiceFactory(kind="petition", procedure=ProcedureFactory(owner_department=department))
    case = CaseFactory(service=service, applicant=citizen, subject="Groapă în carosabil")
    Petition.objects.create(case=case, name=citizen.display_name, address="str. Gării nr. 4", email=citizen.email)
    return case


@pytest.fixture
def hungarian_petition(department):
    filer = UserFactory(preferred_language="hu", first_name="Réka", last_name="Szabó")
    service = ServiceFactory(kind="petition", procedure=ProcedureFactory(owner_department=department))
    return CaseFactory(service=service, applicant=filer, subject="Közvilágítás")


def test_the_heads_approval_resolves_the_petition_and_sends_the_answer_with_its_pdf(
    petition, clerk, head, django_capture_on_commit_callbacks
):
    answers.draft_answer(petition, by=clerk, text="Groapa va fi reparată până la 15 decembrie.")
    assert Answer.objects.get().state == Answer.State.SUBMITTED
    with django_capture_on_commit_callbacks(execute=True):
        case = answers.approve_answer(petition, by=head)

    case.refresh_from_db()
    answer = Answer.objects.get()
    assert (case.status, case.closed_on_time, answer.state) == (Status.ANSWERED, True, Answer.State.APPROVED)
    assert answer.document.visible_to_applicant and answer.document.content_type == "application/pdf"
    resolved = case.events.get(action="resolved")
    assert (resolved.status_before, resolved.status_after, resolved.actor) == ("registered", "answered", head)
    message = mail.outbox[-1]
    assert message.to == [petition.applicant_email]
    assert "Groapa va fi reparată" in message.body
    assert message.attachments[0][2] == "application/pdf"
    assert message.attachments[0][1].startswith(b"%PDF")


def test_the_clerk_cannot_approve_their_own_draft(petition, clerk):
    answers.draft_answer(petition, by=clerk, text="Răspuns.")
    with pytest.raises(PermissionDenied):
        answers.approve_answer(petition, by=clerk)
    petition.refresh_from_db()
    assert petition.status == Status.REGISTERED


def test_a_returned_answer_is_redrafted_and_approved(petition, clerk, head):
    answers.draft_answer(petition, by=clerk, text="Prima variantă.")
    answers.return_answer(petition, by=head, comment="Precizați termenul de reparație.")
    assert Answer.objects.get().state == Answer.State.RETURNED
    with pytest.raises(ValidationError):
        answers.approve_answer(petition, by=head)  # nothing waits for approval
    answers.draft_answer(petition, by=clerk, text="A doua variantă, cu termen.")
    answers.approve_answer(petition, by=head)
    assert Answer.objects.get().text == "A doua variantă, cu termen."
    assert [e.action for e in petition.events.order_by("pk")][1:] == [
        "answer_drafted",
        "answer_returned",
        "answer_drafted",
        "resolved",
        "document_added",
        "sent",  # registered as outgoing in the general register
    ]


def test_returning_needs_a_comment(petition, clerk, head):
    answers.draft_answer(petition, by=clerk, text="Răspuns.")
    with pytest.raises(ValidationError):
        answers.return_answer(petition, by=head, comment=" ")
    assert Answer.objects.get().state == Answer.State.SUBMITTED


def test_a_hungarian_petitioner_is_answered_in_both_languages(
    hungarian_petition, clerk, head, django_capture_on_commit_callbacks
):
    answers.draft_answer(hungarian_petition, by=clerk, text="Iluminatul a fost reparat.")
    with pytest.raises(ValidationError) as refused:
        answers.approve_answer(hungarian_petition, by=head)
    assert refused.value.code == "hungarian_missing"
    answers.draft_answer(
        hungarian_petition, by=clerk, text="Iluminatul a fost reparat.", text_hu="A közvilágítást megjavítottuk."
    )
    with django_capture_on_commit_callbacks(execute=True):
        answers.approve_answer(hungarian_petition, by=head)

    body = mail.outbox[-1].body
    assert "Iluminatul a fost reparat." in body and "A közvilágítást megjavítottuk." in body
    html = render_to_string("petitions/answer_pdf.html", answers._context(hungarian_petition, Answer.objects.get()))
    assert "Válasz" in html and "A közvilágítást megjavítottuk." in html


def test_a_petition_is_never_decided_directly_by_the_clerk(client, petition, clerk):
    with pytest.raises(ValidationError) as refused:
        workflow.resolve_case(petition, by=clerk, outcome=Status.ANSWERED, note="Direct.")
    assert refused.value.code == "kind"
    client.force_login(clerk)
    page = client.get(reverse("backoffice:case", args=[petition.registration_number]))
    offered = [action.slug for action, _form in page.context["action_forms"]]
    assert "resolve" not in offered and "draft-answer" in offered
    assert "approve-answer" not in offered  # a clerk, and nothing drafted yet


def test_an_information_request_may_be_refused_with_reasons(department, citizen, clerk, head):
    service = ServiceFactory(kind="information", procedure=ProcedureFactory(owner_department=department))
    case = CaseFactory(service=service, applicant=citizen)
    answers.draft_answer(case, by=clerk, text="Informația este clasificată (art. 12).", outcome="rejected")
    answers.approve_answer(case, by=head)
    case.refresh_from_db()
    assert case.status == Status.REJECTED


def test_a_petition_cannot_be_refused_like_an_information_request(petition, clerk):
    with pytest.raises(ValidationError):
        answers.draft_answer(petition, by=clerk, text="Nu.", outcome="rejected")


def test_the_petitioner_reads_the_answer_and_downloads_the_pdf_and_nobody_else_can(client, petition, clerk, head):
    answers.draft_answer(petition, by=clerk, text="Groapa va fi reparată.")
    answers.approve_answer(petition, by=head)
    document = Answer.objects.get().document
    client.force_login(petition.applicant)
    page = client.get(reverse("services:case", args=[petition.registration_number])).content.decode()
    assert "Groapa va fi reparată." in page
    download = client.get(reverse("services:document", args=[document.pk]))
    assert download.status_code == 200 and download["Content-Type"] == "application/pdf"
    client.force_login(UserFactory())
    assert client.get(reverse("services:document", args=[document.pk])).status_code == 404


def test_the_head_approves_from_the_case_page(client, petition, clerk, head):
    answers.draft_answer(petition, by=clerk, text="Răspuns aprobat din pagină.")
    client.force_login(head)
    page = client.get(reverse("backoffice:case", args=[petition.registration_number]))
    assert "approve-answer" in [action.slug for action, _form in page.context["action_forms"]]
    client.post(reverse("backoffice:case_action", args=[petition.registration_number, "approve-answer"]))
    petition.refresh_from_db()
    assert petition.status == Status.ANSWERED
