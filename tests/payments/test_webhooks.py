"""The webhook ledger by Stripe's rules: a verified signature, every event stored once, crediting exactly once, 2xx
fast, a failed processing left for the provider's retry."""

import datetime
import logging
import time

import pytest

from payments import ledger
from payments.models import AuditEvent, Obligation, Payment, Receipt, WebhookEvent

from .stripe_events import SECRET, event, intent, post, session, signed

pytestmark = pytest.mark.django_db

PAID_ON = datetime.datetime(2026, 3, 15, 10, 0, tzinfo=datetime.UTC).timestamp()


def completed(payment, **kwargs):
    return event("checkout.session.completed", session(payment, **kwargs), created=PAID_ON)


def test_starting_a_payment_creates_a_stripe_checkout_session_in_ron_with_the_discount_applied(started, fake_stripe):
    request = next(r for r in fake_stripe.requests if r["path"] == "/v1/checkout/sessions")
    assert request["form"]["line_items[0][price_data][currency]"] == "ron"
    # 1.234,56 lei paid in full by 31 March: 10 % discount, 1.111,10 lei to pay.
    assert request["form"]["line_items[0][price_data][unit_amount]"] == "111110"
    assert request["form"]["metadata[payment]"] == str(started.token)
    assert request["form"]["locale"] == "ro"
    assert request["headers"]["Idempotency-Key"] == f"checkout-{started.token}"
    assert started.status == Payment.Status.PENDING
    assert started.provider_reference.startswith("cs_test_")


def test_a_succeeded_checkout_credits_the_obligation_and_issues_a_receipt(client, started, obligation):
    response = post(client, completed(started))
    assert response.status_code == 200
    started.refresh_from_db()
    obligation.refresh_from_db()
    assert started.status == Payment.Status.SUCCEEDED
    assert (obligation.principal_paid, obligation.bonus_granted) == (111110, 12346)
    assert obligation.settled
    assert Receipt.objects.get(payment=started).number == "2026-000001"


def test_the_same_event_delivered_twice_credits_once(client, started, obligation):
    payload = completed(started)
    assert post(client, payload).status_code == 200
    second = post(client, payload)
    assert second.status_code == 200
    assert second.content == b"duplicate"
    obligation.refresh_from_db()
    assert obligation.principal_paid == 111110
    assert Receipt.objects.count() == 1
    assert WebhookEvent.objects.filter(event_id=payload["id"]).count() == 1


def test_two_different_success_events_of_one_payment_credit_once(client, started, obligation):
    post(client, event("payment_intent.succeeded", intent(started), created=PAID_ON))
    post(client, completed(started))
    obligation.refresh_from_db()
    assert obligation.principal_paid == 111110
    assert Receipt.objects.count() == 1


def test_events_out_of_order_end_correct(client, started, obligation):
    """Succeeded arrives before the PaymentIntent's "created": the late event does not move the payment back."""
    post(client, completed(started))
    response = post(client, event("payment_intent.created", intent(started, status="requires_payment_method")))
    assert response.status_code == 200
    started.refresh_from_db()
    assert started.status == Payment.Status.SUCCEEDED
    assert started.provider_payment == f"pi_{started.pk}_test"


def test_a_forged_signature_is_refused_and_nothing_is_stored(client, started, obligation):
    response = post(client, completed(started), secret="whsec_not_ours")
    assert response.status_code == 400
    assert not WebhookEvent.objects.exists()
    started.refresh_from_db()
    assert started.status == Payment.Status.PENDING


def test_a_tampered_body_is_refused(client, started):
    body, signature = signed(completed(started, amount=1))
    response = client.post(
        "/plati/webhook/stripe/",
        data=body.replace('"amount_total": 1', '"amount_total": 111110'),
        content_type="application/json",
        HTTP_STRIPE_SIGNATURE=signature,
    )
    assert response.status_code == 400


def test_a_stale_timestamp_is_refused(client, started):
    response = post(client, completed(started), timestamp=int(time.time()) - 301)
    assert response.status_code == 400
    started.refresh_from_db()
    assert started.status == Payment.Status.PENDING


def test_a_missing_signature_is_refused(client, started):
    assert post(client, completed(started), header="").status_code == 400


def test_during_secret_rotation_an_event_signed_with_both_secrets_is_accepted(client, started, settings):
    settings.STRIPE_WEBHOOK_SECRETS = ["whsec_new_one"]
    payload = completed(started)
    body, old = signed(payload, secret=SECRET)
    _body, new = signed(payload, secret="whsec_new_one", timestamp=int(old.split(",")[0][2:]))
    header = f"{old},{new.split(',')[1]}"
    response = client.post(
        "/plati/webhook/stripe/", data=body, content_type="application/json", HTTP_STRIPE_SIGNATURE=header
    )
    assert response.status_code == 200
    started.refresh_from_db()
    assert started.status == Payment.Status.SUCCEEDED


