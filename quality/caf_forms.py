"""Forms of the CAF self-assessment's pages: the exercise, its group, a member's assessment of one sub-criterion and
its evidence, the consensus of one sub-criterion, and the consensus meeting's minutes. The rules live in quality.caf;
the forms only read the fields."""

from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from services.models import Department, Procedure

from .indicators import CATALOGUE
from .models import CafModel, ScoreEvidence, SelfAssessment
from .views.guards import error_text

Panel = SelfAssessment.Panel
PHASES = (
    ("plan", pgettext_lazy("PDCA phase", "Plan")),
    ("do", pgettext_lazy("PDCA phase", "Do")),
    ("check", pgettext_lazy("PDCA phase", "Check")),
    ("act", pgettext_lazy("PDCA phase", "Act")),
)
DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _score_field(label, help_text=""):
    return forms.IntegerField(
        label=label,
        min_value=0,
        max_value=100,
        required=False,
        help_text=help_text,
        widget=forms.NumberInput(attrs={"class": "govuk-input--width-3", "inputmode": "numeric"}),
    )


def _text(label, help_text="", rows=4):
    return forms.CharField(
        label=label, required=False, help_text=help_text, widget=forms.Textarea(attrs={"rows": rows}), max_length=8000
    )


def apply_refusal(form, error):
    """Put a refusal of quality.caf on the form: by field when it names one of the form's fields, else above it."""
    if isinstance(error, ValidationError) and hasattr(error, "error_dict"):
        for name, errors in error.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, error_text(error))


def staff_people():
    return get_user_model().objects.filter(is_staff=True, is_active=True).order_by("last_name", "first_name", "email")


class ExerciseForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    model = forms.ModelChoiceField(label=_("CAF edition"), queryset=CafModel.objects.order_by("-edition"))
    department = forms.ModelChoiceField(
        label=_("Scope"),
        queryset=Department.objects.order_by("name"),
        required=False,
        empty_label=_("The whole institution"),
    )
    panel = forms.ChoiceField(
        label=_("Scoring panel"),
        choices=Panel.choices,
        widget=forms.RadioSelect,
        help_text=_("It can change until individual work starts; then it is locked."),
    )
    individual_deadline = forms.DateField(label=_("Individual assessments due"), widget=DATE_WIDGET)
    consensus_deadline = forms.DateField(label=_("Consensus due"), widget=DATE_WIDGET)
    previous = forms.ModelChoiceField(
        label=_("Previous exercise"),
        queryset=SelfAssessment.objects.order_by("-created_at"),
        required=False,
        empty_label="—",
        help_text=_("The report compares the two."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.fields["model"].queryset.count() == 1:
            self.fields["model"].initial = self.fields["model"].queryset.first()


class MembersForm(forms.Form):
    people = forms.ModelMultipleChoiceField(
        label=_("Members of the self-assessment group"),
        queryset=get_user_model().objects.none(),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("At least two. Each assesses alone before the consensus."),
    )
    panel = forms.ChoiceField(label=_("Scoring panel"), choices=Panel.choices, widget=forms.RadioSelect)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["people"].queryset = staff_people()
        self.fields["people"].label_from_instance = lambda user: user.display_name


class IndividualForm(forms.Form):
    """A member's assessment of one sub-criterion: the texts, and the panel's score(s) or "don't know"."""

    strengths = _text(_("Strengths"))
    areas = _text(_("Areas for improvement"), _("One per line."))
    suggestions = _text(_("Suggestions for improvement"), rows=3)

    def __init__(self, *args, panel, **kwargs):
        super().__init__(*args, **kwargs)
        self.panel = panel
        if panel == Panel.CLASSICAL:
            self.fields["score"] = _score_field(_("Score"), _("From 0 to 100."))
        else:
            for name, label in PHASES:
                self.fields[name] = _score_field(label, _("From 0 to 100."))
        self.fields["dont_know"] = forms.BooleanField(
            label=_("I don't know"), required=False, help_text=_("Leave the score empty.")
        )

    @staticmethod
    def initial_of(entry):
        if entry is None:
            return None
        return {
            "strengths": entry.strengths,
            "areas": entry.areas,
            "suggestions": entry.suggestions,
            "dont_know": entry.dont_know,
            "score": entry.score,
            "plan": entry.score_plan,
            "do": entry.score_do,
            "check": entry.score_check,
            "act": entry.score_act,
        }

    def scores(self):
        data = self.cleaned_data
        return {name: data.get(name) for name in ("score", "plan", "do", "check", "act")}


class EvidenceForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind of evidence"), choices=ScoreEvidence.Kind.choices, widget=forms.RadioSelect)
    procedure = forms.ModelChoiceField(
        label=_("Procedure"), queryset=Procedure.objects.order_by("code"), required=False, empty_label="—"
    )
    indicator = forms.ChoiceField(label=_("Indicator of the dashboard"), required=False)
    link = forms.URLField(label=_("Web address"), required=False, assume_scheme="https")
    file = forms.FileField(label=_("File"), required=False, help_text=_("PDF, image or office document, up to 20 MB."))
    note = forms.CharField(label=_("Note"), required=False, max_length=300)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["indicator"].choices = [("", "—"), *CATALOGUE.items()]
        self.fields["procedure"].label_from_instance = lambda procedure: f"{procedure.code} — {procedure.tr.title}"


class ConsensusForm(forms.Form):
    """The group's agreed score of one sub-criterion, its rationale, and the merged strengths and areas."""

    def __init__(self, *args, panel, **kwargs):
        super().__init__(*args, **kwargs)
        self.panel = panel
        if panel == Panel.CLASSICAL:
            self.fields["score"] = _score_field(_("Agreed score"), _("From 0 to 100."))
        else:
            for name, label in PHASES:
                self.fields[name] = _score_field(label, _("From 0 to 100."))
        self.fields["rationale"] = _text(_("Rationale"), rows=3)
        self.fields["strengths"] = _text(_("Strengths"))
        self.fields["areas"] = _text(
            _("Areas for improvement"), _("One per line: each becomes an area of the improvement plan.")
        )

    @staticmethod
    def initial_of(row):
        """The recorded consensus, or a proposal: the members' median and their merged strengths and areas."""
        consensus = row.consensus
        if consensus is not None:
            return {
                "score": consensus.score,
                "plan": consensus.score_plan,
                "do": consensus.score_do,
                "check": consensus.score_check,
                "act": consensus.score_act,
                "rationale": consensus.rationale,
                "strengths": consensus.strengths,
                "areas": consensus.areas,
            }
        return {"strengths": "\n".join(row.strengths), "areas": "\n".join(row.areas)}

    def scores(self):
        data = self.cleaned_data
        return {name: data.get(name) for name in ("score", "plan", "do", "check", "act")}


class MinutesForm(forms.Form):
    held_on = forms.DateField(label=_("Meeting held on"), widget=DATE_WIDGET)
    minutes = forms.CharField(label=_("Minutes"), widget=forms.Textarea(attrs={"rows": 10}), max_length=40000)
