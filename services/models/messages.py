"""The citizen's inbox: a copy of every e-mail the portal sent to an applicant who has an account."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class MessageQuerySet(models.QuerySet):
    def of_recipient(self, user):
        if not (user and user.is_authenticated):
            return self.none()
        return self.filter(recipient=user)

    def unread(self):
        return self.filter(read_at__isnull=True)


class Message(models.Model):
    """What an e-mail to the applicant said, kept so the citizen can read it again in the portal.

    The e-mail stays the notice; this row is the account's record of it. It is read once the citizen opens their
    inbox or the message itself."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="messages", verbose_name=_("recipient")
    )
    case = models.ForeignKey(
        "services.Case", on_delete=models.CASCADE, related_name="messages", verbose_name=_("case")
    )
    subject = models.CharField(_("subject"), max_length=300)
    body = models.TextField(_("text"))
    sent_at = models.DateTimeField(_("sent at"), default=timezone.now)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)

    objects = MessageQuerySet.as_manager()

    class Meta:
        verbose_name = _("message")
        verbose_name_plural = _("messages")
        ordering = ["-sent_at", "-pk"]
        indexes = [models.Index(fields=["recipient", "read_at"]), models.Index(fields=["recipient", "-sent_at"])]

    def __str__(self):
        return self.subject

    @property
    def is_unread(self):
        return self.read_at is None
