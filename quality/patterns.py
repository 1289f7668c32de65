"""Patterns of delays and blockages: nonconformities grouped by procedure, department, cause and month, the procedures
whose cases run late most often and the step where their cases wait, and the figures the ISO §9.1 dashboard and the
CAF self-assessment take as evidence.

Every figure is counted by the database, in grouped queries whose number does not grow with the rows: Python only
names and orders the result rows. `departments` is None for every department (the quality manager), else the
departments (or their ids) in scope. Definitions, for the period [start, end]:

- a nonconformity counts in the period when it was detected in it; `open` and `closed` are its status today, `with
  corrective action` that it has an action that was not cancelled;
- a procedure's cases closed in the period are those of `services.dashboard.selectors`: any closing status counts as
  closed, those with `closed_on_time` set (withdrawn cases have none) are judged, and judged late when not on time.
"""

import contextlib
import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db import connections, transaction
from django.db.models import (
    Avg,
    Count,
    DateField,
    Exists,
    F,
    Func,
    IntegerField,
    Min,
    OuterRef,
    Q,
    Subquery,
    Sum,
)
from django.db.models.functions import Coalesce, TruncDate, TruncMonth
from django.utils.translation import gettext_lazy as _

from services import calendar
from services.aggregates import Median
from services.dashboard.selectors import Period, indicators, months_between
from services.lifecycle import Action as CaseAction
from services.models import Case, CaseEvent, Department, Procedure, Suspension
from services.registry import kinds

from .models import Action, Nonconformity, NonconformityCause

CLOSED = Nonconformity.Status.CLOSED
TREND_MONTHS = 12


class DaysBetween(Func):
    """`later − earlier` in days, of two dates: an integer on PostgreSQL (date − date) and on SQLite (Julian days)."""

    output_field = IntegerField()
    arity = 2
    template = "(%(expressions)s)"
    arg_joiner = " - "

    def as_sqlite(self, compiler, connection, **extra_context):
        return self.as_sql(
            compiler,
            connection,
            template="CAST(ROUND(julianday(%(expressions)s)) AS INTEGER)",
            arg_joiner=") - julianday(",
            **extra_context,
        )


def _in_scope(queryset, departments, field_name="department"):
    return queryset if departments is None else queryset.filter(**{f"{field_name}__in": departments})


def share(part: int, whole: int) -> float | None:
    """part / whole as a percentage, or None when there is nothing to measure."""
    return 100 * part / whole if whole else None


# --- nonconformities by procedure, department, cause and month ----------------------------------------------------


@dataclass(frozen=True)
class NonconformityCount:
    """The nonconformities of one group: `subject` is the procedure, department or cause (None: none recorded yet),
    or the first day of the month."""

    subject: Any
    total: int
    open: int
    closed: int
    with_action: int


def _nonconformities(start, end, departments):
    return _in_scope(Nonconformity.objects.filter(detected_on__range=(start, end)).order_by(), departments)


def _counts():
    corrective = Action.objects.filter(nonconformity=OuterRef("pk")).exclude(status=Action.Status.CANCELLED)
    return {
        "nc_total": Count("*"),
        "nc_open": Count("pk", filter=~Q(status=CLOSED)),
        "nc_closed": Count("pk", filter=Q(status=CLOSED)),
        "nc_with_action": Count("pk", filter=Q(Exists(corrective))),
    }


def _count_row(subject, row):
    return NonconformityCount(
        subject=subject,
        total=row["nc_total"],
        open=row["nc_open"],
        closed=row["nc_closed"],
        with_action=row["nc_with_action"],
    )


def _grouped(start, end, departments, key, model):
    rows = list(_nonconformities(start, end, departments).values(key).annotate(**_counts()))
    subjects = model.objects.in_bulk([row[key] for row in rows if row[key] is not None])
    result = [_count_row(subjects.get(row[key]), row) for row in rows]
    # The largest groups first; the group of those without a subject last among equals.
    return sorted(result, key=lambda row: (-row.total, row.subject is None, str(row.subject or "")))


