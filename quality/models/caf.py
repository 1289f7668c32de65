"""The CAF 2020 self-assessment: the reference model (by edition), an exercise, each member's assessment, the group's
consensus, and the areas for improvement from which the improvement plan's actions are opened."""

import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from portal.i18n import TranslatedFieldsMixin

from .versions import private_storage

SCORE = [MinValueValidator(0), MaxValueValidator(100)]


def _score(label):
    return models.PositiveSmallIntegerField(label, null=True, blank=True, validators=SCORE)


class CafModel(models.Model):
    """One edition of the framework (CAF 2020), loaded by a data migration; exercises keep the edition they used."""

    edition = models.CharField(_("edition"), max_length=20, unique=True)

    class Meta:
        verbose_name = _("CAF model")
        verbose_name_plural = _("CAF models")

    def __str__(self):
        return self.edition


class CafCriterion(TranslatedFieldsMixin, models.Model):
    class Kind(models.TextChoices):
        ENABLER = "enabler", _("enabler")
        RESULT = "result", _("result")

    model = models.ForeignKey(CafModel, on_delete=models.PROTECT, related_name="criteria")
    number = models.PositiveSmallIntegerField(_("criterion"))
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=200)
    title_hu = models.CharField(_("title (Hungarian)"), max_length=200)
    title_en = models.CharField(_("title (English)"), max_length=200)

    class Meta:
        verbose_name = _("CAF criterion")
        verbose_name_plural = _("CAF criteria")
        ordering = ["model", "number"]
        constraints = [models.UniqueConstraint(fields=["model", "number"], name="caf_criterion_unique")]

    def __str__(self):
        return f"{self.number}. {self.tr.title}"


class CafSubcriterion(TranslatedFieldsMixin, models.Model):
    criterion = models.ForeignKey(CafCriterion, on_delete=models.PROTECT, related_name="subcriteria")
    code = models.CharField(_("sub-criterion"), max_length=5)
    position = models.PositiveSmallIntegerField()
    title = models.TextField(_("title"))
    title_hu = models.TextField(_("title (Hungarian)"))
    title_en = models.TextField(_("title (English)"))
    # The examples of the framework, one per line.
    examples = models.TextField(_("examples"))
    examples_hu = models.TextField(_("examples (Hungarian)"))
    examples_en = models.TextField(_("examples (English)"))

    class Meta:
        verbose_name = _("CAF sub-criterion")
        verbose_name_plural = _("CAF sub-criteria")
        ordering = ["criterion__model", "position"]
        constraints = [models.UniqueConstraint(fields=["criterion", "code"], name="caf_subcriterion_unique")]

    def __str__(self):
        return f"{self.code} {self.tr.title}"

    @property
    def example_lines(self):
        return [line for line in self.tr.examples.splitlines() if line.strip()]


class SelfAssessment(models.Model):
    """An exercise: its scope, its scoring panel (locked once chosen), its deadlines, leader and group."""

    class Panel(models.TextChoices):
        CLASSICAL = "classical", _("classical (one score per sub-criterion)")
        FINE_TUNED = "fine_tuned", _("fine-tuned (Plan, Do, Check and Act scored separately)")

    class Status(models.TextChoices):
        PREPARATION = "preparation", _("preparation")
        INDIVIDUAL = "individual", _("individual assessment")
        CONSENSUS = "consensus", _("consensus")
        PLAN = "plan", _("improvement plan")
        CLOSED = "closed", _("closed")

    model = models.ForeignKey(CafModel, on_delete=models.PROTECT, related_name="+", verbose_name=_("CAF edition"))
    title = models.CharField(_("title"), max_length=200)
    department = models.ForeignKey(
        "services.Department",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="self_assessments",
        verbose_name=_("scope"),
        help_text=_("Empty: the whole institution."),
    )
    panel = models.CharField(_("scoring panel"), max_length=12, choices=Panel.choices)
    panel_locked_at = models.DateTimeField(_("panel locked at"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.PREPARATION)
    leader = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("leader")
    )
    individual_deadline = models.DateField(_("individual assessments due"))
    consensus_deadline = models.DateField(_("consensus due"))
    consensus_held_on = models.DateField(_("consensus meeting held on"), null=True, blank=True)
    minutes = models.TextField(_("minutes of the consensus meeting"), blank=True)
    previous = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("previous exercise"),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("CAF self-assessment")
        verbose_name_plural = _("CAF self-assessments")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(consensus_deadline__gte=models.F("individual_deadline")),
                name="caf_consensus_after_individual_work",
            )
        ]

    def __str__(self):
        return self.title


class AssessmentMember(models.Model):
    """A member of the self-assessment group; their work stays theirs until they submit it."""

    assessment = models.ForeignKey(SelfAssessment, on_delete=models.PROTECT, related_name="members")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)

    class Meta:
        verbose_name = _("member of the self-assessment group")
        verbose_name_plural = _("members of the self-assessment group")
        ordering = ["assessment", "pk"]
        constraints = [models.UniqueConstraint(fields=["assessment", "person"], name="caf_member_once")]

    def __str__(self):
        return f"{self.assessment_id}: {self.person}"


