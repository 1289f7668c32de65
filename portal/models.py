"""People and the institution: the e-mail-only user with the citizen's profile, and institution settings."""

from django.conf import settings
from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting

from .branding import validate_brand_colour
from .i18n import localized
from .identifiers import is_valid_cnp
from .validators import validate_no_format_controls


def validate_cnp(value):
    if value and not is_valid_cnp(value):
        raise ValidationError(_("This is not a valid personal numeric code (CNP)."), code="invalid_cnp")


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email, password, **extra):
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra):
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra)

    def create_superuser(self, email, password=None, **extra):
        extra.update(is_staff=True, is_superuser=True)
        return self._create_user(email, password, **extra)


class User(AbstractUser):
    """A person who signs in with an e-mail address.

    `is_staff` marks an account of the institution's staff (clerk, head, quality manager, editor, administrator):
    such accounts must use two-factor authentication. Citizens are the accounts without it.
    """

    username = None
    email = models.EmailField(_("e-mail address"), unique=True)
    # AbstractUser's name fields, refusing invisible controls: names reach every list, letter and CSV.
    first_name = models.CharField(
        _("first name"), max_length=150, blank=True, validators=[validate_no_format_controls]
    )
    last_name = models.CharField(_("last name"), max_length=150, blank=True, validators=[validate_no_format_controls])
    cnp = models.CharField(
        _("personal numeric code (CNP)"),
        max_length=13,
        blank=True,
        validators=[validate_cnp],
        help_text=_("Optional. 13 digits; it lets us find your local taxes."),
    )
    address = models.CharField(_("address"), max_length=300, blank=True, validators=[validate_no_format_controls])
    phone = models.CharField(_("phone"), max_length=30, blank=True, validators=[validate_no_format_controls])
    preferred_language = models.CharField(
        _("preferred language"), max_length=5, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE
    )

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = []
    objects = UserManager()

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["last_name", "first_name", "email"]

    def __str__(self):
        return self.get_full_name() or self.email

    @property
    def display_name(self):
        return self.get_full_name() or self.email


@register_setting(icon="site")
class InstitutionSettings(BaseGenericSetting):
    """The institution this deployment serves (one per deployment)."""

    name = models.CharField(_("name"), max_length=200, default="Primăria Demo")
    name_hu = models.CharField(_("name (Hungarian)"), max_length=200, blank=True)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    fiscal_code = models.CharField(_("fiscal code (CUI)"), max_length=12, blank=True)
    registration_prefix = models.CharField(
        _("registration number prefix"),
        max_length=12,
        default="GU",
        help_text=_("Case numbers read PREFIX-YEAR-000123."),
    )
    address = models.CharField(_("address"), max_length=300, blank=True)
    email = models.EmailField(_("contact e-mail"), blank=True)
    phone = models.CharField(_("contact phone"), max_length=30, blank=True)
    logo = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("logo"),
    )
    brand_colour = models.CharField(
        _("colour"),
        max_length=7,
        default="#1d3f72",
        validators=[validate_brand_colour],
        help_text=_("The colour of the header and the home page's banner, behind white text."),
    )
    early_payment_bonus_percent = models.DecimalField(
        _("early-payment bonus (%)"), max_digits=4, decimal_places=2, default=10
    )
    late_payment_percent_per_month = models.DecimalField(
        _("late-payment interest per month (%)"), max_digits=4, decimal_places=2, default=1
    )
    draft_retention_days = models.PositiveSmallIntegerField(
        _("unfinished applications are kept for (days)"),
        default=30,
        validators=[MinValueValidator(1), MaxValueValidator(365)],
        help_text=_(
            "An application a citizen started online and did not submit is deleted, with its files, this many days "
            "after it was last changed."
        ),
    )

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("name"),
                FieldPanel("name_hu"),
                FieldPanel("name_en"),
                FieldPanel("fiscal_code"),
                FieldPanel("address"),
                FieldPanel("email"),
                FieldPanel("phone"),
                FieldPanel("logo"),
                FieldPanel("brand_colour"),
            ],
            heading=_("Institution"),
        ),
        FieldPanel("registration_prefix"),
        MultiFieldPanel(
            [FieldPanel("early_payment_bonus_percent"), FieldPanel("late_payment_percent_per_month")],
            heading=_("Local taxes"),
        ),
        FieldPanel("draft_retention_days"),
    ]

    class Meta:
        verbose_name = _("institution")

    def localized_name(self):
        return localized(self, "name")


class NonWorkingDay(models.Model):
    """An extra day off of the institution (a bridge day set by Government decision, a local holiday)."""

    date = models.DateField(_("date"), unique=True)
    reason = models.CharField(_("reason"), max_length=200)
    working = models.BooleanField(
        _("working day instead"),
        default=False,
        help_text=_("Tick for a Saturday made a working day to recover a bridge day."),
    )

    class Meta:
        verbose_name = _("non-working day")
        verbose_name_plural = _("non-working days")
        ordering = ["-date"]

    def __str__(self):
        return f"{self.date:%d.%m.%Y} {self.reason}"
