"""What pages read: a user's taxpayers and what they owe, their payments; the tax department's payments."""

from django.db.models import Exists, F, OuterRef, Prefetch, Q
from django.db.models.functions import Lower

from .models import Allocation, Obligation, Payment, Taxpayer, TaxpayerLink

SORT_DATE, SORT_PAYER, SORT_AMOUNT, SORT_STATUS, SORT_RECEIPT = "date", "payer", "amount", "status", "receipt"
SORT_ASC, SORT_DESC = "asc", "desc"
SORTS = {
    SORT_DATE: [F("created_at")],
    SORT_PAYER: [Lower("payer_name")],
    SORT_AMOUNT: [F("amount")],
    SORT_STATUS: [F("status")],
    SORT_RECEIPT: [F("receipt__number")],
}


def linked_taxpayers(user):
    return (
        Taxpayer.objects.filter(links__user=user, links__status=TaxpayerLink.Status.ACTIVE).distinct().order_by("name")
    )


def taxpayer_obligations(user):
    """The obligations of the user's linked taxpayers, the only ones they see and pay on "My taxes", oldest first
    within each taxpayer."""
    return (
        Obligation.objects.filter(taxpayer__links__user=user, taxpayer__links__status=TaxpayerLink.Status.ACTIVE)
        .select_related("taxpayer")
        .order_by("taxpayer__name", "taxpayer_id", "fiscal_year", "first_due", "pk")
    )


def payments_of(user):
    return (
        Payment.objects.filter(payer=user)
        .select_related("receipt")
        .prefetch_related(Prefetch("allocations", queryset=_lines()))
    )


def _lines():
    from .models import Allocation

    return Allocation.objects.filter(refund=None).select_related("obligation", "obligation__taxpayer")


def queue_payments(filters):
    """Every payment matching the queue's filters, newest first or in one column's order, with what the rows
    show (the receipt, the taxpayers paid for) fetched in two more queries."""
    payments = Payment.objects.select_related("receipt").prefetch_related(
        Prefetch(
            "allocations",
            queryset=Allocation.objects.filter(refund=None).select_related("obligation__taxpayer"),
            to_attr="paid_lines",
        )
    )
    if status := filters.get("status"):
        payments = payments.filter(status=status)
    if start := filters.get("date_from"):
        payments = payments.filter(created_at__date__gte=start)
    if end := filters.get("date_to"):
        payments = payments.filter(created_at__date__lte=end)
    if text := filters.get("q", "").strip():
        of_taxpayer = Allocation.objects.filter(payment=OuterRef("pk")).filter(
            Q(obligation__taxpayer__role_number__icontains=text) | Q(obligation__taxpayer__name__icontains=text)
        )
        payments = payments.filter(
            Q(payer_name__icontains=text)
            | Q(payer_email__icontains=text)
            | Q(receipt__number__icontains=text)
            | Q(provider_payment=text)
            | Q(provider_reference=text)
            | Q(Exists(of_taxpayer))
        )
    if (sort := filters.get("sort")) in SORTS:
        descending = filters.get("dir") == SORT_DESC
        keys = [key.desc(nulls_last=True) if descending else key.asc(nulls_last=True) for key in SORTS[sort]]
        return payments.order_by(*keys, "-created_at", "-pk")
    return payments.order_by("-created_at", "-pk")


def taxpayers_of(payment):
    """The taxpayers a payment paid for (or its payer, for a fee of their own), each once, in the payment's order."""
    seen = {}
    for line in payment.paid_lines:
        taxpayer = line.obligation.taxpayer
        if taxpayer is not None:
            seen.setdefault(taxpayer.pk, taxpayer)
    return list(seen.values())
