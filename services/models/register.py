"""The general register of incoming and outgoing documents (registrul general de intrări-ieșiri).

Every request registered — online or at the desk — is an incoming entry under the case's own number; every answer or
decision sent from a case is an outgoing entry with a number of its own, naming the incoming number it answers. All
numbers come from one counter per year (`RegistrationCounter`), taken under a row lock inside the transaction that
writes the entry, so the register has no gaps: a rolled-back registration gives its number back."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .cases import Case, CaseDocument, Channel
from .organisation import Department


class RegisterEntry(models.Model):
    class Direction(models.TextChoices):
        INCOMING = "in", _("incoming")
        OUTGOING = "out", _("outgoing")

    year = models.PositiveSmallIntegerField(_("year"))
    sequence = models.PositiveIntegerField(_("number in the year"))
    number = models.CharField(_("registration number"), max_length=32, unique=True)
    direction = models.CharField(_("direction"), max_length=3, choices=Direction.choices)
    at = models.DateTimeField(_("registered at"))
    channel = models.CharField(_("channel"), max_length=10, choices=Channel.choices)
    correspondent = models.CharField(_("sender or addressee"), max_length=200)
    address = models.CharField(_("address"), max_length=300, blank=True)
    summary = models.CharField(_("summary"), max_length=300)
    department = models.ForeignKey(
        Department, on_delete=models.PROTECT, related_name="register_entries", verbose_name=_("department")
    )
    case = models.ForeignKey(
        Case, null=True, blank=True, on_delete=models.PROTECT, related_name="register_entries", verbose_name=_("case")
    )
    answers = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="answered_by",
        verbose_name=_("answers incoming number"),
    )
    document = models.ForeignKey(CaseDocument, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    sent_on = models.DateField(_("sent on"), null=True, blank=True)

    class Meta:
        verbose_name = _("register entry")
        verbose_name_plural = _("register entries")
        ordering = ["year", "sequence"]
        constraints = [models.UniqueConstraint(fields=["year", "sequence"], name="one_entry_per_number")]
        indexes = [models.Index(fields=["year", "direction", "sequence"], name="register_year_direction")]

    def __str__(self):
        return f"{self.number} ({self.get_direction_display()})"


class Distribution(models.Model):
    """A department a case was distributed to by the registry for information, besides the responsible department
    (the case's own `department`, whose queue holds it)."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="copies")
    department = models.ForeignKey(Department, on_delete=models.PROTECT, related_name="+")
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField()

    class Meta:
        verbose_name = _("copy for information")
        verbose_name_plural = _("copies for information")
        constraints = [models.UniqueConstraint(fields=["case", "department"], name="one_copy_per_department")]

    def __str__(self):
        return f"{self.case} → {self.department}"
