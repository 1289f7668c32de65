"""Concurrent deliveries on PostgreSQL, each thread on its own connection: the payment's row lock lets them through
one after the other, so money is credited exactly once."""

import datetime
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection, connections

from payments import checkout, ledger, webhooks
from payments.models import Obligation, Payment, Receipt, WebhookEvent
from services.calendar import clock_at
from tests.factories import UserFactory

from .factories import ObligationFactory, TaxpayerFactory, link
from .stripe_events import event, session, signed

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite has no row locks to race against"),
    pytest.mark.django_db(transaction=True),
]

DELIVERIES = 50


@pytest.fixture
def payment(fake_stripe):
    payer = UserFactory()
    taxpayer = TaxpayerFactory()
    link(payer, taxpayer)
    obligation = ObligationFactory(taxpayer=taxpayer)
    with clock_at(datetime.date(2026, 3, 15)):
        started, _url = checkout.start(
            payer=payer,
            obligations=[obligation],
            language="ro",
            success_url="https://portal.example/{token}/",
            cancel_url="https://portal.example/{token}/",
        )
    return started


def deliver_concurrently(payloads):
    start = threading.Barrier(len(payloads))

    def deliver(payload):
        body, header = signed(payload)
        start.wait()
        try:
            return webhooks.receive("stripe", body.encode(), header).status
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=len(payloads)) as pool:
        return list(pool.map(deliver, payloads))


def test_fifty_concurrent_deliveries_of_the_same_succeeded_event_credit_once(payment):
    payload = event("checkout.session.completed", session(payment))
    statuses = deliver_concurrently([payload] * DELIVERIES)
    assert statuses == [200] * DELIVERIES
    obligation = Obligation.objects.get()
    assert obligation.principal_paid == 111110
    assert obligation.bonus_granted == 12346
    assert Receipt.objects.count() == 1
    assert WebhookEvent.objects.filter(event_id=payload["id"]).count() == 1
    assert Payment.objects.get().status == Payment.Status.SUCCEEDED


def test_concurrent_different_success_events_of_one_payment_credit_once(payment):
    payloads = [event("checkout.session.completed", session(payment)) for _ in range(DELIVERIES)]
    deliver_concurrently(payloads)
    assert Obligation.objects.get().principal_paid == 111110
    assert Receipt.objects.count() == 1
    assert WebhookEvent.objects.filter(processed_at__isnull=False).count() == DELIVERIES


def test_without_the_payments_row_lock_a_concurrent_delivery_collides(payment, monkeypatch):
    """The lock is what keeps every delivery clean: with a plain read in its place, two deliveries both see the
    payment pending and both try to credit it; the second then fails on the receipt that already exists (the
    one-to-one receipt and the obligation's own lock stand behind the payment's lock) and gets a 500."""
    monkeypatch.setattr(webhooks.ledger, "lock", lambda pk: Payment.objects.get(pk=pk))
    real_succeed = ledger.succeed
    arrived = threading.Barrier(2, timeout=10)

    def slow_succeed(payment, **kwargs):
        arrived.wait()  # both deliveries have read the payment as pending before either credits
        return real_succeed(payment, **kwargs)

    monkeypatch.setattr(ledger, "succeed", slow_succeed)
    payloads = [event("checkout.session.completed", session(payment)) for _ in range(2)]
    statuses = deliver_concurrently(payloads)
    assert sorted(statuses) == [200, 500]
    assert Obligation.objects.get().principal_paid == 111110
