"""The citizen's forms: linking a taxpayer with the tax notice or through a clerk, choosing what to pay."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy
from django.utils.translation import gettext_lazy as _

from portal.fields import LeiField  # noqa: F401 (the payments forms use it by this name)
from portal.forms_renderer import GovUKBoundField
from portal.identifiers import is_valid_cnp, is_valid_cui
from portal.validators import refuse_format_controls

from .models import Payment
from .selectors import SORT_ASC, SORT_DESC, SORTS


def clean_identifier(value):
    value = "".join(str(value).split()).upper()
    bare = value[2:] if value.startswith("RO") else value
    if not (is_valid_cnp(bare) or is_valid_cui(bare)):
        raise ValidationError(
            _("This is neither a valid personal numeric code (CNP) nor a valid company tax id (CUI)."),
            code="invalid_identifier",
        )
    return bare


class IdentifierField(forms.CharField):
    def __init__(self, **kwargs):
        super().__init__(
            label=_("CNP or CUI"),
            max_length=20,
            help_text=_("The personal numeric code of a person, or the tax id of a company, as on the tax notice."),
            error_messages={"required": _("Enter the CNP or the CUI.")},
            widget=forms.TextInput(
                attrs={"class": "govuk-input--width-20", "inputmode": "numeric", "spellcheck": "false"}
            ),
            **kwargs,
        )

    def clean(self, value):
        return clean_identifier(super().clean(value))


def role_number_field():
    return forms.CharField(
        label=_("Role number"),
        max_length=30,
        help_text=_("The taxpayer's role number (rol fiscal), printed on the tax notice."),
        error_messages={"required": _("Enter the role number.")},
        widget=forms.TextInput(attrs={"class": "govuk-input--width-20", "spellcheck": "false"}),
    )


class NoticeLinkForm(forms.Form):
    identifier = IdentifierField()
    role_number = role_number_field()
    access_code = forms.CharField(
        label=_("Access code"),
        max_length=40,
        help_text=_("Printed on the tax notice, next to the role number."),
        error_messages={"required": _("Enter the access code from the tax notice.")},
        widget=forms.TextInput(attrs={"class": "govuk-input--width-20", "autocomplete": "off", "spellcheck": "false"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        refuse_format_controls(self)


class ClerkLinkForm(forms.Form):
    identifier = IdentifierField()
    role_number = role_number_field()
    note = forms.CharField(
        label=_("Who you are to this taxpayer"),
        max_length=1000,
        help_text=_(
            "For example: the taxpayer yourself, without the tax notice at hand, or the administrator of the company. "
            "A clerk of the tax department checks and decides; you may be asked for a document."
        ),
        error_messages={"required": _("Tell the clerk who you are to this taxpayer.")},
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        refuse_format_controls(self)


class ChooseForm(forms.Form):
    """The obligations chosen for payment, by their public tokens, among those the page offered."""

    obligation = forms.MultipleChoiceField(
        label=_("Amounts to pay"),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one amount to pay.")},
    )

    def __init__(self, *args, choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["obligation"].choices = choices


class FilterBoundField(GovUKBoundField):
    """Every filter is optional, so no label says "(optional)"."""

    govuk_optional = False


class PaymentFilterForm(forms.Form):
    """The queue's filters, sent with GET so they work without JavaScript and can be bookmarked."""

    bound_field_class = FilterBoundField

    status = forms.ChoiceField(label=gettext_lazy("Status"), required=False)
    date_from = forms.DateField(
        label=gettext_lazy("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    date_to = forms.DateField(label=gettext_lazy("To"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    q = forms.CharField(label=gettext_lazy("Payer, role number or receipt number"), required=False, max_length=100)
    sort = forms.ChoiceField(choices=[(key, key) for key in SORTS], required=False, widget=forms.HiddenInput)
    dir = forms.ChoiceField(
        choices=[(SORT_ASC, SORT_ASC), (SORT_DESC, SORT_DESC)], required=False, widget=forms.HiddenInput
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = [("", _("Any status")), *Payment.Status.choices]

    def filters(self):
        """The valid filters; an invalid one is ignored rather than emptying the queue."""
        self.is_valid()
        return {name: value for name, value in self.cleaned_data.items() if value}


class RefundForm(forms.Form):
    amount = LeiField(
        label=gettext_lazy("Amount to refund (lei)"),
        help_text=gettext_lazy("For example, 12,50."),
        error_messages={"required": gettext_lazy("Enter the amount to refund.")},
        widget=forms.TextInput(attrs={"inputmode": "decimal", "maxlength": 20, "class": "govuk-input--width-10"}),
    )
    reason = forms.CharField(
        label=gettext_lazy("Reason"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": gettext_lazy("Give the reason for the refund.")},
    )

    def clean_amount(self):
        amount = self.cleaned_data["amount"]
        if amount is not None and amount <= 0:
            raise ValidationError(_("Enter an amount greater than zero."), code="amount")
        return amount
