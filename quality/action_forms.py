"""Forms of the actions: opening one (the nonconformity's page and the CAF plan use the same form), the list's
filters, and one form per step of an action's life."""

from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from portal.forms_renderer import FilterBoundField
from services import calendar
from services.documents import check_upload
from services.models import Department, Procedure

from . import actions
from .indicators import indicator_choices
from .models import Action, ProcedureVersion

SCALE = [(n, str(n)) for n in range(1, 6)]
DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _person_label(user):
    return user.display_name


class ActionForm(forms.Form):
    """What an action is, who carries it out and by when, and what it should change; `open_kwargs()` gives the
    keywords of `actions.open_action` (the caller adds origin, by and the nonconformity)."""

    title = forms.CharField(label=_("Action"), max_length=300, help_text=_("What will be done, in one sentence."))
    description = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 3}), max_length=4000
    )
    department = forms.ModelChoiceField(label=_("Owner department"), queryset=Department.objects.none())
    owner = forms.ModelChoiceField(
        label=_("Person responsible"),
        queryset=get_user_model().objects.none(),
        required=False,
        empty_label="—",
        help_text=_("A member of the owner department; without one, its heads answer for the action."),
    )
    due_date = forms.DateField(label=_("Due date"), widget=DATE_WIDGET)
    impact = forms.TypedChoiceField(
        label=_("Impact (1–5)"),
        choices=SCALE,
        coerce=int,
        initial=3,
        help_text=_("5: a large effect on the service or on the applicants."),
    )
    effort = forms.TypedChoiceField(
        label=_("Effort (1–5)"),
        choices=SCALE,
        coerce=int,
        initial=3,
        help_text=_("5: much work or money. Priority is impact × (6 − effort)."),
    )
    procedure = forms.ModelChoiceField(
        label=_("Procedure it changes"), queryset=Procedure.objects.none(), required=False, empty_label="—"
    )
    indicator = forms.ChoiceField(label=_("Indicator it should move"), required=False)

    def __init__(self, *args, department=None, procedure=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["department"].queryset = Department.objects.order_by("name")
        self.fields["owner"].queryset = (
            get_user_model()
            .objects.filter(is_staff=True, is_active=True, memberships__isnull=False)
            .distinct()
            .order_by("last_name", "first_name", "email")
        )
        self.fields["owner"].label_from_instance = _person_label
        self.fields["procedure"].queryset = Procedure.objects.order_by("code")
        self.fields["indicator"].choices = indicator_choices()
        if department is not None:
            self.fields["department"].initial = department
        if procedure is not None:
            self.fields["procedure"].initial = procedure

    def clean_due_date(self):
        due_date = self.cleaned_data["due_date"]
        if due_date < calendar.today():
            raise ValidationError(_("The due date cannot be in the past."))
        return due_date

    def clean(self):
        data = super().clean()
        try:
            actions.check_owner(data.get("owner"), data.get("department"))
        except ValidationError as error:
            self.add_error(None, error)
        return data

    def open_kwargs(self):
        data = self.cleaned_data
        return {
            "title": data["title"],
            "description": data["description"],
            "department": data["department"],
            "owner": data["owner"],
            "due_date": data["due_date"],
            "impact": data["impact"],
            "effort": data["effort"],
            "procedure": data["procedure"],
            "indicator": data["indicator"],
        }


class ActionFilterForm(forms.Form):
    """The list's filters, sent with GET: they work without JavaScript and can be bookmarked."""

    bound_field_class = FilterBoundField

    status = forms.ChoiceField(label=_("Status"), required=False)
    origin = forms.ChoiceField(label=_("Origin"), required=False)
    department = forms.ModelChoiceField(
        label=_("Department"), queryset=Department.objects.none(), required=False, empty_label=_("All departments")
    )
    overdue = forms.BooleanField(label=_("Only overdue actions"), required=False)
    sort = forms.ChoiceField(
        label=_("Sort by"),
        required=False,
        choices=[("due", _("Due date, soonest first")), ("priority", _("Priority, highest first"))],
    )

    def __init__(self, *args, departments, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["department"].queryset = departments
        self.fields["status"].choices = [("", _("Any status")), *Action.Status.choices]
        self.fields["origin"].choices = [("", _("Any origin")), *Action.Origin.choices]

    def filters(self):
        """The valid filters; an invalid one is ignored rather than emptying the list."""
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return {
            "status": data.get("status") or "",
            "origin": data.get("origin") or "",
            "department": data.get("department"),
            "overdue_only": bool(data.get("overdue")),
            "sort": data.get("sort") if data.get("sort") in actions.SORTS else "due",
        }


class StartForm(forms.Form):
    """Starting the action needs no more than the button."""

    def __init__(self, *args, action=None, **kwargs):
        super().__init__(*args, **kwargs)


class EvidenceForm(forms.Form):
    note = forms.CharField(label=_("What was done"), widget=forms.Textarea(attrs={"rows": 3}), max_length=4000)
    file = forms.FileField(
        label=_("File"),
        required=False,
        help_text=_("Optional. PDF, JPG, PNG, DOCX, XLSX or ODT, at most 20 MB."),
    )
    link = forms.URLField(
        label=_("Link"),
        required=False,
        assume_scheme="https",
        help_text=_("Optional. For example, the page where the change was published."),
    )

    def __init__(self, *args, action=None, **kwargs):
        super().__init__(*args, **kwargs)

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if upload:
            check_upload(upload, actions.EVIDENCE_TYPES)
        return upload


def _versions_of(action):
    if action is None or action.procedure_id is None:
        return ProcedureVersion.objects.none()
    return ProcedureVersion.objects.filter(procedure_id=action.procedure_id).order_by("-edition", "-revision")


class VersionChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, version):
        return f"{version.label} ({version.get_status_display()})"


class CloseForm(forms.Form):
    note = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    procedure_version = VersionChoiceField(
        label=_("Procedure version that carries the change"),
        queryset=ProcedureVersion.objects.none(),
        required=False,
        empty_label="—",
        help_text=_("Optional: it may also be recorded later."),
    )

    def __init__(self, *args, action=None, **kwargs):
        super().__init__(*args, **kwargs)
        if action is None or action.procedure_id is None:
            del self.fields["procedure_version"]
        else:
            self.fields["procedure_version"].queryset = _versions_of(action)


class CancelForm(forms.Form):
    reason = forms.CharField(label=_("Reason for the cancellation"), widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, action=None, **kwargs):
        super().__init__(*args, **kwargs)


class LinkVersionForm(forms.Form):
    version = VersionChoiceField(
        label=_("Procedure version that carries the change"), queryset=ProcedureVersion.objects.none()
    )

    def __init__(self, *args, action=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["version"].queryset = _versions_of(action)


# The steps of an action's page, in the order of its life.
STEP_FORMS = {
    "start": StartForm,
    "evidence": EvidenceForm,
    "close": CloseForm,
    "cancel": CancelForm,
    "version": LinkVersionForm,
}
