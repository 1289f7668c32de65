"""The ISO 9001 §9.1 indicators, computed by the database: per procedure and per department over a period.

Every figure is an SQL aggregate (a filtered COUNT or the median), so the page costs the same few queries whatever
the number of cases. Definitions, for the period [start, end]:

- opened: registered within the period;
- closed: closed within the period, whatever the closing status (withdrawn included);
- open now: still open and registered by the end of the period;
- overdue: open now and past the due date (before the end of the period, or before today if that is earlier);
  a suspended case has no due date, so it is never overdue;
- on-time rate: of the cases closed in the period and judged (`closed_on_time` set; withdrawn cases are not),
  the share closed on time;
- median processing time: the median of `processing_working_days` of the cases closed in the period.
"""

import datetime
from dataclasses import dataclass

from django.db.models import Count, Q
from django.db.models.functions import TruncMonth

from ..aggregates import Median  # also registers MEDIAN on SQLite connections
from ..models import Case, Department, Procedure
from ..permissions import head_department_ids, is_quality_manager
from ..registry import kinds
from .rounding import round_half_up


@dataclass(frozen=True)
class Period:
    start: datetime.date
    end: datetime.date


@dataclass(frozen=True)
class IndicatorRow:
    """The indicators of one procedure, one department, or of everything in scope (`subject` None)."""

    subject: object
    opened: int
    closed: int
    open: int
    overdue: int
    closed_on_time: int
    closed_judged: int
    median_days: float | None

    @property
    def on_time_rate(self):
        """Percentage of the judged closed cases closed on time; None when none was judged."""
        if not self.closed_judged:
            return None
        return 100 * self.closed_on_time / self.closed_judged

    # The figures as shown, on the page, its chart and in the CSV alike: one decimal, rounded half up.
    @property
    def shown_on_time_rate(self):
        return round_half_up(self.on_time_rate, 1)

    @property
    def shown_median_days(self):
        return round_half_up(self.median_days, 1)


@dataclass(frozen=True)
class Indicators:
    period: Period
    total: IndicatorRow
    by_procedure: list[IndicatorRow]
    by_department: list[IndicatorRow]
    opened_per_month: list[tuple[datetime.date, int]]


def indicator_department_ids(user):
    """The departments whose indicators `user` may see: None for all of them (the quality manager), else the
    departments they head (an empty set for everyone else)."""
    if is_quality_manager(user):
        return None
    return head_department_ids(user)


def _conditions(period, today):
    opened = Q(registered_on__gte=period.start, registered_on__lte=period.end)
    closed = Q(status__in=kinds.closed_statuses(), closed_on__gte=period.start, closed_on__lte=period.end)
    open_now = Q(status__in=kinds.open_statuses(), registered_on__lte=period.end)
    overdue = open_now & Q(due_date__lt=min(period.end, today))
    return opened, closed, open_now, overdue


# Aggregate aliases must not shadow the model's fields (closed_on_time is one), hence the prefix.
PREFIX = "indicator_"


def _measures(period, today):
    opened, closed, open_now, overdue = _conditions(period, today)
    measures = {
        "opened": Count("pk", filter=opened),
        "closed": Count("pk", filter=closed),
        "open": Count("pk", filter=open_now),
        "overdue": Count("pk", filter=overdue),
        "closed_on_time": Count("pk", filter=closed & Q(closed_on_time=True)),
        "closed_judged": Count("pk", filter=closed & Q(closed_on_time__isnull=False)),
        "median_days": Median("processing_working_days", filter=closed),
    }
    return {PREFIX + name: aggregate for name, aggregate in measures.items()}


def _row(subject, values):
    return IndicatorRow(
        subject=subject,
        **{name: values[PREFIX + name] for name in IndicatorRow.__dataclass_fields__ if name != "subject"},
    )


def _grouped(cases, field, measures, model, sort_key):
    rows = list(cases.values(field).annotate(**measures).order_by())
    subjects = model.objects.in_bulk([row[field] for row in rows])
    return sorted((_row(subjects[row[field]], row) for row in rows), key=lambda row: sort_key(row.subject))


def months_between(start, end):
    """The first day of every month from the month of `start` to the month of `end`."""
    month = start.replace(day=1)
    months = []
    while month <= end:
        months.append(month)
        month = (month + datetime.timedelta(days=32)).replace(day=1)
    return months


def indicators(*, department_ids, period, today):
    """The indicators of the cases of `department_ids` (None: every department) over `period`."""
    cases = Case.objects.order_by()
    if department_ids is not None:
        cases = cases.filter(department_id__in=department_ids)
    opened, closed, open_now, _overdue = _conditions(period, today)
    # Only cases that count for something in the period; each measure below filters further.
    cases = cases.filter(opened | closed | open_now)
    measures = _measures(period, today)
    per_month = dict(
        cases.filter(opened)
        .annotate(month=TruncMonth("registered_on"))
        .values("month")
        .annotate(count=Count("pk"))
        .order_by()
        .values_list("month", "count")
    )
    return Indicators(
        period=period,
        total=_row(None, cases.aggregate(**measures)),
        by_procedure=_grouped(cases, "procedure", measures, Procedure, lambda p: p.code),
        by_department=_grouped(cases, "department", measures, Department, lambda d: str(d)),
        opened_per_month=[(month, per_month.get(month, 0)) for month in months_between(period.start, period.end)],
    )
