"""Forms of a prioritisation round's setup pages: the round, a criterion with its six described levels, the weights
(direct or pairwise), a candidate and its eligibility gate, the data values of the computed criteria, an evaluator.
Each form only reads what was typed; `investments.prioritisation.workflow` checks the rules and makes the change."""

from fractions import Fraction

from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db.models import Exists, OuterRef
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from portal.fields import LeiField
from services.models import Membership

from ..models import Criterion, Round
from ..models.prioritisation import SAATY_CHOICES
from . import workflow

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
AMOUNT_ATTRS = {"inputmode": "decimal", "class": "govuk-input--width-10", "spellcheck": "false"}
NUMBER_ATTRS = {"inputmode": "decimal", "class": "govuk-input--width-5", "spellcheck": "false"}
SCORES = tuple(workflow.SCALE)
LANGUAGE_SUFFIXES = (
    ("", gettext_lazy("Romanian")),
    ("_hu", gettext_lazy("Hungarian")),
    ("_en", gettext_lazy("English")),
)


def errors_into(form, error):
    """A refusal of the workflow on the form: by field where the form has that field, above it otherwise."""
    if isinstance(error, ValidationError) and hasattr(error, "error_dict"):
        for field, errors in error.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    elif isinstance(error, ValidationError):
        form.add_error(None, error.messages)
    else:
        form.add_error(None, str(error) or _("You may not take this step."))


def error_codes(error):
    """The codes of a ValidationError (for the pages' context and the tests)."""
    if hasattr(error, "error_dict"):
        return [e.code for errors in error.error_dict.values() for e in errors]
    return [e.code for e in error.error_list]


# --- the round -----------------------------------------------------------------------------------------------------


