"""The ledger: payments, what each pays of which obligation, the provider's events, receipts and refunds."""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .roll import Obligation


class Payment(models.Model):
    """One online payment of a total through a provider's checkout; the provider's verified events move it."""

    class Status(models.TextChoices):
        CREATED = "created", _("created")
        PENDING = "pending", _("pending")
        SUCCEEDED = "succeeded", _("paid")
        FAILED = "failed", _("failed")
        CANCELED = "canceled", _("canceled")
        PARTLY_REFUNDED = "partly_refunded", _("partly refunded")
        REFUNDED = "refunded", _("refunded")

    token = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    payer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="payments")
    payer_name = models.CharField(_("payer"), max_length=200)
    payer_email = models.EmailField(_("payer's e-mail"), blank=True)
    language = models.CharField(max_length=5, choices=settings.LANGUAGES, default="ro")
    provider = models.CharField(_("provider"), max_length=20)
    # The provider's checkout (Stripe: the Checkout Session id) and the money movement (the PaymentIntent id).
    provider_reference = models.CharField(max_length=255, unique=True, null=True, blank=True)
    provider_payment = models.CharField(max_length=255, blank=True, db_index=True)
    amount = models.PositiveBigIntegerField(_("amount (bani)"))
    currency = models.CharField(max_length=3, default="RON")
    refunded = models.PositiveBigIntegerField(_("refunded (bani)"), default=0)
    # Paid but owed by nothing any more (the obligation was settled meanwhile at the cashier): kept, never lost,
    # refundable on request (L 207/2015 art. 168).
    unallocated = models.PositiveBigIntegerField(_("paid in excess (bani)"), default=0)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.CREATED)
    next_url = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now, db_index=True)
    updated_at = models.DateTimeField(auto_now=True)
    succeeded_at = models.DateTimeField(_("paid at"), null=True, blank=True, db_index=True)

    class Meta:
        verbose_name = _("payment")
        verbose_name_plural = _("payments")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="payment_amount_positive"),
            models.CheckConstraint(condition=Q(refunded__lte=F("amount")), name="payment_refund_within_amount"),
        ]

    def __str__(self):
        return f"{self.payer_name} — {self.amount / 100:.2f} {self.currency}"

    @property
    def paid_on(self):
        return timezone.localdate(self.succeeded_at) if self.succeeded_at else None


class Allocation(models.Model):
    """What a payment pays of one obligation: principal, late-payment interest, and the early-payment discount it
    earns. Planned when the checkout starts; counts once the payment succeeded. A refund writes the negative line."""

    payment = models.ForeignKey(Payment, on_delete=models.PROTECT, related_name="allocations")
    obligation = models.ForeignKey(Obligation, on_delete=models.PROTECT, related_name="allocations")
    refund = models.ForeignKey(
        "payments.Refund", null=True, blank=True, on_delete=models.PROTECT, related_name="allocations"
    )
    principal = models.BigIntegerField(_("principal (bani)"))
    increments = models.BigIntegerField(_("late-payment interest (bani)"), default=0)
    bonus = models.BigIntegerField(_("early-payment discount (bani)"), default=0)

    class Meta:
        verbose_name = _("allocation")
        ordering = ["pk"]

    def __str__(self):
        return f"{self.obligation_id}: {self.principal + self.increments}"

    @property
    def total(self):
        return self.principal + self.increments


class WebhookEvent(models.Model):
    """Every provider event received, once (its id is unique): what came, when, and whether it was processed."""

    provider = models.CharField(max_length=20)
    event_id = models.CharField(max_length=255)
    type = models.CharField(max_length=100)
    payload = models.JSONField()
    received_at = models.DateTimeField(default=timezone.now)
    processed_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveIntegerField(default=0)
    error = models.TextField(blank=True)
    payment = models.ForeignKey(Payment, null=True, blank=True, on_delete=models.PROTECT, related_name="webhooks")

    class Meta:
        verbose_name = _("provider event")
        constraints = [models.UniqueConstraint(fields=["provider", "event_id"], name="provider_event_once")]

    def __str__(self):
        return f"{self.type} {self.event_id}"


class ReceiptCounter(models.Model):
    """The year's last receipt number, taken under a row lock so receipts are numbered without gaps."""

    year = models.PositiveSmallIntegerField(primary_key=True)
    last = models.PositiveIntegerField(default=0)

    def __str__(self):
        return f"{self.year}: {self.last}"


class Receipt(models.Model):
    """The receipt of a succeeded payment: its number and a copy of what it says, frozen when it was issued."""

    payment = models.OneToOneField(Payment, on_delete=models.PROTECT, related_name="receipt")
    year = models.PositiveSmallIntegerField()
    sequence = models.PositiveIntegerField()
    number = models.CharField(_("receipt number"), max_length=30, unique=True)
    issued_at = models.DateTimeField(_("issued at"))
    lines = models.JSONField(default=list)

    class Meta:
        verbose_name = _("receipt")
        verbose_name_plural = _("receipts")
        ordering = ["-year", "-sequence"]
        constraints = [models.UniqueConstraint(fields=["year", "sequence"], name="receipt_number_once")]

    def __str__(self):
        return self.number


class Refund(models.Model):
    """Money given back from a payment through its provider, with the reason; the provider's event settles it."""

    class Status(models.TextChoices):
        REQUESTED = "requested", _("requested")
        SUCCEEDED = "succeeded", _("refunded")
        FAILED = "failed", _("failed")

    payment = models.ForeignKey(Payment, on_delete=models.PROTECT, related_name="refunds")
    amount = models.PositiveBigIntegerField(_("amount (bani)"))
    reason = models.TextField(_("reason"))
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    requested_at = models.DateTimeField(default=timezone.now)
    provider_reference = models.CharField(max_length=255, unique=True, null=True, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.REQUESTED)
    completed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("refund")
        verbose_name_plural = _("refunds")
        ordering = ["-requested_at"]
        constraints = [models.CheckConstraint(condition=Q(amount__gt=0), name="refund_amount_positive")]

    def __str__(self):
        return f"{self.payment_id}: {self.amount}"
