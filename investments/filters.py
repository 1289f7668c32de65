"""The register's filters, sent with GET (bookmarkable, no JavaScript needed); the dashboard and its exports share
them, so an export holds exactly the rows on screen."""

from django import forms
from django.utils.translation import gettext_lazy as _

from portal.forms_renderer import FilterBoundField
from services.models import Department

from . import roles
from .models import FundingSource, Stage


class DashboardFilterForm(forms.Form):
    bound_field_class = FilterBoundField

    q = forms.CharField(label=_("Code or title"), required=False, max_length=100)
    stage = forms.ChoiceField(label=_("Current stage"), required=False)
    department = forms.ModelChoiceField(
        label=_("Department"), queryset=Department.objects.none(), required=False, empty_label=_("All departments")
    )
    funding = forms.ChoiceField(label=_("Funding source"), required=False)
    late = forms.BooleanField(label=_("With a late stage"), required=False)
    ending = forms.BooleanField(label=_("With a contract ending within 30 days"), required=False)
    awaiting = forms.BooleanField(label=_("Paid more than 90 days ago, not yet reimbursed"), required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["stage"].choices = [("", _("Any stage")), *Stage.Kind.choices]
        self.fields["funding"].choices = [("", _("Any funding source")), *FundingSource.Kind.choices]
        departments = Department.objects.all()
        if not roles.sees_all(user):
            departments = departments.filter(memberships__user=user).distinct()
        self.fields["department"].queryset = departments

    def filters(self):
        """The valid filters; an invalid one is ignored rather than emptying the register."""
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        department = data.get("department")
        return {
            "q": (data.get("q") or "").strip(),
            "stage": data.get("stage") or "",
            "department": department.pk if department else None,
            "funding": data.get("funding") or "",
            "late": bool(data.get("late")),
            "ending": bool(data.get("ending")),
            "awaiting": bool(data.get("awaiting")),
        }
