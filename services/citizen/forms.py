"""The citizen's forms: completing a file, withdrawing a request, and the public status lookup."""

from django import forms
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.html import escape
from django.utils.translation import gettext_lazy as _

from portal.models import InstitutionSettings

from .. import calendar, documents


def file_hint(requirement):
    # Plain text, escaped here: hints are rendered as trusted markup, and the types come from the catalogue's admin.
    return escape(
        _("%(types)s, at most %(size)s.")
        % {
            "types": documents.type_labels(documents.accepted_types(requirement)),
            "size": filesizeformat(documents.size_limit(requirement)),
        }
    )


def accept_attribute(requirement):
    types = documents.accepted_types(requirement)
    return ",".join([*types, *(ext for t in types for ext in documents.extensions_for(t))])


class MultipleFileInput(forms.FileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """A file field that takes several files at once (Django's documented pattern); cleans to a list."""

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(item, initial) for item in data if item]
        return [single(data, initial)] if data else []


class CompletionForm(forms.Form):
    """One file input per required document of the service and one for any other document, plus a message."""

    note = forms.CharField(
        label=_("Message to the institution"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def __init__(self, *args, requirements=(), **kwargs):
        self.requirements = {f"document_{r.pk}": r for r in requirements}
        self.requirements["other"] = None
        super().__init__(*args, **kwargs)
        for name, requirement in self.requirements.items():
            several = requirement is None or requirement.max_files > 1
            field = (MultipleFileField if several else forms.FileField)(
                label=requirement.tr.name if requirement else _("Other document"),
                required=False,
                allow_empty_file=True,  # check_upload refuses it, naming the file
                help_text=file_hint(requirement),
                widget=(MultipleFileInput if several else forms.FileInput)(
                    attrs={"accept": accept_attribute(requirement)}
                ),
            )
            self.fields[name] = field
        self.order_fields([*self.requirements, "note"])

    def clean(self):
        cleaned = super().clean()
        if not any(cleaned.get(name) for name in self.requirements):
            self.add_error(
                next(iter(self.requirements)),
                ValidationError(_("Choose at least one file to upload."), code="no_files"),
            )
        for name, requirement in self.requirements.items():
            chosen = self.cleaned_data.get(name) or []
            if requirement is not None and isinstance(chosen, list) and len(chosen) > requirement.max_files:
                self.add_error(
                    name,
                    ValidationError(
                        _("“%(document)s” takes at most %(count)s files."),
                        code="too_many_files",
                        params={"document": requirement.tr.name, "count": requirement.max_files},
                    ),
                )
        return cleaned

    def uploads(self):
        """{key: (uploaded file, requirement or None)} for every file chosen; a key is the field's name, then
        `#n` for the second and later files of a field that takes several (see `field_of`)."""
        found = {}
        for name, requirement in self.requirements.items():
            chosen = self.cleaned_data.get(name) or []
            for n, upload in enumerate(chosen if isinstance(chosen, list) else [chosen]):
                found[name if n == 0 else f"{name}#{n}"] = (upload, requirement)
        return found

    @staticmethod
    def field_of(key):
        return key.split("#", 1)[0]


class WithdrawForm(forms.Form):
    reason = forms.CharField(
        label=_("Why are you withdrawing the request?"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class LookupForm(forms.Form):
    registration_number = forms.CharField(
        label=_("Registration number"),
        max_length=40,
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false", "class": "govuk-input--width-20"}),
    )
    access_code = forms.CharField(
        label=_("Access code"),
        max_length=20,
        help_text=_("The eight characters printed under the number."),
        widget=forms.TextInput(
            attrs={
                "autocomplete": "off",
                "spellcheck": "false",
                "autocapitalize": "characters",
                "class": "govuk-input--width-10",
            }
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["registration_number"].help_text = _(
            "As printed on your registration receipt, for example %(example)s."
        ) % {"example": example_number()}


def example_number():
    """A number as this institution prints them (its own prefix, this year), for the lookup's hint."""
    return f"{InstitutionSettings.load().registration_prefix}-{calendar.today().year}-000123"


def show_errors(form, error):
    """Put a ValidationError raised after the form was valid (by the workflow) on the form: by field when it maps
    fields (a refused upload), else at the top."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)