class IndividualScore(models.Model):
    """One member's assessment of one sub-criterion: texts, and a score (classical) or four (fine-tuned), or
    "don't know"."""

    member = models.ForeignKey(AssessmentMember, on_delete=models.PROTECT, related_name="scores")
    subcriterion = models.ForeignKey(CafSubcriterion, on_delete=models.PROTECT, related_name="+")
    strengths = models.TextField(_("strengths"), blank=True)
    areas = models.TextField(_("areas for improvement"), blank=True)
    suggestions = models.TextField(_("suggestions for improvement"), blank=True)
    dont_know = models.BooleanField(_("don't know"), default=False)
    score = _score(_("score"))
    # The fine-tuned panel's four phases (`check` would hide Django's Model.check).
    score_plan = _score(pgettext_lazy("PDCA phase", "Plan"))
    score_do = _score(pgettext_lazy("PDCA phase", "Do"))
    score_check = _score(pgettext_lazy("PDCA phase", "Check"))
    score_act = _score(pgettext_lazy("PDCA phase", "Act"))
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("individual score")
        verbose_name_plural = _("individual scores")
        constraints = [
            models.UniqueConstraint(fields=["member", "subcriterion"], name="caf_individual_score_once"),
            models.CheckConstraint(
                condition=models.Q(dont_know=False)
                | models.Q(score__isnull=True, score_plan__isnull=True, score_do__isnull=True)
                & models.Q(score_check__isnull=True, score_act__isnull=True),
                name="caf_dont_know_has_no_score",
            ),
        ]

    def __str__(self):
        return f"{self.member_id} {self.subcriterion_id}: {self.score}"


def evidence_upload_to(instance, filename):
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"quality/caf/{uuid.uuid4().hex}.{extension}"


class ScoreEvidence(models.Model):
    """Evidence for an individual assessment: a procedure, an indicator of the ISO dashboard, case statistics, a file
    or a link."""

    class Kind(models.TextChoices):
        PROCEDURE = "procedure", _("procedure")
        INDICATOR = "indicator", _("indicator")
        CASE_STATISTICS = "case_statistics", _("case statistics")
        FILE = "file", _("file")
        LINK = "link", _("link")

    score = models.ForeignKey(IndividualScore, on_delete=models.CASCADE, related_name="evidence")
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    procedure = models.ForeignKey("services.Procedure", null=True, blank=True, on_delete=models.PROTECT)
    indicator = models.CharField(_("indicator"), max_length=40, blank=True)
    file = models.FileField(_("file"), storage=private_storage, upload_to=evidence_upload_to, blank=True)
    file_name = models.CharField(max_length=255, blank=True)
    link = models.URLField(_("link"), blank=True)
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("evidence")
        verbose_name_plural = _("evidence")
        ordering = ["pk"]

    def __str__(self):
        return f"{self.get_kind_display()} {self.pk}"


class ConsensusScore(models.Model):
    """The group's agreed score of one sub-criterion, with its rationale and the merged strengths and areas."""

    assessment = models.ForeignKey(SelfAssessment, on_delete=models.PROTECT, related_name="consensus")
    subcriterion = models.ForeignKey(CafSubcriterion, on_delete=models.PROTECT, related_name="+")
    score = _score(_("consensus score"))
    # The fine-tuned panel's four phases (`check` would hide Django's Model.check).
    score_plan = _score(pgettext_lazy("PDCA phase", "Plan"))
    score_do = _score(pgettext_lazy("PDCA phase", "Do"))
    score_check = _score(pgettext_lazy("PDCA phase", "Check"))
    score_act = _score(pgettext_lazy("PDCA phase", "Act"))
    rationale = models.TextField(_("rationale"), blank=True)
    strengths = models.TextField(_("strengths"), blank=True)
    areas = models.TextField(_("areas for improvement"), blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("consensus score")
        verbose_name_plural = _("consensus scores")
        constraints = [models.UniqueConstraint(fields=["assessment", "subcriterion"], name="caf_consensus_once")]

    def __str__(self):
        return f"{self.assessment_id} {self.subcriterion_id}: {self.score}"


class ImprovementArea(models.Model):
    """An area for improvement agreed in consensus: the improvement plan's actions are opened from it."""

    assessment = models.ForeignKey(SelfAssessment, on_delete=models.PROTECT, related_name="improvement_areas")
    subcriterion = models.ForeignKey(CafSubcriterion, on_delete=models.PROTECT, related_name="+")
    text = models.TextField(_("area for improvement"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("area for improvement")
        verbose_name_plural = _("areas for improvement")
        ordering = ["subcriterion__position", "pk"]

    def __str__(self):
        return self.text[:60]
