"""The methodology page of a locked prioritisation round: a Wagtail page generated when the round is locked, one per
language (ro, hu, en translations of one another), showing the method exactly as it was frozen (the round's snapshot)
with its version and SHA-256. Editors cannot create, edit, copy, move or delete it (see `investments.wagtail_hooks`);
the model refuses a change to what it shows."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import get_language_info
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page

from .prioritisation import Round

FROZEN_FIELDS = ("round_id", "version", "snapshot", "sha256")


class MethodologyPage(Page):
    round = models.ForeignKey(Round, on_delete=models.PROTECT, related_name="methodology_pages", editable=False)
    version = models.PositiveIntegerField(_("version"), editable=False)
    snapshot = models.JSONField(editable=False)
    sha256 = models.CharField(max_length=64, editable=False)

    template = "investments/prioritisation/methodology_page.html"
    is_creatable = False
    parent_page_types = []
    subpage_types = []
    content_panels = []
    promote_panels = []

    class Meta:
        verbose_name = _("prioritisation methodology")

    def get_context(self, request, *args, **kwargs):
        """The header's language switcher: this methodology in every language it was published in."""
        context = super().get_context(request, *args, **kwargs)
        translations = {
            p.locale.language_code: p for p in self.get_translations(inclusive=True).live().select_related("locale")
        }
        context["page_languages"] = [
            {
                "code": code,
                "name": get_language_info(code)["name_local"],
                "url": translations[code].get_url(request=request),
                "full_url": translations[code].get_full_url(request=request),
                "current": translations[code].pk == self.pk,
            }
            for code, _name in settings.LANGUAGES
            if code in translations
        ]
        return context

    def clean(self):
        super().clean()
        if self.pk:
            stored = MethodologyPage.objects.filter(pk=self.pk).values(*FROZEN_FIELDS).first()
            if stored and any(stored[field] != getattr(self, field) for field in FROZEN_FIELDS):
                raise ValidationError(_("A locked methodology cannot be changed."))

    def save(self, *args, **kwargs):
        if self.pk:
            stored = MethodologyPage.objects.filter(pk=self.pk).values(*FROZEN_FIELDS).first()
            if stored and any(stored[field] != getattr(self, field) for field in FROZEN_FIELDS):
                raise ValidationError(_("A locked methodology cannot be changed."))
        return super().save(*args, **kwargs)
