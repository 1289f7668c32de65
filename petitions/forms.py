"""The forms of the petitions' own actions on the clerk's case page."""

from django import forms
from django.utils.translation import gettext_lazy as _

from portal.validators import refuse_format_controls
from services.backoffice.forms import CaseActionForm, note_field
from services.citizen.forms import accept_attribute, file_hint
from services.models import Department

from .filing import FIELDS
from .models import Channel


class ForwardForm(CaseActionForm):
    authority = forms.CharField(
        label=_("Competent authority"), max_length=200, error_messages={"required": _("Name the competent authority.")}
    )
    address = forms.CharField(
        label=_("Its address"),
        max_length=300,
        required=False,
        help_text=_("Where the request was sent; the petitioner is told."),
    )
    note = note_field(_("Note for the applicant"), required=False)


class ClassifyForm(CaseActionForm):
    note = note_field(
        _("Reason for filing without an answer"),
        required_message=_("Give the reason for filing without an answer."),
        help_text=_("For example: the petition carries no name or address (OG 27/2002, art. 7)."),
    )


class JoinForm(CaseActionForm):
    first = forms.CharField(
        label=_("Registration number of the earlier petition"),
        max_length=40,
        error_messages={"required": _("Give the registration number of an earlier petition of this department.")},
        widget=forms.TextInput(attrs={"class": "govuk-input--width-20", "spellcheck": "false"}),
    )
    note = note_field(_("Note for the applicant"), required=False)


class DraftAnswerForm(CaseActionForm):
    outcome = forms.ChoiceField(label=_("Kind of answer"), widget=forms.RadioSelect)
    text = note_field(_("Answer in Romanian"), required_message=_("Write the answer in Romanian."))
    text_hu = note_field(_("Answer in Hungarian"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from services.registry import kinds

        from .answers import needs_hungarian
        from .models import Answer

        offered = [(o.value, o.label) for o in Answer.Outcome if o.value in kinds.outcomes(self.case.kind)]
        self.fields["outcome"].choices = offered
        self.fields["outcome"].initial = offered[0][0]
        for name in ("text", "text_hu"):
            self.fields[name].widget.attrs["rows"] = 8
        if needs_hungarian(self.case):
            self.fields["text_hu"].help_text = _(
                "The petitioner wrote in Hungarian: the answer goes out in Romanian and Hungarian."
            )
        answer = getattr(self.case, "answer", None)  # the reverse one-to-one raises AttributeError when absent
        if answer is not None and not self.is_bound:
            self.initial.update({"outcome": answer.outcome, "text": answer.text, "text_hu": answer.text_hu})


class ApproveAnswerForm(CaseActionForm):
    pass


class ReturnAnswerForm(CaseActionForm):
    comment = note_field(_("What must change?"), required_message=_("Say what must change in the answer."))


ATTACHMENT_SLOTS = 3


class FilingForm(forms.Form):
    """A petition or information request: who files it (mandatory, OG 27/2002 art. 7), what it asks, where to
    answer, and up to three files."""

    name = forms.CharField(
        label=_("Full name"), max_length=200, error_messages={"required": _("Enter your full name.")}
    )
    address = forms.CharField(
        label=_("Address"),
        max_length=500,
        help_text=_("Street, number, locality and county. A petition without identification data is not answered."),
        widget=forms.Textarea(attrs={"rows": 2, "autocomplete": "street-address"}),
        error_messages={"required": _("Enter your address.")},
    )
    email = forms.EmailField(
        label=_("E-mail address"),
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
        error_messages={
            "required": _("Enter your e-mail address."),
            "invalid": _("Enter an e-mail address in the form name@example.ro."),
        },
    )
    phone = forms.CharField(
        label=_("Phone"),
        max_length=30,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "tel", "class": "govuk-input--width-20"}),
    )
    addressee = forms.ModelChoiceField(
        label=_("Department it concerns"),
        queryset=Department.objects.none(),
        required=False,
        empty_label=_("I do not know"),
        help_text=_("If you do not know, the registry sends it to the right department."),
    )
    subject = forms.CharField(
        label=_("Subject"), max_length=300, error_messages={"required": _("Enter the subject of your request.")}
    )
    text = forms.CharField(
        label=_("Your request"),
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 8}),
        error_messages={"required": _("Write your request.")},
    )
    channel = forms.ChoiceField(
        label=_("How do you want to receive the answer?"),
        choices=Channel.choices,
        initial=Channel.EMAIL,
        widget=forms.RadioSelect,
    )
    postal_address = forms.CharField(
        label=_("Postal address for the answer"),
        max_length=500,
        required=False,
        help_text=_("Only if you want the answer by post; leave empty to use the address above."),
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, user=None, **kwargs):
        self.user = user if user is not None and user.is_authenticated else None
        super().__init__(*args, **kwargs)
        self.fields["addressee"].queryset = Department.objects.order_by("name")
        refuse_format_controls(self)
        for n in range(1, ATTACHMENT_SLOTS + 1):
            self.fields[f"attachment_{n}"] = forms.FileField(
                label=_("Attachment %(n)s") % {"n": n},
                required=False,
                allow_empty_file=True,  # the upload check refuses it, naming the file
                help_text=file_hint(None),
                widget=forms.FileInput(attrs={"accept": accept_attribute(None)}),
            )
        if self.user:
            for field in ("name", "address", "email", "phone"):
                self.fields[field].initial = getattr(self.user, field if field != "name" else "display_name", "")
            # The answer goes to the account's verified address.
            self.fields["email"].disabled = True
            self.fields["email"].initial = self.user.email

    def data_to_keep(self):
        """The filing as plain data: what the case and its petition record keep."""
        data = {name: self.cleaned_data.get(name) or "" for name in FIELDS if name != "addressee"}
        addressee = self.cleaned_data.get("addressee")
        data["addressee"] = addressee.pk if addressee else None
        if data["channel"] == Channel.POST and not data["postal_address"].strip():
            data["postal_address"] = data["address"]
        return data

    def uploads(self):
        return {
            name: (self.cleaned_data[name], None)
            for name in self.fields
            if name.startswith("attachment_") and self.cleaned_data.get(name)
        }