def by_procedure(start: datetime.date, end: datetime.date, *, departments=None) -> list[NonconformityCount]:
    """Per procedure (None: a nonconformity of no procedure, such as an audit finding), the largest first."""
    return _grouped(start, end, departments, "procedure", Procedure)


def by_department(start: datetime.date, end: datetime.date, *, departments=None) -> list[NonconformityCount]:
    return _grouped(start, end, departments, "department", Department)


def by_cause(start: datetime.date, end: datetime.date, *, departments=None) -> list[NonconformityCount]:
    """Per cause from the quality manager's list (None: not analysed yet)."""
    return _grouped(start, end, departments, "cause", NonconformityCause)


def by_month(start: datetime.date, end: datetime.date, *, departments=None) -> list[NonconformityCount]:
    """Every month of the period, in order, those without a nonconformity included."""
    rows = {
        row["nc_month"]: row
        for row in _nonconformities(start, end, departments)
        .annotate(nc_month=TruncMonth("detected_on"))
        .values("nc_month")
        .annotate(**_counts())
    }
    empty = {"nc_total": 0, "nc_open": 0, "nc_closed": 0, "nc_with_action": 0}
    return [_count_row(month, rows.get(month, empty)) for month in months_between(start, end)]


# --- the procedures whose cases run late most often ---------------------------------------------------------------

# Where a case waits, in the order a case passes through them.
STEPS = {
    "to_review": _("from registration to the start of the review"),
    "to_decision": _("from the start of the review to the decision, not counting the suspension"),
    "suspended": _("suspended, waiting for the applicant"),
}


@dataclass(frozen=True)
class Step:
    key: str
    label: Any
    days: float


@dataclass(frozen=True)
class RepeatOffender:
    """A procedure's cases closed in the period (`department` set when counted per department), the nonconformities
    opened about it and the average days its cases spent in each step (None: no case of it closed in the period)."""

    procedure: Procedure
    closed: int
    judged: int
    late: int
    nonconformities: int
    to_review_days: float | None = None
    to_decision_days: float | None = None
    suspended_days: float | None = None
    department: Department | None = None

    @property
    def late_share(self) -> float | None:
        """Of the cases judged, the percentage closed late."""
        return share(self.late, self.judged)

    @property
    def steps(self) -> list[Step]:
        days = {
            "to_review": self.to_review_days,
            "to_decision": self.to_decision_days,
            "suspended": self.suspended_days,
        }
        return [Step(key, STEPS[key], value) for key, value in days.items() if value is not None]

    @property
    def longest_step(self) -> Step | None:
        """The step where the cases wait longest on average; None when they waited in none."""
        longest = max(self.steps, key=lambda step: step.days, default=None)
        return longest if longest and longest.days > 0 else None


def _closed_cases(start, end, departments):
    cases = Case.objects.order_by().filter(status__in=sorted(kinds.closed_statuses()), closed_on__range=(start, end))
    return _in_scope(cases, departments)


def _review_day():
    """The day the case's review first started (a case sent back to the registry may start it again); for a case
    closed before any review started (withdrawn, or rejected while incomplete), the day it closed: it waited for the
    review all its life."""
    first = Subquery(
        CaseEvent.objects.filter(case=OuterRef("pk"), action=CaseAction.REVIEW_STARTED)
        .order_by()
        .values("case")
        .annotate(first=Min(TruncDate("at")))
        .values("first"),
        output_field=DateField(),
    )
    return Coalesce(first, F("closed_on"))


def _suspended_days():
    """The days the case's clock stood still; a suspension still open at the closing counts up to the closing."""
    return Coalesce(
        Subquery(
            Suspension.objects.filter(case=OuterRef("pk"))
            .order_by()
            .values("case")
            .annotate(days=Sum(DaysBetween(Coalesce("ended_on", OuterRef("closed_on")), "started_on")))
            .values("days"),
            output_field=IntegerField(),
        ),
        0,
    )


