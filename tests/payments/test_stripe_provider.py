"""The Stripe provider through the real SDK, whose HTTP client is a fake of Stripe's API: what it asks of Stripe for
a checkout, a cancellation and the reconciliation's records."""

import datetime

import pytest
from django.utils import timezone

from payments import checkout
from payments.models import Payment
from payments.providers import registry

pytestmark = pytest.mark.django_db


def test_the_payer_going_back_expires_the_stripe_checkout(started, fake_stripe):
    checkout.abandon(started)
    expire = [r for r in fake_stripe.requests if r["path"].endswith("/expire")]
    assert [r["path"] for r in expire] == [f"/v1/checkout/sessions/{started.provider_reference}/expire"]
    assert fake_stripe.sessions[started.provider_reference]["status"] == "expired"
    # The ledger waits for Stripe's "expired" event; nothing is canceled by the return alone.
    started.refresh_from_db()
    assert started.status == Payment.Status.PENDING


def test_the_records_of_a_day_come_from_one_expanded_list_call(started, fake_stripe):
    fake_stripe.pay(started.provider_reference, "pi_paid")
    fake_stripe.refunded["pi_paid"] = 5000
    start = timezone.now() - datetime.timedelta(days=1)
    records = registry.get("stripe").records(start, timezone.now())
    assert [(r.reference, r.amount, r.paid, r.refunded) for r in records] == [
        (started.provider_reference, 111110, True, 5000)
    ]
    listing = [r for r in fake_stripe.requests if r["method"] == "get"]
    assert len(listing) == 1
    assert listing[0]["query"]["expand[0]"] == "data.payment_intent.latest_charge"


def test_a_stripe_error_on_listing_is_reported_as_unavailable(fake_stripe):
    from payments.providers import ProviderUnavailable

    fake_stripe.fail_with = (500, {"error": {"message": "boom", "type": "api_error"}})
    with pytest.raises(ProviderUnavailable):
        registry.get("stripe").records(timezone.now() - datetime.timedelta(days=1), timezone.now())


def test_a_provider_missing_one_of_the_operations_cannot_be_registered():
    from payments.providers import Registry
    from payments.providers.base import Provider

    registry = Registry()

    class HalfDone(Provider):
        name = "half"

        def start_checkout(self, payment, *, lines, success_url, cancel_url, expires_at):
            raise AssertionError

    with pytest.raises(TypeError):
        registry(HalfDone)
