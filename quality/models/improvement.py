"""Nonconformities (ISO 9001 §10.2) and the actions that follow them or a CAF area for improvement, with their log.

One action lifecycle serves both: an action has an owner department and person, a due date, a priority (impact ×
ease), the procedure it changes (and, once done, the version that carries the change) and the indicator it should
move; it closes only with evidence."""

import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from portal.i18n import TranslatedFieldsMixin

from .versions import private_storage


class NonconformityCause(TranslatedFieldsMixin, models.Model):
    """A cause from the list the quality manager keeps (e.g. "staff shortage", "incomplete file not caught")."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    name_hu = models.CharField(_("name (Hungarian)"), max_length=200, blank=True)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    active = models.BooleanField(_("offered"), default=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("cause of nonconformities")
        verbose_name_plural = _("causes of nonconformities")
        ordering = ["order", "name"]

    def __str__(self):
        return self.tr.name


class Nonconformity(models.Model):
    """A delay, a blockage, a complaint or an audit finding, analysed by the department and decided by the quality
    manager: open → analysed → (corrective action → effectiveness verification) → closed."""

    class Source(models.TextChoices):
        CLOSED_LATE = "closed_late", _("case closed after its due date")
        OVERDUE = "overdue", _("case open past its due date")
        LONG_SUSPENSION = "long_suspension", _("case suspended longer than the procedure allows")
        COMPLAINT = "complaint", _("complaint")
        AUDIT = "audit", _("audit finding")
        RATING = "rating", _("low rating by an applicant")
        OTHER = "other", _("other")

    AUTOMATIC_SOURCES = (Source.CLOSED_LATE, Source.OVERDUE, Source.LONG_SUSPENSION)

    class Status(models.TextChoices):
        OPEN = "open", _("waiting for the department's analysis")
        ANALYSED = "analysed", _("waiting for the quality manager's decision")
        ACTION = "action", _("corrective action under way")
        VERIFICATION = "verification", _("waiting for the verification of effectiveness")
        CLOSED = "closed", _("closed")

    number = models.CharField(_("number"), max_length=20, unique=True)
    source = models.CharField(_("source"), max_length=20, choices=Source.choices)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.OPEN)
    case = models.ForeignKey(
        "services.Case",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="nonconformities",
        verbose_name=_("case"),
    )
    rating = models.OneToOneField(
        "services.ServiceRating",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="nonconformity",
        verbose_name=_("rating"),
    )
    procedure = models.ForeignKey(
        "services.Procedure",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="nonconformities",
        verbose_name=_("procedure"),
    )
    version = models.ForeignKey(
        "quality.ProcedureVersion",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="nonconformities",
        verbose_name=_("procedure version"),
    )
    department = models.ForeignKey(
        "services.Department", on_delete=models.PROTECT, related_name="nonconformities", verbose_name=_("department")
    )
    detected_on = models.DateField(_("detected on"))
    description = models.TextField(_("what happened"))
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("opened by"),
    )
    # The department's analysis (its head).
    cause = models.ForeignKey(
        NonconformityCause,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="nonconformities",
        verbose_name=_("cause"),
    )
    cause_detail = models.TextField(_("the cause in detail"), blank=True)
    correction = models.TextField(_("correction made"), blank=True)
    analysed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    analysed_at = models.DateTimeField(_("analysed at"), null=True, blank=True)
    # The quality manager's decision.
    action_needed = models.BooleanField(_("corrective action needed"), null=True, blank=True)
    decision_note = models.TextField(_("reason for the decision"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    # The verification of the corrective action's effectiveness, some time after it closed.
    effective = models.BooleanField(_("the corrective action was effective"), null=True, blank=True)
    verification_note = models.TextField(_("verification of effectiveness"), blank=True)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    verified_at = models.DateTimeField(_("verified at"), null=True, blank=True)
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("nonconformity")
        verbose_name_plural = _("nonconformities")
        ordering = ["-detected_on", "-pk"]
        constraints = [
            # The daily detection opens one nonconformity per case and trigger, however often it runs.
            models.UniqueConstraint(
                fields=["case", "source"],
                condition=models.Q(source__in=["closed_late", "overdue", "long_suspension"]),
                name="quality_one_automatic_nonconformity_per_case_and_trigger",
            ),
        ]
        indexes = [
            models.Index(fields=["detected_on", "department"], name="quality_nc_month_department"),
            models.Index(fields=["procedure", "detected_on"], name="quality_nc_procedure"),
            models.Index(fields=["status", "department"], name="quality_nc_status"),
        ]

    def __str__(self):
        return self.number

    @property
    def is_automatic(self):
        return self.source in self.AUTOMATIC_SOURCES


class Action(models.Model):
    """A corrective action (from a nonconformity) or an improvement action (from a CAF area for improvement)."""

    class Origin(models.TextChoices):
        NONCONFORMITY = "nonconformity", _("nonconformity")
        SELF_ASSESSMENT = "self_assessment", _("CAF self-assessment")

    class Status(models.TextChoices):
        PLANNED = "planned", _("planned")
        IN_PROGRESS = "in_progress", _("in progress")
        CLOSED = "closed", _("closed with evidence")
        CANCELLED = "cancelled", _("cancelled")

    OPEN_STATUSES = (Status.PLANNED, Status.IN_PROGRESS)

    number = models.CharField(_("number"), max_length=20, unique=True)
    origin = models.CharField(_("origin"), max_length=20, choices=Origin.choices)
    nonconformity = models.ForeignKey(
        Nonconformity,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="actions",
        verbose_name=_("nonconformity"),
    )
    improvement_area = models.ForeignKey(
        "quality.ImprovementArea",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="actions",
        verbose_name=_("area for improvement"),
    )
    title = models.CharField(_("action"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.PLANNED)
    department = models.ForeignKey(
        "services.Department",
        on_delete=models.PROTECT,
        related_name="quality_actions",
        verbose_name=_("owner department"),
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="quality_actions",
        verbose_name=_("person responsible"),
    )
    due_date = models.DateField(_("due date"))
    impact = models.PositiveSmallIntegerField(
        _("impact (1–5)"), default=3, validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    effort = models.PositiveSmallIntegerField(
        _("effort (1–5)"), default=3, validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    procedure = models.ForeignKey(
        "services.Procedure",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="quality_actions",
        verbose_name=_("procedure it changes"),
    )
    procedure_version = models.ForeignKey(
        "quality.ProcedureVersion",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="actions",
        verbose_name=_("procedure version that carries the change"),
    )
    # A key of `quality.indicators.CATALOGUE`: the figure of the ISO §9.1 dashboard this action should move.
    indicator = models.CharField(_("indicator it should move"), max_length=40, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    cancellation_reason = models.TextField(_("reason for the cancellation"), blank=True)
    # The daily reminder: once to the owner when overdue, once to the department's heads and the quality managers
    # a week later.
    reminded_on = models.DateField(null=True, blank=True, editable=False)
    escalated_on = models.DateField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("action")
        verbose_name_plural = _("actions")
        ordering = ["due_date", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(impact__gte=1, impact__lte=5, effort__gte=1, effort__lte=5),
                name="quality_action_scales_1_to_5",
            ),
            models.CheckConstraint(
                condition=~models.Q(origin="nonconformity") | models.Q(nonconformity__isnull=False),
                name="quality_corrective_action_has_its_nonconformity",
            ),
            models.CheckConstraint(
                condition=~models.Q(origin="self_assessment") | models.Q(improvement_area__isnull=False),
                name="quality_improvement_action_has_its_area",
            ),
        ]
        indexes = [models.Index(fields=["status", "due_date"], name="quality_action_open_due")]

    def __str__(self):
        return f"{self.number} — {self.title}"

    @property
    def priority(self):
        """Impact × ease (6 − effort): 25 for a large effect at little effort, 1 for a small one at great effort."""
        return self.impact * (6 - self.effort)

    @property
    def is_open(self):
        return self.status in self.OPEN_STATUSES


def evidence_upload_to(instance, filename):
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"quality/evidence/{uuid.uuid4().hex}.{extension}"


class ActionEvidence(models.Model):
    """What shows an action was carried out: a note with a file or a link (served by an authorising view)."""

    action = models.ForeignKey(Action, on_delete=models.PROTECT, related_name="evidence", verbose_name=_("action"))
    note = models.TextField(_("what was done"))
    file = models.FileField(_("file"), storage=private_storage, upload_to=evidence_upload_to, blank=True)
    file_name = models.CharField(max_length=255, blank=True)
    link = models.URLField(_("link"), blank=True)
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    added_at = models.DateTimeField(_("added at"), auto_now_add=True)

    class Meta:
        verbose_name = _("evidence")
        verbose_name_plural = _("evidence")
        ordering = ["added_at", "pk"]

    def __str__(self):
        return f"{self.action_id}: {self.note[:40]}"


class QualityEvent(models.Model):
    """The append-only log of every step of a nonconformity, an action or a CAF self-assessment (database triggers
    refuse changes)."""

    class Kind(models.TextChoices):
        OPENED = "opened", _("opened")
        ANALYSED = "analysed", _("cause and correction recorded")
        DECIDED = "decided", _("decision recorded")
        ACTION_OPENED = "action_opened", _("action opened")
        STARTED = "started", _("action started")
        EVIDENCE = "evidence", _("evidence added")
        CLOSED = "closed", _("closed")
        CANCELLED = "cancelled", _("cancelled")
        VERIFIED = "verified", _("effectiveness verified")
        REMINDED = "reminded", _("reminder sent")
        ESCALATED = "escalated", _("escalated")
        CHANGED = "changed", _("changed")
        # The CAF self-assessment's steps.
        MEMBERS_SET = "members_set", _("group named")
        PANEL_CHANGED = "panel_changed", _("scoring panel changed")
        INDIVIDUAL_STARTED = "individual_started", _("individual assessment started, panel locked")
        SUBMITTED = "submitted", _("individual assessment submitted")
        CONSENSUS_STARTED = "consensus_started", _("consensus started")
        CONSENSUS_RECORDED = "consensus_recorded", _("consensus score recorded")
        MINUTES_RECORDED = "minutes_recorded", _("minutes recorded")
        CONSENSUS_FINISHED = "consensus_finished", _("consensus finished")

    at = models.DateTimeField(_("at"), auto_now_add=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    nonconformity = models.ForeignKey(
        Nonconformity, null=True, blank=True, on_delete=models.PROTECT, related_name="events"
    )
    action = models.ForeignKey(Action, null=True, blank=True, on_delete=models.PROTECT, related_name="events")
    assessment = models.ForeignKey(
        "quality.SelfAssessment", null=True, blank=True, on_delete=models.PROTECT, related_name="events"
    )
    kind = models.CharField(_("what"), max_length=24, choices=Kind.choices)
    note = models.TextField(_("note"), blank=True)
    data = models.JSONField(default=dict, blank=True)

    class Meta:
        verbose_name = _("quality event")
        verbose_name_plural = _("quality events")
        ordering = ["at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(nonconformity__isnull=False)
                | models.Q(action__isnull=False)
                | models.Q(assessment__isnull=False),
                name="quality_event_has_a_subject",
            )
        ]

    def __str__(self):
        return f"{self.get_kind_display()} ({self.at:%Y-%m-%d})"
