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
