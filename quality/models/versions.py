"""A procedure's versions (edition, revision) and the append-only log of who signed each step off."""

import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _


def private_storage():
    """Never under a public media URL: the procedure's files are served by the authorising views of `quality`."""
    from django.core.files.storage import storages

    return storages["private"]


def version_upload_to(instance, filename):
    """A random key: the stored name says nothing of the procedure (the PDF is served by an authorising view)."""
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"quality/versions/{uuid.uuid4().hex}.{extension}"


class Component(models.TextChoices):
    """The parts of a "procedură operațională" (OSGG 600/2018, annex 4) a revision may change."""

    PURPOSE = "purpose", _("purpose")
    SCOPE = "scope", _("scope")
    REFERENCES = "references", _("reference documents")
    DEFINITIONS = "definitions", _("definitions and abbreviations")
    DESCRIPTION = "description", _("description of the procedure")
    RESPONSIBILITIES = "responsibilities", _("responsibilities")
    FORMS = "forms", _("forms and annexes")
    WHOLE = "whole", _("the whole procedure (new edition)")


class ProcedureVersion(models.Model):
    """One edition and revision of a procedure, from its draft to its withdrawal or supersession."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        IN_VERIFICATION = "in_verification", _("in verification")
        IN_APPROVAL = "in_approval", _("in approval")
        APPROVED = "approved", _("approved, waiting for its effective date")
        EFFECTIVE = "effective", _("effective")
        SUPERSEDED = "superseded", _("superseded")
        WITHDRAWN = "withdrawn", _("withdrawn")

    procedure = models.ForeignKey(
        "services.Procedure", on_delete=models.PROTECT, related_name="versions", verbose_name=_("procedure")
    )
    edition = models.PositiveSmallIntegerField(_("edition"))
    revision = models.PositiveSmallIntegerField(_("revision"))
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.DRAFT)
    planned_effective_date = models.DateField(_("planned effective date"), null=True, blank=True)
    effective_date = models.DateField(_("effective date"), null=True, blank=True)
    superseded_on = models.DateField(_("superseded on"), null=True, blank=True)
    component = models.CharField(_("component changed"), max_length=20, choices=Component.choices)
    change_summary = models.TextField(_("what changed and how"))
    document = models.FileField(_("procedure (PDF)"), storage=private_storage, upload_to=version_upload_to, blank=True)
    source = models.FileField(_("editable source"), storage=private_storage, upload_to=version_upload_to, blank=True)
    sha256 = models.CharField(_("SHA-256 of the PDF"), max_length=64, blank=True, editable=False)
    # None only for the version recorded from the catalogue when the portal started keeping versions.
    drafted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("drafted by"),
    )
    withdrawal_reason = models.TextField(_("reason for the withdrawal"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("procedure version")
        verbose_name_plural = _("procedure versions")
        ordering = ["procedure__code", "-edition", "-revision"]
        permissions = [
            ("draft_procedureversion", "Can draft a new version of a procedure"),
            ("verify_procedureversion", "Can verify a procedure version"),
            ("approve_procedureversion", "Can approve a procedure version"),
        ]
        constraints = [
            models.UniqueConstraint(fields=["procedure", "edition", "revision"], name="quality_version_unique"),
            # At most one version of a procedure is in force.
            models.UniqueConstraint(
                fields=["procedure"], condition=models.Q(status="effective"), name="quality_one_effective_version"
            ),
        ]

    def __str__(self):
        return f"{self.procedure.code} — {self.label}"

    @property
    def label(self):
        return _("edition %(edition)s, revision %(revision)s") % {"edition": self.edition, "revision": self.revision}

    @property
    def is_open(self):
        return self.status in (self.Status.DRAFT, self.Status.IN_VERIFICATION, self.Status.IN_APPROVAL)


class Step(models.TextChoices):
    """What a sign-off records; the first three are the OSGG 600 cover's rows."""

    DRAFTED = "drafted", _("drafted")
    VERIFIED = "verified", _("verified")
    APPROVED = "approved", _("approved")
    RETURNED = "returned", _("returned to draft")
    EFFECTIVE = "effective", _("took effect")
    SUPERSEDED = "superseded", _("superseded")
    WITHDRAWN = "withdrawn", _("withdrawn")


class SignOffQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise ValidationError(_("Sign-offs are kept as they were made: they cannot be changed."))

    def delete(self):
        raise ValidationError(_("Sign-offs are kept as they were made: they cannot be deleted."))


class SignOff(models.Model):
    """One step of a version's life, signed off by a person in a role and function; never changed, never deleted."""

    version = models.ForeignKey(
        ProcedureVersion, on_delete=models.PROTECT, related_name="sign_offs", verbose_name=_("version")
    )
    step = models.CharField(_("step"), max_length=20, choices=Step.choices)
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("person"),
    )
    name = models.CharField(_("name"), max_length=200)
    function = models.CharField(_("function"), max_length=200, blank=True)
    at = models.DateTimeField(_("date"), auto_now_add=True)
    comment = models.TextField(_("comment"), blank=True)

    objects = SignOffQuerySet.as_manager()

    class Meta:
        verbose_name = _("sign-off")
        verbose_name_plural = _("sign-offs")
        ordering = ["at", "pk"]

    def __str__(self):
        return f"{self.get_step_display()}: {self.name}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValidationError(_("Sign-offs are kept as they were made: they cannot be changed."))
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValidationError(_("Sign-offs are kept as they were made: they cannot be deleted."))
