"""The citizen's forms: linking a taxpayer with the tax notice or through a clerk, choosing what to pay."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from portal.identifiers import is_valid_cnp, is_valid_cui
from portal.validators import refuse_format_controls


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
