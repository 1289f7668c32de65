"""The webhook ledger, by Stripe's rules: verify the signature, store every event once, credit in one transaction
under the payment's row lock, answer 2xx fast, and leave an event that failed to process for the provider's retry.
The demo provider's checkout page delivers its events here too."""

import contextlib
import datetime
import json
import logging
import uuid
from dataclasses import dataclass

import stripe
from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from . import ledger
from .models import Payment, Refund, WebhookEvent
from .providers import registry

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Result:
    status: int
    message: str


def verify(provider_name: str, body: bytes, header: str | None) -> dict:
    """The event, if one of the provider's secrets signed this very body within the tolerance; raises
    `stripe.SignatureVerificationError` (or `ValueError` for a body that is not an event) otherwise."""
    secrets = registry.get(provider_name).webhook_secrets()
    if not secrets:
        raise stripe.SignatureVerificationError("No webhook secret is configured.", header, body)
    last_error = None
    for secret in secrets:
        try:
            stripe.WebhookSignature.verify_header(body, header, secret, settings.PAYMENTS_WEBHOOK_TOLERANCE)
        except stripe.SignatureVerificationError as error:
            last_error = error
            continue
        payload = json.loads(body)
        if not isinstance(payload, dict) or not payload.get("id") or not payload.get("type"):
            raise ValueError("Not an event.")
        return payload
    raise last_error


def receive(provider_name: str, body: bytes, header: str | None) -> Result:
    try:
        payload = verify(provider_name, body, header)
    except stripe.SignatureVerificationError as error:
        log.warning("Webhook %s: signature refused (%s)", provider_name, error)
        return Result(400, "bad signature")
    except (ValueError, UnicodeDecodeError):
        log.warning("Webhook %s: a signed body that is not an event", provider_name)
        return Result(400, "bad body")
    try:
        return process(provider_name, payload)
    except Exception as error:  # the event stays unprocessed; the provider retries it
        log.exception("Webhook %s: event %s failed", provider_name, payload.get("id"))
        _remember_failure(provider_name, payload, error)
        return Result(500, "processing failed")


HANDLED = {
    "checkout.session.completed",
    "checkout.session.async_payment_succeeded",
    "checkout.session.async_payment_failed",
    "checkout.session.expired",
    "payment_intent.created",
    "payment_intent.processing",
    "payment_intent.succeeded",
    "payment_intent.payment_failed",
    "payment_intent.canceled",
    "refund.created",
    "refund.updated",
    "refund.failed",
    "charge.refund.updated",
}


def _payment_of(obj: dict):
    token = (obj.get("metadata") or {}).get("payment") or obj.get("client_reference_id")
    query = Payment.objects.none()
    if obj.get("object") == "checkout.session" and obj.get("id"):
        query = Payment.objects.filter(provider_reference=obj["id"])
    if token:
        with contextlib.suppress(ValueError):  # not a token of ours
            query = query | Payment.objects.filter(token=uuid.UUID(str(token)))
    if obj.get("object") == "refund":
        reference = obj.get("payment_intent")
        if reference:
            query = query | Payment.objects.filter(provider_payment=reference)
    return query.values_list("pk", flat=True).first()


def process(provider_name: str, payload: dict) -> Result:
    event_id, event_type = str(payload["id"]), str(payload["type"])
    obj = (payload.get("data") or {}).get("object") or {}
    if event_type not in HANDLED:
        log.info("Webhook %s: event type %s is not handled (%s)", provider_name, event_type, event_id)
        _store(provider_name, payload, processed=True)
        return Result(200, "ignored")
    payment_id = _payment_of(obj)
    if payment_id is None:
        log.warning("Webhook %s: event %s (%s) names no known payment", provider_name, event_id, event_type)
        _store(provider_name, payload, processed=True)
        return Result(200, "unknown payment")
    with transaction.atomic():
        # The payment's lock orders every delivery of every event of this payment: duplicates and concurrent
        # deliveries wait here, then find the event processed.
        payment = ledger.lock(payment_id)
        event = WebhookEvent.objects.filter(provider=provider_name, event_id=event_id).first()
        if event is not None and event.processed_at is not None:
            return Result(200, "duplicate")
        if event is None:
            event = WebhookEvent(provider=provider_name, event_id=event_id, type=event_type, payload=payload)
        event.payment = payment
        event.attempts += 1
        changed = apply(payment, event_type, obj, payload)
        event.processed_at = timezone.now()
        event.error = ""
        event.save()
    return Result(200, "processed" if changed else "no change")


