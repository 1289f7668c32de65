"""Refund requests of sums paid in excess: filed by a citizen for a linked taxpayer, decided by the tax department."""

import datetime
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from payments import refund_requests
from payments.models import Payment, RefundRequest
from services.calendar import clock_at
from services.models import Case
from services.registry import kinds
from tests.factories import PDF, ProcedureFactory, RequiredDocumentFactory, ServiceFactory, UserFactory

from .factories import TaxpayerFactory

IBAN = "RO49AAAA1B31007593840000"
DAY = datetime.date(2026, 3, 2)


@pytest.fixture(autouse=True)
def refund_kind():
    """The kind as payments/apps.py registers it (registered here too, until it is)."""
    if "refund" in kinds:
        yield kinds.get("refund")
    else:
        with kinds.temporarily(refund_requests.KIND) as kind:
            yield kind


@pytest.fixture
def refund_service(tax_clerk):
    procedure = ProcedureFactory(
        code="PO-DITL-05",
        owner_department=tax_clerk.memberships.get().department,
        legal_basis="Legea nr. 207/2015 (Codul de procedură fiscală), art. 168",
        deadline_days=45,
        deadline_unit="calendar",
        extension_allowed=False,
        extension_max_days=0,
    )
    service = ServiceFactory(
        slug="restituire-sume-platite-in-plus", kind="refund", procedure=procedure, online=True, active=True
    )
    RequiredDocumentFactory(
        service=service, name="Copia actului de identitate", mandatory=True, accepted_types="application/pdf"
    )
    return service


def identity_card(service):
    requirement = service.required_documents.get()
    return {f"document_{requirement.pk}": SimpleUploadedFile("buletin.pdf", PDF, content_type="application/pdf")}


def form(taxpayer, **changes):
    return {
        "taxpayer": taxpayer.role_number,
        "amount": "150,50",
        "iban": "RO49 AAAA 1B31 0075 9384 0000",
        "account_holder": "Ana Popescu",
        "reason": "Am plătit de două ori impozitul pe clădire.",
        **changes,
    }


def file(client, service, data):
    with clock_at(DAY):
        return client.post(
            reverse("payments:refund_request", kwargs={"service": service.slug}), {**data, **identity_card(service)}
        )


def test_filing_registers_a_refund_case_with_the_procedures_45_days(client, citizen, linked_taxpayer, refund_service):
    client.force_login(citizen)

    response = file(client, refund_service, form(linked_taxpayer))

    case = Case.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("services:receipt", kwargs={"registration_number": case.registration_number})
    assert (case.kind, case.applicant, case.registered_on) == ("refund", citizen, DAY)
    assert case.due_date == datetime.date(2026, 4, 17)  # 45 calendar days, counted from the day after
    assert case.documents.count() == 1


def test_the_request_keeps_what_was_asked_beside_the_case_and_in_its_details(
    client, citizen, linked_taxpayer, refund_service
):
    client.force_login(citizen)

    file(client, refund_service, form(linked_taxpayer))

    request = RefundRequest.objects.get()
    assert (request.taxpayer, request.amount, request.iban, request.account_holder) == (
        linked_taxpayer,
        15050,
        IBAN,
        "Ana Popescu",
    )
    assert linked_taxpayer.role_number in request.case.details
    assert "RO49 AAAA 1B31 0075 9384 0000" in request.case.details


def test_another_taxpayers_role_number_is_a_form_error_that_names_nobody(
    client, citizen, linked_taxpayer, refund_service
):
    stranger = TaxpayerFactory(identifier="2850315123457", name="Ion Mureșan", role_number="R999999")
    client.force_login(citizen)

    response = file(client, refund_service, form(stranger))

    assert response.status_code == 200
    assert response.context["form"].has_error("taxpayer")
    assert "Ion Mureșan" not in response.content.decode()
    assert not Case.objects.exists()


def test_a_bad_iban_is_refused_and_what_was_typed_is_kept(client, citizen, linked_taxpayer, refund_service):
    client.force_login(citizen)

    response = file(client, refund_service, form(linked_taxpayer, iban="RO49 AAAA 1B31 0075 9384 0001"))

    page = response.content.decode()
    assert response.context["form"].has_error("iban")
    assert 'value="RO49 AAAA 1B31 0075 9384 0001"' in page
    assert "Am plătit de două ori impozitul pe clădire." in page
    assert not Case.objects.exists()


def test_an_iban_of_a_bank_abroad_is_refused(client, citizen, linked_taxpayer, refund_service):
    client.force_login(citizen)

    response = file(client, refund_service, form(linked_taxpayer, iban="DE89 3704 0044 0532 0130 00"))

    assert response.context["form"].has_error("iban", code="country")


def test_a_payment_with_money_paid_in_excess_fills_in_the_amount(client, citizen, linked_taxpayer, refund_service):
    payment = Payment.objects.create(
        payer=citizen,
        payer_name="Ana Popescu",
        provider="demo",
        amount=50000,
        unallocated=12345,
        status=Payment.Status.SUCCEEDED,
    )
    client.force_login(citizen)

    response = client.get(reverse("payments:refund_request") + f"?payment={payment.token}")

    assert response.context["form"]["amount"].value() == Decimal("123.45")
    assert response.context["form"]["payment"].value() == str(payment.token)


def test_the_refund_case_is_in_the_tax_departments_queue(client, citizen, linked_taxpayer, refund_service, tax_clerk):
    client.force_login(citizen)
    file(client, refund_service, form(linked_taxpayer))
    client.force_login(tax_clerk)

    response = client.get(reverse("backoffice:queue"))

    assert Case.objects.get().registration_number in response.content.decode()


def test_someone_signed_out_is_sent_to_sign_in(client, refund_service):
    response = client.get(reverse("payments:refund_request"))

    assert response.status_code == 302
    assert "next=" in response.url


def test_the_door_refuses_a_taxpayer_not_linked_to_the_user(linked_taxpayer, refund_service):
    other = UserFactory()

    with pytest.raises(Exception) as refused:
        refund_requests.file_refund_request(
            service=refund_service,
            user=other,
            taxpayer=linked_taxpayer,
            amount=100,
            iban=IBAN,
            account_holder="X",
            reason="y",
        )

    assert "taxpayer" in refused.value.message_dict
    assert not Case.objects.exists()


def test_the_clerk_reads_the_account_to_pay_on_the_case_page(
    client, citizen, linked_taxpayer, refund_service, tax_clerk
):
    client.force_login(citizen)
    file(client, refund_service, form(linked_taxpayer))
    client.force_login(tax_clerk)

    response = client.get(reverse("backoffice:case", args=[Case.objects.get().registration_number]))

    assert IBAN in response.content.decode()


def test_the_citizen_sees_what_they_asked_on_their_case_page(client, citizen, linked_taxpayer, refund_service):
    client.force_login(citizen)
    file(client, refund_service, form(linked_taxpayer))

    response = client.get(reverse("services:case", args=[Case.objects.get().registration_number]))

    assert IBAN in response.content.decode()
