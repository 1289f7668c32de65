"""Account forms: the citizen's name at sign-up and the profile page."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import User
from .validators import validate_no_format_controls


class SignupForm(forms.Form):
    """Extra fields of allauth's sign-up form (ACCOUNT_SIGNUP_FORM_CLASS)."""

    first_name = forms.CharField(
        label=_("First name"),
        max_length=150,
        validators=[validate_no_format_controls],
        widget=forms.TextInput(attrs={"autocomplete": "given-name"}),
    )
    last_name = forms.CharField(
        label=_("Last name"),
        max_length=150,
        validators=[validate_no_format_controls],
        widget=forms.TextInput(attrs={"autocomplete": "family-name"}),
    )

    def signup(self, request, user):
        user.first_name = self.cleaned_data["first_name"]
        user.last_name = self.cleaned_data["last_name"]
        user.save(update_fields=["first_name", "last_name"])


class ProfileForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ["first_name", "last_name", "cnp", "address", "phone", "preferred_language"]
        widgets = {
            "first_name": forms.TextInput(attrs={"autocomplete": "given-name"}),
            "last_name": forms.TextInput(attrs={"autocomplete": "family-name"}),
            "cnp": forms.TextInput(
                attrs={
                    "inputmode": "numeric",
                    "autocomplete": "off",
                    "spellcheck": "false",
                    "class": "govuk-input--width-20",
                }
            ),
            "address": forms.TextInput(attrs={"autocomplete": "street-address"}),
            "phone": forms.TextInput(attrs={"autocomplete": "tel", "type": "tel", "class": "govuk-input--width-20"}),
        }
        labels = {"first_name": _("First name"), "last_name": _("Last name")}
        help_texts = {"cnp": _("13 digits, as on your identity card. It lets us find your local taxes.")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Optional on the account (staff may be created without them), but a citizen's requests need a name.
        self.fields["first_name"].required = True
        self.fields["last_name"].required = True

    def clean_cnp(self):
        return self.cleaned_data["cnp"].strip()
