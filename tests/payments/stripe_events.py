"""Stripe-shaped events for the tests, signed exactly as Stripe signs them (`t=…,v1=HMAC-SHA256`)."""

import json
import secrets
import time

import stripe

SECRET = "whsec_test_ghiseul"


def event(type_, obj, *, created=None, event_id=None):
    return {
        "id": event_id or f"evt_{secrets.token_hex(12)}",
        "object": "event",
        "api_version": "2025-01-27.acacia",
        "created": int(created or time.time()),
        "livemode": False,
        "type": type_,
        "data": {"object": obj},
    }


def session(payment, *, payment_status="paid", status="complete", amount=None, currency="ron"):
    return {
        "id": payment.provider_reference,
        "object": "checkout.session",
        "amount_total": payment.amount if amount is None else amount,
        "currency": currency,
        "metadata": {"payment": str(payment.token)},
        "client_reference_id": str(payment.token),
        "payment_intent": f"pi_{payment.pk}_test",
        "payment_status": payment_status,
        "status": status,
    }


def intent(payment, *, status="succeeded"):
    return {
        "id": f"pi_{payment.pk}_test",
        "object": "payment_intent",
        "amount": payment.amount,
        "amount_received": payment.amount if status == "succeeded" else 0,
        "currency": "ron",
        "metadata": {"payment": str(payment.token)},
        "status": status,
    }


def signed(payload, *, secret=SECRET, timestamp=None):
    """The body and its `Stripe-Signature` header, made by the Stripe SDK's own signing function."""
    body = json.dumps(payload)
    return body, stripe.WebhookSignature.generate_signature_header(body, secret, timestamp=timestamp)


def post(client, payload, *, provider="stripe", secret=SECRET, timestamp=None, header=None):
    body, signature = signed(payload, secret=secret, timestamp=timestamp)
    return client.post(
        f"/plati/webhook/{provider}/",
        data=body,
        content_type="application/json",
        HTTP_STRIPE_SIGNATURE=header if header is not None else signature,
    )
