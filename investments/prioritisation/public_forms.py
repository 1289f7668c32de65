"""The citizens' forms of a round's public page: the approval ballot and a comment on a candidate. They only carry
what was sent; the rules (how many, when, who) are the workflow's."""

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from portal.forms_renderer import FilterBoundField


class _NoOptionalMark(forms.Form):
    # Both forms leave the checking to the workflow (required=False): nothing is "(optional)" for the citizen.
    bound_field_class = FilterBoundField


class BallotForm(_NoOptionalMark):
    candidates = forms.MultipleChoiceField(widget=forms.CheckboxSelectMultiple, required=False)

    def __init__(self, *args, candidates=(), limit=1, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["candidates"]
        field.choices = [(str(c.pk), f"{c.investment.code} — {c.investment.tr.title}") for c in candidates]
        field.label = ngettext(
            "Choose at most %(limit)s project you support",
            "Choose at most %(limit)s projects you support",
            limit,
        ) % {"limit": limit}
        field.help_text = _("You can change your choice until the consultation closes.")

    def chosen(self):
        return [int(pk) for pk in self.cleaned_data["candidates"]]


class CommentForm(_NoOptionalMark):
    # Empty and too long texts are refused by the workflow, whose reasons (with their codes) the form then shows.
    text = forms.CharField(label=_("Your comment"), widget=forms.Textarea(attrs={"rows": 3}), required=False)

    def __init__(self, *args, candidate=None, **kwargs):
        kwargs.setdefault("prefix", f"comment-{candidate.pk}" if candidate is not None else None)
        super().__init__(*args, **kwargs)
        self.candidate = candidate
        if candidate is not None:
            self.fields["text"].label = _("Your comment on %(code)s") % {"code": candidate.investment.code}
            self.fields["text"].help_text = _("At most 2,000 characters. Other people see your first name.")
