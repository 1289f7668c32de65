"""The tax roll: who owes (taxpayers), who may act for them (links to users), what they owe (obligations)."""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _


class Taxpayer(models.Model):
    """A person (CNP) or a company (CUI) on the institution's tax roll, under its role number ("rol fiscal")."""

    class Kind(models.TextChoices):
        PERSON = "person", _("person")
        COMPANY = "company", _("company")

    kind = models.CharField(_("taxpayer type"), max_length=10, choices=Kind.choices)
    identifier = models.CharField(_("CNP or CUI"), max_length=13, unique=True)
    name = models.CharField(_("name"), max_length=200)
    address = models.CharField(_("address"), max_length=300, blank=True)
    role_number = models.CharField(_("role number"), max_length=30, unique=True)
    # The access code printed on the tax notice, kept only as an HMAC keyed with SECRET_KEY: whoever reads the
    # database alone cannot link an account with it. (A password hasher's deliberate slowness would make importing a
    # roll of 100,000 notices take hours; the link form's rate limit is what stops guessing online.)
    access_code_hash = models.CharField(max_length=128, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("taxpayer")
        verbose_name_plural = _("taxpayers")
        ordering = ["name"]

    def __str__(self):
        return f"{self.name} ({self.role_number})"

    @staticmethod
    def access_code_digest(code):
        normalised = "".join(str(code).split()).upper()
        return salted_hmac("payments.Taxpayer.access_code", normalised, algorithm="sha256").hexdigest()

    def set_access_code(self, code):
        self.access_code_hash = self.access_code_digest(code) if code else ""

    def check_access_code(self, code):
        return (
            bool(self.access_code_hash)
            and bool(code)
            and constant_time_compare(self.access_code_digest(code), self.access_code_hash)
        )


class TaxpayerLink(models.Model):
    """A user's right to see and pay a taxpayer's obligations: proved with the tax notice, approved by a clerk, or
    given at once by a verified CNP from ROeID."""

    class Method(models.TextChoices):
        NOTICE = "notice", _("tax notice (role number and access code)")
        CLERK = "clerk", _("approved by a clerk")
        ROEID = "roeid", _("ROeID (verified CNP)")

    class Status(models.TextChoices):
        PENDING = "pending", _("waiting for a clerk")
        ACTIVE = "active", _("linked")
        REFUSED = "refused", _("refused")
        REVOKED = "revoked", _("revoked")

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="taxpayer_links")
    taxpayer = models.ForeignKey(Taxpayer, on_delete=models.CASCADE, related_name="links")
    method = models.CharField(_("how"), max_length=10, choices=Method.choices)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PENDING)
    note = models.TextField(_("note"), blank=True)
    requested_at = models.DateTimeField(_("requested at"), default=timezone.now)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("taxpayer link")
        verbose_name_plural = _("taxpayer links")
        ordering = ["-requested_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "taxpayer"],
                condition=Q(status__in=["pending", "active"]),
                name="one_live_link_per_user_and_taxpayer",
            )
        ]

    def __str__(self):
        return f"{self.user_id} → {self.taxpayer_id} ({self.status})"


class Obligation(models.Model):
    """One amount owed to the local budget: a year's tax on a building, a piece of land or a vehicle, a fee, a fine.

    Either a taxpayer's (from the tax roll) or, for a service's fee paid online, a user's (`owner`, with the service
    and the application it is for in `reference`). The ledger's credits are its allocations; the running totals
    here follow them, under a row lock, so lists read one row per obligation."""

    class Kind(models.TextChoices):
        BUILDING = "building", _("building tax")
        LAND = "land", _("land tax")
        VEHICLE = "vehicle", _("vehicle tax")
        FEE = "fee", _("fee")
        FINE = "fine", _("fine")
        OTHER = "other", _("other local tax")

    token = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    taxpayer = models.ForeignKey(Taxpayer, null=True, blank=True, on_delete=models.PROTECT, related_name="obligations")
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    service = models.ForeignKey("services.Service", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    fiscal_year = models.PositiveSmallIntegerField(_("fiscal year"))
    reference = models.CharField(_("reference"), max_length=200, blank=True)
    amount = models.PositiveBigIntegerField(_("amount (bani)"))
    first_due = models.DateField(_("first instalment due"))
    first_amount = models.PositiveBigIntegerField(_("first instalment (bani)"))
    second_due = models.DateField(_("second instalment due"), null=True, blank=True)
    second_amount = models.PositiveBigIntegerField(_("second instalment (bani)"), default=0)
    # "Paid so far" from the tax roll: paid at the cashier or by bank transfer before it was imported.
    paid_before_import = models.PositiveBigIntegerField(_("paid before import (bani)"), default=0)
    principal_paid = models.PositiveBigIntegerField(_("principal paid (bani)"), default=0)
    increments_paid = models.PositiveBigIntegerField(_("late-payment interest paid (bani)"), default=0)
    bonus_granted = models.PositiveBigIntegerField(_("early-payment discount (bani)"), default=0)
    # The tax roll's key of the row: the same row imported twice is the same obligation.
    source_key = models.CharField(max_length=200, unique=True, null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("amount owed")
        verbose_name_plural = _("amounts owed")
        ordering = ["fiscal_year", "first_due", "pk"]
        indexes = [models.Index(fields=["taxpayer", "fiscal_year"]), models.Index(fields=["owner", "service"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(taxpayer__isnull=False) | Q(owner__isnull=False), name="obligation_has_a_debtor"
            ),
            models.CheckConstraint(condition=Q(amount__gt=0), name="obligation_amount_positive"),
            models.UniqueConstraint(
                fields=["owner", "service", "reference"],
                condition=Q(owner__isnull=False),
                name="one_fee_per_application",
            ),
            models.CheckConstraint(
                condition=Q(first_amount__gte=0) & Q(first_amount__lte=F("amount")),
                name="obligation_instalments_within_amount",
            ),
            models.CheckConstraint(
                condition=Q(principal_paid__lte=F("amount") - F("bonus_granted")),
                name="obligation_never_paid_beyond_amount",
            ),
        ]

    def __str__(self):
        label = capfirst(self.get_kind_display())
        return f"{label} {self.fiscal_year}" + (f" — {self.reference}" if self.reference and not self.owner_id else "")

    @property
    def settled(self):
        return self.principal_paid + self.bonus_granted >= self.amount


class AuditEvent(models.Model):
    """Append-only trail of every change to the tax roll and the ledger: who, when, what, on which object."""

    at = models.DateTimeField(_("at"), default=timezone.now, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    action = models.CharField(_("action"), max_length=40)
    taxpayer = models.ForeignKey(Taxpayer, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    link = models.ForeignKey(TaxpayerLink, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    obligation = models.ForeignKey(Obligation, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    payment = models.ForeignKey(
        "payments.Payment", null=True, blank=True, on_delete=models.PROTECT, related_name="events"
    )
    note = models.TextField(_("note"), blank=True)
    data = models.JSONField(default=dict, blank=True)

    class Meta:
        verbose_name = _("payments audit event")
        ordering = ["at", "pk"]

    def __str__(self):
        return self.action
