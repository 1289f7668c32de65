"""The ISO 9001 §9.1 indicators, computed by the database: per procedure and per department over a period.

The database counts, in one grouped query whatever the number of cases (`_counts`); Python adds the counts up per
procedure, per department and in total, and takes the medians from histograms of processing days. Definitions, for
the period [start, end]:

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
from collections import Counter, defaultdict
from dataclasses import dataclass

from django.db.models import Count, DateField, F, IntegerField, Q, Value
from django.db.models.functions import Cast, TruncMonth

from ..aggregates import median_of_counts
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
    overdue = Q(due_date__lt=min(period.end, today))  # of the cases open now
    return opened, closed, open_now, overdue


# The counts of an IndicatorRow, which add up from (procedure, department) pairs to procedures, departments and the
# total; a median does not, so the closed cases come as a histogram of their processing days.
COUNTS = ("opened", "closed", "open", "overdue", "closed_on_time", "closed_judged")
OPENED, CLOSED = COUNTS.index("opened"), COUNTS.index("closed")
# Aliases in the query must not shadow the model's fields (closed_on_time is one), hence the prefix.
PREFIX = "indicator_"


def _part(cases, *, month=None, days=None, **counts):
    """One part of the indicators' query: `cases` grouped by procedure, department, and `month` or `days` (NULL
    where not given), with the COUNTS it measures (zero for the others), the columns in the same order in each part."""
    columns = {
        "month": Cast(Value(None), DateField()) if month is None else month,
        "days": Cast(Value(None), IntegerField()) if days is None else days,
        **{name: counts.get(name, Value(0)) for name in COUNTS},
    }
    return (
        cases.values("procedure_id", "department_id")
        .annotate(**{PREFIX + name: column for name, column in columns.items()})
        .values_list("procedure_id", "department_id", *(PREFIX + name for name in columns))
    )


def _counts(cases, period, today):
    """The indicators' figures in one query of three parts: the cases opened in the period, those closed in it and
    those open now, each read through its own index range, none sorted (a case counts in every part it falls in).

    Rows: (procedure id, department id, month or None, processing days or None, *COUNTS).
    """
    opened, closed, open_now, overdue = _conditions(period, today)
    # COUNT(*), or of a column the condition makes non-NULL, never of the primary key: an index that holds the
    # columns a part reads answers it without visiting the table.
    opened_per_month = _part(cases.filter(opened), month=TruncMonth("registered_on"), opened=Count("*"))
    closed_per_days = _part(
        cases.filter(closed),
        days=F("processing_working_days"),
        closed=Count("*"),
        closed_on_time=Count("closed_on_time", filter=Q(closed_on_time=True)),
        closed_judged=Count("closed_on_time"),
    )
    open_per_pair = _part(cases.filter(open_now), open=Count("*"), overdue=Count("due_date", filter=overdue))
    return opened_per_month.union(closed_per_days, open_per_pair, all=True)


class _Tally:
    """The counts and the processing-days histogram of one subject, added up from the query's rows."""

    def __init__(self):
        self.counts = dict.fromkeys(COUNTS, 0)
        self.days = Counter()

    def add(self, days, counts):
        for name, count in zip(COUNTS, counts, strict=True):
            self.counts[name] += count
        if days is not None:
            self.days[days] += counts[CLOSED]

    def row(self, subject):
        return IndicatorRow(subject=subject, **self.counts, median_days=median_of_counts(self.days))


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
    total, by_procedure, by_department = _Tally(), defaultdict(_Tally), defaultdict(_Tally)
    per_month = Counter()
    for procedure_id, department_id, month, days, *counts in _counts(cases, period, today):
        for tally in (total, by_procedure[procedure_id], by_department[department_id]):
            tally.add(days, counts)
        if month is not None:
            per_month[month] += counts[OPENED]
    procedures = Procedure.objects.in_bulk(list(by_procedure))
    departments = Department.objects.in_bulk(list(by_department))
    return Indicators(
        period=period,
        total=total.row(None),
        by_procedure=sorted(
            (tally.row(procedures[pk]) for pk, tally in by_procedure.items()), key=lambda row: row.subject.code
        ),
        by_department=sorted(
            (tally.row(departments[pk]) for pk, tally in by_department.items()), key=lambda row: str(row.subject)
        ),
        opened_per_month=[(month, per_month[month]) for month in months_between(period.start, period.end)],
    )
