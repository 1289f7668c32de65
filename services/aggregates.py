"""SQL aggregates Django lacks: the median, on PostgreSQL (percentile_cont) and SQLite (a registered function), and
the one definition of the median both SQLite and the indicators' histograms use.

SQLite has no median, so a Python aggregate named MEDIAN is registered on every SQLite connection when it opens
(the `connection_created` receiver below, connected when this module is imported) and, for a connection that was
already open when this module was first imported, when a query using `Median` is compiled.
"""

from bisect import bisect_right
from collections import Counter
from collections.abc import Mapping
from itertools import accumulate

from django.db.backends.signals import connection_created
from django.db.models import Aggregate, FloatField

SQLITE_FUNCTION = "MEDIAN"


def median_of_counts(counts: Mapping[float, int]) -> float | None:
    """The median of a multiset given as value → how many times it occurs, None when it is empty.

    The same figure as PostgreSQL's `percentile_cont(0.5)`: the middle value, or the mean of the two middle ones for
    an even count. A histogram of whole numbers (working days) holds a few hundred values where the cases are many.
    """
    values = sorted(counts)
    # How many values lie at or below each one: the value of rank r (0-based) is the first whose total exceeds r.
    at_or_below = list(accumulate(counts[value] for value in values))
    size = at_or_below[-1] if values else 0
    if not size:
        return None
    low = values[bisect_right(at_or_below, (size - 1) // 2)]
    high = values[bisect_right(at_or_below, size // 2)]
    return (low + high) / 2


class _SQLiteMedian:
    """The median of the non-NULL values (the mean of the two middle ones for an even count), NULL when none."""

    def __init__(self):
        self.values = []

    def step(self, value):
        if value is not None:
            self.values.append(value)

    def finalize(self):
        return median_of_counts(Counter(self.values))


def register_sqlite_median(raw_connection):
    raw_connection.create_aggregate(SQLITE_FUNCTION, 1, _SQLiteMedian)


def _on_connection_created(sender, connection, **kwargs):
    if connection.vendor == "sqlite":
        register_sqlite_median(connection.connection)


connection_created.connect(_on_connection_created, dispatch_uid="services.aggregates.sqlite_median")


class Median(Aggregate):
    """The median of a numeric expression (NULLs ignored), as a float; `filter=Q(...)` works as for Count."""

    function = SQLITE_FUNCTION
    name = "Median"
    arity = 1
    output_field = FloatField()

    def as_sqlite(self, compiler, connection, **extra_context):
        # A connection opened before this module was imported did not see the receiver above.
        connection.ensure_connection()
        register_sqlite_median(connection.connection)
        return self.as_sql(compiler, connection, **extra_context)

    def as_postgresql(self, compiler, connection, **extra_context):
        # An ordered-set aggregate; Aggregate.as_sql appends FILTER (WHERE …) after the WITHIN GROUP clause.
        clone = self.copy()
        clone.function = "PERCENTILE_CONT"
        clone.template = "%(function)s(0.5) WITHIN GROUP (ORDER BY %(expressions)s)"
        return super(Median, clone).as_sql(compiler, connection, **extra_context)
