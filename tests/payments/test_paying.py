"""A citizen sees what they owe today and pays it through the checkout; the return page reads the ledger only."""

import datetime
from urllib.parse import urlsplit

import pytest
from django.urls import reverse

from payments.models import DemoCheckout, Obligation, Payment
from services.calendar import clock_at
from tests.factories import UserFactory

from .factories import ObligationFactory, TaxpayerFactory, link

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english(client, settings):
    """The assertions read the English texts; the pages are translated (ro, hu) elsewhere."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"


MARCH_15 = datetime.date(2026, 3, 15)


def choose(client, *obligations, confirm=False):
    data = {"obligation": [str(o.token) for o in obligations]}
    if confirm:
        data["confirm"] = "1"
    return client.post(reverse("payments:pay"), data)


def path(url):
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


def test_my_taxes_shows_what_is_owed_today_with_the_discount(client, citizen, obligation):
    client.cookies["django_language"] = "ro"  # amounts as Romanians write them
    client.force_login(citizen)
    with clock_at(MARCH_15):
        page = client.get(reverse("payments:my_taxes")).content.decode()
    assert "1.234,56" in page  # the amount
    assert "123,46" in page  # the 10 % discount for paying the whole year by 31 March
    assert "1.111,10" in page  # what is paid today


def test_my_taxes_shows_late_payment_interest_after_the_due_date(client, citizen, obligation):
    client.cookies["django_language"] = "ro"  # amounts as Romanians write them
    client.force_login(citizen)
    with clock_at(datetime.date(2026, 5, 4)):
        page = client.get(reverse("payments:my_taxes")).content.decode()
    # First instalment 617,28 lei, due 31 March, unpaid on 4 May: 2 months begun, 2 % = 12,35 lei.
    assert "12,35" in page
    assert "govuk-tag--red" in page  # marked overdue


def test_my_taxes_reads_a_fixed_number_of_queries_however_many_obligations(
    client, citizen, linked_taxpayer, django_assert_max_num_queries, site_menus_cached
):
    for year in (2023, 2024, 2025, 2026):
        for kind in ("building", "land", "vehicle"):
            ObligationFactory(taxpayer=linked_taxpayer, kind=kind, fiscal_year=year)
    client.force_login(citizen)
    with django_assert_max_num_queries(12):
        assert client.get(reverse("payments:my_taxes")).status_code == 200


def test_a_citizen_sees_and_pays_only_linked_taxpayers(client, citizen, obligation):
    stranger = ObligationFactory(taxpayer=TaxpayerFactory(identifier="2850315123457", name="Ion Străin"))
    client.force_login(citizen)
    page = client.get(reverse("payments:my_taxes")).content.decode()
    assert "Ion Străin" not in page
    assert choose(client, stranger).status_code == 404
    assert choose(client, obligation, stranger, confirm=True).status_code == 404
    assert not Payment.objects.exists()


def test_another_users_payment_page_is_not_found(client, citizen, obligation):
    client.force_login(citizen)
    with clock_at(MARCH_15):
        choose(client, obligation, confirm=True)
    payment = Payment.objects.get()
    client.force_login(UserFactory())
    assert client.get(reverse("payments:payment", args=[payment.token])).status_code == 404


def test_the_confirmation_shows_the_total_before_anything_is_started(client, citizen, obligation):
    client.cookies["django_language"] = "ro"  # amounts as Romanians write them
    client.force_login(citizen)
    with clock_at(MARCH_15):
        response = choose(client, obligation)
    assert response.status_code == 200
    assert "1.111,10" in response.content.decode()
    assert not Payment.objects.exists()


def test_the_demo_journey_credits_the_obligation_and_shows_the_receipt(client, citizen, obligation):
    client.force_login(citizen)
    with clock_at(MARCH_15):
        started = choose(client, obligation, confirm=True)
    checkout_page = started["Location"]
    assert checkout_page.startswith("/plati/demo/cs_demo_")
    payment = Payment.objects.get()
    assert payment.status == Payment.Status.PENDING
    paid = client.post(checkout_page, {"outcome": "pay"})
    back = client.get(path(paid["Location"]))
    page = back.content.decode()
    assert "Payment received" in page
    payment.refresh_from_db()
    assert payment.status == Payment.Status.SUCCEEDED
    assert payment.receipt.number.endswith("000001")
    obligation.refresh_from_db()
    assert obligation.settled


def test_a_declined_card_leaves_the_obligation_unpaid_and_visible(client, citizen, obligation):
    client.force_login(citizen)
    with clock_at(MARCH_15):
        started = choose(client, obligation, confirm=True)
    declined = client.post(started["Location"], {"outcome": "decline"})
    assert "The card was declined" in declined.content.decode()
    payment = Payment.objects.get()
    assert payment.status == Payment.Status.FAILED
    obligation.refresh_from_db()
    assert obligation.principal_paid == 0
    page = client.get(reverse("payments:my_taxes")).content.decode()
    assert f'value="{obligation.token}"' in page  # still owed, and offered for payment again


def test_going_back_from_the_checkout_cancels_it_and_frees_the_obligation(client, citizen, obligation):
    client.force_login(citizen)
    with clock_at(MARCH_15):
        started = choose(client, obligation, confirm=True)
        back = client.post(started["Location"], {"outcome": "back"})
        page = client.get(path(back["Location"])).content.decode()
        assert "The payment was canceled" in page
        assert DemoCheckout.objects.get().status == "expired"
        again = choose(client, obligation, confirm=True)
    assert again["Location"].startswith("/plati/demo/")
    assert Payment.objects.filter(status=Payment.Status.PENDING).count() == 1


def test_an_obligation_being_paid_cannot_be_paid_twice_at_once(client, citizen, obligation):
    client.force_login(citizen)
    with clock_at(MARCH_15):
        choose(client, obligation, confirm=True)
        second = choose(client, obligation, confirm=True)
    assert second["Location"] == reverse("payments:my_taxes")
    assert Payment.objects.count() == 1


def test_a_provider_that_cannot_be_reached_charges_nothing_and_says_so(client, citizen, obligation, fake_stripe):
    fake_stripe.fail_with = (500, {"error": {"message": "Stripe is down", "type": "api_error"}})
    client.force_login(citizen)
    with clock_at(MARCH_15):
        response = choose(client, obligation, confirm=True)
    assert response["Location"] == reverse("payments:my_taxes")
    messages = client.get(response["Location"]).content.decode()
    assert "could not be reached" in messages
    assert Payment.objects.get().status == Payment.Status.CANCELED
    assert Obligation.objects.get().principal_paid == 0


def test_the_stripe_checkout_is_where_the_payer_is_sent(client, citizen, obligation, fake_stripe):
    client.force_login(citizen)
    with clock_at(MARCH_15):
        response = choose(client, obligation, confirm=True)
    assert response["Location"].startswith("https://checkout.stripe.com/c/pay/cs_test_")
    sent = next(r for r in fake_stripe.requests if r["path"] == "/v1/checkout/sessions")
    assert sent["form"]["success_url"].startswith("http://testserver/impozite/plata/")


def test_two_taxpayers_of_one_user_are_paid_together_oldest_first(client, citizen, linked_taxpayer):
    company = TaxpayerFactory(kind="company", identifier="18547290", name="Exemplu SRL")
    link(citizen, company)
    newer = ObligationFactory(taxpayer=company, fiscal_year=2026, kind="land", amount=20000)
    older = ObligationFactory(
        taxpayer=linked_taxpayer,
        fiscal_year=2025,
        kind="land",
        amount=10000,
        first_due=datetime.date(2025, 3, 31),
        second_due=datetime.date(2025, 9, 30),
    )
    client.force_login(citizen)
    with clock_at(MARCH_15):
        choose(client, newer, older, confirm=True)
    lines = list(Payment.objects.get().allocations.values_list("obligation_id", flat=True))
    assert lines == [older.pk, newer.pk]


def test_going_back_after_a_declined_card_ends_the_checkout_too(client, citizen, obligation):
    client.force_login(citizen)
    with clock_at(MARCH_15):
        started = choose(client, obligation, confirm=True)
        client.post(started["Location"], {"outcome": "decline"})
        back = client.post(started["Location"], {"outcome": "back"})
        client.get(path(back["Location"]))
    assert DemoCheckout.objects.get().status == "expired"
    assert Payment.objects.get().status == Payment.Status.CANCELED
