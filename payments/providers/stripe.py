"""Stripe Checkout in RON: sessions, refunds and the records the daily reconciliation reads."""

import stripe
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from . import registry
from .base import Checkout, Line, Provider, ProviderUnavailable, Record

# Stripe Checkout speaks all three of the portal's languages.
LOCALES = {"ro": "ro", "hu": "hu", "en": "en"}


@registry
class StripeProvider(Provider):
    name = "stripe"
    label = _("card (Stripe)")
    # Tests give the SDK a fake HTTP client here; production leaves the SDK's own.
    http_client = None
    # The SDK retries connection errors and 5xx with its idempotency keys, so a retried request never doubles.
    max_network_retries = 2

    def client(self):
        return stripe.StripeClient(
            settings.STRIPE_SECRET_KEY, http_client=self.http_client, max_network_retries=self.max_network_retries
        )

    def start_checkout(self, payment, *, lines: list[Line], success_url, cancel_url, expires_at) -> Checkout:
        metadata = {"payment": str(payment.token)}
        params = {
            "mode": "payment",
            "line_items": [
                {
                    "price_data": {
                        "currency": "ron",
                        "unit_amount": line.amount,
                        "product_data": {"name": str(line.label)[:250]},
                    },
                    "quantity": 1,
                }
                for line in lines
            ],
            "success_url": success_url,
            "cancel_url": cancel_url,
            "client_reference_id": str(payment.token),
            "metadata": metadata,
            "payment_intent_data": {"metadata": metadata},
            "locale": LOCALES.get(payment.language, "auto"),
            "expires_at": int(expires_at.timestamp()),
        }
        if payment.payer_email:
            params["customer_email"] = payment.payer_email
        try:
            session = self.client().v1.checkout.sessions.create(
                params=params, options={"idempotency_key": f"checkout-{payment.token}"}
            )
        except stripe.StripeError as error:
            raise ProviderUnavailable(str(error)) from error
        return Checkout(reference=session.id, url=session.url)

    def expire(self, payment) -> None:
        try:
            self.client().v1.checkout.sessions.expire(payment.provider_reference)
        except stripe.StripeError as error:  # already completed or expired: its own event tells
            raise ProviderUnavailable(str(error)) from error

    def refund(self, refund) -> str:
        try:
            created = self.client().v1.refunds.create(
                params={
                    "payment_intent": refund.payment.provider_payment,
                    "amount": refund.amount,
                    "metadata": {"refund": str(refund.pk), "payment": str(refund.payment.token)},
                },
                options={"idempotency_key": f"refund-{refund.pk}"},
            )
        except stripe.StripeError as error:
            raise ProviderUnavailable(str(error)) from error
        return created.id

    def records(self, start, end) -> list[Record]:
        try:
            sessions = self.client().v1.checkout.sessions.list(
                params={
                    "created": {"gte": int(start.timestamp()), "lt": int(end.timestamp())},
                    "limit": 100,
                    # The refunded sum lives on the charge: expanded in the same call, not one call per session.
                    "expand": ["data.payment_intent.latest_charge"],
                }
            )
            return [
                Record(
                    reference=session.id,
                    amount=session.amount_total or 0,
                    paid=session.payment_status == "paid",
                    refunded=_refunded(session),
                )
                for session in sessions.auto_paging_iter()
            ]
        except stripe.StripeError as error:
            raise ProviderUnavailable(str(error)) from error

    def webhook_secrets(self) -> list[str]:
        return list(settings.STRIPE_WEBHOOK_SECRETS)


def _refunded(session) -> int:
    data = session.to_dict() if hasattr(session, "to_dict") else dict(session)
    intent = data.get("payment_intent")
    charge = intent.get("latest_charge") if isinstance(intent, dict) else None
    return int(charge.get("amount_refunded") or 0) if isinstance(charge, dict) else 0
