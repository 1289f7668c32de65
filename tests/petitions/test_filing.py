"""Filing a petition online: at once when signed in, after confirming the e-mail address otherwise; the files and
the filer's identification go with the case, and nothing typed is lost when a file is refused."""

import datetime
import re

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from petitions import filing
from petitions.models import Petition, UnconfirmedAttachment, UnconfirmedFiling
from services.models import Case, CaseDocument
from tests.factories import PDF, ProcedureFactory, ServiceFactory


@pytest.fixture(autouse=True)
def _english(client, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"


@pytest.fixture
def petition_service(department):
    return ServiceFactory(
        kind="petition",
        slug="petitie",
        title="Petiție",
        title_en="Petition",
        procedure=ProcedureFactory(owner_department=department, deadline_days=30, code="PO-RPR-01"),
    )


def url(service):
    return reverse("petitions:file", args=[service.slug])


def form(**overrides):
    data = {
        "name": "Ana Popescu",
        "address": "str. Florilor nr. 3, Miercurea Ciuc",
        "email": "ana.popescu@example.ro",
        "phone": "",
        "addressee": "",
        "subject": "Iluminat public nefuncțional",
        "text": "Pe str. Teilor nu funcționează iluminatul public de o săptămână.",
        "channel": "email",
        "postal_address": "",
    }
    data.update(overrides)
    return data


def confirmation_link():
    body = mail.outbox[-1].body
    return (
        re.search(r"http\S+/petitii/confirmare/\S+/", body)[0]
        .split("testserver")[-1]
        .replace("http://127.0.0.1:8000", "")
    )


def test_a_signed_in_citizen_files_a_petition_with_a_file_and_gets_the_receipt(
    client, citizen, petition_service, django_capture_on_commit_callbacks
):
    client.force_login(citizen)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url(petition_service), {**form(), "attachment_1": SimpleUploadedFile("poza-strazii.pdf", PDF)}
        )

    case = Case.objects.get()
    assert response.url == reverse("services:receipt", args=[case.registration_number])
    assert (case.kind, case.applicant, case.status) == ("petition", citizen, "registered")
    assert case.due_date >= case.registered_on + datetime.timedelta(
        days=30
    )  # 30 calendar days, or the next working day
    petition = Petition.objects.get(case=case)
    assert (petition.name, petition.channel, petition.email) == ("Ana Popescu", "email", citizen.email)
    document = CaseDocument.objects.get(case=case)
    assert document.original_name == "poza-strazii.pdf"
    assert [e.action for e in case.events.order_by("pk")] == ["registered", "document_added"]
    assert case.registration_number in mail.outbox[-1].subject


def test_identification_is_mandatory_and_nothing_is_registered_without_it(client, citizen, petition_service):
    client.force_login(citizen)
    response = client.post(url(petition_service), form(name="", address=""))

    assert response.status_code == 200
    html = response.content.decode()
    assert "Enter your full name." in html and "Enter your address." in html
    assert not Case.objects.exists()


def test_a_refused_file_keeps_everything_typed_and_registers_nothing(client, citizen, petition_service):
    client.force_login(citizen)
    response = client.post(
        url(petition_service),
        {**form(), "attachment_2": SimpleUploadedFile("scrisoare.pdf", b"just text, not a PDF at all")},
    )

    assert response.status_code == 200
    html = response.content.decode()
    assert "is not an accepted type of file" in html
    assert "Pe str. Teilor nu funcționează iluminatul public" in html
    assert response.context["form"]["subject"].value() == "Iluminat public nefuncțional"
    assert not Case.objects.exists()
    assert not CaseDocument.objects.exists()


def test_a_signed_in_citizens_answer_goes_to_the_accounts_address(client, citizen, petition_service):
    client.force_login(citizen)
    client.post(url(petition_service), form(email="altcineva@example.ro"))

    assert Case.objects.get().applicant_email == citizen.email


