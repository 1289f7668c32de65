"""The quality system's procedures and the catalogue of services they govern."""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable

from portal.i18n import TranslatedFieldsMixin

from ..registry import kind_choices, validate_kind
from .organisation import Department


class DeadlineUnit(models.TextChoices):
    CALENDAR = "calendar", _("calendar days")
    WORKING = "working", _("working days")


def _translated(field, label, **kwargs):
    """The three language variants of a text field, for a translated attribute."""
    make = models.TextField if kwargs.pop("text", False) else models.CharField
    if make is models.CharField:
        kwargs.setdefault("max_length", 255)
    optional = {k: v for k, v in kwargs.items() if k != "blank"}
    return (
        make(label, **kwargs),
        make(format_lazy("{} (HU)", label), blank=True, **optional),
        make(format_lazy("{} (EN)", label), blank=True, **optional),
    )


class KindField(models.CharField):
    """The request kind of a service or case: one of the registered kinds, refused by name otherwise."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_length", 20)
        kwargs["choices"] = kind_choices
        super().__init__(*args, **kwargs)

    def validate(self, value, model_instance):
        validate_kind(value)  # says which kinds are registered, before Django's generic "not a valid choice"
        super().validate(value, model_instance)


class Procedure(TranslatedFieldsMixin, models.Model):
    """A documented procedure of the quality management system (procedură operațională) and its deadline rule."""

    code = models.CharField(_("code"), max_length=30, unique=True, help_text=_("For example PO-DUAT-02."))
    title, title_hu, title_en = _translated("title", _("title"))
    edition = models.PositiveSmallIntegerField(_("edition"), default=1)
    revision = models.PositiveSmallIntegerField(_("revision"), default=0)
    effective_date = models.DateField(_("effective date"))
    owner_department = models.ForeignKey(
        Department, on_delete=models.PROTECT, related_name="procedures", verbose_name=_("owner department")
    )
    legal_basis, legal_basis_hu, legal_basis_en = _translated("legal_basis", _("legal basis"), text=True)
    document = models.ForeignKey(
        "wagtaildocs.Document",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("procedure document (PDF)"),
    )
    deadline_days = models.PositiveSmallIntegerField(_("legal time limit (days)"), validators=[MinValueValidator(1)])
    deadline_unit = models.CharField(
        _("counted in"), max_length=10, choices=DeadlineUnit.choices, default=DeadlineUnit.CALENDAR
    )
    extension_allowed = models.BooleanField(_("extension allowed"), default=False)
    extension_max_days = models.PositiveSmallIntegerField(_("extension of at most (days)"), default=0)
    suspension_allowed = models.BooleanField(_("clock suspended while the applicant completes the file"), default=True)
    suspension_max_days = models.PositiveSmallIntegerField(
        _("longest suspension allowed (calendar days)"),
        null=True,
        blank=True,
        help_text=_(
            "How long the applicant may take to complete the file. A case suspended longer opens a nonconformity; "
            "empty: no limit."
        ),
    )
    reminder_days = models.PositiveSmallIntegerField(
        _("remind the assignee (working days before the due date)"),
        default=3,
        validators=[MaxValueValidator(30)],
    )

    panels = [
        FieldRowPanel(
            [FieldPanel("code"), FieldPanel("edition"), FieldPanel("revision"), FieldPanel("effective_date")]
        ),
        MultiFieldPanel([FieldPanel("title"), FieldPanel("title_hu"), FieldPanel("title_en")], heading=_("Title")),
        FieldPanel("owner_department"),
        MultiFieldPanel(
            [FieldPanel("legal_basis"), FieldPanel("legal_basis_hu"), FieldPanel("legal_basis_en")],
            heading=_("Legal basis"),
        ),
        FieldPanel("document"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("deadline_days"), FieldPanel("deadline_unit")]),
                FieldRowPanel([FieldPanel("extension_allowed"), FieldPanel("extension_max_days")]),
                FieldRowPanel([FieldPanel("suspension_allowed"), FieldPanel("suspension_max_days")]),
                FieldPanel("reminder_days"),
            ],
            heading=_("Deadline rule"),
        ),
    ]

    class Meta:
        verbose_name = _("procedure")
        verbose_name_plural = _("procedures")
        ordering = ["code"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(extension_allowed=False) | models.Q(extension_max_days__gt=0),
                name="procedure_extension_has_days",
            )
        ]

    def __str__(self):
        return f"{self.code} — {self.tr.title}"

    @property
    def edition_label(self):
        return _("edition %(edition)s, revision %(revision)s") % {"edition": self.edition, "revision": self.revision}


class Service(TranslatedFieldsMixin, ClusterableModel):
    """What a citizen finds in the catalogue and applies for online."""

    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    title, title_hu, title_en = _translated("title", _("title"))
    description, description_hu, description_en = _translated("description", _("description"), text=True, blank=True)
    kind = KindField(_("kind"))
    procedure = models.ForeignKey(
        Procedure, on_delete=models.PROTECT, related_name="services", verbose_name=_("procedure")
    )
    fee_bani = models.PositiveIntegerField(_("fee (bani)"), default=0, help_text=_("100 bani = 1 leu."))
    online = models.BooleanField(_("available online"), default=True)
    active = models.BooleanField(_("active"), default=True)

    panels = [
        FieldRowPanel([FieldPanel("slug"), FieldPanel("kind")]),
        MultiFieldPanel([FieldPanel("title"), FieldPanel("title_hu"), FieldPanel("title_en")], heading=_("Title")),
        MultiFieldPanel(
            [FieldPanel("description"), FieldPanel("description_hu"), FieldPanel("description_en")],
            heading=_("Description"),
        ),
        FieldPanel("procedure"),
        FieldRowPanel([FieldPanel("fee_bani"), FieldPanel("online"), FieldPanel("active")]),
        InlinePanel("required_documents", heading=_("Required documents"), label=_("document")),
    ]

    class Meta:
        verbose_name = _("service")
        verbose_name_plural = _("services")
        ordering = ["title"]

    def __str__(self):
        return self.tr.title

    @property
    def department(self):
        return self.procedure.owner_department


def validate_accepted_types(value):
    """A comma-separated list of the file types the portal checks by content: PDF, JPEG, PNG, DOCX, XLSX, ODT."""
    known = {choice.value for choice in RequiredDocument.FileType}
    unknown = [t.strip() for t in value.split(",") if t.strip() and t.strip() not in known]
    if unknown or not value.strip():
        raise ValidationError(
            _("Use these types, separated by commas: %(types)s.") % {"types": ", ".join(sorted(known))},
            code="unknown_type",
        )


class RequiredDocument(TranslatedFieldsMixin, Orderable):
    """A document the applicant attaches to a service's application."""

    class FileType(models.TextChoices):
        PDF = "application/pdf", "PDF"
        JPEG = "image/jpeg", "JPEG"
        PNG = "image/png", "PNG"
        DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "Word (DOCX)"
        XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "Excel (XLSX)"
        ODT = "application/vnd.oasis.opendocument.text", "OpenDocument (ODT)"

    service = ParentalKey(Service, on_delete=models.CASCADE, related_name="required_documents")
    name, name_hu, name_en = _translated("name", _("name"))
    mandatory = models.BooleanField(_("mandatory"), default=True)
    accepted_types = models.CharField(
        _("accepted file types"),
        max_length=255,  # room for every type below
        default="application/pdf",
        help_text=_(
            "MIME types separated by commas: application/pdf, image/jpeg, image/png, "
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document (Word), "
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet (Excel), "
            "application/vnd.oasis.opendocument.text (OpenDocument)."
        ),
        validators=[validate_accepted_types],
    )
    max_size_mb = models.PositiveSmallIntegerField(
        _("maximum size (MB)"), default=10, validators=[MinValueValidator(1), MaxValueValidator(50)]
    )
    max_files = models.PositiveSmallIntegerField(
        _("files at most"),
        default=1,
        validators=[MinValueValidator(1), MaxValueValidator(20)],
        help_text=_("How many files the applicant may attach for this document (for example the pages of a plan)."),
    )
    panels = [
        FieldPanel("name"),
        FieldPanel("name_hu"),
        FieldPanel("name_en"),
        FieldPanel("mandatory"),
        FieldPanel("accepted_types"),
        FieldPanel("max_size_mb"),
        FieldPanel("max_files"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("required document")
        verbose_name_plural = _("required documents")

    def __str__(self):
        return self.tr.name

    @property
    def accepted_type_list(self):
        return [t.strip() for t in self.accepted_types.split(",") if t.strip()]
