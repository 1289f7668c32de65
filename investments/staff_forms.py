"""Forms of the investments' back office: the investment itself, a stage, a funding source, a contract and its
addenda, a ledger entry, a quarter's physical progress, and the reason for a rejection. Each form only reads what
was typed; `investments.workflow` checks the rules and makes the change."""

from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from portal.fields import LeiField
from services.models import Department
from services.permissions import department_ids

from .models import Amendment, FundingSource, Investment, LedgerEntry, Stage
from .workflow import INVESTMENT_FIELDS

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
AMOUNT_ATTRS = {"inputmode": "decimal", "class": "govuk-input--width-10", "spellcheck": "false"}


def _person_label(user):
    return user.display_name


def _amount(label, *, required=True, help_text=""):
    return LeiField(label=label, required=required, help_text=help_text, widget=forms.TextInput(attrs=AMOUNT_ATTRS))


class SignedLeiField(LeiField):
    """An amount in lei that may be lowered: `-1.500,00` is minus 1,500 lei (an addendum that cuts the value)."""

    default_error_messages = {"invalid": _("Enter an amount in lei, such as 12,50 or -12,50 for a decrease.")}

    def to_python(self, value):
        text = str(value or "").strip()
        negative = text.startswith(("-", "\N{MINUS SIGN}"))
        amount = super().to_python(text[1:] if negative else text)
        return -amount if negative and amount is not None else amount


