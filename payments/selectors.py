"""What pages read: a user's taxpayers and what they owe, their payments; the tax department's payments."""

from django.db.models import Prefetch

from .models import Obligation, Payment, Taxpayer, TaxpayerLink


def linked_taxpayers(user):
    return (
        Taxpayer.objects.filter(links__user=user, links__status=TaxpayerLink.Status.ACTIVE).distinct().order_by("name")
    )


def obligations_of(user):
    """Every obligation the user may see and pay: their linked taxpayers' and their own fees."""
    return Obligation.objects.filter(
        taxpayer__links__user=user, taxpayer__links__status=TaxpayerLink.Status.ACTIVE
    ) | Obligation.objects.filter(owner=user)


def visible_obligation(user, token):
    """One obligation by its public token, or None when it is not the user's to see (the caller answers 404)."""
    return obligations_of(user).filter(token=token).select_related("taxpayer").first()


def payments_of(user):
    return (
        Payment.objects.filter(payer=user)
        .select_related("receipt")
        .prefetch_related(Prefetch("allocations", queryset=_lines()))
    )


def _lines():
    from .models import Allocation

    return Allocation.objects.filter(refund=None).select_related("obligation", "obligation__taxpayer")
