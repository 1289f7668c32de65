"""Receipts: numbered gap-free per year by the ledger, rendered as a PDF in the payer's language, e-mailed to the
payer, downloaded by the payer or the tax department only."""

import datetime
import io
import types
import uuid

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import translation
from pypdf import PdfReader

from payments import checkout, receipts
from payments.models import DemoCheckout, Payment
from payments.providers import demo
from portal.models import InstitutionSettings
from portal.templatetags.money import lei
from tests.factories import UserFactory

from .factories import ObligationFactory, link, pay


def pdf_text(content: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


@pytest.fixture
def institution(db):
    institution = InstitutionSettings.load()
    institution.name = "Primăria Municipiului Târgu Mureș"
    institution.name_hu = "Marosvásárhely Polgármesteri Hivatala"
    institution.fiscal_code = "4322450"
    institution.address = "Piața Victoriei nr. 3, Târgu Mureș"
    institution.email = "taxe@tirgumures.ro"
    institution.save()
    return institution


@pytest.fixture
def payer(db):
    return UserFactory(email="stefan.taranu@example.ro", first_name="Ștefan", last_name="Țăranu")


@pytest.fixture
def owed(payer, taxpayer):
    link(payer, taxpayer)
    return ObligationFactory(taxpayer=taxpayer, amount=123456)


@pytest.fixture
def paid(owed, payer, institution):
    return pay(payer, [owed])


def at_local(year, month, day, hour, minute):
    from zoneinfo import ZoneInfo

    return datetime.datetime(year, month, day, hour, minute, tzinfo=ZoneInfo("Europe/Bucharest"))


def events_at(monkeypatch, moment):
    """The demo provider's events dated `moment`, as if the payer paid then."""
    monkeypatch.setattr(demo, "time", types.SimpleNamespace(time=lambda: moment.timestamp()))


# --- numbering ---------------------------------------------------------------------------------------------------


def test_two_payments_credited_get_consecutive_numbers_of_the_year(payer, taxpayer, monkeypatch):
    link(payer, taxpayer)
    first, second = ObligationFactory(taxpayer=taxpayer), ObligationFactory(taxpayer=taxpayer, kind="land")
    events_at(monkeypatch, at_local(2026, 11, 30, 10, 0))

    numbers = [pay(payer, [first]).receipt.number, pay(payer, [second]).receipt.number]

    assert numbers == ["2026-000001", "2026-000002"]


def test_a_new_year_starts_the_numbers_again(payer, taxpayer, monkeypatch):
    link(payer, taxpayer)
    december, january = ObligationFactory(taxpayer=taxpayer), ObligationFactory(taxpayer=taxpayer, kind="land")
    events_at(monkeypatch, at_local(2026, 12, 31, 23, 50))
    pay(payer, [december])
    events_at(monkeypatch, at_local(2027, 1, 1, 0, 10))

    receipt = pay(payer, [january]).receipt

    assert (receipt.year, receipt.number) == (2027, "2027-000001")


def test_a_payment_not_credited_takes_no_number(payer, taxpayer, monkeypatch):
    link(payer, taxpayer)
    declined, paid_one = ObligationFactory(taxpayer=taxpayer), ObligationFactory(taxpayer=taxpayer, kind="land")
    events_at(monkeypatch, at_local(2026, 11, 30, 10, 0))
    payment, _url = checkout.start(
        payer=payer, obligations=[declined], language="ro", success_url="/{token}", cancel_url="/{token}"
    )
    demo.complete(DemoCheckout.objects.get(session_id=payment.provider_reference), "decline")

    assert pay(payer, [paid_one]).receipt.number == "2026-000001"


# --- the PDF -------------------------------------------------------------------------------------------------------


def test_the_pdf_in_romanian_has_the_diacritics_the_number_and_the_total(paid):
    text = pdf_text(receipts.render_pdf(paid.receipt))

    with translation.override("ro"):
        expected_total = lei(paid.amount)
        title = translation.gettext("Receipt")
    assert "Primăria Municipiului Târgu Mureș" in text
    assert "Ștefan Țăranu" in text
    assert title in text
    assert paid.receipt.number in text
    assert expected_total.replace("\xa0", " ") in text.replace("\xa0", " ")


def test_the_pdf_in_hungarian_uses_the_hungarian_name_and_amounts(owed, payer, institution):
    payment = pay(payer, [owed], language="hu")

    text = pdf_text(receipts.render_pdf(payment.receipt))

    with translation.override("hu"):
        expected_total = lei(payment.amount)
        title = translation.gettext("Receipt")
    assert "Marosvásárhely Polgármesteri Hivatala" in text
    assert title in text
    assert expected_total.replace("\xa0", " ") in text.replace("\xa0", " ")


def test_the_pdf_shows_the_cnp_only_by_its_last_four_digits(paid):
    text = pdf_text(receipts.render_pdf(paid.receipt))

    assert "1800101221144" not in text
    assert "1144" in text


def test_the_pdf_shows_the_institution_fiscal_code_and_the_role_number(paid):
    text = pdf_text(receipts.render_pdf(paid.receipt))

    assert "4322450" in text
    assert "R000123" in text


def test_a_company_identifier_is_shown_whole_and_a_persons_cnp_masked():
    from payments.roles import masked

    assert masked("18547290") == "18547290"
    assert masked("1800101221144") == "•••••••••1144"


def test_the_file_name_carries_the_receipt_number(paid):
    assert receipts.file_name(paid.receipt) == f"chitanta-{paid.receipt.number}.pdf"


# --- the e-mail ----------------------------------------------------------------------------------------------------


def test_the_receipt_is_emailed_to_the_payer_with_the_pdf_once_the_payment_is_credited(
    owed, payer, institution, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        payment = pay(payer, [owed])

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["stefan.taranu@example.ro"]
    assert message.reply_to == ["taxe@tirgumures.ro"]
    ((name, content, mimetype),) = message.attachments
    assert (name, mimetype) == (f"chitanta-{payment.receipt.number}.pdf", "application/pdf")
    assert content.startswith(b"%PDF")


def test_the_receipt_email_and_its_pdf_are_in_the_payers_language(owed, payer, institution):
    payment = pay(payer, [owed], language="hu")

    receipts.email_receipt(payment.receipt.pk)

    message = mail.outbox[0]
    with translation.override("hu"):
        expected_total = lei(payment.amount)
    assert institution.name_hu in message.body
    assert expected_total in message.body
    assert "Marosvásárhely Polgármesteri Hivatala" in pdf_text(message.attachments[0][1])


def test_a_payer_without_an_email_address_gets_no_email(paid):
    Payment.objects.filter(pk=paid.pk).update(payer_email="")

    assert receipts.email_receipt(paid.receipt.pk) == 0
    assert mail.outbox == []


# --- the download --------------------------------------------------------------------------------------------------


def test_the_payer_downloads_the_receipt_as_an_inline_pdf(client, paid, payer):
    client.force_login(payer)

    response = client.get(reverse("payments:receipt_pdf", args=[paid.token]))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == f'inline; filename="chitanta-{paid.receipt.number}.pdf"'
    assert response.content.startswith(b"%PDF")


def test_another_citizen_does_not_find_the_receipt(client, paid, citizen):
    client.force_login(citizen)

    response = client.get(reverse("payments:receipt_pdf", args=[paid.token]))

    assert response.status_code == 404


def test_the_tax_department_downloads_any_receipt(client, paid, tax_clerk):
    client.force_login(tax_clerk)

    response = client.get(reverse("payments:receipt_pdf", args=[paid.token]))

    assert response.status_code == 200


def test_a_clerk_of_another_department_does_not_find_the_receipt(client, paid, clerk):
    client.force_login(clerk)

    response = client.get(reverse("payments:receipt_pdf", args=[paid.token]))

    assert response.status_code == 404


def test_a_payment_not_yet_credited_has_no_receipt_to_download(client, owed, payer):
    payment, _url = checkout.start(
        payer=payer, obligations=[owed], language="ro", success_url="/{token}", cancel_url="/{token}"
    )
    client.force_login(payer)

    response = client.get(reverse("payments:receipt_pdf", args=[payment.token]))

    assert response.status_code == 404


def test_an_unknown_payment_has_no_receipt(client, payer):
    client.force_login(payer)

    assert client.get(reverse("payments:receipt_pdf", args=[uuid.uuid4()])).status_code == 404
