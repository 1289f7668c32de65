"""A public investment and what is known of it: its legal stages, its funding sources, its contracts and their
amendments, the money ledger (four eyes: a clerk enters, the head of department validates), the physical progress
reported each quarter, the citizens who follow it, and the history of every change.

Amounts are integers in bani. The figures the dashboards show (paid %, reimbursed %, paid and not yet reimbursed,
a parent's progress) are derived from these rows by `investments.figures`, never typed."""

import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from portal.i18n import TranslatedFieldsMixin


def private_storage():
    """Evidence documents and imported files are never under a public media URL: an authorising view serves them."""
    from django.core.files.storage import storages

    return storages["private"]


def evidence_upload_to(instance, filename):
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"investments/evidence/{uuid.uuid4().hex}.{extension}"


def import_upload_to(instance, filename):
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"investments/imports/{uuid.uuid4().hex}.{extension}"


class Investment(TranslatedFieldsMixin, models.Model):
    """An investment objective (obiectiv de investiții), possibly split into sub-objects (its children)."""

    code = models.CharField(_("code"), max_length=30, unique=True)
    title = models.CharField(_("title"), max_length=250)
    title_hu = models.CharField(_("title (Hungarian)"), max_length=250, blank=True)
    title_en = models.CharField(_("title (English)"), max_length=250, blank=True)
    description = models.TextField(_("description"), blank=True)
    description_hu = models.TextField(_("description (Hungarian)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    department = models.ForeignKey(
        "services.Department", on_delete=models.PROTECT, related_name="investments", verbose_name=_("department")
    )
    responsible = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="investments_responsible",
        verbose_name=_("person responsible"),
        limit_choices_to={"is_staff": True},
    )
    address = models.CharField(_("location"), max_length=300, blank=True)
    latitude = models.DecimalField(
        _("latitude"),
        max_digits=8,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
    )
    longitude = models.DecimalField(
        _("longitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
    )
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
        verbose_name=_("part of"),
    )
    council_decision = models.CharField(
        _("council decision approving the indicators"),
        max_length=100,
        blank=True,
        help_text=_("e.g. HCJ no. 112/2025"),
    )
    council_decision_date = models.DateField(_("date of the council decision"), null=True, blank=True)
    planned_start = models.DateField(_("planned start"), null=True, blank=True)
    planned_end = models.DateField(_("planned end"), null=True, blank=True)
    published = models.BooleanField(_("published on the public site"), default=False)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("investment")
        verbose_name_plural = _("investments")
        ordering = ["code"]
        permissions = [
            ("view_all_investments", _("See every department's investments")),
            ("publish_investment", _("Publish investments on the public site")),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(planned_end__isnull=True)
                | models.Q(planned_start__isnull=True)
                | models.Q(planned_end__gte=models.F("planned_start")),
                name="investments_planned_end_after_start",
            ),
            models.CheckConstraint(
                condition=models.Q(parent__isnull=True) | ~models.Q(parent=models.F("pk")),
                name="investments_not_its_own_parent",
            ),
        ]

    def __str__(self):
        return f"{self.code} — {self.tr.title}"


