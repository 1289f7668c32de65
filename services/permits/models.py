"""What a permit application adds to its case: the property it concerns and what the applicant wants to do."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from services.models import Case


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