def test_while_both_secrets_are_configured_either_one_is_accepted(client, started, settings):
    settings.STRIPE_WEBHOOK_SECRETS = ["whsec_new_one", SECRET]
    assert post(client, completed(started), secret=SECRET).status_code == 200


def test_a_signed_body_that_is_not_an_event_is_refused(client):
    body = '"just a string"'
    import stripe

    header = stripe.WebhookSignature.generate_signature_header(body, SECRET)
    settings_ok = client.post(
        "/plati/webhook/stripe/", data=body, content_type="application/json", HTTP_STRIPE_SIGNATURE=header
    )
    assert settings_ok.status_code == 400


def test_a_body_over_the_cap_is_refused_before_it_is_read(client, started, settings):
    settings.PAYMENTS_WEBHOOK_MAX_BYTES = 1000
    payload = completed(started)
    payload["data"]["object"]["padding"] = "x" * 2000
    assert post(client, payload).status_code == 413
    assert not WebhookEvent.objects.exists()


def test_an_unhandled_event_type_gets_2xx_and_a_log_line(client, started, caplog):
    with caplog.at_level(logging.INFO, logger="payments.webhooks"):
        response = post(client, event("customer.created", {"id": "cus_1", "object": "customer"}))
    assert response.status_code == 200
    assert "customer.created" in caplog.text
    assert WebhookEvent.objects.get(type="customer.created").processed_at is not None


def test_an_event_of_an_unknown_session_gets_2xx_and_a_log_line(client, started, caplog):
    payload = completed(started)
    payload["data"]["object"].update({"id": "cs_test_unknown", "metadata": {}, "client_reference_id": None})
    with caplog.at_level(logging.WARNING, logger="payments.webhooks"):
        response = post(client, payload)
    assert response.status_code == 200
    assert "names no known payment" in caplog.text
    started.refresh_from_db()
    assert started.status == Payment.Status.PENDING


def test_a_processing_error_leaves_the_event_for_the_providers_retry(client, started, obligation, monkeypatch):
    real = ledger.succeed
    monkeypatch.setattr(ledger, "succeed", lambda *a, **k: (_ for _ in ()).throw(RuntimeError("database hiccup")))
    payload = completed(started)
    assert post(client, payload).status_code == 500
    stored = WebhookEvent.objects.get(event_id=payload["id"])
    assert stored.processed_at is None
    assert "database hiccup" in stored.error
    obligation.refresh_from_db()
    assert obligation.principal_paid == 0

    monkeypatch.setattr(ledger, "succeed", real)
    assert post(client, payload).status_code == 200  # Stripe's retry
    stored.refresh_from_db()
    obligation.refresh_from_db()
    assert stored.processed_at is not None
    assert stored.attempts == 2
    assert obligation.principal_paid == 111110


def test_an_amount_that_is_not_the_payments_is_not_credited(client, started, obligation):
    post(client, completed(started, amount=100))
    started.refresh_from_db()
    obligation.refresh_from_db()
    assert started.status == Payment.Status.PENDING
    assert obligation.principal_paid == 0
    assert AuditEvent.objects.filter(payment=started, action="payment_amount_mismatch").exists()


def test_a_declined_card_leaves_the_obligation_unpaid_and_a_later_success_still_counts(client, started, obligation):
    failed = intent(started, status="requires_payment_method")
    failed["last_payment_error"] = {"code": "card_declined", "message": "Your card was declined."}
    post(client, event("payment_intent.payment_failed", failed))
    started.refresh_from_db()
    assert started.status == Payment.Status.FAILED
    assert Obligation.objects.get(pk=obligation.pk).principal_paid == 0

    post(client, completed(started))  # the payer tried another card in the same checkout
    started.refresh_from_db()
    assert started.status == Payment.Status.SUCCEEDED


def test_an_expired_checkout_cancels_the_payment_but_never_a_paid_one(client, started):
    post(client, event("checkout.session.expired", session(started, payment_status="unpaid", status="expired")))
    started.refresh_from_db()
    assert started.status == Payment.Status.CANCELED
    post(client, completed(started))
    post(client, event("checkout.session.expired", session(started, payment_status="unpaid", status="expired")))
    started.refresh_from_db()
    assert started.status == Payment.Status.SUCCEEDED


def test_every_state_change_writes_an_audit_event(client, started):
    post(client, completed(started))
    actions = list(AuditEvent.objects.filter(payment=started).values_list("action", flat=True))
    assert actions == ["payment_created", "payment_pending", "payment_succeeded"]
