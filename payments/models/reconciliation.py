"""The daily reconciliation's findings, each opened once as a case of the tax department, and the refund requests
of sums paid in excess, kept beside their case."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .ledger import Payment
from .roll import Taxpayer


class ReconciliationMismatch(models.Model):
    """One difference between the provider's books and the ledger, found on `day`; the case opened for it. The same
    difference found again (the day reconciled twice) is the same row, so no second case is opened."""

    class Kind(models.TextChoices):
        NOT_CREDITED = "not_credited", _("paid at the provider, not credited in the ledger")
        NOT_PAID = "not_paid", _("credited in the ledger, not paid at the provider")
        AMOUNT = "amount", _("amounts differ")
        UNKNOWN = "unknown", _("checkout unknown to the ledger")
        REFUNDED = "refunded", _("refunded amounts differ")

    day = models.DateField(_("day"))
    provider = models.CharField(_("provider"), max_length=20)
    reference = models.CharField(_("provider reference"), max_length=255)
    kind = models.CharField(_("difference"), max_length=20, choices=Kind.choices)
    ledger_amount = models.BigIntegerField(_("ledger amount (bani)"), null=True, blank=True)
    provider_amount = models.BigIntegerField(_("provider amount (bani)"), null=True, blank=True)
    payment = models.ForeignKey(Payment, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    case = models.ForeignKey("services.Case", on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("reconciliation difference")
        verbose_name_plural = _("reconciliation differences")
        ordering = ["-day", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["provider", "reference", "kind"], name="reconciliation_mismatch_once")
        ]

    def __str__(self):
        return f"{self.day} {self.provider} {self.reference}: {self.kind}"


class RefundRequest(models.Model):
    """What a citizen asked back, beside the case that decides it: whose money (the taxpayer), how much, to which
    account, and the online payment it was paid with, if any."""

    case = models.OneToOneField("services.Case", on_delete=models.PROTECT, related_name="refund_request")
    taxpayer = models.ForeignKey(Taxpayer, on_delete=models.PROTECT, related_name="refund_requests")
    role_number = models.CharField(_("role number"), max_length=30)
    amount = models.PositiveBigIntegerField(_("amount (bani)"))
    iban = models.CharField(_("IBAN"), max_length=34)
    account_holder = models.CharField(_("account holder"), max_length=200)
    reason = models.TextField(_("reason"))
    payment = models.ForeignKey(
        Payment, null=True, blank=True, on_delete=models.PROTECT, related_name="refund_requests"
    )
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("refund request")
        verbose_name_plural = _("refund requests")
        ordering = ["-created_at"]
        constraints = [models.CheckConstraint(condition=Q(amount__gt=0), name="refund_request_amount_positive")]

    def __str__(self):
        return f"{self.role_number} — {self.amount / 100:.2f} RON"
