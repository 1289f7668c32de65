"""Forms of the procedures' back office: the register's filters and one form per step of a version's life."""

from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.forms_renderer import FilterBoundField
from services.documents import check_upload
from services.models import Department, RequiredDocument

from .models import Component, ProcedureVersion, Purpose, Review
from .selectors import REVIEW_OVERDUE

# What the uploads must be: the procedure as PDF; its editable source as a word-processor file (or PDF).
PDF_ONLY = RequiredDocument(name="PDF", accepted_types="application/pdf", max_size_mb=20)
SOURCE_TYPES = RequiredDocument(
    name="source",
    accepted_types=",".join(
        [
            "application/pdf",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            "application/vnd.oasis.opendocument.text",
        ]
    ),
    max_size_mb=20,
)


class RegisterFilterForm(forms.Form):
    """The register's filters, sent with GET: they work without JavaScript and can be bookmarked."""

    bound_field_class = FilterBoundField

    department = forms.ModelChoiceField(
        label=_("Department"), queryset=Department.objects.none(), required=False, empty_label=_("All departments")
    )
    status = forms.ChoiceField(label=_("Status"), required=False)

    def __init__(self, *args, departments, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["department"].queryset = departments
        self.fields["status"].choices = [
            ("", _("Any status")),
            (REVIEW_OVERDUE, _("Review overdue")),
            (_("Has a version"), ProcedureVersion.Status.choices),
        ]

    def filters(self):
        """The valid filters; an invalid one is ignored rather than emptying the register."""
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return {"department": data.get("department"), "status": data.get("status") or ""}


def _checked(upload, requirement):
    if upload:
        check_upload(upload, requirement)
    return upload


class FunctionForm(forms.Form):
    """Every step is signed off with the person's function (e.g. "Șef serviciu"), pre-filled from their last."""

    function = forms.CharField(
        label=_("Your function"), max_length=200, help_text=_("As it appears on the procedure's cover.")
    )


class StartVersionForm(FunctionForm):
    component = forms.ChoiceField(label=_("Component changed"), choices=Component.choices)
    change_summary = forms.CharField(
        label=_("What changed and how"), widget=forms.Textarea(attrs={"rows": 3}), max_length=4000
    )
    document = forms.FileField(label=_("The procedure (PDF)"))
    source = forms.FileField(label=_("Editable source"), required=False, help_text=_("DOCX, ODT or PDF."))
    new_edition = forms.BooleanField(
        label=_("New edition"), required=False, help_text=_("Otherwise the next revision of the current edition.")
    )

    field_order = ["component", "change_summary", "document", "source", "new_edition", "function"]

    def clean_document(self):
        return _checked(self.cleaned_data.get("document"), PDF_ONLY)

    def clean_source(self):
        return _checked(self.cleaned_data.get("source"), SOURCE_TYPES)


class SubmitForm(forms.Form):
    """Sending the draft for verification needs no more than the button."""


class VerifyForm(FunctionForm):
    comment = forms.CharField(label=_("Comment"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class ApproveForm(FunctionForm):
    effective_date = forms.DateField(
        label=_("Effective date"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("Today or later: the version takes effect on this day."),
    )
    comment = forms.CharField(label=_("Comment"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["effective_date"].initial = timezone.localdate()


class ReturnForm(FunctionForm):
    comment = forms.CharField(
        label=_("What must change"), widget=forms.Textarea(attrs={"rows": 3}), help_text=_("The drafter reads it.")
    )


class WithdrawForm(FunctionForm):
    reason = forms.CharField(label=_("Reason for the withdrawal"), widget=forms.Textarea(attrs={"rows": 3}))


class ReviewForm(forms.Form):
    """The periodic review of the version in force: its outcome and what the reviewer found."""

    outcome = forms.ChoiceField(label=_("Outcome"), choices=Review.Outcome.choices, widget=forms.RadioSelect)
    notes = forms.CharField(label=_("Notes"), widget=forms.Textarea(attrs={"rows": 3}), required=False)


class DistributionForm(forms.Form):
    """A line of the distribution list: exactly one of a department, a role or a person, with its purpose."""

    department = forms.ModelChoiceField(
        label=_("Department"), queryset=Department.objects.all(), required=False, empty_label="—"
    )
    group = forms.ModelChoiceField(label=_("Role"), queryset=Group.objects.order_by("name"), required=False)
    person = forms.ModelChoiceField(
        label=_("Person"),
        queryset=get_user_model().objects.filter(is_staff=True, is_active=True).order_by("last_name", "first_name"),
        required=False,
        empty_label="—",
    )
    purpose = forms.ChoiceField(label=_("Purpose"), choices=Purpose.choices, initial=Purpose.APPLY)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["group"].empty_label = "—"
        self.fields["person"].label_from_instance = lambda user: user.get_full_name() or user.email

    def clean(self):
        data = super().clean()
        chosen = [name for name in ("department", "group", "person") if data.get(name)]
        if len(chosen) != 1:
            raise ValidationError(_("Choose one department, one role or one person for each line."))
        return data


# The steps a version's page offers, in the order of its life: (slug, form class, label).
ACTION_FORMS = {
    "submit": SubmitForm,
    "verify": VerifyForm,
    "approve": ApproveForm,
    "return": ReturnForm,
    "withdraw": WithdrawForm,
    "distribute": DistributionForm,
    "review": ReviewForm,
}
