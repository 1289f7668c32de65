"""Who receives a procedure version, for what, and who has acknowledged it."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from .versions import ProcedureVersion


class Purpose(models.TextChoices):
    """Why a recipient receives a version (the OSGG 600 distribution list's "scop")."""

    APPLY = "apply", _("to apply")
    INFORMATION = "information", _("for information")
    RECORD = "record", _("for the record")
    ARCHIVE = "archive", _("to archive")


class Distribution(models.Model):
    """A line of a version's distribution list: a department, a group (role) or a person, and the purpose."""

    version = models.ForeignKey(
        ProcedureVersion, on_delete=models.CASCADE, related_name="distributions", verbose_name=_("version")
    )
    department = models.ForeignKey(
        "services.Department", null=True, blank=True, on_delete=models.PROTECT, verbose_name=_("department")
    )
    group = models.ForeignKey("auth.Group", null=True, blank=True, on_delete=models.PROTECT, verbose_name=_("role"))
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("person"),
    )
    purpose = models.CharField(_("purpose"), max_length=20, choices=Purpose.choices, default=Purpose.APPLY)
    distributed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("distributed by")
    )
    distributed_at = models.DateTimeField(_("distributed at"), auto_now_add=True)

    class Meta:
        verbose_name = _("distribution")
        verbose_name_plural = _("distribution list")
        ordering = ["pk"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(department__isnull=False, group__isnull=True, person__isnull=True)
                    | models.Q(department__isnull=True, group__isnull=False, person__isnull=True)
                    | models.Q(department__isnull=True, group__isnull=True, person__isnull=False)
                ),
                name="quality_distribution_one_recipient",
            )
        ]

    def __str__(self):
        return str(self.department or self.group or self.person)


class Acknowledgement(models.Model):
    """A person's task to read a version, and then their acknowledgement of it (who, when): never changed after."""

    version = models.ForeignKey(
        ProcedureVersion, on_delete=models.PROTECT, related_name="acknowledgements", verbose_name=_("version")
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="procedure_acknowledgements"
    )
    purpose = models.CharField(_("purpose"), max_length=20, choices=Purpose.choices, default=Purpose.APPLY)
    requested_at = models.DateTimeField(_("requested at"), auto_now_add=True)
    opened_at = models.DateTimeField(_("document opened at"), null=True, blank=True)
    acknowledged_at = models.DateTimeField(_("acknowledged at"), null=True, blank=True)
    reminded_at = models.DateTimeField(_("reminded at"), null=True, blank=True)
    escalated_at = models.DateTimeField(_("escalated at"), null=True, blank=True)

    class Meta:
        verbose_name = _("acknowledgement")
        verbose_name_plural = _("acknowledgements")
        ordering = ["version", "person"]
        constraints = [
            models.UniqueConstraint(fields=["version", "person"], name="quality_one_acknowledgement_per_version")
        ]

    def __str__(self):
        return f"{self.person} — {self.version}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            stored = type(self).objects.filter(pk=self.pk).values_list("acknowledged_at", flat=True).first()
            if stored is not None and stored != self.acknowledged_at:
                raise ValidationError(_("An acknowledgement is kept as it was given: it cannot be changed."))
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        if self.acknowledged_at is not None:
            raise ValidationError(_("An acknowledgement is kept as it was given: it cannot be withdrawn."))
        super().delete(*args, **kwargs)
