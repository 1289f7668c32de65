"""Refund requests: the tax department asks the provider to give money back from a payment. Nothing in the ledger
changes here; the provider's event (`refund.updated`, through `webhooks.receive`) settles the refund and gives the
obligations back their debt (`ledger.refund_settled`)."""

import logging

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from . import audit, ledger
from .models import Payment, Refund
from .providers import ProviderUnavailable, registry

log = logging.getLogger(__name__)

REFUNDABLE = (Payment.Status.SUCCEEDED, Payment.Status.PARTLY_REFUNDED)


def refundable(payment: Payment) -> int:
    """What may still be asked back, in bani: the amount paid less what was refunded and what is being refunded."""
    asked = sum(payment.refunds.filter(status=Refund.Status.REQUESTED).values_list("amount", flat=True))
    return max(0, payment.amount - payment.refunded - asked)


def request_refund(payment: Payment, *, by, amount: int, reason: str) -> Refund:
    """Ask the payment's provider for `amount` bani back. Refused (PermissionDenied) to anyone but the tax
    department; refused (ValidationError) for a payment that is not paid, an amount beyond what is left, or no
    reason. A provider that cannot be reached leaves the refund failed and the payment as it was."""
    if not by.has_perm("payments.add_refund"):
        raise PermissionDenied
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(_("Give the reason for the refund."), code="reason")
    if not isinstance(amount, int) or amount <= 0:
        raise ValidationError(_("Enter an amount greater than zero."), code="amount")
    with transaction.atomic():
        payment = ledger.lock(payment.pk)
        if payment.status not in REFUNDABLE:
            raise ValidationError(_("Only a paid payment can be refunded."), code="status")
        left = refundable(payment)
        if amount > left:
            from portal.templatetags.money import lei

            raise ValidationError(
                _("At most %(amount)s can still be refunded from this payment.") % {"amount": lei(left)},
                code="too_much",
            )
        refund = Refund.objects.create(payment=payment, amount=amount, reason=reason, requested_by=by)
        audit.record(
            "refund_requested", by=by, payment=payment, note=reason, data={"refund": refund.pk, "amount": amount}
        )
    try:
        with transaction.atomic():
            ledger.lock(payment.pk)
            refund.provider_reference = registry.get(payment.provider).refund(refund) or None
            refund.save(update_fields=["provider_reference"])
    except ProviderUnavailable as error:
        log.warning("Payment %s: refund %s not accepted by the provider (%s)", payment.token, refund.pk, error)
        with transaction.atomic():
            ledger.lock(payment.pk)
            refund.refresh_from_db()
            ledger.refund_settled(refund, succeeded=False)
        raise ValidationError(
            _("The payment service could not be reached and nothing was refunded. Try again in a few minutes."),
            code="provider_unavailable",
        ) from error
    return refund
