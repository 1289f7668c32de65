"""The laws and standards procedures cite: a change in one lists the procedures to revise."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ExternalReference(models.Model):
    class Kind(models.TextChoices):
        LAW = "law", _("law or regulation")
        STANDARD = "standard", _("standard")
        OTHER = "other", _("other document")

    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.LAW)
    title = models.CharField(_("title"), max_length=300, help_text=_("For example: Legea nr. 50/1991."))
    url = models.URLField(_("link"), blank=True)
    last_amended_on = models.DateField(
        _("last amended on"),
        null=True,
        blank=True,
        help_text=_("When it last changed: procedures whose version took effect before then are to be revised."),
    )
    procedures = models.ManyToManyField(
        "services.Procedure", related_name="external_references", blank=True, verbose_name=_("procedures citing it")
    )

    class Meta:
        verbose_name = _("external reference")
        verbose_name_plural = _("external references")
        ordering = ["title"]

    def __str__(self):
        return self.title

    def to_revise(self):
        """The codes of the procedures to revise since the last amendment (shown in the admin's list)."""
        from ..references import procedures_to_revise

        return ", ".join(procedure.code for procedure in procedures_to_revise(self)) or "—"

    to_revise.short_description = _("procedures to revise")
