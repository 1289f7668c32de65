"""A signed-in citizen applies for a permit online: the property, the purpose and one file per required document;
a refused file or a wrong cadastral number keeps everything else and registers nothing."""

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from services.models import Case, CaseDocument
from services.permits.models import PermitApplication
from tests.factories import PDF, RequiredDocumentFactory, UserFactory


@pytest.fixture(autouse=True)
def _english(client, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"


@pytest.fixture
def documents(service):
    extract = RequiredDocumentFactory(service=service, name="Extras CF", name_en="Land-book extract", mandatory=True)
    plan = RequiredDocumentFactory(service=service, name="Plan", name_en="Site plan", mandatory=False)
    return extract, plan


def url(service):
    return reverse("permits:apply", args=[service.slug])


def form(**overrides):
    return {
        "subject": "Construire locuință P+1",
        "property_address": "str. Florilor nr. 3, Miercurea Ciuc",
        "cadastral_number": "50123",
        "land_book_number": "50123",
        "purpose": "Locuință unifamilială P+1, 120 mp.",
        **overrides,
    }


def test_a_citizen_applies_with_the_documents_and_gets_the_receipt(
    client, citizen, service, documents, django_capture_on_commit_callbacks
):
    extract, _plan = documents
    client.force_login(citizen)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url(service),
            {**form(cadastral_number="nr. 50123 - c1"), f"document_{extract.pk}": SimpleUploadedFile("cf.pdf", PDF)},
        )

    case = Case.objects.get()
    assert response.url == reverse("services:receipt", args=[case.registration_number])
    assert (case.kind, case.applicant, case.subject) == ("permit", citizen, "Construire locuință P+1")
    application = PermitApplication.objects.get(case=case)
    assert (application.cadastral_number, application.land_book_number) == ("50123-C1", "50123")
    assert CaseDocument.objects.get(case=case).requirement == extract
    assert case.registration_number in mail.outbox[-1].subject


def test_a_missing_mandatory_document_is_named_and_nothing_is_registered(client, citizen, service, documents):
    client.force_login(citizen)
    response = client.post(url(service), form())
    assert "Attach “Land-book extract”." in response.content.decode()
    assert not Case.objects.exists()


def test_a_wrong_cadastral_number_keeps_everything_typed(client, citizen, service, documents):
    client.force_login(citizen)
    response = client.post(url(service), form(cadastral_number="50A23"))
    html = response.content.decode()
    assert "A cadastral number is made of digits" in html
    assert "Locuință unifamilială P+1, 120 mp." in html
    assert not Case.objects.exists()


def test_a_refused_file_registers_nothing_and_keeps_the_form(client, citizen, service, documents):
    extract, plan = documents
    client.force_login(citizen)
    response = client.post(
        url(service),
        {
            **form(),
            f"document_{extract.pk}": SimpleUploadedFile("cf.pdf", PDF),
            f"document_{plan.pk}": SimpleUploadedFile("plan.pdf", b"MZ\x90\x00 an executable"),
        },
    )
    html = response.content.decode()
    assert "is not an accepted type of file" in html
    assert response.context["form"]["subject"].value() == "Construire locuință P+1"
    assert not Case.objects.exists() and not CaseDocument.objects.exists()


def test_applying_needs_an_account(client, service):
    response = client.get(url(service))
    assert response.status_code == 302 and "/accounts/login/" in response.url


def test_only_permits_are_applied_for_here(client, citizen, department):
    from tests.factories import ProcedureFactory, ServiceFactory

    petition = ServiceFactory(kind="petition", procedure=ProcedureFactory(owner_department=department))
    client.force_login(citizen)
    assert client.get(url(petition)).status_code == 404


def test_the_clerk_and_the_applicant_see_the_property_and_nobody_else_does(client, citizen, clerk, service, documents):
    extract, _plan = documents
    client.force_login(citizen)
    client.post(url(service), {**form(), f"document_{extract.pk}": SimpleUploadedFile("cf.pdf", PDF)})
    case = Case.objects.get()
    assert (
        "str. Florilor nr. 3" in client.get(reverse("services:case", args=[case.registration_number])).content.decode()
    )
    client.force_login(clerk)
    page = client.get(reverse("backoffice:case", args=[case.registration_number])).content.decode()
    assert "50123" in page and "str. Florilor nr. 3" in page
    client.force_login(UserFactory())
    assert client.get(reverse("services:case", args=[case.registration_number])).status_code == 404


def test_the_new_request_page_offers_the_permit(client, citizen, service):
    client.force_login(citizen)
    assert url(service) in client.get(reverse("services:new_request")).content.decode()
