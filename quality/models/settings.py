"""What the institution chooses about its procedures' distribution and review."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting


@register_setting(icon="tasks")
class QualitySettings(BaseGenericSetting):
    class Reacknowledge(models.TextChoices):
        EVERYONE = "everyone", _("everyone on the distribution list")
        APPLY = "apply", _("only those who must apply it")

    reacknowledge = models.CharField(
        _("a new revision is acknowledged again by"),
        max_length=10,
        choices=Reacknowledge.choices,
        default=Reacknowledge.EVERYONE,
    )
    reminder_days = models.PositiveSmallIntegerField(
        _("remind who has not acknowledged after (days)"), default=5, validators=[MinValueValidator(1)]
    )
    escalation_days = models.PositiveSmallIntegerField(
        _("tell their head of department after (days)"), default=10, validators=[MinValueValidator(1)]
    )
    review_notice_days = models.PositiveSmallIntegerField(
        _("announce a review this many days before it falls due"),
        default=30,
        validators=[MinValueValidator(1), MaxValueValidator(180)],
    )

    panels = [
        FieldPanel("reacknowledge"),
        FieldPanel("reminder_days"),
        FieldPanel("escalation_days"),
        FieldPanel("review_notice_days"),
    ]

    class Meta:
        verbose_name = _("procedures")