def _ranked(start, end, departments, keys):
    """The late closings and the nonconformities of each group (procedure, or department and procedure), by key."""
    tallies = defaultdict(lambda: {"closed": 0, "judged": 0, "late": 0, "nonconformities": 0})
    closings = (
        _closed_cases(start, end, departments)
        .values(*keys)
        .annotate(
            closed=Count("*"),
            judged=Count("closed_on_time"),
            late=Count("closed_on_time", filter=Q(closed_on_time=False)),
        )
    )
    for row in closings:
        tallies[tuple(row[key] for key in keys)].update(closed=row["closed"], judged=row["judged"], late=row["late"])
    opened = (
        _nonconformities(start, end, departments)
        .filter(procedure__isnull=False)
        .values(*keys)
        .annotate(nonconformities=Count("*"))
    )
    for row in opened:
        tallies[tuple(row[key] for key in keys)]["nonconformities"] = row["nonconformities"]
    return tallies


def _steps(start, end, departments, procedure_ids, keys):
    """The average days in each step of the given procedures' cases closed in the period, by key.

    Each case's life, from registration to closing, is cut into the wait for the review, the review and the days
    suspended, so the review's average is the whole life's less the other two (`_step_days`): the database looks up
    each case's review start and suspensions once, where a fourth average would look them up again."""
    cases = _closed_cases(start, end, departments)
    alias = cases.db
    rows = (
        cases.using(alias)
        .filter(procedure__in=procedure_ids)
        .values(*keys)
        .annotate(
            life=Avg(DaysBetween(F("closed_on"), F("registered_on"))),
            to_review=Avg(DaysBetween(_review_day(), F("registered_on"))),
            suspended=Avg(_suspended_days()),
        )
    )
    with _without_jit(alias):
        return {tuple(row[key] for key in keys): row for row in rows}


@contextlib.contextmanager
def _without_jit(alias):
    """PostgreSQL's JIT compiles this query, whose estimated cost grows with the cases it looks up, for longer than
    it runs: on the bench's million cases a year's steps take 1.3 s without it and 3 s with it (the JIT alone 1.7 s).
    Turned off for the one query, in a transaction of its own (`SET LOCAL`; inside a caller's transaction it holds
    until that one ends)."""
    connection = connections[alias]
    if connection.vendor != "postgresql":
        yield
        return
    with transaction.atomic(using=alias):
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL jit = off")
        yield


def _step_days(row):
    """The three steps' averages of a row of `_steps` (all None when no case of the group closed in the period)."""
    if row.get("life") is None:
        return {"to_review_days": None, "to_decision_days": None, "suspended_days": None}
    return {
        "to_review_days": row["to_review"],
        # A completion is asked for during the review: its days are the applicant's, not the review's.
        "to_decision_days": row["life"] - row["to_review"] - row["suspended"],
        "suspended_days": row["suspended"],
    }


def _offenders(start, end, departments, *, limit, per_department):
    keys = ("department", "procedure") if per_department else ("procedure",)
    tallies = _ranked(start, end, departments, keys)
    ranked = sorted(
        ((key, tally) for key, tally in tallies.items() if tally["late"] or tally["nonconformities"]),
        key=lambda item: (-item[1]["late"], -item[1]["nonconformities"], -item[1]["closed"], item[0]),
    )
    chosen, taken = [], defaultdict(int)
    for key, tally in ranked:
        group = key[0] if per_department else None
        if taken[group] < limit:
            taken[group] += 1
            chosen.append((key, tally))
    if not chosen:
        return []
    procedure_ids = sorted({key[-1] for key, _tally in chosen})
    steps = _steps(start, end, departments, procedure_ids, keys)
    procedures = Procedure.objects.in_bulk(procedure_ids)
    departments_by_id = Department.objects.in_bulk([key[0] for key, _tally in chosen]) if per_department else {}
    result = []
    for key, tally in chosen:
        result.append(
            RepeatOffender(
                procedure=procedures[key[-1]],
                department=departments_by_id.get(key[0]) if per_department else None,
                **_step_days(steps.get(key, {})),
                **tally,
            )
        )
    return result


