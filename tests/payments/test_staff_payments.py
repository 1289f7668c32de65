"""The tax department's payments queue, its CSV export and a payment's page with the refund form."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from payments.models import Allocation, Payment, Receipt, Refund
from tests.factories import StaffFactory

from .factories import ObligationFactory, TaxpayerFactory, pay

BUCHAREST = ZoneInfo("Europe/Bucharest")
QUEUE = reverse("payments:queue")
CSV = reverse("payments:queue_csv")


def on(day, hour=12):
    return datetime.datetime(2026, 11, day, hour, tzinfo=BUCHAREST)


def payment_row(
    payer, *, name, email, status=Payment.Status.SUCCEEDED, amount=10000, created=None, taxpayer=None, receipt=None
):
    """A payment as the ledger leaves it, for a page that only reads (the ledger's own path is tested elsewhere)."""
    payment = Payment.objects.create(
        payer=payer,
        payer_name=name,
        payer_email=email,
        provider="demo",
        amount=amount,
        status=status,
        created_at=created or on(20),
        provider_reference=f"cs_demo_{name.split()[0].lower()}_{amount}",
    )
    if taxpayer is not None:
        Allocation.objects.create(
            payment=payment, obligation=ObligationFactory(taxpayer=taxpayer, amount=amount), principal=amount
        )
    if receipt:
        Receipt.objects.create(
            payment=payment, year=2026, sequence=int(receipt[-6:]), number=receipt, issued_at=payment.created_at
        )
    return payment


@pytest.fixture
def payments(citizen):
    return {
        "ana": payment_row(
            citizen,
            name="Ana Popescu",
            email="ana.popescu@example.ro",
            created=on(10),
            taxpayer=TaxpayerFactory(identifier="1800101221144", role_number="R000123", name="Ana Popescu"),
            receipt="2026-000001",
        ),
        "ion": payment_row(
            citizen,
            name="Ion Mureșan",
            email="ion@example.ro",
            amount=25000,
            created=on(20),
            taxpayer=TaxpayerFactory(identifier="2850315123457", role_number="R000777", name="Ion Mureșan"),
            receipt="2026-000002",
        ),
        "zsofia": payment_row(
            citizen,
            name="Kovács Zsófia",
            email="zsofia@example.hu",
            status=Payment.Status.FAILED,
            amount=5000,
            created=on(25),
        ),
    }


def names(response):
    return [payment.payer_name for payment, _taxpayers, _tone in response.context["rows"]]


@pytest.fixture
def staff_client(client, tax_clerk):
    client.force_login(tax_clerk)
    return client


# --- who may see it ------------------------------------------------------------------------------------------------


def test_the_tax_department_sees_every_payment_newest_first(staff_client, payments):
    response = staff_client.get(QUEUE)

    assert response.status_code == 200
    assert names(response) == ["Kovács Zsófia", "Ion Mureșan", "Ana Popescu"]


def test_a_citizen_may_not_see_the_queue(client, citizen):
    client.force_login(citizen)

    assert client.get(QUEUE).status_code == 403


def test_a_clerk_of_another_department_may_not_see_the_queue(client, clerk):
    client.force_login(clerk)

    assert client.get(QUEUE).status_code == 403


def test_a_clerk_of_another_department_may_not_export_the_queue(client, clerk):
    client.force_login(clerk)

    assert client.get(CSV).status_code == 403


def test_a_clerk_of_another_department_may_not_open_a_payment(client, clerk, payments):
    client.force_login(clerk)

    assert client.get(reverse("payments:staff_payment", args=[payments["ana"].token])).status_code == 403


def test_a_visitor_is_sent_to_sign_in(client):
    response = client.get(QUEUE)

    assert response.status_code == 302


# --- filters, search, sorting ----------------------------------------------------------------------------------------


def test_the_queue_filters_by_status(staff_client, payments):
    response = staff_client.get(QUEUE, {"status": "failed"})

    assert names(response) == ["Kovács Zsófia"]


def test_the_queue_filters_by_dates_in_bucharest(staff_client, payments):
    response = staff_client.get(QUEUE, {"date_from": "2026-11-15", "date_to": "2026-11-20"})

    assert names(response) == ["Ion Mureșan"]


def test_a_payment_just_after_midnight_in_bucharest_counts_on_that_day(staff_client, citizen):
    payment_row(citizen, name="Elena Stan", email="elena@example.ro", created=on(21, hour=0))

    response = staff_client.get(QUEUE, {"date_from": "2026-11-21", "date_to": "2026-11-21"})

    assert names(response) == ["Elena Stan"]


@pytest.mark.parametrize(
    "text",
    ["mureșan", "ion@example", "R000777", "2026-000002"],
    ids=["payer name", "payer e-mail", "role number", "receipt number"],
)
def test_the_queue_finds_a_payment_by(staff_client, payments, text):
    response = staff_client.get(QUEUE, {"q": text})

    assert names(response) == ["Ion Mureșan"]


def test_an_invalid_filter_is_ignored(staff_client, payments):
    response = staff_client.get(QUEUE, {"status": "stolen", "date_from": "yesterday"})

    assert len(names(response)) == 3


def test_the_queue_sorts_by_amount(staff_client, payments):
    response = staff_client.get(QUEUE, {"sort": "amount", "dir": "desc"})

    assert names(response) == ["Ion Mureșan", "Ana Popescu", "Kovács Zsófia"]


def test_the_queue_shows_the_taxpayers_paid_for(staff_client, payments):
    response = staff_client.get(QUEUE)

    assert "R000777" in response.content.decode()


def test_the_queue_is_paginated(staff_client, payments, settings):
    settings.QUEUE_PAGE_SIZE = 2

    response = staff_client.get(QUEUE, {"page": 2})

    assert names(response) == ["Ana Popescu"]


def test_the_queue_reads_a_fixed_number_of_queries(
    staff_client, citizen, django_assert_max_num_queries, site_menus_cached
):
    for n in range(12):
        payment_row(
            citizen,
            name=f"Plătitor {n}",
            email=f"p{n}@example.ro",
            amount=1000 + n,
            taxpayer=TaxpayerFactory(identifier=f"{n:013d}", role_number=f"R9{n:05d}"),
            receipt=f"2026-{n + 1:06d}",
        )

    with django_assert_max_num_queries(11):
        response = staff_client.get(QUEUE)

    assert len(names(response)) == 12


# --- CSV -----------------------------------------------------------------------------------------------------------


def test_the_csv_export_has_every_payment_matching_the_filters(staff_client, payments, settings):
    settings.QUEUE_PAGE_SIZE = 1

    response = staff_client.get(CSV, {"status": "succeeded"})

    text = response.content.decode("utf-8-sig")
    rows = [line.split(";") for line in text.strip().splitlines()]
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment" in response["Content-Disposition"]
    assert len(rows) == 3
    assert rows[1][4:9] == ["Ion Mureșan", "ion@example.ro", "Ion Mureșan", "R000777", "2026-000002"]


def test_the_csv_export_writes_amounts_as_numbers_in_lei(staff_client, payments):
    response = staff_client.get(CSV, {"q": "R000777"})

    row = response.content.decode("utf-8-sig").strip().splitlines()[1].split(";")
    assert row[2] == "250,00"


# --- a payment's page and the refund form ----------------------------------------------------------------------------


@pytest.fixture
def paid(obligation, citizen):
    return pay(citizen, [obligation])


def test_the_payment_page_shows_what_it_paid_its_receipt_and_its_history(staff_client, paid):
    response = staff_client.get(reverse("payments:staff_payment", args=[paid.token]))

    page = response.content.decode()
    assert response.status_code == 200
    assert paid.receipt.number in page
    assert "R000123" in page
    assert "payment_intent.succeeded" in page
    assert reverse("payments:receipt_pdf", args=[paid.token]) in page


def test_an_unknown_payment_is_not_found(staff_client):
    import uuid

    assert staff_client.get(reverse("payments:staff_payment", args=[uuid.uuid4()])).status_code == 404


def test_the_refund_form_takes_the_amount_in_lei(staff_client, paid, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(
            reverse("payments:staff_payment", args=[paid.token]), {"amount": "12,50", "reason": "Plătit de două ori."}
        )

    assert response.status_code == 302
    refund = Refund.objects.get()
    assert (refund.amount, refund.status) == (1250, Refund.Status.SUCCEEDED)


@pytest.mark.parametrize(
    "typed, bani",
    [("1.234,56", 123456), ("12.5", 1250), ("7", 700), ("0,01", 1), ("1.234", 123400), ("1 234,56 lei", 123456)],
)
def test_the_refund_form_reads_amounts_as_people_type_them(typed, bani):
    from payments.forms import RefundForm

    form = RefundForm({"amount": typed, "reason": "x"})

    assert form.is_valid(), form.errors
    assert form.cleaned_data["amount"] == bani


@pytest.mark.parametrize("typed", ["12,505", "abc", "-5", "0", "1,2,3"])
def test_the_refund_form_refuses_what_is_not_an_amount(typed):
    from payments.forms import RefundForm

    assert not RefundForm({"amount": typed, "reason": "x"}).is_valid()


def test_a_refund_beyond_what_was_paid_is_shown_as_an_error_on_the_amount(staff_client, paid):
    response = staff_client.post(
        reverse("payments:staff_payment", args=[paid.token]), {"amount": "99999", "reason": "Plătit de două ori."}
    )

    assert response.status_code == 200
    assert response.context["form"].errors["amount"]
    assert "govuk-error-summary" in response.content.decode()
    assert not Refund.objects.exists()


def test_a_tax_clerk_without_the_refund_permission_sees_no_form_and_may_not_post(client, tax_clerk, paid):
    reader = StaffFactory(email="cititor@primarie.ro")
    reader.user_permissions.add(Permission.objects.get(codename="view_payment", content_type__app_label="payments"))
    client.force_login(reader)
    url = reverse("payments:staff_payment", args=[paid.token])

    assert client.get(url).context["form"] is None
    assert client.post(url, {"amount": "1", "reason": "x"}).status_code == 403
