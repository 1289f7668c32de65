"""The decision on a permit: issued with its document (uploaded, or generated from the service's template) or
refused with reasons; the case closes through the spine, the applicant downloads the decision and gets it by e-mail."""

import hashlib
import io

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from pypdf import PdfReader

from services import workflow
from services.lifecycle import Status
from services.permits import decision
from services.permits.models import Decision, PermitApplication
from tests.factories import PDF, CaseFactory, DepartmentFactory, MembershipFactory, StaffFactory, UserFactory, make_pdf


@pytest.fixture
def case(service, citizen):
    case = CaseFactory(service=service, applicant=citizen, subject="Construire locuință P+1", language="hu")
    PermitApplication.objects.create(
        case=case,
        property_address="str. Florilor nr. 3",
        cadastral_number="50123-C1",
        land_book_number="50123",
        purpose="Locuință P+1",
    )
    return case


def pdf_text(document):
    """The text of the PDF without any white space (extraction splits words where the letters are kerned)."""
    with document.file.open("rb") as stored:
        text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(stored.read())).pages)
    return "".join(text.split())


def says(document, *phrases):
    text = pdf_text(document)
    return all("".join(phrase.split()) in text for phrase in phrases)


def test_issuing_generates_the_document_from_the_template_closes_the_case_and_emails_it(
    case, clerk, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        decision.decide(case, by=clerk, outcome="approved", text="Se autorizează construirea locuinței P+1.")

    case.refresh_from_db()
    assert case.status == Status.APPROVED and case.closed_on_time
    issued = Decision.objects.get(case=case)
    assert says(issued.document, case.registration_number, "50123-C1", "Se autorizează construirea locuinței P+1.")
    assert issued.document.visible_to_applicant and issued.document.original_name.startswith("autorizatie-")
    message = mail.outbox[-1]
    assert message.to == [case.applicant_email]
    assert case.registration_number in message.subject and "Kiállították" in message.subject  # Hungarian applicant
    assert message.attachments[0][0] == issued.document.original_name
    assert message.attachments[0][1].startswith(b"%PDF")


def test_an_uploaded_pdf_is_issued_as_it_is(case, clerk):
    decision.decide(case, by=clerk, outcome="approved", upload=SimpleUploadedFile("AC 12-2026.pdf", PDF))

    issued = Decision.objects.get(case=case).document
    assert issued.original_name == "AC 12-2026.pdf" and issued.sha256 == hashlib.sha256(PDF).hexdigest()


def test_an_issued_document_that_is_not_a_pdf_is_refused_and_the_case_stays_open(case, clerk):
    from tests.services.test_documents import PNG

    with pytest.raises(ValidationError) as refused:
        decision.decide(case, by=clerk, outcome="approved", upload=SimpleUploadedFile("scan.png", PNG))

    assert refused.value.code == "not_pdf"
    case.refresh_from_db()
    assert case.is_open and not Decision.objects.exists() and not case.documents.exists()


def test_a_pdf_with_active_content_is_not_issued(case, clerk):
    with pytest.raises(ValidationError) as refused:
        decision.decide(
            case, by=clerk, outcome="approved", upload=SimpleUploadedFile("ac.pdf", make_pdf(open_action=True))
        )
    assert refused.value.code == "pdf_active"
    assert not Decision.objects.exists()


def test_issuing_needs_a_document_or_its_text(case, clerk):
    with pytest.raises(ValidationError) as refused:
        decision.decide(case, by=clerk, outcome="approved")
    assert refused.value.code == "document"


def test_a_refusal_needs_reasons_which_the_letter_and_the_email_carry(case, clerk, django_capture_on_commit_callbacks):
    with pytest.raises(ValidationError) as refused:
        decision.decide(case, by=clerk, outcome="rejected", reasons="  ")
    assert refused.value.code == "reasons"

    with django_capture_on_commit_callbacks(execute=True):
        decision.decide(case, by=clerk, outcome="rejected", reasons="Terenul se află în zonă de protecție.")

    case.refresh_from_db()
    assert case.status == Status.REJECTED
    letter = Decision.objects.get(case=case).document
    assert says(letter, "Terenul se află în zonă de protecție.") and letter.original_name.startswith("refuz-")
    assert "Terenul se află în zonă de protecție." in mail.outbox[-1].body


def test_an_incomplete_file_can_only_be_refused(case, clerk):
    workflow.request_completion(case, by=clerk, note="Lipsește extrasul CF.")

    with pytest.raises(ValidationError):
        decision.decide(case, by=clerk, outcome="approved", text="Se autorizează.")
    decision.decide(case, by=clerk, outcome="rejected", reasons="Dosarul nu a fost completat.")
    case.refresh_from_db()
    assert case.status == Status.REJECTED and not case.suspensions.filter(ended_on__isnull=True).exists()


def test_the_generic_resolution_is_not_offered_for_permits(client, case, clerk):
    client.force_login(clerk)
    page = client.get(reverse("backoffice:case", args=[case.registration_number]))

    slugs = [action.slug for action, _form in page.context["action_forms"]]
    assert "decide" in slugs and "resolve" not in slugs
    with pytest.raises(workflow.TransitionNotAllowed):
        workflow.resolve_case(case, by=clerk, outcome="approved", note="Aprobat.")


def test_the_clerk_issues_from_the_case_page_and_the_applicant_downloads_it(client, case, clerk, citizen):
    client.force_login(clerk)
    response = client.post(
        reverse("backoffice:case_action", args=[case.registration_number, "decide"]),
        {"decide-outcome": "approved", "decide-document": SimpleUploadedFile("AC 12.pdf", PDF)},
    )
    assert response.status_code == 302
    issued = Decision.objects.get(case=case).document

    client.force_login(citizen)
    page = client.get(reverse("services:case", args=[case.registration_number])).content.decode()
    download = reverse("services:document", args=[issued.pk])
    assert download in page
    response = client.get(download)
    assert b"".join(response.streaming_content) == PDF
    client.force_login(UserFactory())
    assert client.get(download).status_code == 404


def test_a_clerk_of_another_department_cannot_decide(client, case):
    stranger = MembershipFactory(department=DepartmentFactory(code="taxe"), user=StaffFactory()).user
    client.force_login(stranger)
    response = client.post(
        reverse("backoffice:case_action", args=[case.registration_number, "decide"]),
        {"decide-outcome": "approved", "decide-text": "Se autorizează."},
    )
    assert response.status_code == 404
    assert not Decision.objects.exists()


def test_a_service_with_its_own_template_issues_from_it(case, clerk, settings, tmp_path):
    own = tmp_path / "permits" / "decision"
    own.mkdir(parents=True)
    (own / f"{case.service.slug}.html").write_text(
        "<html><body><h1>CERTIFICAT DE URBANISM nr. {{ case.registration_number }}</h1>{{ text }}</body></html>"
    )
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [tmp_path, *settings.TEMPLATES[0]["DIRS"]]}]

    decision.decide(case, by=clerk, outcome="approved", text="În scopul: construire locuință.")

    assert says(Decision.objects.get(case=case).document, "CERTIFICAT DE URBANISM nr.", "În scopul: construire")
