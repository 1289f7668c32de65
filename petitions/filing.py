"""Filing a petition or an information request online: at once for a signed-in citizen, after the e-mail address is
confirmed for anyone else. Either way the request is registered through the spine with its files."""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.models import InstitutionSettings
from services import documents, notifications, registration

from .models import Channel, Petition, UnconfirmedAttachment, UnconfirmedFiling, new_token, token_digest

# What the form keeps of a filing, in the order the clerk reads it.
FIELDS = ("name", "address", "email", "phone", "subject", "text", "addressee", "channel", "postal_address")


def _register(*, service, data, uploads, applicant, language):
    with transaction.atomic():
        case = registration.register_case(
            service=service,
            subject=data["subject"],
            applicant=applicant,
            applicant_name=data["name"],
            applicant_email=data["email"],
            details=data["text"],
            language=language,
            by=applicant,
            uploads=uploads,
        )
        Petition.objects.create(
            case=case,
            name=data["name"],
            address=data["address"],
            email=data["email"],
            phone=data.get("phone", ""),
            addressee_id=data.get("addressee") or None,
            channel=data.get("channel") or Channel.EMAIL,
            postal_address=data.get("postal_address", "") if data.get("channel") == Channel.POST else "",
        )
    return case


def file_petition(*, service, data, uploads, user, language):
    """Register the request of a signed-in citizen: the case, its files and the filer's identification."""
    return _register(service=service, data=data, uploads=uploads, applicant=user, language=language)


def hold_for_confirmation(*, service, data, uploads, language):
    """Keep the filing of someone without an account and e-mail them the link that registers it.

    The files are checked now, so a refused one is reported while the form is still on screen; nothing is kept then.
    Returns the filing (the token only travels in the e-mail)."""
    documents.check_uploads(uploads)
    token = new_token()
    stored = []
    try:
        with transaction.atomic():
            filing = UnconfirmedFiling.objects.create(
                token_digest=token_digest(token), service=service, data=data, language=language
            )
            for upload, _requirement in uploads.values():
                upload.seek(0)
                attachment = UnconfirmedAttachment(filing=filing, original_name=documents.clean_name(upload.name))
                attachment.file.save(attachment.original_name, upload, save=False)
                stored.append(attachment)
                attachment.save()
            transaction.on_commit(lambda: send_confirmation(filing.pk, token))
    except BaseException:
        for attachment in stored:
            attachment.file.delete(save=False)
        raise
    return filing


def send_confirmation(filing_id, token):
    filing = UnconfirmedFiling.objects.select_related("service").get(pk=filing_id)
    institution = InstitutionSettings.load()
    notifications.send_email(
        "confirm_filing",
        {
            "filing": filing,
            "name": filing.data.get("name", ""),
            "subject": filing.data.get("subject", ""),
            "service": filing.service,
            "institution": institution,
            "confirm_url": notifications.absolute_url("petitions:confirm", token),
            "days": settings.PETITION_CONFIRMATION_DAYS,
        },
        to=[filing.data["email"]],
        language=filing.language,
        reply_to=notifications.institution_reply_to(institution),
        template_dir="petitions/email",
    )


def expires_at(filing):
    return filing.created_at + datetime.timedelta(days=settings.PETITION_CONFIRMATION_DAYS)


def pending(token):
    """The unconfirmed filing of a token, or None if there is none or it expired."""
    filing = (
        UnconfirmedFiling.objects.select_related("service", "case").filter(token_digest=token_digest(token)).first()
    )
    if filing is None or (filing.case_id is None and expires_at(filing) < timezone.now()):
        return None
    return filing


def confirm(token):
    """Register the filing the token stands for; a second confirmation returns the case already registered."""
    with transaction.atomic():
        filing = UnconfirmedFiling.objects.select_for_update().filter(token_digest=token_digest(token)).first()
        if filing is None or (filing.case_id is None and expires_at(filing) < timezone.now()):
            raise ValidationError(
                _("This confirmation link is not valid any more. Please file your request again."), code="expired"
            )
        if filing.case_id:
            return filing.case
        attachments = list(filing.attachments.all())
        storage = UnconfirmedAttachment._meta.get_field("file").storage
        # Under the name the filer gave, for the checks and the case.
        uploads = {
            f"attachment-{a.pk}": (File(storage.open(a.file.name, "rb"), name=a.original_name), None)
            for a in attachments
        }
        try:
            case = _register(
                service=filing.service, data=filing.data, uploads=uploads, applicant=None, language=filing.language
            )
        finally:
            for upload, _requirement in uploads.values():
                upload.close()
        filing.case = case
        filing.data = {"email": filing.data.get("email", "")}  # the case keeps the rest
        filing.save(update_fields=["case", "data"])
        keys = [a.file.name for a in attachments]
        filing.attachments.all().delete()
        transaction.on_commit(lambda: _delete_files(keys))
    return case


def _delete_files(keys):
    storage = UnconfirmedAttachment._meta.get_field("file").storage
    for key in keys:
        storage.delete(key)


def purge_unconfirmed(now=None):
    """Delete the filings never confirmed within the period, with their files, and the confirmed ones' remainders."""
    now = now or timezone.now()
    cutoff = now - datetime.timedelta(days=settings.PETITION_CONFIRMATION_DAYS)
    stale = UnconfirmedFiling.objects.filter(created_at__lt=cutoff)
    keys = list(UnconfirmedAttachment.objects.filter(filing__in=stale).values_list("file", flat=True))
    count = stale.count()
    stale.delete()
    _delete_files(keys)
    return count
