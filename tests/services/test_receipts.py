"""The registration receipt as a PDF: attached to the receipt e-mail and downloadable by the applicant alone, in the
case's language, with the number, the due date, the access code and the files filed."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation
from django.utils.formats import date_format
from pypdf import PdfReader

from services import registration
from tests.factories import PDF, RequiredDocumentFactory, UserFactory


def text_of(pdf_bytes):
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf_bytes)).pages)
    return "".join(text.split())


def says(pdf_bytes, *phrases):
    text = text_of(pdf_bytes)
    return all("".join(phrase.split()) in text for phrase in phrases)


def hungarian_date(day):
    with translation.override("hu"):
        return date_format(day, "DATE_FORMAT")


@pytest.fixture
def filed(service, citizen, django_capture_on_commit_callbacks):
    extract = RequiredDocumentFactory(service=service)
    with django_capture_on_commit_callbacks(execute=True):
        case = registration.register_case(
            service=service,
            subject="Certificat pentru vânzare",
            applicant=citizen,
            language="hu",
            uploads={"cf": (SimpleUploadedFile("extras CF.pdf", PDF), extract)},
        )
    return case


def test_the_receipt_email_carries_the_pdf_in_the_case_language(filed, mailoutbox):
    name, content, mimetype = mailoutbox[-1].attachments[0]

    assert (name, mimetype) == (f"recipisa-{filed.registration_number}.pdf", "application/pdf")
    document = filed.documents.get()
    assert says(
        content,
        "Iktatási igazolás",
        filed.registration_number,
        filed.access_code,
        hungarian_date(filed.due_date),  # "2026. december 31."
        "extras CF.pdf",
        document.sha256,
    )


def test_the_applicant_downloads_the_receipt_and_nobody_else_can(client, filed, citizen, clerk):
    url = reverse("services:receipt_pdf", args=[filed.registration_number])
    client.force_login(citizen)
    response = client.get(url)
    assert response["Content-Type"] == "application/pdf"
    assert says(response.content, filed.registration_number, filed.access_code)
    assert url in client.get(reverse("services:receipt", args=[filed.registration_number])).content.decode()

    client.force_login(UserFactory())
    assert client.get(url).status_code == 404
    client.logout()
    assert client.get(url).status_code == 302


def test_a_registration_without_notification_sends_no_receipt(
    service, citizen, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        registration.register_case(service=service, subject="Istoric", applicant=citizen, notify=False)
    assert not mailoutbox