def test_without_an_account_the_petition_is_registered_once_the_address_is_confirmed(
    client, petition_service, private_storage, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url(petition_service), {**form(), "attachment_1": SimpleUploadedFile("plan.pdf", PDF)})

    assert "Confirm your e-mail address" in response.content.decode()
    assert not Case.objects.exists()
    assert mail.outbox[-1].to == ["ana.popescu@example.ro"]
    link = confirmation_link()
    stored = UnconfirmedAttachment.objects.get().file.name
    assert private_storage.exists(stored)

    assert "Register the request" in client.get(link).content.decode()
    assert not Case.objects.exists()  # following the link alone registers nothing
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(link)

    case = Case.objects.get()
    html = response.content.decode()
    assert case.registration_number in html and case.access_code in html
    assert (case.applicant, case.applicant_email, case.petition.name) == (
        None,
        "ana.popescu@example.ro",
        "Ana Popescu",
    )
    assert CaseDocument.objects.get(case=case).original_name == "plan.pdf"
    assert not UnconfirmedAttachment.objects.exists()
    assert not private_storage.exists(stored)
    assert case.registration_number in mail.outbox[-1].subject


def test_confirming_twice_registers_once(client, petition_service, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url(petition_service), form())
    link = confirmation_link()
    first = client.post(link)
    second = client.post(link)

    case = Case.objects.get()
    assert case.registration_number in first.content.decode()
    assert case.registration_number in second.content.decode()


def test_an_expired_link_registers_nothing_and_the_filing_is_purged_with_its_files(
    client, petition_service, private_storage, settings, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url(petition_service), {**form(), "attachment_1": SimpleUploadedFile("plan.pdf", PDF)})
    link = confirmation_link()
    stored = UnconfirmedAttachment.objects.get().file.name
    UnconfirmedFiling.objects.update(
        created_at=timezone.now() - datetime.timedelta(days=settings.PETITION_CONFIRMATION_DAYS + 1)
    )

    assert client.get(link).status_code == 410
    assert client.post(link).status_code == 410
    assert not Case.objects.exists()
    assert filing.purge_unconfirmed() == 1
    assert not UnconfirmedFiling.objects.exists()
    assert not private_storage.exists(stored)


def test_a_recent_unconfirmed_filing_is_kept_by_the_purge(client, petition_service):
    client.post(url(petition_service), form())
    assert filing.purge_unconfirmed() == 0
    assert UnconfirmedFiling.objects.count() == 1


def test_anonymous_filings_are_rate_limited_per_address(client, petition_service, settings):
    settings.PETITION_FILING_RATE = "2/h"
    for _ in range(2):
        assert client.post(url(petition_service), form()).status_code == 200
    response = client.post(url(petition_service), form())
    assert response.status_code == 429
    assert UnconfirmedFiling.objects.count() == 2


def test_an_unknown_token_is_refused(client, db):
    assert client.get(reverse("petitions:confirm", args=["nu-exista"])).status_code == 410


def test_only_petition_kinds_file_here(client, service):
    assert client.get(url(service)).status_code == 404


def test_an_answer_by_post_goes_to_the_given_or_the_home_address(client, citizen, petition_service):
    client.force_login(citizen)
    client.post(url(petition_service), form(channel="post"))
    assert Petition.objects.get().postal_address == "str. Florilor nr. 3, Miercurea Ciuc"


def test_the_new_request_page_leads_to_the_petition_form(client, citizen, petition_service):
    client.force_login(citizen)
    assert url(petition_service) in client.get(reverse("services:new_request")).content.decode()


def test_the_clerk_sees_who_filed_and_how_to_answer(client, citizen, clerk, petition_service):
    client.force_login(citizen)
    client.post(url(petition_service), form(channel="post", postal_address="CP 12, Oficiul Poștal 1"))
    case = Case.objects.get()
    client.force_login(clerk)
    html = client.get(reverse("backoffice:case", args=[case.registration_number])).content.decode()
    assert "str. Florilor nr. 3" in html and "CP 12, Oficiul Poștal 1" in html and "by post" in html
