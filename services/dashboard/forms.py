"""The indicators' filter: a period and, for whoever sees several departments, one department."""

import datetime

from django import forms
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from ..models import Department
from .selectors import Period


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs={"class": "govuk-input govuk-input--width-10", **(attrs or {})}, format="%Y-%m-%d")


EARLIEST = datetime.date(2000, 1, 1)  # before any case the portal holds
MAX_YEARS = 5  # the longest period counted at once, which keeps the page's work (a column per month) small


def latest(today):
    """The last day a period may reach: the end of next year, for periods planned ahead."""
    return datetime.date(today.year + 1, 12, 31)


def years_after(day, years):
    """The same day `years` later; 29 February becomes 28 February in a common year."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


class IndicatorsFilterForm(forms.Form):
    """Bound to the query string; a missing date means the default period, the calendar year up to today.

    The dates are bounded (from 2000 to the end of next year, at most five years apart) so that no query string can
    ask for a date the calendar arithmetic cannot hold or for centuries of months to count.
    """

    start = forms.DateField(label=_("Start of the period"), required=False, widget=DateInput())
    end = forms.DateField(label=_("End of the period"), required=False, widget=DateInput())
    department = forms.ModelChoiceField(
        label=_("Department"),
        queryset=Department.objects.none(),
        required=False,
        empty_label=_("All departments"),
        widget=forms.Select(attrs={"class": "govuk-select"}),
    )

    def __init__(self, data, *, department_ids, today):
        data = data.copy()
        # The inputs show the period counted when the query string leaves it out.
        data.setdefault("start", self.default_start(today).isoformat())
        data.setdefault("end", today.isoformat())
        super().__init__(data)
        self.today = today
        departments = Department.objects.all()
        if department_ids is not None:
            departments = departments.filter(pk__in=department_ids)
        self.fields["department"].queryset = departments
        # The choice is offered to whoever sees more than one department.
        self.offers_department = department_ids is None or len(department_ids) > 1
        if not self.offers_department:
            del self.fields["department"]
        for name in self.fields:
            if self.errors.get(name):
                css = self.fields[name].widget.attrs["class"].split()[0]
                self.fields[name].widget.attrs["class"] += f" {css}--error"
                self.fields[name].widget.attrs["aria-describedby"] = f"{self[name].auto_id}-error"

    @staticmethod
    def default_start(today):
        return datetime.date(today.year, 1, 1)

    def _within_bounds(self, day):
        if day is not None and not EARLIEST <= day <= latest(self.today):
            raise forms.ValidationError(
                _("Enter a date between %(earliest)s and %(latest)s."),
                code="out_of_range",
                params={"earliest": date_format(EARLIEST), "latest": date_format(latest(self.today))},
            )
        return day

    def clean_start(self):
        return self._within_bounds(self.cleaned_data.get("start"))

    def clean_end(self):
        return self._within_bounds(self.cleaned_data.get("end"))

    def clean(self):
        cleaned = super().clean()
        if "start" in self.errors or "end" in self.errors:
            return cleaned
        cleaned["start"] = cleaned.get("start") or self.default_start(self.today)
        cleaned["end"] = cleaned.get("end") or self.today
        if cleaned["start"] > cleaned["end"]:
            self.add_error("end", _("The end of the period must be on or after its start."))
        elif cleaned["end"] >= years_after(cleaned["start"], MAX_YEARS):
            self.add_error("end", _("The period may be at most five years long."))
        return cleaned

    @property
    def period(self):
        return Period(self.cleaned_data["start"], self.cleaned_data["end"])

    def department_scope(self, department_ids):
        """The departments to count: the chosen one, else every department the user may see."""
        chosen = self.cleaned_data.get("department")
        return {chosen.pk} if chosen else department_ids
