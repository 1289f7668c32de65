"""Each procedure's periodic review: its interval, when it falls due, and each review's outcome."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _


class ReviewPolicy(models.Model):
    procedure = models.OneToOneField(
        "services.Procedure", on_delete=models.CASCADE, related_name="review_policy", verbose_name=_("procedure")
    )
    interval_months = models.PositiveSmallIntegerField(
        _("review every (months)"), default=12, validators=[MinValueValidator(1), MaxValueValidator(60)]
    )
    next_review_on = models.DateField(_("next review due on"))
    reminded_on = models.DateField(_("reminded on"), null=True, blank=True)

    class Meta:
        verbose_name = _("review schedule")
        verbose_name_plural = _("review schedules")

    def __str__(self):
        return f"{self.procedure.code}: {self.next_review_on}"


class Review(models.Model):
    class Outcome(models.TextChoices):
        UNCHANGED = "unchanged", _("unchanged: still fit for purpose")
        REVISE = "revise", _("to be revised")
        WITHDRAW = "withdraw", _("to be withdrawn")

    procedure = models.ForeignKey(
        "services.Procedure", on_delete=models.PROTECT, related_name="reviews", verbose_name=_("procedure")
    )
    version = models.ForeignKey(
        "quality.ProcedureVersion",
        on_delete=models.PROTECT,
        related_name="reviews",
        verbose_name=_("version reviewed"),
    )
    due_on = models.DateField(_("due on"))
    reviewed_on = models.DateField(_("reviewed on"))
    outcome = models.CharField(_("outcome"), max_length=20, choices=Outcome.choices)
    notes = models.TextField(_("notes"), blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("reviewed by")
    )

    class Meta:
        verbose_name = _("review")
        verbose_name_plural = _("reviews")
        ordering = ["-reviewed_on", "-pk"]

    def __str__(self):
        return f"{self.procedure.code}: {self.reviewed_on} ({self.get_outcome_display()})"

    @property
    def on_time(self):
        return self.reviewed_on <= self.due_on