class Stage(models.Model):
    """One of the legal stages. Done only with both an actual date and its evidence document."""

    class Kind(models.TextChoices):
        CONCEPT_NOTE = "concept_note", _("concept note")
        DESIGN_BRIEF = "design_brief", _("design brief")
        FEASIBILITY = "feasibility", _("feasibility study or DALI")
        INDICATORS = "indicators", _("technical-economic indicators approved")
        PERMIT_PROJECT = "permit_project", _("building permit project (DTAC)")
        EXECUTION_PROJECT = "execution_project", _("technical execution project (PTE)")
        PROCUREMENT = "procurement", _("public procurement (SEAP/SICAP)")
        CONTRACT = "contract", _("contract signed")
        EXECUTION = "execution", _("execution of works")
        RECEPTION = "reception", _("reception at completion")
        FINAL_RECEPTION = "final_reception", _("final reception")
        OPERATION = "operation", _("in operation")
        CANCELLED = "cancelled", _("cancelled")

    investment = models.ForeignKey(
        Investment, on_delete=models.CASCADE, related_name="stages", verbose_name=_("investment")
    )
    kind = models.CharField(_("stage"), max_length=20, choices=Kind.choices)
    order = models.PositiveSmallIntegerField(_("order"), editable=False)
    planned_date = models.DateField(_("planned date"), null=True, blank=True)
    actual_date = models.DateField(_("actual date"), null=True, blank=True)
    evidence = models.FileField(
        _("evidence document"), storage=private_storage, upload_to=evidence_upload_to, blank=True
    )
    evidence_name = models.CharField(_("file name"), max_length=200, blank=True)
    evidence_sha256 = models.CharField(max_length=64, blank=True, editable=False)
    note = models.CharField(_("note"), max_length=300, blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("stage")
        verbose_name_plural = _("stages")
        ordering = ["investment", "order"]
        constraints = [
            models.UniqueConstraint(fields=["investment", "kind"], name="investments_one_stage_of_each_kind"),
            # The evidence rule, held by the database too: no actual date without the document that proves it.
            models.CheckConstraint(
                condition=models.Q(actual_date__isnull=True) | ~models.Q(evidence=""),
                name="investments_stage_actual_date_needs_evidence",
            ),
        ]

    def __str__(self):
        return f"{self.investment.code}: {self.get_kind_display()}"

    def save(self, *args, **kwargs):
        self.order = list(Stage.Kind.values).index(self.kind)
        super().save(*args, **kwargs)

    @property
    def done(self):
        return bool(self.actual_date and self.evidence)


class FundingSource(models.Model):
    class Kind(models.TextChoices):
        LOCAL_BUDGET = "local_budget", _("local budget")
        STATE_BUDGET = "state_budget", _("state budget programme")
        EU_FUNDS = "eu_funds", _("EU funds")
        PNRR = "pnrr", _("PNRR")
        LOAN = "loan", _("loan")

    # Paid first by the council and then reimbursed ("decontare") through reimbursement claims.
    REIMBURSED_KINDS = (Kind.STATE_BUDGET, Kind.EU_FUNDS, Kind.PNRR)

    investment = models.ForeignKey(
        Investment, on_delete=models.CASCADE, related_name="funding_sources", verbose_name=_("investment")
    )
    kind = models.CharField(_("funding source"), max_length=20, choices=Kind.choices)
    programme = models.CharField(_("programme"), max_length=200, blank=True, help_text=_("e.g. PNDL II, PR Centru"))
    approved_bani = models.BigIntegerField(_("approved amount"), validators=[MinValueValidator(0)])
    cofinancing_rate = models.DecimalField(
        _("co-financing rate (%)"),
        max_digits=5,
        decimal_places=2,
        default=0,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
        help_text=_("The share the institution pays from its own budget; the rest is reimbursed."),
    )

    class Meta:
        verbose_name = _("funding source")
        verbose_name_plural = _("funding sources")
        ordering = ["investment", "pk"]
        constraints = [
            models.CheckConstraint(condition=models.Q(approved_bani__gte=0), name="investments_funding_not_negative"),
            models.CheckConstraint(
                condition=models.Q(cofinancing_rate__gte=0) & models.Q(cofinancing_rate__lte=100),
                name="investments_cofinancing_rate_is_a_percentage",
            ),
        ]

    def __str__(self):
        label = self.get_kind_display()
        return f"{label} — {self.programme}" if self.programme else str(label)

    @property
    def reimbursed(self):
        return self.kind in self.REIMBURSED_KINDS


class Contract(models.Model):
    investment = models.ForeignKey(
        Investment, on_delete=models.PROTECT, related_name="contracts", verbose_name=_("investment")
    )
    number = models.CharField(_("contract number"), max_length=50)
    procurement_reference = models.CharField(
        _("procurement reference (SEAP/SICAP)"), max_length=50, blank=True, help_text=_("e.g. CN1071234")
    )
    subject = models.CharField(_("subject"), max_length=300)
    contractor_name = models.CharField(_("contractor"), max_length=200)
    contractor_cui = models.CharField(_("contractor's fiscal code (CUI)"), max_length=12)
    value_bani = models.BigIntegerField(_("value without VAT"), validators=[MinValueValidator(0)])
    vat_bani = models.BigIntegerField(_("VAT"), default=0, validators=[MinValueValidator(0)])
    signed_on = models.DateField(_("signed on"))
    starts_on = models.DateField(_("starts on"))
    duration_days = models.PositiveIntegerField(_("duration (days)"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("contract")
        verbose_name_plural = _("contracts")
        ordering = ["investment", "signed_on", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["investment", "number"], name="investments_contract_number_unique"),
            models.CheckConstraint(
                condition=models.Q(value_bani__gte=0) & models.Q(vat_bani__gte=0),
                name="investments_contract_value_not_negative",
            ),
        ]

    def __str__(self):
        return _("Contract no. %(number)s, %(contractor)s") % {
            "number": self.number,
            "contractor": self.contractor_name,
        }


class Amendment(models.Model):
    """An addendum (act adițional) changing a contract's value, duration or scope."""

    class Kind(models.TextChoices):
        VALUE = "value", pgettext_lazy("amendment type", "value")
        DURATION = "duration", pgettext_lazy("amendment type", "duration")
        SCOPE = "scope", pgettext_lazy("amendment type", "scope")

    contract = models.ForeignKey(
        Contract, on_delete=models.PROTECT, related_name="amendments", verbose_name=_("contract")
    )
    number = models.CharField(_("addendum number"), max_length=50)
    signed_on = models.DateField(_("signed on"))
    kind = models.CharField(_("type"), max_length=10, choices=Kind.choices)
    value_change_bani = models.BigIntegerField(_("change of value without VAT"), default=0)
    vat_change_bani = models.BigIntegerField(_("change of VAT"), default=0)
    duration_change_days = models.IntegerField(_("change of duration (days)"), default=0)
    description = models.TextField(_("what changes and why"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("addendum")
        verbose_name_plural = _("addenda")
        ordering = ["contract", "signed_on", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["contract", "number"], name="investments_addendum_number_unique"),
            models.CheckConstraint(
                condition=~models.Q(kind="value") | ~models.Q(value_change_bani=0) | ~models.Q(vat_change_bani=0),
                name="investments_value_addendum_changes_the_value",
            ),
            models.CheckConstraint(
                condition=~models.Q(kind="duration") | ~models.Q(duration_change_days=0),
                name="investments_duration_addendum_changes_the_duration",
            ),
        ]

    def __str__(self):
        return _("Addendum no. %(number)s") % {"number": self.number}


class Validated(models.Model):
    """Four eyes: a clerk enters, the head of the investment's department validates or rejects; never the same
    person (the workflow checks it and the database refuses it)."""

    class Status(models.TextChoices):
        PENDING = "pending", _("waiting for validation")
        VALIDATED = "validated", _("validated")
        REJECTED = "rejected", _("rejected")

    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PENDING)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("entered by")
    )
    entered_at = models.DateTimeField(_("entered at"), auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("validated by"),
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    rejection_reason = models.TextField(_("reason for the rejection"), blank=True)

    class Meta:
        abstract = True


class LedgerEntry(Validated):
    class Kind(models.TextChoices):
        INVOICED = "invoiced", _("invoiced")
        PAID = "paid", pgettext_lazy("money paid out", "paid")
        CLAIMED = "claimed", _("claimed for reimbursement")
        REIMBURSED = "reimbursed", _("reimbursed")
        INELIGIBLE = "ineligible", _("ineligible")

    investment = models.ForeignKey(
        Investment, on_delete=models.PROTECT, related_name="ledger", verbose_name=_("investment")
    )
    kind = models.CharField(_("movement"), max_length=12, choices=Kind.choices)
    amount_bani = models.BigIntegerField(_("amount"), validators=[MinValueValidator(1)])
    on_date = models.DateField(_("date"))
    contract = models.ForeignKey(
        Contract,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="ledger",
        verbose_name=_("contract"),
    )
    funding_source = models.ForeignKey(
        FundingSource,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="ledger",
        verbose_name=_("funding source"),
    )
    document = models.CharField(
        _("document"), max_length=100, help_text=_("invoice, payment order or reimbursement claim number")
    )
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("ledger entry")
        verbose_name_plural = _("ledger entries")
        ordering = ["investment", "on_date", "pk"]
        constraints = [
            models.CheckConstraint(condition=models.Q(amount_bani__gt=0), name="investments_ledger_amount_positive"),
            models.CheckConstraint(
                condition=models.Q(decided_by__isnull=True) | ~models.Q(decided_by=models.F("entered_by")),
                name="investments_ledger_four_eyes",
            ),
            models.CheckConstraint(
                condition=models.Q(status="pending") | models.Q(decided_by__isnull=False),
                name="investments_ledger_decided_by_someone",
            ),
        ]
        indexes = [models.Index(fields=["status", "investment"], name="investments_ledger_status")]

    def __str__(self):
        return f"{self.get_kind_display()} {self.document}"


class ProgressReport(Validated):
    """The physical progress of the works at the end of a quarter, as the site supervisor reports it; shown beside
    the financial progress, never merged with it."""

    investment = models.ForeignKey(
        Investment, on_delete=models.PROTECT, related_name="progress_reports", verbose_name=_("investment")
    )
    year = models.PositiveSmallIntegerField(_("year"), validators=[MinValueValidator(2000), MaxValueValidator(2100)])
    quarter = models.PositiveSmallIntegerField(_("quarter"), validators=[MinValueValidator(1), MaxValueValidator(4)])
    percent = models.PositiveSmallIntegerField(
        _("physical progress (%)"), validators=[MinValueValidator(0), MaxValueValidator(100)]
    )
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("physical progress report")
        verbose_name_plural = _("physical progress reports")
        ordering = ["investment", "year", "quarter"]
        constraints = [
            models.UniqueConstraint(
                fields=["investment", "year", "quarter"],
                condition=~models.Q(status="rejected"),
                name="investments_one_progress_report_per_quarter",
            ),
            models.CheckConstraint(
                condition=models.Q(quarter__gte=1) & models.Q(quarter__lte=4), name="investments_quarter_1_to_4"
            ),
            models.CheckConstraint(condition=models.Q(percent__lte=100), name="investments_progress_at_most_100"),
            models.CheckConstraint(
                condition=models.Q(decided_by__isnull=True) | ~models.Q(decided_by=models.F("entered_by")),
                name="investments_progress_four_eyes",
            ),
        ]

    def __str__(self):
        return f"{self.investment.code} T{self.quarter}/{self.year}: {self.percent}%"


class Follower(models.Model):
    """A signed-in citizen who gets an e-mail when a published investment's stage changes."""

    investment = models.ForeignKey(Investment, on_delete=models.CASCADE, related_name="followers")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="followed_investments")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("follower")
        verbose_name_plural = _("followers")
        constraints = [models.UniqueConstraint(fields=["investment", "user"], name="investments_follow_once")]

    def __str__(self):
        return f"{self.user} → {self.investment.code}"


class Change(models.Model):
    """The history: who changed what, when, from which value to which. Append-only (database triggers)."""

    investment = models.ForeignKey(Investment, on_delete=models.PROTECT, related_name="changes")
    at = models.DateTimeField(_("at"), auto_now_add=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # What was changed, in words kept as written then ("Contract no. 12/2025", "Stage: procurement").
    subject = models.CharField(_("what"), max_length=200)
    action = models.CharField(_("action"), max_length=30)
    field = models.CharField(_("field"), max_length=100, blank=True)
    old_value = models.TextField(_("old value"), blank=True)
    new_value = models.TextField(_("new value"), blank=True)

    class Meta:
        verbose_name = _("change")
        verbose_name_plural = _("history of changes")
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["investment", "-at"], name="investments_change_by_time")]

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {self.subject} {self.field}"


class ImportJob(models.Model):
    """A spreadsheet brought back in: previewed first (every change listed, every error by line), applied only when
    the file has no error and the clerk confirms; a large file is applied by a background job."""

    class Status(models.TextChoices):
        PREVIEWED = "previewed", _("preview ready")
        INVALID = "invalid", _("refused: the file has errors")
        QUEUED = "queued", _("waiting to be applied")
        APPLIED = "applied", _("applied")
        FAILED = "failed", _("failed")

    file = models.FileField(_("file"), storage=private_storage, upload_to=import_upload_to)
    file_name = models.CharField(_("file name"), max_length=200)
    sha256 = models.CharField(max_length=64, editable=False)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices)
    rows = models.PositiveIntegerField(_("rows"), default=0)
    errors = models.JSONField(default=list, blank=True)
    changes = models.JSONField(default=list, blank=True)
    applied_at = models.DateTimeField(_("applied at"), null=True, blank=True)
    applied_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    failure = models.TextField(blank=True)

    class Meta:
        verbose_name = _("import")
        verbose_name_plural = _("imports")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return self.file_name
