"""The forms of the petitions' own actions on the clerk's case page."""

from django import forms
from django.utils.translation import gettext_lazy as _

from services.backoffice.forms import CaseActionForm, note_field


class ForwardForm(CaseActionForm):
    authority = forms.CharField(
        label=_("Competent authority"), max_length=200, error_messages={"required": _("Name the competent authority.")}
    )
    note = note_field(_("Note for the applicant"), required=False)


class ClassifyForm(CaseActionForm):
    note = note_field(
        _("Reason for filing without an answer"),
        required_message=_("Give the reason for filing without an answer."),
        help_text=_("For example: the petition carries no name or address (OG 27/2002, art. 7)."),
    )