def repeat_offenders(
    start: datetime.date, end: datetime.date, *, limit: int = 10, departments=None
) -> list[RepeatOffender]:
    """The procedures whose cases closed late most often in the period (then those with the most nonconformities
    opened), at most `limit`, with the average days their cases spent in each step.

    Four queries whatever the number of cases: the closings per procedure (read from the `case_closed_indicators`
    index alone), the nonconformities per procedure, the steps of the chosen procedures' cases (their first review
    start from the events by case, their suspensions by case; on PostgreSQL without JIT, see `_without_jit`), and
    the procedures."""
    return _offenders(start, end, departments, limit=limit, per_department=False)


def department_offenders(
    start: datetime.date, end: datetime.date, *, limit: int = 3, departments=None
) -> dict[int, list[RepeatOffender]]:
    """The same per department of the cases: each department's `limit` procedures late most often, by department id."""
    grouped = defaultdict(list)
    for offender in _offenders(start, end, departments, limit=limit, per_department=True):
        grouped[offender.department.pk].append(offender)
    return dict(grouped)


# --- the ISO §9.1 dashboard ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class DepartmentNonconformities:
    """A department's nonconformities: opened in the period, open today, closed in the period, and of those opened
    the ones with a corrective action; and its procedures whose cases closed late most often."""

    department: Department
    opened: int
    open_now: int
    closed: int
    with_action: int
    offenders: list = field(default_factory=list)


def department_nonconformities(
    start: datetime.date, end: datetime.date, departments=None, *, offenders: int = 3
) -> list[DepartmentNonconformities]:
    """One row per department in scope, by name (the `indicators` page's "Nonconformities" section)."""
    in_period = Q(detected_on__range=(start, end))
    closed = Q(status=CLOSED, closed_on__range=(start, end))
    corrective = Action.objects.filter(nonconformity=OuterRef("pk")).exclude(status=Action.Status.CANCELLED)
    counts = {
        row["department"]: row
        for row in _in_scope(Nonconformity.objects.order_by(), departments)
        .filter(in_period | ~Q(status=CLOSED) | closed)
        .values("department")
        .annotate(
            nc_opened=Count("pk", filter=in_period),
            nc_open=Count("pk", filter=~Q(status=CLOSED)),
            nc_closed=Count("pk", filter=closed),
            nc_with_action=Count("pk", filter=in_period & Q(Exists(corrective))),
        )
    }
    late = department_offenders(start, end, limit=offenders, departments=departments)
    rows = []
    for department in _in_scope(Department.objects.order_by("name"), departments, "pk"):
        row = counts.get(department.pk, {})
        rows.append(
            DepartmentNonconformities(
                department=department,
                opened=row.get("nc_opened", 0),
                open_now=row.get("nc_open", 0),
                closed=row.get("nc_closed", 0),
                with_action=row.get("nc_with_action", 0),
                offenders=late.get(department.pk, []),
            )
        )
    return rows


# --- evidence for the CAF self-assessment (criteria 6–9) ----------------------------------------------------------


@dataclass(frozen=True)
class MonthTrend:
    month: datetime.date
    opened: int
    closed: int
    judged: int
    on_time: int
    median_days: float | None
    nonconformities: int

    @property
    def on_time_rate(self) -> float | None:
        return share(self.on_time, self.judged)


