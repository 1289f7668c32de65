"""What petitions and information requests add to their case: who filed them and how the answer reaches them, and
the filings of people without an account that wait for their e-mail address to be confirmed."""

import hashlib
import secrets
import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from services.models import Case, Department, Service
from services.models.cases import private_storage


class Channel(models.TextChoices):
    EMAIL = "email", _("by e-mail")
    POST = "post", _("by post")


class Petition(models.Model):
    """The filer's identification (without it a petition is classified, OG 27/2002 art. 7) and the answer channel."""

    case = models.OneToOneField(Case, on_delete=models.PROTECT, related_name="petition")
    name = models.CharField(_("name"), max_length=200)
    address = models.TextField(_("address"), max_length=500)
    email = models.EmailField(_("e-mail address"))
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    addressee = models.ForeignKey(
        Department,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("addressed to"),
    )
    channel = models.CharField(_("answer"), max_length=10, choices=Channel.choices, default=Channel.EMAIL)
    postal_address = models.TextField(_("postal address for the answer"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("petition")
        verbose_name_plural = _("petitions")

    def __str__(self):
        return f"{self.case} — {self.name}"


def new_token():
    return secrets.token_urlsafe(32)


def token_digest(token):
    """Only the digest of a confirmation token is stored: a leaked table confirms nothing."""
    return hashlib.sha256(token.encode()).hexdigest()


class UnconfirmedFiling(models.Model):
    """A filing by someone without an account, kept until its e-mail address is confirmed (then registered) or it
    expires (`PETITION_CONFIRMATION_DAYS`, then deleted with its files)."""

    token_digest = models.CharField(max_length=64, unique=True)
    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="+")
    data = models.JSONField(default=dict)
    language = models.CharField(max_length=5, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    case = models.OneToOneField(Case, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        verbose_name = _("filing awaiting e-mail confirmation")
        verbose_name_plural = _("filings awaiting e-mail confirmation")

    def __str__(self):
        return f"{self.data.get('email', '')} {self.created_at:%Y-%m-%d %H:%M}"


def attachment_key(instance, filename):
    return f"unconfirmed/{timezone.now():%Y/%m}/{uuid.uuid4().hex}"


class UnconfirmedAttachment(models.Model):
    """A file of an unconfirmed filing, already checked, in private storage under a random key."""

    filing = models.ForeignKey(UnconfirmedFiling, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(storage=private_storage, upload_to=attachment_key, max_length=200)
    original_name = models.CharField(max_length=200)

    def __str__(self):
        return self.original_name


class Answer(models.Model):
    """The answer to a petition or information request: drafted by a clerk (in Romanian, and in Hungarian too when
    the petitioner wrote in Hungarian), approved or returned by the head of department. One per case; a returned
    draft is written over."""

    class State(models.TextChoices):
        SUBMITTED = "submitted", _("awaiting approval")
        RETURNED = "returned", _("returned for changes")
        APPROVED = "approved", _("approved and sent")

    class Outcome(models.TextChoices):
        ANSWERED = "answered", _("answer")
        REJECTED = "rejected", _("reasoned refusal")

    case = models.OneToOneField(Case, on_delete=models.PROTECT, related_name="answer")
    outcome = models.CharField(_("kind of answer"), max_length=20, choices=Outcome.choices, default=Outcome.ANSWERED)
    text = models.TextField(_("answer in Romanian"))
    text_hu = models.TextField(_("answer in Hungarian"), blank=True)
    state = models.CharField(_("state"), max_length=20, choices=State.choices, default=State.SUBMITTED)
    drafted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    drafted_at = models.DateTimeField(default=timezone.now)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    review_comment = models.TextField(_("head's comments"), blank=True)
    document = models.OneToOneField(
        "services.CaseDocument", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")

    def __str__(self):
        return f"{self.case} ({self.get_state_display()})"