def apply(payment: Payment, event_type: str, obj: dict, payload: dict) -> bool:
    at = datetime.datetime.fromtimestamp(int(payload.get("created") or timezone.now().timestamp()), tz=datetime.UTC)
    if event_type in ("checkout.session.completed", "checkout.session.async_payment_succeeded"):
        if obj.get("payment_status") in ("paid", "no_payment_required"):
            return ledger.succeed(
                payment,
                at=at,
                amount=int(obj.get("amount_total") or 0),
                currency=str(obj.get("currency") or ""),
                provider_payment=str(obj.get("payment_intent") or ""),
            )
        return ledger.mark_pending(payment, provider_payment=str(obj.get("payment_intent") or ""))
    if event_type == "payment_intent.succeeded":
        return ledger.succeed(
            payment,
            at=at,
            amount=int(obj.get("amount_received") or 0),
            currency=str(obj.get("currency") or ""),
            provider_payment=str(obj.get("id") or ""),
        )
    if event_type in ("payment_intent.created", "payment_intent.processing"):
        return ledger.mark_pending(payment, provider_payment=str(obj.get("id") or ""))
    if event_type in ("checkout.session.async_payment_failed", "payment_intent.payment_failed"):
        error = obj.get("last_payment_error") or {}
        return ledger.mark_failed(payment, reason=str(error.get("message") or error.get("code") or ""))
    if event_type in ("checkout.session.expired", "payment_intent.canceled"):
        return ledger.mark_canceled(payment, reason=event_type)
    if event_type in ("refund.created", "refund.updated", "refund.failed", "charge.refund.updated"):
        return _refund_event(payment, event_type, obj)
    return False


def _refund_event(payment, event_type, obj) -> bool:
    refund_pk = (obj.get("metadata") or {}).get("refund")
    refunds = Refund.objects.select_for_update().filter(payment=payment)
    refund = refunds.filter(provider_reference=obj.get("id")).first()
    if refund is None and str(refund_pk or "").isdigit():
        refund = refunds.filter(pk=int(refund_pk)).first()
    if refund is None:
        log.warning("Payment %s: refund %s is not one of ours", payment.token, obj.get("id"))
        return False
    status = obj.get("status")
    if event_type == "refund.failed" or status in ("failed", "canceled"):
        return ledger.refund_settled(refund, succeeded=False, provider_reference=str(obj.get("id") or ""))
    if status == "succeeded":
        return ledger.refund_settled(refund, succeeded=True, provider_reference=str(obj.get("id") or ""))
    return False


def _store(provider_name, payload, *, processed):
    WebhookEvent.objects.bulk_create(
        [
            WebhookEvent(
                provider=provider_name,
                event_id=str(payload["id"]),
                type=str(payload["type"]),
                payload=payload,
                attempts=1,
                processed_at=timezone.now() if processed else None,
            )
        ],
        ignore_conflicts=True,
    )


def _remember_failure(provider_name, payload, error):
    try:
        with transaction.atomic():
            _store(provider_name, payload, processed=False)
            WebhookEvent.objects.filter(
                provider=provider_name, event_id=str(payload.get("id")), processed_at=None
            ).update(error=f"{type(error).__name__}: {error}"[:2000])
    except IntegrityError:
        pass
