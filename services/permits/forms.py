"""The permit application: the property, the purpose, and one upload slot per document the service requires."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from portal.validators import refuse_format_controls
from services.backoffice.forms import CaseActionForm
from services.citizen.forms import accept_attribute, file_hint

from . import identifiers


class DetailsForm(forms.Form):
    """The first step: the property and what the applicant intends to do."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        refuse_format_controls(self)

    subject = forms.CharField(
        label=_("Subject of the application"),
        max_length=300,
        help_text=_("For example: building a P+1 house."),
        error_messages={"required": _("Enter the subject of the application.")},
    )
    property_address = forms.CharField(
        label=_("Address of the property"),
        max_length=300,
        error_messages={"required": _("Enter the address of the property.")},
    )
    cadastral_number = forms.CharField(
        label=_("Cadastral number"),
        max_length=30,
        help_text=_("As in the land-book extract, for example 50123 or 50123-C1."),
        widget=forms.TextInput(attrs={"class": "govuk-input--width-10", "spellcheck": "false"}),
        error_messages={"required": _("Enter the cadastral number.")},
    )
    land_book_number = forms.CharField(
        label=_("Land-book number"),
        max_length=30,
        widget=forms.TextInput(attrs={"class": "govuk-input--width-10", "inputmode": "numeric"}),
        error_messages={"required": _("Enter the land-book number.")},
    )
    purpose = forms.CharField(
        label=_("What you intend to do"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("Describe what you intend to do.")},
    )

    def clean_cadastral_number(self):
        value = identifiers.normalise(self.cleaned_data["cadastral_number"])
        if not identifiers.is_cadastral_number(value):
            raise ValidationError(
                _("A cadastral number is made of digits, with the building or unit after it: 50123, 50123-C1."),
                code="cadastral",
            )
        return value

    def clean_land_book_number(self):
        value = identifiers.normalise(self.cleaned_data["land_book_number"])
        if not identifiers.is_land_book_number(value):
            raise ValidationError(_("A land-book number is made of digits, for example 50123."), code="land_book")
        return value


# The slots' inputs belong to the upload form by this id, so each uploaded file can have its own "remove" form
# beside it (forms cannot nest) and everything works without JavaScript.
FORM_ID = "documents-form"


class MultipleFileInput(forms.FileInput):
    allow_multiple_selected = True


class DocumentsForm(forms.Form):
    """One upload slot per document the service asks for; several files at once where the slot takes several.

    The files are not validated by the form: each is checked on its own as it is added to the draft, so one refused
    file leaves the others. The form carries the slots' labels, hints and the errors of refused files."""

    def __init__(self, *args, requirements=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.requirements = {f"document_{r.pk}": r for r in requirements}
        for name, requirement in self.requirements.items():
            several = requirement.max_files > 1
            hint = file_hint(requirement)
            if several:
                hint = format_html(
                    "{} {}",
                    hint,
                    ngettext("Up to %(count)s file.", "Up to %(count)s files.", requirement.max_files)
                    % {"count": requirement.max_files},
                )
            self.fields[name] = forms.FileField(
                label=requirement.tr.name,
                required=False,
                help_text=hint,
                widget=(MultipleFileInput if several else forms.FileInput)(
                    attrs={"accept": accept_attribute(requirement), "form": FORM_ID}
                ),
            )

    def slot(self, requirement):
        return self[f"document_{requirement.pk}"]


class ReviewForm(CaseActionForm):
    """A verdict and a reason for each document the service requires, and whether to ask for the completion now."""

    request_completion = forms.BooleanField(
        label=_("Ask the applicant now for the missing or invalid documents (the time limit is suspended)"),
        required=False,
    )

    def __init__(self, *args, **kwargs):
        from .models import DocumentReview

        super().__init__(*args, **kwargs)
        self.requirements = list(self.case.service.required_documents.all())
        previous = {r.requirement_id: r for r in DocumentReview.objects.filter(case=self.case)}
        for requirement in self.requirements:
            before = previous.get(requirement.pk)
            self.fields[f"verdict_{requirement.pk}"] = forms.ChoiceField(
                label=requirement.tr.name,
                choices=DocumentReview.Verdict.choices,
                initial=before.verdict if before else DocumentReview.Verdict.ACCEPTED,
            )
            self.fields[f"reason_{requirement.pk}"] = forms.CharField(
                label=_("Reason (for “%(name)s”)") % {"name": requirement.tr.name},
                required=False,
                max_length=500,
                initial=before.reason if before else "",
            )
        self.order_fields([name for name in self.fields if name != "request_completion"] + ["request_completion"])

    def clean(self):
        cleaned = super().clean()
        cleaned["verdicts"] = {
            r: (cleaned.get(f"verdict_{r.pk}"), cleaned.get(f"reason_{r.pk}", "")) for r in self.requirements
        }
        return cleaned


class DecideForm(CaseActionForm):
    """Issue the permit (an uploaded PDF, or one generated from the text) or refuse it with reasons."""

    outcome = forms.ChoiceField(
        label=_("Decision"),
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose whether the permit is issued or refused.")},
    )
    text = forms.CharField(
        label=_("Text of the issued document"),
        help_text=_("The object and the conditions; the document is generated from the service's template."),
        required=False,
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    reasons = forms.CharField(
        label=_("Reasons for the refusal"),
        help_text=_("Required for a refusal; the applicant reads them."),
        required=False,
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    document = forms.FileField(
        label=_("Or upload the issued document (PDF)"),
        help_text=_("Signed and scanned, or exported from another system. It replaces the generated document."),
        required=False,
        allow_empty_file=True,  # the upload check refuses it, naming the file
        widget=forms.FileInput(attrs={"accept": "application/pdf,.pdf"}),
    )

    def __init__(self, *args, **kwargs):
        from services import workflow

        from .models import Decision

        super().__init__(*args, **kwargs)
        allowed = workflow.targets(self.case, "decide", self.roles)
        self.fields["outcome"].choices = [(v, label) for v, label in Decision.Outcome.choices if v in allowed]
