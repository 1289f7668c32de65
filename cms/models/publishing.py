"""Whether pages need a reviewer's approval before they are published, switched on by the institution."""

from django.db import models, transaction
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting


@register_setting(icon="tasks")
class PublishingSettings(BaseSiteSetting):
    moderation = models.BooleanField(
        _("Pages need a reviewer's approval before they are published"),
        default=False,
        help_text=_(
            "On: editors submit their pages and a senior editor approves or sends them back. "
            "Off: editors publish directly. Switching it off cancels the reviews in progress."
        ),
    )

    panels = [FieldPanel("moderation")]

    class Meta:
        verbose_name = _("publishing")

    def save(self, *args, **kwargs):
        from ..moderation import apply_moderation

        with transaction.atomic():
            super().save(*args, **kwargs)
            apply_moderation()
