"""What a permit application adds to its case: the property it concerns and what the applicant wants to do."""

import uuid

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from services.models import Case
from services.models.cases import private_storage


class PermitApplication(models.Model):
    case = models.OneToOneField(Case, on_delete=models.PROTECT, related_name="permit_application")
    property_address = models.CharField(_("address of the property"), max_length=300)
    cadastral_number = models.CharField(_("cadastral number"), max_length=30)
    land_book_number = models.CharField(_("land-book number"), max_length=30)
    purpose = models.TextField(_("what you intend to do"), max_length=2000)

    class Meta:
        verbose_name = _("permit application")
        verbose_name_plural = _("permit applications")

    def __str__(self):
        return f"{self.case} — {self.property_address}"


class DocumentReview(models.Model):
    """The clerk's verdict on one required document of an application, as of the last completeness review."""

    class Verdict(models.TextChoices):
        ACCEPTED = "accepted", _("accepted")
        MISSING = "missing", _("missing")
        INVALID = "invalid", _("invalid")

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="document_reviews")
    requirement = models.ForeignKey("services.RequiredDocument", on_delete=models.PROTECT, related_name="+")
    verdict = models.CharField(_("verdict"), max_length=10, choices=Verdict.choices)
    reason = models.CharField(_("reason"), max_length=500, blank=True)
    reviewed_by = models.ForeignKey("portal.User", on_delete=models.PROTECT, related_name="+")
    reviewed_at = models.DateTimeField()

    class Meta:
        verbose_name = _("document review")
        verbose_name_plural = _("document reviews")
        constraints = [models.UniqueConstraint(fields=["case", "requirement"], name="one_verdict_per_document")]

    def __str__(self):
        return f"{self.case}: {self.requirement} — {self.get_verdict_display()}"


def draft_key(instance, filename):
    """A random key: the name the citizen gave the file is kept in the database only."""
    return f"drafts/{timezone.now():%Y/%m}/{uuid.uuid4().hex}"


class Draft(models.Model):
    """An application a signed-in citizen has started and not yet submitted: what they typed and the files they
    uploaded, kept until they submit it, delete it, or it expires (the institution sets after how many days)."""

    class Step(models.TextChoices):
        DETAILS = "details", _("The property and your application")
        DOCUMENTS = "documents", _("Documents")
        REVIEW = "review", _("Check and submit")

    token = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    owner = models.ForeignKey("portal.User", on_delete=models.CASCADE, related_name="permit_drafts")
    service = models.ForeignKey("services.Service", on_delete=models.CASCADE, related_name="+")
    data = models.JSONField(default=dict, blank=True)
    step = models.CharField(max_length=10, choices=Step.choices, default=Step.DETAILS)
    language = models.CharField(max_length=5, default="ro")
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField(db_index=True)

    class Meta:
        verbose_name = _("unfinished application")
        verbose_name_plural = _("unfinished applications")
        ordering = ["-updated_at", "-pk"]
        indexes = [models.Index(fields=["owner", "-updated_at"], name="draft_owner_recent")]

    def __str__(self):
        return f"{self.service} — {self.data.get('subject') or self.token}"


class DraftFile(models.Model):
    """A file uploaded into one slot (a required document) of a draft; checked when it was uploaded."""

    draft = models.ForeignKey(Draft, on_delete=models.CASCADE, related_name="files")
    requirement = models.ForeignKey("services.RequiredDocument", on_delete=models.CASCADE, related_name="+")
    file = models.FileField(storage=private_storage, upload_to=draft_key, max_length=200)
    original_name = models.CharField(_("file name"), max_length=200)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    uploaded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["uploaded_at", "pk"]

    def __str__(self):
        return self.original_name


class Decision(models.Model):
    """The decision on a permit application: the issued document (uploaded by the clerk or generated from the
    service's template) for an approval, the reasons for a rejection."""

    class Outcome(models.TextChoices):
        APPROVED = "approved", _("issued")
        REJECTED = "rejected", _("refused")

    case = models.OneToOneField(Case, on_delete=models.PROTECT, related_name="permit_decision")
    outcome = models.CharField(_("decision"), max_length=10, choices=Outcome.choices)
    reasons = models.TextField(_("reasons"), blank=True)
    document = models.ForeignKey(
        "services.CaseDocument", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_by = models.ForeignKey("portal.User", on_delete=models.PROTECT, related_name="+")
    decided_at = models.DateTimeField()

    class Meta:
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")

    def __str__(self):
        return f"{self.case}: {self.get_outcome_display()}"
