"""The patterns of delays and blockages (heads: their departments; the quality manager: all), and the auditor's export
of the nonconformities with their causes, actions and evidence (the quality manager)."""

import datetime
from functools import wraps
from urllib.parse import urlencode

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse, HttpResponseBadRequest
from django.shortcuts import render
from django.urls import NoReverseMatch, reverse
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from portal.dbrouters import reading_from_replica
from services import calendar
from services.dashboard.forms import EARLIEST, MAX_YEARS, latest, years_after
from services.dashboard.selectors import indicator_department_ids
from services.models import Department
from services.permissions import is_quality_manager

from .. import nonconformity_export, patterns


class MonthInput(forms.DateInput):
    input_type = "month"

    def __init__(self):
        super().__init__(attrs={"class": "govuk-input govuk-input--width-10"}, format="%Y-%m")


def _month_field(label):
    return forms.DateField(
        label=label,
        required=False,
        input_formats=["%Y-%m"],
        widget=MonthInput(),
        help_text=_("Year and month, for example 2026-03"),
    )


def _last_day(month):
    return (month.replace(day=28) + datetime.timedelta(days=4)).replace(day=1) - datetime.timedelta(days=1)


class PeriodForm(forms.Form):
    """From a month to a month (whole months), and one department for whoever sees several; bound to the query
    string, so a period can be bookmarked. Without months: the last twelve months up to this one."""

    start = _month_field(_("From"))
    end = _month_field(_("To"))
    department = forms.ModelChoiceField(
        label=_("Department"),
        queryset=Department.objects.none(),
        required=False,
        empty_label=_("All departments"),
        widget=forms.Select(attrs={"class": "govuk-select"}),
    )

    def __init__(self, data, *, department_ids, today):
        data = data.copy()
        data.setdefault("start", self.default_start(today).strftime("%Y-%m"))
        data.setdefault("end", today.strftime("%Y-%m"))
        super().__init__(data)
        self.today = today
        departments = Department.objects.order_by("name")
        if department_ids is not None:
            departments = departments.filter(pk__in=department_ids)
        self.fields["department"].queryset = departments
        self.offers_department = department_ids is None or len(department_ids) > 1
        if not self.offers_department:
            del self.fields["department"]

    @staticmethod
    def default_start(today):
        index = today.year * 12 + today.month - 12
        return datetime.date(index // 12, index % 12 + 1, 1)

    def clean(self):
        cleaned = super().clean()
        if "start" in self.errors or "end" in self.errors:
            return cleaned
        start = (cleaned.get("start") or self.default_start(self.today)).replace(day=1)
        end = _last_day(cleaned.get("end") or self.today)
        if not (start >= EARLIEST and end <= latest(self.today)):
            self.add_error(
                "end",
                forms.ValidationError(
                    _("Enter months between %(earliest)s and %(latest)s."),
                    code="out_of_range",
                    params={"earliest": date_format(EARLIEST), "latest": date_format(latest(self.today))},
                ),
            )
        elif start > end:
            self.add_error("end", _("The period must end in or after the month it starts."))
        elif end >= years_after(start, MAX_YEARS):
            self.add_error("end", _("The period may be at most five years long."))
        cleaned["start"], cleaned["end"] = start, end
        return cleaned

    @property
    def period(self):
        return self.cleaned_data["start"], self.cleaned_data["end"]

    def department_scope(self, department_ids):
        """The departments to count: the chosen one, else every department the user may see (None: all)."""
        chosen = self.cleaned_data.get("department")
        return {chosen.pk} if chosen else department_ids


def register_url(**filters):
    """The nonconformity register filtered (status, source, department, procedure, month); None while the register
    is not installed."""
    try:
        url = reverse("quality:nonconformities")
    except NoReverseMatch:
        return None
    query = urlencode({name: value for name, value in filters.items() if value not in (None, "")})
    return f"{url}?{query}" if query else url


def _linked(rows, filter_name, chosen):
    """(row, link to the register filtered by the row's subject) pairs; no link for a row without a subject."""
    linked = []
    for row in rows:
        subject = row.subject
        if subject is None:
            linked.append((row, None))
            continue
        value = subject.strftime("%Y-%m") if isinstance(subject, datetime.date) else subject.pk
        linked.append((row, register_url(**{filter_name: value, "department": chosen})))
    return linked


def patterns_viewer(view):
    """Heads of department (theirs) and the quality manager (every department); the view gets the departments."""

    @wraps(view)
    @login_required
    def wrapped(request, *args, **kwargs):
        department_ids = indicator_department_ids(request.user)
        if department_ids is not None and not department_ids:
            raise PermissionDenied
        return view(request, department_ids, *args, **kwargs)

    return wrapped


@patterns_viewer
@reading_from_replica()
def patterns_page(request, department_ids):
    form = PeriodForm(request.GET, department_ids=department_ids, today=calendar.today())
    context = {"form": form, "may_export": is_quality_manager(request.user)}
    if form.is_valid():
        start, end = form.period
        scope = form.department_scope(department_ids)
        chosen = form.cleaned_data.get("department")
        chosen = chosen.pk if chosen else None
        context.update(
            start=start,
            end=end,
            by_procedure=patterns.by_procedure(start, end, departments=scope),
            by_department=patterns.by_department(start, end, departments=scope),
            by_cause=patterns.by_cause(start, end, departments=scope),
            by_month=patterns.by_month(start, end, departments=scope),
            offenders=patterns.repeat_offenders(start, end, departments=scope),
            query=request.GET.urlencode(),
        )
        context.update(
            procedure_rows=_linked(context["by_procedure"], "procedure", chosen),
            department_rows=_linked(context["by_department"], "department", None),
            # The register has no filter by cause.
            cause_rows=[(row, None) for row in context["by_cause"]],
            month_rows=_linked(context["by_month"], "month", chosen),
            offender_rows=[
                (row, register_url(procedure=row.procedure.pk, department=chosen)) for row in context["offenders"]
            ],
        )
    return render(request, "quality/patterns/patterns.html", context, status=200 if "start" in context else 400)


def manager_only(view):
    @wraps(view)
    @login_required
    def wrapped(request, *args, **kwargs):
        if not is_quality_manager(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapped


def _export_period(request):
    form = PeriodForm(request.GET, department_ids=None, today=calendar.today())
    if not form.is_valid():
        return None, HttpResponseBadRequest(" ".join(str(e) for errors in form.errors.values() for e in errors))
    start, end = form.period
    return (start, end, form.department_scope(None)), None


def _attachment(content, content_type, name):
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@manager_only
@reading_from_replica()
def nonconformity_export_zip(request):
    """The register, the causes, the actions and their evidence of a period: one CSV each, in a ZIP."""
    period, refused = _export_period(request)
    if refused:
        return refused
    start, end, scope = period
    content = nonconformity_export.export_zip(start, end, departments=scope, language=request.LANGUAGE_CODE)
    return _attachment(content, "application/zip", f"neconformitati-{start:%Y-%m}-{end:%Y-%m}.zip")


@manager_only
@reading_from_replica()
def nonconformity_export_pdf(request):
    """The same as one PDF for the auditor's file, naming no applicant."""
    period, refused = _export_period(request)
    if refused:
        return refused
    start, end, scope = period
    content = nonconformity_export.export_pdf(start, end, departments=scope, language=request.LANGUAGE_CODE)
    return _attachment(content, "application/pdf", f"neconformitati-{start:%Y-%m}-{end:%Y-%m}.pdf")