# The CAF 2020 criteria each figure is evidence for: 6 (citizen/customer-oriented results), 9 (key performance).
CAF_CRITERIA = {
    "on_time_rate": (6, 9),
    "median_days": (6, 9),
    "backlog": (9,),
    "overdue": (9,),
    "nonconformities": (6, 9),
    "trend": (9,),
}
CAF_LABELS = {
    "on_time_rate": _("cases closed on time (%)"),
    "median_days": _("median processing time (working days)"),
    "backlog": _("open cases"),
    "overdue": _("open cases past their due date"),
    "nonconformities": _("nonconformities opened"),
}


@dataclass(frozen=True)
class CafEvidence:
    """The service-delivery figures of the period that the CAF self-assessment offers as evidence for its results
    criteria (see CAF_CRITERIA), and the month-by-month trend of the last twelve months up to the period's end."""

    period: Period
    opened: int
    closed: int
    on_time_rate: float | None
    median_days: float | None
    backlog: int
    overdue: int
    nonconformities: int
    nonconformities_open: int
    nonconformities_with_action: int
    trend: list[MonthTrend]

    def items(self):
        """(key, label, value, criteria) of each headline figure, in the order the self-assessment lists them."""
        return [(key, label, getattr(self, key), CAF_CRITERIA[key]) for key, label in CAF_LABELS.items()]


def _month_start(day, months_back):
    index = day.year * 12 + day.month - 1 - months_back
    return datetime.date(index // 12, index % 12 + 1, 1)


def _trend(end, departments):
    first = _month_start(end, TREND_MONTHS - 1)
    cases = _in_scope(Case.objects.order_by(), departments)
    opened = dict(
        cases.filter(registered_on__range=(first, end))
        .annotate(trend_month=TruncMonth("registered_on"))
        .values("trend_month")
        .annotate(n=Count("*"))
        .values_list("trend_month", "n")
    )
    closed = {
        row["trend_month"]: row
        for row in _closed_cases(first, end, departments)
        .annotate(trend_month=TruncMonth("closed_on"))
        .values("trend_month")
        .annotate(
            n=Count("*"),
            judged=Count("closed_on_time"),
            on_time=Count("closed_on_time", filter=Q(closed_on_time=True)),
            median=Median("processing_working_days"),
        )
    }
    found = dict(
        _nonconformities(first, end, departments)
        .annotate(trend_month=TruncMonth("detected_on"))
        .values("trend_month")
        .annotate(n=Count("*"))
        .values_list("trend_month", "n")
    )
    trend = []
    for month in months_between(first, end):
        row = closed.get(month, {})
        trend.append(
            MonthTrend(
                month=month,
                opened=opened.get(month, 0),
                closed=row.get("n", 0),
                judged=row.get("judged", 0),
                on_time=row.get("on_time", 0),
                median_days=row.get("median"),
                nonconformities=found.get(month, 0),
            )
        )
    return trend


def evidence_for_caf(start: datetime.date, end: datetime.date, *, departments=None, today=None) -> CafEvidence:
    """The figures the CAF self-assessment (issue #19) offers as evidence for criteria 6–9: the on-time rate, the
    median processing time and the backlog of `services.dashboard.selectors.indicators` (the same definitions as
    the ISO §9.1 dashboard), the nonconformities of the period, and the trend of the last twelve months."""
    today = today or calendar.today()
    department_ids = None if departments is None else {getattr(d, "pk", d) for d in departments}
    period = Period(start, end)
    total = indicators(department_ids=department_ids, period=period, today=today).total
    nonconformities = _nonconformities(start, end, departments).aggregate(**_counts())
    return CafEvidence(
        period=period,
        opened=total.opened,
        closed=total.closed,
        on_time_rate=total.on_time_rate,
        median_days=total.median_days,
        backlog=total.open,
        overdue=total.overdue,
        nonconformities=nonconformities["nc_total"],
        nonconformities_open=nonconformities["nc_open"],
        nonconformities_with_action=nonconformities["nc_with_action"],
        trend=_trend(end, departments),
    )
