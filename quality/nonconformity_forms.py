"""Forms of the nonconformity register: its filters, the opening by hand, and one form per step."""

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from portal.forms_renderer import FilterBoundField
from services.models import Case, Department, Procedure

from .indicators import indicator_choices
from .models import Nonconformity, NonconformityCause
from .nonconformities import MANUAL_SOURCES, low_ratings

Source = Nonconformity.Source
YES_NO = [("yes", _("Yes")), ("no", _("No"))]


class RegisterFilterForm(forms.Form):
    """The register's filters, sent with GET: they work without JavaScript and can be bookmarked."""

    bound_field_class = FilterBoundField

    status = forms.ChoiceField(label=_("Status"), required=False)
    source = forms.ChoiceField(label=_("Source"), required=False)
    department = forms.ModelChoiceField(
        label=_("Department"), queryset=Department.objects.none(), required=False, empty_label=_("All departments")
    )
    procedure = forms.ModelChoiceField(
        label=_("Procedure"), queryset=Procedure.objects.none(), required=False, empty_label=_("All procedures")
    )
    month = forms.DateField(
        label=_("Month detected"),
        required=False,
        input_formats=["%Y-%m"],
        widget=forms.DateInput(attrs={"type": "month"}, format="%Y-%m"),
        help_text=_("For example 2026-03."),
    )

    def __init__(self, *args, departments, procedures, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = [("", _("Any status")), *Nonconformity.Status.choices]
        self.fields["source"].choices = [("", _("Any source")), *Source.choices]
        self.fields["department"].queryset = departments
        self.fields["procedure"].queryset = procedures
        self.fields["procedure"].label_from_instance = lambda procedure: procedure.code

    def filters(self):
        """The valid filters; an invalid one is ignored rather than emptying the register."""
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return {
            "status": data.get("status") or "",
            "source": data.get("source") or "",
            "department": data.get("department"),
            "procedure": data.get("procedure"),
            "month": data.get("month"),
        }


def _person_label(user):
    return user.get_full_name() or user.email


class OpenForm(forms.Form):
    """A nonconformity opened by hand. The quality manager may also open one from a low rating (anonymous: the
    department and procedure then come from the rating's service)."""

    source = forms.ChoiceField(label=_("Source"), widget=forms.RadioSelect)
    department = forms.ModelChoiceField(
        label=_("Department"), queryset=Department.objects.none(), required=False, empty_label="—"
    )
    rating = forms.ModelChoiceField(
        label=_("Low rating"),
        queryset=low_ratings().none(),
        required=False,
        empty_label="—",
        help_text=_("Only when the source is a low rating. The case and the applicant are not recorded."),
    )
    case_number = forms.CharField(
        label=_("Registration number of the case"),
        required=False,
        max_length=32,
        help_text=_("If the nonconformity concerns one case."),
    )
    procedure = forms.ModelChoiceField(
        label=_("Procedure"), queryset=Procedure.objects.order_by("code"), required=False, empty_label="—"
    )
    detected_on = forms.DateField(
        label=_("Detected on"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("Today if left empty."),
    )
    description = forms.CharField(
        label=_("What happened"), widget=forms.Textarea(attrs={"rows": 5}), required=False, max_length=4000
    )

    def __init__(self, *args, departments, manager, **kwargs):
        super().__init__(*args, **kwargs)
        sources = [(value, label) for value, label in Source.choices if value in MANUAL_SOURCES]
        self.fields["department"].queryset = departments
        self.fields["procedure"].label_from_instance = lambda procedure: f"{procedure.code} — {procedure.tr.title}"
        if manager:
            sources.append((Source.RATING, Source.RATING.label))
            self.fields["rating"].queryset = low_ratings().select_related("case__service").order_by("-answered_at")
            self.fields["rating"].label_from_instance = self._rating_label
        else:
            del self.fields["rating"]
        self.fields["source"].choices = sources

    @staticmethod
    def _rating_label(rating):
        # What identifies the rating without naming the case or the applicant.
        comment = rating.comment[:60] + ("…" if len(rating.comment) > 60 else "")
        return f"{'★' * rating.score} — {rating.case.service.tr.title} — {rating.answered_at:%Y-%m-%d} {comment}"

    def clean(self):
        data = super().clean()
        if data.get("source") == Source.RATING:
            if not data.get("rating"):
                self.add_error("rating", _("Choose the rating the nonconformity comes from."))
            data["case"] = None
            return data
        if data.get("source") and not data.get("department"):
            self.add_error("department", _("Choose the department."))
        if not (data.get("description") or "").strip():
            self.add_error("description", _("Say what happened."))
        number = (data.get("case_number") or "").strip()
        data["case"] = None
        if number:
            data["case"] = Case.objects.select_related("procedure").filter(registration_number=number).first()
            if data["case"] is None:
                self.add_error("case_number", _("No case has this registration number."))
        return data


class AnalysisForm(forms.Form):
    cause = forms.ModelChoiceField(
        label=_("Cause"), queryset=NonconformityCause.objects.filter(active=True), empty_label="—"
    )
    cause_detail = forms.CharField(
        label=_("The cause in detail"), widget=forms.Textarea(attrs={"rows": 3}), required=False, max_length=4000
    )
    correction = forms.CharField(
        label=_("Correction made"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=4000,
        help_text=_("What was done to remove this nonconformity."),
    )


class DecisionForm(forms.Form):
    """The decision, and when a corrective action is needed, the action's fields."""

    action_needed = forms.ChoiceField(
        label=_("Is a corrective action needed?"), choices=YES_NO, widget=forms.RadioSelect
    )
    note = forms.CharField(label=_("Reason for the decision"), widget=forms.Textarea(attrs={"rows": 3}))
    title = forms.CharField(label=_("Corrective action"), required=False, max_length=300)
    description = forms.CharField(
        label=_("Description of the action"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    department = forms.ModelChoiceField(
        label=_("Owner department"), queryset=Department.objects.order_by("name"), required=False, empty_label="—"
    )
    owner = forms.ModelChoiceField(
        label=_("Person responsible"),
        queryset=get_user_model().objects.filter(is_staff=True, is_active=True).order_by("last_name", "first_name"),
        required=False,
        empty_label="—",
    )
    due_date = forms.DateField(
        label=_("Due date"), required=False, widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    impact = forms.TypedChoiceField(
        label=_("Impact (1–5)"), choices=[(n, n) for n in range(1, 6)], coerce=int, initial=3, required=False
    )
    effort = forms.TypedChoiceField(
        label=_("Effort (1–5)"), choices=[(n, n) for n in range(1, 6)], coerce=int, initial=3, required=False
    )
    procedure = forms.ModelChoiceField(
        label=_("Procedure it changes"), queryset=Procedure.objects.order_by("code"), required=False, empty_label="—"
    )
    indicator = forms.ChoiceField(label=_("Indicator it should move"), required=False)

    def __init__(self, *args, nonconformity=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["indicator"].choices = indicator_choices()
        self.fields["owner"].label_from_instance = _person_label
        self.fields["procedure"].label_from_instance = lambda procedure: procedure.code
        if nonconformity is not None and not self.is_bound:
            self.initial.setdefault("department", nonconformity.department_id)
            self.initial.setdefault("procedure", nonconformity.procedure_id)

    def clean(self):
        data = super().clean()
        if data.get("action_needed") == "yes":
            if not (data.get("title") or "").strip():
                self.add_error("title", _("Name the corrective action."))
            if not data.get("due_date"):
                self.add_error("due_date", _("Give the corrective action a due date."))
        return data

    def action(self):
        data = self.cleaned_data
        return {
            name: data.get(name)
            for name in ("title", "description", "department", "owner", "due_date", "procedure", "indicator")
        } | {"impact": data.get("impact") or 3, "effort": data.get("effort") or 3}


class VerificationForm(forms.Form):
    effective = forms.ChoiceField(
        label=_("Was the corrective action effective?"), choices=YES_NO, widget=forms.RadioSelect
    )
    note = forms.CharField(
        label=_("What the verification found"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("If it was not effective, the nonconformity returns for a new decision."),
    )


STEP_FORMS = {"analyse": AnalysisForm, "decide": DecisionForm, "verify": VerificationForm}
