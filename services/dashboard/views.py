"""The indicators page of heads of department (their departments) and the quality manager (every department)."""

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseBadRequest
from django.shortcuts import render
from django.urls import reverse
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from portal.dbrouters import reading_from_replica
from portal.spreadsheets import csv_download

from .. import calendar as clock
from .. import ratings
from . import charts, extensions, selectors
from .forms import IndicatorsFilterForm


def indicators_viewer(view):
    """Heads of department and the quality manager; the view gets the departments they may see (None: all)."""

    @wraps(view)
    @login_required
    def wrapped(request, *args, **kwargs):
        department_ids = selectors.indicator_department_ids(request.user)
        if department_ids is not None and not department_ids:
            raise PermissionDenied
        return view(request, department_ids, *args, **kwargs)

    return wrapped


def _filter(request, department_ids):
    return IndicatorsFilterForm(request.GET, department_ids=department_ids, today=clock.today())


def _indicators(form, department_ids):
    return selectors.indicators(
        department_ids=form.department_scope(department_ids), period=form.period, today=form.today
    )


def _with_query(url, query):
    return f"{url}?{query.urlencode()}" if query else url


@indicators_viewer
@reading_from_replica()
def indicators(request, department_ids):
    form = _filter(request, department_ids)
    context = {"form": form, "more_indicators": extensions.links_for(request.user)}
    if form.is_valid():
        data = _indicators(form, department_ids)
        context.update(
            indicators=data,
            on_time_chart=charts.percentage_bars([(row.subject.code, row.on_time_rate) for row in data.by_procedure]),
            month_chart=charts.count_columns(data.opened_per_month),
            csv_url=_with_query(reverse("dashboard:indicators_csv"), request.GET),
            ratings=_ratings(form, department_ids),
            ratings_csv_url=_with_query(reverse("dashboard:ratings_csv"), request.GET),
        )
    # An unusable filter is the request's fault: the page with its errors, marked as such.
    return render(
        request, "services/dashboard/indicators.html", context, status=200 if "indicators" in context else 400
    )


def _number(value, decimals):
    return "" if value is None else number_format(value, decimal_pos=decimals)


@indicators_viewer
@reading_from_replica()
def indicators_csv(request, department_ids):
    form = _filter(request, department_ids)
    if not form.is_valid():
        return HttpResponseBadRequest(" ".join(str(e) for errors in form.errors.values() for e in errors))
    data = _indicators(form, department_ids)
    start, end = data.period.start.isoformat(), data.period.end.isoformat()
    response, writer = csv_download(f"indicatori-{start}-{end}.csv")
    writer.writerow(
        [
            _("Breakdown"),
            _("Code"),
            _("Name"),
            _("From"),
            _("To"),
            _("Opened"),
            _("Closed"),
            _("Open now"),
            _("Overdue"),
            _("Closed on time"),
            _("Closed and judged for timeliness"),
            _("On-time rate (%)"),
            _("Median processing time (working days)"),
        ]
    )
    rows = [(_("Procedure"), row.subject.code, row.subject.tr.title, row) for row in data.by_procedure]
    rows += [(_("Department"), row.subject.code, row.subject.tr.name, row) for row in data.by_department]
    rows.append((_("Total"), "", "", data.total))
    for breakdown, code, name, row in rows:
        writer.writerow(
            [
                breakdown,
                code,
                name,
                start,
                end,
                row.opened,
                row.closed,
                row.open,
                row.overdue,
                row.closed_on_time,
                row.closed_judged,
                _number(row.shown_on_time_rate, 1),
                _number(row.shown_median_days, 1),
            ]
        )
    return response


def _ratings(form, department_ids):
    period = form.period
    return ratings.rating_results(period.start, period.end, departments=form.department_scope(department_ids))


@indicators_viewer
@reading_from_replica()
def ratings_csv(request, department_ids):
    """The applicants' ratings of the service per department and per service: counts and means, never a case, an
    applicant or a comment."""
    form = _filter(request, department_ids)
    if not form.is_valid():
        return HttpResponseBadRequest(" ".join(str(e) for errors in form.errors.values() for e in errors))
    results = _ratings(form, department_ids)
    start, end = results.start.isoformat(), results.end.isoformat()
    response, writer = csv_download(f"evaluari-{start}-{end}.csv")
    writer.writerow(
        [
            _("Breakdown"),
            _("Code"),
            _("Name"),
            _("From"),
            _("To"),
            _("Asked"),
            _("Answered"),
            _("Response rate (%)"),
            _("Mean rating (1-5)"),
            *(_("Rated %(score)s") % {"score": score} for score in ratings.SCORES),
        ]
    )
    rows = [(_("Department"), row.subject.code, row.subject.tr.name, row) for row in results.by_department]
    rows += [(_("Service"), row.subject.slug, row.subject.tr.title, row) for row in results.by_service]
    rows.append((_("Total"), "", "", results.total))
    for breakdown, code, name, row in rows:
        writer.writerow(
            [
                breakdown,
                code,
                name,
                start,
                end,
                row.asked,
                row.answered,
                _number(row.shown_response_rate, 1),
                _number(row.shown_mean_score, 2),
                *row.distribution,
            ]
        )
    return response
