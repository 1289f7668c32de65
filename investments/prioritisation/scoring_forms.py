"""Forms of the evaluators' and the consolidation pages: an evaluator's score sheet (a score from 0 to 5 and a
justification per evaluators' criterion), a declared conflict of interest, an agreed score. Each form only reads what
was typed; `investments.prioritisation.workflow` checks the rules (a complete sheet, justified extremes, the state)."""

from dataclasses import dataclass

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy

from portal.forms_renderer import GovUKBoundField

from . import workflow

NUMBER_ATTRS = {"inputmode": "decimal", "class": "govuk-input--width-5", "spellcheck": "false"}
SCORE_CHOICES = [(str(score), str(score)) for score in workflow.SCALE]


def error_codes(error):
    """The codes of a ValidationError (for the pages' context and the tests)."""
    if hasattr(error, "error_dict"):
        return [e.code for errors in error.error_dict.values() for e in errors]
    return [e.code for e in error.error_list]


def refusal_into(form, error):
    """A refusal of the workflow above the form (ValidationError messages, or a PermissionDenied's words)."""
    if isinstance(error, ValidationError):
        form.add_error(None, error.messages)
    else:
        form.add_error(None, str(error))


class ConditionalBoundField(GovUKBoundField):
    """A field required only sometimes (a justification: for the extreme scores): its hint says when, so its label
    does not say "(optional)"."""

    govuk_optional = False


@dataclass
class Option:
    score: int
    description: str
    checked: bool
    id: str


@dataclass
class CriterionGroup:
    """One criterion of the sheet as the template draws it: its radios with their levels, and its justification."""

    criterion: object
    score: forms.BoundField
    justification: forms.BoundField
    options: list[Option]


class ScoreSheetForm(forms.Form):
    """An evaluator's scores of one candidate: per evaluators' criterion a score (radio 0–5) and a justification.
    Every field is optional here: a draft may be incomplete; the workflow refuses an incomplete submission."""

    def __init__(self, *args, criteria, sheet=None, **kwargs):
        self.criteria = criteria
        scores = {s.criterion_id: s for s in sheet.scores.all()} if sheet is not None else {}
        initial = {}
        for criterion in criteria:
            score = scores.get(criterion.pk)
            if score is not None:
                initial[self.score_name(criterion)] = str(score.value)
                initial[self.justification_name(criterion)] = score.justification
        super().__init__(*args, initial=initial, **kwargs)
        for criterion in criteria:
            self.fields[self.score_name(criterion)] = forms.ChoiceField(
                label=gettext_lazy("Score"), choices=SCORE_CHOICES, required=False, widget=forms.RadioSelect
            )
            self.fields[self.justification_name(criterion)] = justification = forms.CharField(
                label=gettext_lazy("Justification"),
                help_text=gettext_lazy(
                    "Why this score, against the levels' words. Required for a score of 0 or 5 (the extremes)."
                ),
                required=False,
                max_length=4000,
                widget=forms.Textarea(attrs={"rows": 3}),
            )
            justification.bound_field_class = ConditionalBoundField

    @staticmethod
    def score_name(criterion):
        return f"score_{criterion.pk}"

    @staticmethod
    def justification_name(criterion):
        return f"justification_{criterion.pk}"

    def groups(self):
        groups = []
        for criterion in self.criteria:
            score = self[self.score_name(criterion)]
            value = score.value()
            current = "" if value is None else str(value)
            levels = {level.score: level.tr.description for level in criterion.levels.all()}
            options = [Option(n, levels.get(n, ""), current == str(n), f"{score.auto_id}_{n}") for n in workflow.SCALE]
            groups.append(CriterionGroup(criterion, score, self[self.justification_name(criterion)], options))
        return groups

    def scores(self):
        """{criterion pk: (score or None, justification)} for `workflow.save_scores` (call after is_valid)."""
        data = self.cleaned_data
        return {
            criterion.pk: (
                int(data[self.score_name(criterion)])
                if data.get(self.score_name(criterion)) not in (None, "")
                else None,
                data.get(self.justification_name(criterion), ""),
            )
            for criterion in self.criteria
        }


class ConflictForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("What is the conflict of interest?"),
        help_text=gettext_lazy(
            "For example: a relative works for the contractor, or you proposed this project yourself. Once declared, "
            "you do not score this candidate and any draft scores of it are deleted."
        ),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class AgreedScoreForm(forms.Form):
    value = forms.DecimalField(
        label=gettext_lazy("Agreed score"),
        help_text=gettext_lazy("A number from 0 to 5, with at most 3 decimals, such as 3,5."),
        min_value=0,
        max_value=5,
        max_digits=4,
        decimal_places=3,
        localize=True,
        widget=forms.TextInput(attrs=NUMBER_ATTRS),
    )
    note = forms.CharField(
        label=gettext_lazy("How it was agreed"),
        help_text=gettext_lazy("For example: the evaluators' discussion of the wide spread and its outcome."),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
