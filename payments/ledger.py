"""The ledger's state changes, each in the caller's transaction under a row lock on the payment: a payment becomes
pending, succeeds (credited once, receipt issued), fails, is canceled, is refunded. Provider events and the demo
checkout reach them only through `webhooks.receive`."""

import datetime
import logging

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from . import audit
from .models import Allocation, Obligation, Payment, Receipt, ReceiptCounter, Refund

log = logging.getLogger(__name__)

S = Payment.Status
FINAL = {S.SUCCEEDED, S.PARTLY_REFUNDED, S.REFUNDED}


def lock(payment_id) -> Payment:
    return Payment.objects.select_for_update().get(pk=payment_id)


def _move(payment, status, *, action, note="", data=None):
    before = payment.status
    payment.status = status
    payment.save(update_fields=["status", "updated_at", "succeeded_at", "provider_payment", "unallocated", "refunded"])
    audit.record(action, payment=payment, note=note, data={"from": before, "to": status, **(data or {})})


def mark_pending(payment, *, provider_payment=""):
    """The provider has the checkout (or the money is on its way): only a created payment moves back to it, so a
    late "created" event after the success changes nothing."""
    if provider_payment and not payment.provider_payment:
        payment.provider_payment = provider_payment
    if payment.status != S.CREATED:
        if provider_payment:
            payment.save(update_fields=["provider_payment", "updated_at"])
        return False
    _move(payment, S.PENDING, action="payment_pending")
    return True


def mark_failed(payment, *, reason=""):
    """A declined card: the obligations stay unpaid and visible; a later success of the same checkout still
    counts."""
    if payment.status not in (S.CREATED, S.PENDING):
        return False
    _move(payment, S.FAILED, action="payment_failed", note=reason)
    return True


def mark_canceled(payment, *, reason=""):
    if payment.status in FINAL or payment.status == S.CANCELED:
        return False
    _move(payment, S.CANCELED, action="payment_canceled", note=reason)
    return True


def succeed(payment, *, at: datetime.datetime, amount: int, currency: str, provider_payment=""):
    """Credit the payment's obligations exactly once and issue its receipt. The caller holds the payment's lock.

    An amount or currency that is not the payment's is not credited: it is recorded for the reconciliation. An
    obligation settled meanwhile (at the cashier) takes only what it still owes; the rest stays on the payment as
    paid in excess, refundable, never lost."""
    if payment.status in FINAL:
        return False
    if amount != payment.amount or currency.upper() != payment.currency:
        audit.record(
            "payment_amount_mismatch",
            payment=payment,
            data={"expected": payment.amount, "received": amount, "currency": currency},
        )
        log.error(
            "Payment %s: provider says %s %s, ledger expects %s", payment.token, amount, currency, payment.amount
        )
        return False
    if provider_payment:
        payment.provider_payment = provider_payment
    lines = list(payment.allocations.filter(refund=None).order_by("pk"))
    obligations = {
        o.pk: o
        for o in Obligation.objects.select_for_update()
        .filter(pk__in=[line.obligation_id for line in lines])
        .order_by("pk")
    }
    excess = 0
    for line in lines:
        obligation = obligations[line.obligation_id]
        still_owed = obligation.amount - obligation.bonus_granted - obligation.principal_paid
        if line.principal + line.bonus > still_owed:
            # Settled meanwhile: what is still owed is credited without the discount, the rest is excess.
            credited = max(0, min(line.principal, still_owed))
            excess += line.principal - credited + line.increments
            line.principal, line.increments, line.bonus = credited, 0, 0
            line.save(update_fields=["principal", "increments", "bonus"])
        Obligation.objects.filter(pk=obligation.pk).update(
            principal_paid=F("principal_paid") + line.principal,
            increments_paid=F("increments_paid") + line.increments,
            bonus_granted=F("bonus_granted") + line.bonus,
            updated_at=timezone.now(),
        )
        obligation.principal_paid += line.principal
        obligation.bonus_granted += line.bonus
    payment.unallocated = excess
    payment.succeeded_at = at
    _move(payment, S.SUCCEEDED, action="payment_succeeded", data={"excess": excess})
    receipt = issue_receipt(payment, lines, obligations)
    from .tasks import send_receipt

    transaction.on_commit(lambda: send_receipt.delay(receipt.pk))
    return True


