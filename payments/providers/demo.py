"""The offline demo provider (`make run` without a Stripe key): a local checkout page that can succeed, be declined
or be left, and that delivers events shaped and signed exactly like Stripe's to the same webhook handler."""

import hashlib
import hmac
import json
import secrets
import time

import stripe
from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..models import DemoCheckout
from . import registry
from .base import Checkout, Provider, Record


def demo_secret() -> str:
    """The demo's webhook secret: derived from SECRET_KEY, so it is stable across restarts and never configured."""
    digest = hmac.new(settings.SECRET_KEY.encode(), b"ghiseul-demo-payments", hashlib.sha256).hexdigest()
    return f"whsec_demo_{digest[:32]}"


@registry
class DemoProvider(Provider):
    name = "demo"
    label = _("demo payment (no money moves)")

    def start_checkout(self, payment, *, lines, success_url, cancel_url, expires_at) -> Checkout:
        session = DemoCheckout.objects.create(
            session_id=f"cs_demo_{secrets.token_hex(12)}",
            payment_intent=f"pi_demo_{secrets.token_hex(12)}",
            amount=sum(line.amount for line in lines),
            metadata={"payment": str(payment.token)},
            success_url=success_url,
            cancel_url=cancel_url,
        )
        return Checkout(reference=session.session_id, url=reverse("payments:demo_checkout", args=[session.session_id]))

    def expire(self, payment) -> None:
        session = DemoCheckout.objects.filter(session_id=payment.provider_reference).first()
        if session is not None:
            complete(session, "expire")

    def refund(self, refund) -> str:
        session = DemoCheckout.objects.select_for_update().get(payment_intent=refund.payment.provider_payment)
        session.refunded += refund.amount
        session.save(update_fields=["refunded"])
        refund_id = f"re_demo_{secrets.token_hex(12)}"
        obj = {
            "id": refund_id,
            "object": "refund",
            "amount": refund.amount,
            "currency": "ron",
            "payment_intent": session.payment_intent,
            "status": "succeeded",
            "metadata": {"refund": str(refund.pk), "payment": session.metadata.get("payment", "")},
        }
        transaction.on_commit(lambda: deliver(event("refund.updated", obj)))
        return refund_id

    def records(self, start, end) -> list[Record]:
        return [
            Record(
                reference=session.session_id,
                amount=session.amount,
                paid=session.payment_status == "paid",
                refunded=session.refunded,
            )
            for session in DemoCheckout.objects.filter(created_at__gte=start, created_at__lt=end)
        ]

    def webhook_secrets(self) -> list[str]:
        return [demo_secret()]


def session_object(session: DemoCheckout) -> dict:
    return {
        "id": session.session_id,
        "object": "checkout.session",
        "amount_total": session.amount,
        "currency": session.currency,
        "metadata": session.metadata,
        "client_reference_id": session.metadata.get("payment"),
        "payment_intent": session.payment_intent,
        "payment_status": session.payment_status,
        "status": session.status,
    }


def intent_object(session: DemoCheckout, status: str) -> dict:
    return {
        "id": session.payment_intent,
        "object": "payment_intent",
        "amount": session.amount,
        "amount_received": session.amount if status == "succeeded" else 0,
        "currency": session.currency,
        "metadata": session.metadata,
        "status": status,
        "last_payment_error": (
            {"code": "card_declined", "message": "Your card was declined."}
            if status == "requires_payment_method"
            else None
        ),
    }


def event(type_: str, obj: dict) -> dict:
    return {
        "id": f"evt_demo_{secrets.token_hex(12)}",
        "object": "event",
        "api_version": "2025-01-27.acacia",
        "created": int(time.time()),
        "livemode": False,
        "type": type_,
        "data": {"object": obj},
    }


def sign(body: str, secret: str | None = None) -> str:
    """The `Stripe-Signature` header of `body`, made by the Stripe SDK's own function."""
    return stripe.WebhookSignature.generate_signature_header(body, secret or demo_secret())


def deliver(payload: dict) -> int:
    """Post an event to the webhook handler as Stripe would: the JSON body and its signature header."""
    from ..webhooks import receive

    body = json.dumps(payload)
    return receive("demo", body.encode(), sign(body)).status


def complete(session: DemoCheckout, outcome: str) -> None:
    """What the demo checkout page's buttons do: pay, be declined (the session stays open, as Stripe's does) or
    expire. Each sends the events Stripe would send, in Stripe's order."""
    if session.status != "open":
        return
    if outcome == "pay":
        session.status, session.payment_status, session.completed_at = "complete", "paid", timezone.now()
        session.save(update_fields=["status", "payment_status", "completed_at"])
        deliver(event("payment_intent.succeeded", intent_object(session, "succeeded")))
        deliver(event("checkout.session.completed", session_object(session)))
    elif outcome == "decline":
        deliver(event("payment_intent.payment_failed", intent_object(session, "requires_payment_method")))
    elif outcome == "expire":
        session.status = "expired"
        session.save(update_fields=["status"])
        deliver(event("checkout.session.expired", session_object(session)))
