"""Applying for a permit online: the case registered through the spine with its documents and the property."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from services import fees, registration

from .models import PermitApplication


def apply(*, service, user, data, uploads, language, reference=""):
    """Register the application of a signed-in citizen: the case, one file per required document, the property.
    `reference` names the application its fee was paid for (the draft's token)."""
    if not fees.settled(service, user, reference):
        raise ValidationError(_("Pay the fee of this service before you submit the application."), code="fee")
    with transaction.atomic():
        case = registration.register_case(
            service=service,
            subject=data["subject"],
            applicant=user,
            details=data["purpose"],
            language=language,
            by=user,
            uploads=uploads,
        )
        PermitApplication.objects.create(
            case=case,
            property_address=data["property_address"],
            cadastral_number=data["cadastral_number"],
            land_book_number=data["land_book_number"],
            purpose=data["purpose"],
        )
        fees.attach(service, user, reference, case)
    return case