def issue_receipt(payment, lines, obligations) -> Receipt:
    """The next number of the paid-on year, taken under a row lock: a rolled-back credit gives it back."""
    year = timezone.localdate(payment.succeeded_at).year
    ReceiptCounter.objects.bulk_create([ReceiptCounter(year=year)], ignore_conflicts=True)
    counter = ReceiptCounter.objects.select_for_update().get(year=year)
    counter.last += 1
    counter.save(update_fields=["last"])
    snapshot = []
    for line in lines:
        obligation = obligations[line.obligation_id]
        snapshot.append(
            {
                "obligation": str(obligation.token),
                "kind": obligation.kind,
                "fiscal_year": obligation.fiscal_year,
                "reference": obligation.reference,
                "taxpayer": obligation.taxpayer.name if obligation.taxpayer_id else payment.payer_name,
                "identifier": obligation.taxpayer.identifier if obligation.taxpayer_id else "",
                "role_number": obligation.taxpayer.role_number if obligation.taxpayer_id else "",
                "principal": line.principal,
                "increments": line.increments,
                "bonus": line.bonus,
            }
        )
    return Receipt.objects.create(
        payment=payment,
        year=year,
        sequence=counter.last,
        number=f"{year}-{counter.last:06d}",
        issued_at=payment.succeeded_at,
        lines=snapshot,
    )


def refund_settled(refund: Refund, *, succeeded: bool, provider_reference=""):
    """The provider's word on a refund. Succeeded: the money comes back off the payment in the reverse of the legal
    order (excess first, then the last obligation's interest, then its principal, its discount withdrawn) and the
    obligations owe it again. The caller holds the payment's lock; a second event changes nothing."""
    if refund.status != Refund.Status.REQUESTED:
        return False
    payment = refund.payment
    if provider_reference and not refund.provider_reference:
        refund.provider_reference = provider_reference
    refund.completed_at = timezone.now()
    if not succeeded:
        refund.status = Refund.Status.FAILED
        refund.save(update_fields=["status", "completed_at", "provider_reference"])
        audit.record("refund_failed", payment=payment, data={"refund": refund.pk, "amount": refund.amount})
        return True
    refund.status = Refund.Status.SUCCEEDED
    refund.save(update_fields=["status", "completed_at", "provider_reference"])
    remaining = refund.amount
    from_excess = min(remaining, payment.unallocated)
    payment.unallocated -= from_excess
    remaining -= from_excess
    net = _net_lines(payment)
    for obligation_id, (principal, increments, bonus) in reversed(net):
        if remaining <= 0:
            break
        back_increments = min(remaining, increments)
        remaining -= back_increments
        back_principal = min(remaining, principal)
        remaining -= back_principal
        back_bonus = bonus if back_principal else 0
        Allocation.objects.create(
            payment=payment,
            obligation_id=obligation_id,
            refund=refund,
            principal=-back_principal,
            increments=-back_increments,
            bonus=-back_bonus,
        )
        Obligation.objects.filter(pk=obligation_id).update(
            principal_paid=F("principal_paid") - back_principal,
            increments_paid=F("increments_paid") - back_increments,
            bonus_granted=F("bonus_granted") - back_bonus,
            updated_at=timezone.now(),
        )
    payment.refunded += refund.amount
    status = S.REFUNDED if payment.refunded >= payment.amount else S.PARTLY_REFUNDED
    _move(payment, status, action="payment_refunded", note=refund.reason, data={"refund": refund.pk})
    return True


def _net_lines(payment):
    """The payment's credit per obligation, net of earlier refunds, in the legal order it was paid."""
    net: dict[int, list[int]] = {}
    for line in payment.allocations.order_by("pk"):
        totals = net.setdefault(line.obligation_id, [0, 0, 0])
        totals[0] += line.principal
        totals[1] += line.increments
        totals[2] += line.bonus
    return [(obligation_id, tuple(values)) for obligation_id, values in net.items()]