class RoundForm(forms.Form):
    """The round's year, titles, envelope and voting rules; after the lock only the titles and the envelope."""

    year = forms.IntegerField(label=gettext_lazy("Year"), min_value=2000, max_value=2100)
    title = forms.CharField(label=gettext_lazy("Title (Romanian)"), max_length=200)
    title_hu = forms.CharField(label=gettext_lazy("Title (Hungarian)"), max_length=200, required=False)
    title_en = forms.CharField(label=gettext_lazy("Title (English)"), max_length=200, required=False)
    envelope_bani = LeiField(
        label=gettext_lazy("Envelope (money available), in lei"),
        help_text=gettext_lazy(
            "The money the budget makes available to the ranked investments, such as 1.000.000,00."
        ),
        widget=forms.TextInput(attrs=AMOUNT_ATTRS),
    )
    weight_method = forms.ChoiceField(
        label=gettext_lazy("How the weights are set"), choices=Round.WeightMethod.choices, widget=forms.RadioSelect
    )
    votes_per_citizen = forms.IntegerField(
        label=gettext_lazy("Approval votes per citizen"),
        min_value=1,
        max_value=20,
        initial=3,
        help_text=gettext_lazy("How many candidates each signed-in citizen may approve in the consultation."),
        widget=forms.NumberInput(attrs={"class": "govuk-input--width-3"}),
    )
    consultation_opens = forms.DateField(label=gettext_lazy("Consultation opens"), required=False, widget=DATE_WIDGET)
    consultation_closes = forms.DateField(
        label=gettext_lazy("Consultation closes"),
        required=False,
        widget=DATE_WIDGET,
        help_text=gettext_lazy("Only for a round with a citizens' support criterion."),
    )
    wide_spread_at = forms.DecimalField(
        label=gettext_lazy("Wide spread from (points)"),
        min_value=1,
        max_value=5,
        max_digits=2,
        decimal_places=1,
        initial=2,
        help_text=gettext_lazy("Evaluators' scores this many points apart are flagged for discussion."),
        widget=forms.TextInput(attrs=NUMBER_ATTRS),
    )

    def __init__(self, *args, round=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.round = round
        if round is not None:
            for name in workflow.ROUND_FIELDS:
                self.initial.setdefault(name, getattr(round, name))
            self.initial["envelope_bani"] = _lei_text(round.envelope_bani)
            if round.is_locked:
                for name in self.frozen_fields():
                    self.fields[name].disabled = True

    def frozen_fields(self):
        """The fields the lock froze (shown read-only)."""
        if self.round is None or not self.round.is_locked:
            return []
        return [name for name in workflow.ROUND_FIELDS if name not in workflow.UNFROZEN_ROUND_FIELDS]

    def workflow_fields(self):
        frozen = self.frozen_fields()
        return {name: self.cleaned_data[name] for name in workflow.ROUND_FIELDS if name not in frozen}


def _lei_text(bani):
    """Bani as the LeiField reads them back: 1234567 → "12345,67"."""
    if bani is None:
        return ""
    return f"{bani // 100},{bani % 100:02d}"


# --- a criterion and its levels ------------------------------------------------------------------------------------


class CriterionForm(forms.Form):
    """A criterion (its weight is set on the weights page) and what each score 0–5 means, in ro/hu/en."""

    code = forms.CharField(label=gettext_lazy("Code"), max_length=10, help_text=gettext_lazy("e.g. C1"))
    order = forms.IntegerField(
        label=gettext_lazy("Order"),
        min_value=0,
        max_value=32767,
        required=False,
        help_text=gettext_lazy("Leave empty to put it last."),
        widget=forms.NumberInput(attrs={"class": "govuk-input--width-3"}),
    )
    name = forms.CharField(label=gettext_lazy("Name (Romanian)"), max_length=200)
    name_hu = forms.CharField(label=gettext_lazy("Name (Hungarian)"), max_length=200, required=False)
    name_en = forms.CharField(label=gettext_lazy("Name (English)"), max_length=200, required=False)
    description = forms.CharField(
        label=gettext_lazy("What it measures and how (Romanian)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    description_hu = forms.CharField(
        label=gettext_lazy("What it measures and how (Hungarian)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    description_en = forms.CharField(
        label=gettext_lazy("What it measures and how (English)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    source = forms.ChoiceField(
        label=gettext_lazy("Source"),
        choices=Criterion.Source.choices,
        widget=forms.RadioSelect,
        help_text=gettext_lazy(
            "Evaluators' score: each evaluator scores 0–5 against the levels below. Computed from data: a value per "
            "candidate (such as population served or cost per beneficiary). Citizens' support: the consultation's "
            "approval votes."
        ),
    )
    direction = forms.ChoiceField(
        label=gettext_lazy("Direction"),
        choices=Criterion.Direction.choices,
        widget=forms.RadioSelect,
        help_text=gettext_lazy("The citizens' support is always “higher is better”."),
    )
    unit = forms.CharField(
        label=gettext_lazy("Unit of the data"),
        max_length=50,
        required=False,
        help_text=gettext_lazy("For a computed criterion: e.g. inhabitants."),
    )

    def __init__(self, *args, criterion=None, **kwargs):
        super().__init__(*args, **kwargs)
        for score in SCORES:
            for suffix, language in LANGUAGE_SUFFIXES:
                self.fields[f"level_{score}{suffix}"] = forms.CharField(
                    label=_("Description in %(language)s") % {"language": language},
                    max_length=300,
                    required=False,
                )
        if criterion is not None:
            for name in workflow.CRITERION_FIELDS:
                if name in self.fields:
                    self.initial.setdefault(name, getattr(criterion, name))
            for level in criterion.levels.all():
                self.initial[f"level_{level.score}"] = level.description
                self.initial[f"level_{level.score}_hu"] = level.description_hu
                self.initial[f"level_{level.score}_en"] = level.description_en
        else:
            self.initial.setdefault("source", Criterion.Source.EXPERT)
            self.initial.setdefault("direction", Criterion.Direction.HIGHER)

    def clean(self):
        data = super().clean()
        for score in SCORES:
            translated = data.get(f"level_{score}_hu") or data.get(f"level_{score}_en")
            if translated and not data.get(f"level_{score}"):
                self.add_error(f"level_{score}", _("Describe the level in Romanian too, or leave it empty."))
        return data

    def level_groups(self):
        """[(score, [bound fields ro, hu, en])] for a fieldset per level."""
        return [
            (score, [self[f"level_{score}{suffix}"] for suffix, _language in LANGUAGE_SUFFIXES]) for score in SCORES
        ]

    def workflow_fields(self):
        fields = {
            name: self.cleaned_data[name]
            for name in workflow.CRITERION_FIELDS
            if name in self.fields and name != "order"
        }
        if self.cleaned_data.get("order") is not None:
            fields["order"] = self.cleaned_data["order"]
        return fields

    def levels(self):
        return {
            score: tuple(
                self.cleaned_data.get(f"level_{score}{suffix}", "") for suffix, _language in LANGUAGE_SUFFIXES
            )
            for score in SCORES
        }


# --- weights -------------------------------------------------------------------------------------------------------


class WeightsForm(forms.Form):
    """One weight per criterion, in percentage points with two decimals; they add up to 100 (the workflow checks)."""

    def __init__(self, *args, criteria, **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = criteria
        for criterion in criteria:
            self.fields[f"weight_{criterion.pk}"] = forms.DecimalField(
                label=str(criterion),
                min_value=0,
                max_value=100,
                max_digits=5,
                decimal_places=2,
                initial=criterion.weight,
                widget=forms.TextInput(attrs=NUMBER_ATTRS),
            )

    def rows(self):
        return [(criterion, self[f"weight_{criterion.pk}"]) for criterion in self.criteria]

    def typed_total(self):
        """The total of what was typed (or is stored), for the running total; None when something is not a number."""
        total = 0
        for criterion in self.criteria:
            name = f"weight_{criterion.pk}"
            value = self.data.get(self.add_prefix(name)) if self.is_bound else criterion.weight
            try:
                total += Fraction(str(value).replace(",", "."))
            except (ValueError, ZeroDivisionError):
                return None
        return f"{float(total):.2f}"

    def weights(self):
        return {criterion.pk: self.cleaned_data[f"weight_{criterion.pk}"] for criterion in self.criteria}


def saaty_label(value, first, second):
    """A Saaty value in words: "C1 is 3 times as important as C2", "equally important"."""
    if value == "1":
        return _("%(first)s and %(second)s are equally important") % {"first": first, "second": second}
    if value.startswith("1/"):
        return _("%(second)s is %(times)s times as important as %(first)s") % {
            "first": first,
            "second": second,
            "times": value[2:],
        }
    return _("%(first)s is %(times)s times as important as %(second)s") % {
        "first": first,
        "second": second,
        "times": value,
    }


def reciprocal(value):
    if value == "1":
        return "1"
    return value[2:] if value.startswith("1/") else f"1/{value}"


class JudgementsForm(forms.Form):
    """One select per pair of criteria (first before second in the criteria's order), on Saaty's scale."""

    def __init__(self, *args, criteria, judgements, **kwargs):
        super().__init__(*args, **kwargs)
        self.pairs = []
        for i, first in enumerate(criteria):
            for second in criteria[i + 1 :]:
                name = f"pair_{first.pk}_{second.pk}"
                if (first.pk, second.pk) in judgements:
                    initial = judgements[(first.pk, second.pk)]
                elif (second.pk, first.pk) in judgements:
                    initial = reciprocal(judgements[(second.pk, first.pk)])
                else:
                    initial = "1"
                self.fields[name] = forms.ChoiceField(
                    label=_("%(first)s compared with %(second)s") % {"first": first.code, "second": second.code},
                    choices=[(value, saaty_label(value, first.code, second.code)) for value, _label in SAATY_CHOICES],
                    initial=initial,
                )
                self.pairs.append((first, second, name))

    def rows(self):
        return [(first, second, self[name]) for first, second, name in self.pairs]

    def judgements(self):
        return {(first.pk, second.pk): self.cleaned_data[name] for first, second, name in self.pairs}


# --- candidates ----------------------------------------------------------------------------------------------------


class CandidateForm(forms.Form):
    """A candidate investment, its cost and the two parts of the gate the secretariat attests (the feasibility study
    is read from the investment's stage)."""

    investment = forms.ModelChoiceField(label=gettext_lazy("Investment"), queryset=None, empty_label="")
    cost_bani = LeiField(
        label=gettext_lazy("Cost requested, in lei"),
        widget=forms.TextInput(attrs=AMOUNT_ATTRS),
        help_text=gettext_lazy("What the investment asks of this round's envelope, such as 250.000,00."),
    )
    competence = forms.BooleanField(label=gettext_lazy("Within the institution's competence"), required=False)
    competence_note = forms.CharField(
        label=gettext_lazy("Legal basis of the competence"),
        max_length=300,
        required=False,
        help_text=gettext_lazy("e.g. Law 273/2006, art. 44"),
    )
    cofinancing_ensured = forms.BooleanField(label=gettext_lazy("Co-financing ensured"), required=False)
    cofinancing_note = forms.CharField(
        label=gettext_lazy("Where the co-financing comes from"),
        max_length=300,
        required=False,
        help_text=gettext_lazy("e.g. the local council's decision that commits the money"),
    )

    def __init__(self, *args, investments=None, candidate=None, **kwargs):
        super().__init__(*args, **kwargs)
        if candidate is not None:
            del self.fields["investment"]
            for name in workflow.CANDIDATE_FIELDS:
                self.initial.setdefault(name, getattr(candidate, name))
            self.initial["cost_bani"] = _lei_text(candidate.cost_bani)
        else:
            self.fields["investment"].queryset = investments
            self.fields["investment"].label_from_instance = lambda inv: f"{inv.code} — {inv.tr.title}"

    def workflow_fields(self):
        return {name: self.cleaned_data[name] for name in workflow.CANDIDATE_FIELDS}


# --- data values ---------------------------------------------------------------------------------------------------


class ValuesForm(forms.Form):
    """A table of the computed criteria's raw values: a number and its source per eligible candidate and criterion."""

    def __init__(self, *args, candidates, criteria, values, **kwargs):
        super().__init__(*args, **kwargs)
        self.candidates, self.criteria, self.stored = candidates, criteria, values
        for candidate in candidates:
            for criterion in criteria:
                stored = values.get((candidate.pk, criterion.pk))
                self.fields[self.value_name(candidate, criterion)] = forms.DecimalField(
                    label=_("%(criterion)s of %(candidate)s")
                    % {"criterion": criterion.code, "candidate": candidate.investment.code},
                    required=False,
                    max_digits=16,
                    decimal_places=3,
                    initial=format(stored.value.normalize(), "f") if stored else None,
                    widget=forms.TextInput(attrs=NUMBER_ATTRS | {"class": "govuk-input--width-10"}),
                )
                self.fields[self.note_name(candidate, criterion)] = forms.CharField(
                    label=_("Source of %(criterion)s of %(candidate)s")
                    % {"criterion": criterion.code, "candidate": candidate.investment.code},
                    required=False,
                    max_length=300,
                    initial=stored.source_note if stored else "",
                )

    @staticmethod
    def value_name(candidate, criterion):
        return f"value_{candidate.pk}_{criterion.pk}"

    @staticmethod
    def note_name(candidate, criterion):
        return f"note_{candidate.pk}_{criterion.pk}"

    def rows(self):
        return [
            (
                candidate,
                [
                    (
                        criterion,
                        self[self.value_name(candidate, criterion)],
                        self[self.note_name(candidate, criterion)],
                    )
                    for criterion in self.criteria
                ],
            )
            for candidate in self.candidates
        ]

    def changed_cells(self):
        """[(candidate, criterion, value, note)] whose value or note differs from what is stored (valid cells only)."""
        cells = []
        for candidate in self.candidates:
            for criterion in self.criteria:
                value_name, note_name = self.value_name(candidate, criterion), self.note_name(candidate, criterion)
                if value_name in self.errors or note_name in self.errors:
                    continue
                value, note = self.cleaned_data.get(value_name), self.cleaned_data.get(note_name, "")
                stored = self.stored.get((candidate.pk, criterion.pk))
                if value is None:
                    if stored is not None:
                        self.add_error(value_name, _("A value cannot be removed: correct it instead."))
                    elif note:
                        self.add_error(value_name, _("Enter the value as well as its source."))
                    continue
                if stored is None or stored.value != value or stored.source_note != note:
                    cells.append((candidate, criterion, value, note))
        return cells


# --- evaluators ----------------------------------------------------------------------------------------------------


def evaluator_candidates(round):
    """Staff with a department membership (heads marked), not yet evaluators of the round."""
    heads = Membership.objects.filter(user=OuterRef("pk"), role=Membership.Role.HEAD)
    return (
        get_user_model()
        .objects.filter(is_staff=True, is_active=True, memberships__isnull=False)
        .exclude(evaluations__round=round)
        .annotate(is_head=Exists(heads))
        .distinct()
        .order_by("last_name", "first_name", "email")
    )


class EvaluatorForm(forms.Form):
    user = forms.ModelChoiceField(label=gettext_lazy("Evaluator"), queryset=None, empty_label="")

    def __init__(self, *args, round, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = evaluator_candidates(round)
        self.fields["user"].label_from_instance = _evaluator_label

    def clean_user(self):
        user = self.cleaned_data["user"]
        return type(user).objects.get(pk=user.pk)  # a fresh object, without the annotation


def _evaluator_label(user):
    name = user.display_name
    if getattr(user, "is_head", False):
        return _("%(name)s (head of department)") % {"name": name}
    return name