class InvestmentForm(forms.ModelForm):
    """What the investment is, whose it is and where: every field but its publication, which editors decide."""

    class Meta:
        model = Investment
        fields = INVESTMENT_FIELDS
        widgets = {
            "description": forms.Textarea(attrs={"rows": 4}),
            "description_hu": forms.Textarea(attrs={"rows": 4}),
            "description_en": forms.Textarea(attrs={"rows": 4}),
            "council_decision_date": DATE_WIDGET,
            "planned_start": DATE_WIDGET,
            "planned_end": DATE_WIDGET,
        }
        help_texts = {
            "latitude": _("Decimal degrees, such as 46.542100. Give both coordinates of the map point, or neither."),
            "longitude": _("Decimal degrees, such as 24.557800."),
            "parent": _("For a sub-object: the investment it is part of."),
        }

    def __init__(self, *args, user, visible, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["department"].queryset = Department.objects.filter(pk__in=department_ids(user)).order_by("name")
        self.fields["responsible"].queryset = (
            get_user_model().objects.filter(is_staff=True, is_active=True).order_by("last_name", "first_name", "email")
        )
        self.fields["responsible"].label_from_instance = _person_label
        parents = visible.order_by("code")
        if self.instance.pk:
            # Neither itself nor one of its own sub-objects can contain it.
            parents = parents.exclude(pk=self.instance.pk).exclude(parent=self.instance.pk)
        self.fields["parent"].queryset = parents

    def clean(self):
        data = super().clean()
        latitude, longitude = data.get("latitude"), data.get("longitude")
        if (
            (latitude is None) != (longitude is None)
            and "latitude" not in self.errors
            and "longitude" not in self.errors
        ):
            self.add_error(
                "longitude" if longitude is None else "latitude",
                _("Give both the latitude and the longitude of the map point, or neither."),
            )
        return data

    def workflow_fields(self):
        return {name: self.cleaned_data[name] for name in INVESTMENT_FIELDS}


class StageForm(forms.Form):
    planned_date = forms.DateField(label=_("Planned date"), required=False, widget=DATE_WIDGET)
    actual_date = forms.DateField(
        label=_("Actual date"),
        required=False,
        widget=DATE_WIDGET,
        help_text=_("A stage is done only with its actual date and the document that proves it."),
    )
    evidence = forms.FileField(
        label=_("Evidence document"),
        required=False,
        help_text=_("PDF, JPEG, PNG, DOCX, XLSX or ODT, at most 20 MB."),
    )
    note = forms.CharField(label=_("Note"), required=False, max_length=300)

    def __init__(self, *args, stage=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.stage = stage
        if stage is not None and not self.is_bound:
            self.initial = {"planned_date": stage.planned_date, "actual_date": stage.actual_date, "note": stage.note}
        if stage is not None and stage.evidence:
            self.fields["evidence"].help_text = _("Already stored: %(name)s. Choose a file only to replace it.") % {
                "name": stage.evidence_name
            }

    def ask_to_choose_the_file_again(self):
        """A browser never sends a file back: when the form returns with errors, the chosen file is gone."""
        if self.files.get("evidence") and not self.has_error("evidence"):
            self.add_error(
                "evidence",
                _("The form had errors, so the file you chose was not kept: choose the evidence document again."),
            )

    def workflow_fields(self):
        data = self.cleaned_data
        fields = {"planned_date": data["planned_date"], "actual_date": data["actual_date"], "note": data["note"]}
        if data.get("evidence"):
            fields["evidence"] = data["evidence"]
        return fields


class FundingSourceForm(forms.Form):
    kind = forms.ChoiceField(label=_("Funding source"), choices=FundingSource.Kind.choices)
    programme = forms.CharField(
        label=_("Programme"), required=False, max_length=200, help_text=_("e.g. PNDL II, PR Centru")
    )
    approved = _amount(_("Approved amount (lei)"))
    cofinancing_rate = forms.DecimalField(
        label=_("Co-financing rate (%)"),
        min_value=0,
        max_value=100,
        max_digits=5,
        decimal_places=2,
        initial=0,
        help_text=_("The share the institution pays from its own budget; the rest is reimbursed."),
        widget=forms.NumberInput(attrs={"class": "govuk-input--width-5", "step": "0.01"}),
    )

    def workflow_fields(self):
        data = self.cleaned_data
        return {
            "kind": data["kind"],
            "programme": data["programme"],
            "approved_bani": data["approved"],
            "cofinancing_rate": data["cofinancing_rate"],
        }


class ContractForm(forms.Form):
    number = forms.CharField(label=_("Contract number"), max_length=50)
    procurement_reference = forms.CharField(
        label=_("Procurement reference (SEAP/SICAP)"), required=False, max_length=50, help_text=_("e.g. CN1071234")
    )
    subject = forms.CharField(label=_("Subject"), max_length=300)
    contractor_name = forms.CharField(label=_("Contractor"), max_length=200)
    contractor_cui = forms.CharField(
        label=_("Contractor's fiscal code (CUI)"),
        max_length=14,
        help_text=_("With or without RO, such as RO14186770."),
        widget=forms.TextInput(attrs={"class": "govuk-input--width-10", "spellcheck": "false"}),
    )
    value = _amount(_("Value without VAT (lei)"))
    vat = _amount(_("VAT (lei)"))
    signed_on = forms.DateField(label=_("Signed on"), widget=DATE_WIDGET)
    starts_on = forms.DateField(label=_("Starts on"), widget=DATE_WIDGET)
    duration_days = forms.IntegerField(
        label=_("Duration (days)"), min_value=1, widget=forms.NumberInput(attrs={"class": "govuk-input--width-5"})
    )

    def workflow_fields(self):
        data = dict(self.cleaned_data)
        data["value_bani"] = data.pop("value")
        data["vat_bani"] = data.pop("vat")
        return data


class AmendmentForm(forms.Form):
    number = forms.CharField(label=_("Addendum number"), max_length=50)
    signed_on = forms.DateField(label=_("Signed on"), widget=DATE_WIDGET)
    kind = forms.ChoiceField(label=_("Type"), choices=Amendment.Kind.choices, widget=forms.RadioSelect)
    description = forms.CharField(label=_("What changes and why"), widget=forms.Textarea(attrs={"rows": 3}))
    value_change = SignedLeiField(
        label=_("Change of value without VAT (lei)"),
        required=False,
        help_text=_("A minus sign for a decrease, such as -1.500,00."),
        widget=forms.TextInput(attrs=AMOUNT_ATTRS),
    )
    vat_change = SignedLeiField(
        label=_("Change of VAT (lei)"), required=False, widget=forms.TextInput(attrs=AMOUNT_ATTRS)
    )
    duration_change_days = forms.IntegerField(
        label=_("Change of duration (days)"),
        required=False,
        help_text=_("A minus sign for a shorter duration."),
        widget=forms.NumberInput(attrs={"class": "govuk-input--width-5"}),
    )

    def workflow_fields(self):
        data = self.cleaned_data
        return {
            "number": data["number"],
            "signed_on": data["signed_on"],
            "kind": data["kind"],
            "description": data["description"],
            "value_change_bani": data["value_change"] or 0,
            "vat_change_bani": data["vat_change"] or 0,
            "duration_change_days": data["duration_change_days"] or 0,
        }


class LedgerEntryForm(forms.Form):
    kind = forms.ChoiceField(label=_("Movement"), choices=LedgerEntry.Kind.choices, widget=forms.RadioSelect)
    amount = _amount(_("Amount (lei)"))
    on_date = forms.DateField(label=_("Date"), widget=DATE_WIDGET)
    document = forms.CharField(
        label=_("Document"), max_length=100, help_text=_("invoice, payment order or reimbursement claim number")
    )
    contract = forms.ModelChoiceField(label=_("Contract"), queryset=None, required=False, empty_label="—")
    funding_source = forms.ModelChoiceField(
        label=_("Funding source"),
        queryset=None,
        required=False,
        empty_label="—",
        help_text=_("For a payment: the source it is paid from decides the share that is reimbursed."),
    )
    note = forms.CharField(label=_("Note"), required=False, max_length=300)

    def __init__(self, *args, investment, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["contract"].queryset = investment.contracts.order_by("signed_on", "pk")
        self.fields["funding_source"].queryset = investment.funding_sources.order_by("pk")

    def workflow_fields(self):
        data = dict(self.cleaned_data)
        data["amount_bani"] = data.pop("amount")
        return data


class ProgressReportForm(forms.Form):
    year = forms.IntegerField(
        label=_("Year"),
        min_value=2000,
        max_value=2100,
        widget=forms.NumberInput(attrs={"class": "govuk-input--width-4"}),
    )
    quarter = forms.TypedChoiceField(
        label=_("Quarter"), coerce=int, choices=[(q, str(q)) for q in range(1, 5)], widget=forms.RadioSelect
    )
    percent = forms.IntegerField(
        label=_("Physical progress (%)"),
        min_value=0,
        max_value=100,
        help_text=_("What stands on the site at the end of the quarter, as the site supervisor reports it."),
        widget=forms.NumberInput(attrs={"class": "govuk-input--width-3"}),
    )
    note = forms.CharField(label=_("Note"), required=False, max_length=300)

    def workflow_fields(self):
        return dict(self.cleaned_data)


class RejectForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for the rejection"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": _("Give the reason for the rejection: the clerk reads it.")},
    )


def stage_kind_or_none(kind):
    return kind if kind in Stage.Kind.values else None


# The workflow's keyword → the form's field, where they differ.
FIELD_NAMES = {"amount_bani": "amount", "approved_bani": "approved", "value_bani": "value", "vat_bani": "vat"}
FIELD_NAMES |= {"value_change_bani": "value_change", "vat_change_bani": "vat_change", "rejection_reason": "reason"}


def errors_into(form, error):
    """Put a refusal of the workflow on the form: by field where the form has that field, above it otherwise."""
    if isinstance(error, ValidationError) and hasattr(error, "error_dict"):
        for field, errors in error.message_dict.items():
            field = FIELD_NAMES.get(field, field)
            form.add_error(field if field in form.fields else None, errors)
    elif isinstance(error, ValidationError):
        form.add_error(None, error.messages)
    else:
        form.add_error(None, str(error) or _("You may not take this step."))
