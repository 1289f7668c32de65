"""The registry desk's forms: a request registered on someone's behalf, and the register's filters."""

from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from portal.models import validate_cnp
from portal.validators import refuse_format_controls

from ..citizen.forms import MultipleFileField, MultipleFileInput, accept_attribute, file_hint
from ..models import Channel, Department, RegisterEntry, Service

DESK_CHANNELS = [(value, label) for value, label in Channel.choices if value != Channel.ONLINE]


class ServiceChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.tr.title} ({obj.procedure.code})"


class DeskRegistrationForm(forms.Form):
    """Who brought the request, how, what it asks for, and the documents scanned or attached."""

    service = ServiceChoiceField(
        label=_("Service"),
        queryset=Service.objects.none(),
        empty_label=_("Choose the service"),
        error_messages={"required": _("Choose the service the request is for.")},
    )
    channel = forms.ChoiceField(label=_("Received"), choices=DESK_CHANNELS, initial=Channel.DESK)
    account = forms.CharField(
        label=_("Account of the applicant (e-mail or CNP)"),
        required=False,
        max_length=254,
        help_text=_("If the person has an account on the portal, the case appears in their “My cases”."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )
    name = forms.CharField(
        label=_("Name of the applicant"),
        required=False,
        max_length=200,
        help_text=_("Required when the person has no account."),
    )
    address = forms.CharField(label=_("Address"), required=False, max_length=300)
    email = forms.EmailField(
        label=_("E-mail address"),
        required=False,
        help_text=_("The receipt and every answer are sent here."),
    )
    phone = forms.CharField(label=_("Phone"), required=False, max_length=30)
    cnp = forms.CharField(
        label=_("CNP"),
        required=False,
        max_length=13,
        validators=[validate_cnp],
        widget=forms.TextInput(attrs={"inputmode": "numeric", "class": "govuk-input--width-10"}),
    )
    language = forms.ChoiceField(label=_("Language of the answers"), choices=settings.LANGUAGES, initial="ro")
    subject = forms.CharField(
        label=_("Subject"), max_length=300, error_messages={"required": _("Enter the subject of the request.")}
    )
    details = forms.CharField(label=_("Details"), required=False, widget=forms.Textarea(attrs={"rows": 4}))
    documents = MultipleFileField(
        label=_("Documents (scanned or attached)"),
        required=False,
        allow_empty_file=True,  # the upload check refuses it, naming the file
        widget=MultipleFileInput(attrs={"accept": accept_attribute(None)}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["documents"].help_text = file_hint(None)  # in the reader's language
        refuse_format_controls(self)
        self.fields["service"].queryset = (
            Service.objects.filter(active=True).select_related("procedure").order_by("title")
        )

    def clean_account(self):
        value = self.cleaned_data["account"].strip()
        if not value:
            return None
        users = get_user_model().objects.filter(is_active=True)
        found = list(users.filter(Q(email__iexact=value) | Q(cnp=value))[:2])
        if len(found) != 1:
            raise ValidationError(
                _("No account has this e-mail address or CNP. Leave it empty and fill in the person's details."),
                code="no_account",
            )
        return found[0]

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("account") and not (cleaned.get("name") or "").strip():
            self.add_error("name", ValidationError(_("Enter the applicant's name."), code="name"))
        return cleaned

    def uploads(self):
        return {f"documents#{n}": (upload, None) for n, upload in enumerate(self.cleaned_data.get("documents") or [])}


class RegisterFilterForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), required=False, min_value=2000, max_value=2100)
    direction = forms.ChoiceField(
        label=_("Direction"), required=False, choices=[("", _("All"))] + list(RegisterEntry.Direction.choices)
    )
    channel = forms.ChoiceField(label=_("Channel"), required=False, choices=[("", _("All"))] + list(Channel.choices))
    department = forms.ModelChoiceField(
        label=_("Department"), required=False, queryset=Department.objects.all(), empty_label=_("All")
    )
    q = forms.CharField(label=_("Number, sender or addressee, summary"), required=False, max_length=100)


class DistributeForm(forms.Form):
    department = forms.ModelChoiceField(
        label=_("Responsible department"),
        queryset=Department.objects.all(),
        empty_label=_("Choose the department"),
        error_messages={"required": _("Choose the department that answers.")},
    )
    copies = forms.ModelMultipleChoiceField(
        label=_("Copies for information (optional)"),
        queryset=Department.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    note = forms.CharField(
        label=_("Note for the department (optional)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class PostForm(forms.Form):
    entries = forms.ModelMultipleChoiceField(
        label=_("Letters"),
        queryset=RegisterEntry.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one letter.")},
    )

    def __init__(self, *args, queryset, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["entries"].queryset = queryset
        self.fields["entries"].label_from_instance = lambda e: f"{e.number} — {e.correspondent}"
