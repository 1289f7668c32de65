"""The queue's cases as the paginator and the CSV export read them: counted in one query, a page read as keys from
the nearer end of the order's index, an honest bound on depth, the export in chunks."""

from django.db import connections, models
from django.db.models import Q

# How far from either end of a list a page may start. A page is read through the sort key's index, forwards from
# the start or backwards from the end, so its cost grows with this distance and not with the size of the list; past
# it the clerk is asked to narrow the filters (issue #24).
QUEUE_MAX_DEPTH = 10_000


class QueueList:
    """The queue's cases in order, read as the paginator and the CSV export need them.

    Counted in one query; a page read as primary keys through the order's index (backwards when nearer the end, so
    the last page costs what the first does), then its rows in one query; the export in chunks. With `first`, the
    cases matching it come before the others, each group in the queryset's order (the overdue cases first when all
    statuses are listed)."""

    related = ("service", "assignee")

    def __init__(self, cases, *, first=None):
        self.cases = cases
        self.parts = [cases] if first is None else [cases.filter(first), cases.exclude(first)]
        self.first = first
        self._lengths = None

    def lengths(self):
        if self._lengths is None:
            if self.first is None:
                self._lengths = [self.cases.order_by().count()]
            else:
                first, total = _two_counts(self.parts[0], self.cases)
                self._lengths = [first, total - first]
        return self._lengths

    def count(self):
        return sum(self.lengths())

    def __len__(self):
        return self.count()

    def too_deep(self, start):
        """Whether a page starting at `start` lies farther than QUEUE_MAX_DEPTH from both ends of the list."""
        return min(start, self.count() - start) > QUEUE_MAX_DEPTH

    def __getitem__(self, index):
        if not isinstance(index, slice):
            return self[index : index + 1][0]
        start = index.start or 0
        stop = self.count() if index.stop is None else index.stop
        pages, offset = Q(), 0
        for part, length in zip(self.parts, self.lengths(), strict=True):
            low, high = max(start - offset, 0), min(stop - offset, length)
            if low < high:
                pages |= Q(pk__in=_keys_between(part, low, high, length))
            offset += length
        if not pages:
            return []
        # One query: the page's keys are read through the order's index in a subquery, then its few rows joined
        # to their service and assignee and put in the list's order (the group first, then the queryset's order).
        rows = self.parts[0].model.objects.select_related(*self.related).filter(pages)
        ordering = list(self.cases.query.order_by)
        if self.first is not None:
            rank = models.Case(models.When(self.first, then=0), default=1, output_field=models.IntegerField())
            ordering.insert(0, rank.asc())
        return list(rows.order_by(*ordering))

    def iterator(self, chunk_size=2000):
        for part in self.parts:
            yield from part.select_related(*self.related).iterator(chunk_size=chunk_size)


def _two_counts(first, whole):
    """The length of the first part and of the whole list in one query of two plain counts, each answered by its own
    index (the partial one of open cases for the overdue part); one count with a FILTER, or a count of the rest with
    a negated condition, reads every entry of the department (bench/README.md)."""
    sql_first, params_first = first.order_by().values("pk").query.sql_with_params()
    sql_rest, params_rest = whole.order_by().values("pk").query.sql_with_params()
    # Both subqueries are Django's own compiled SQL, their values passed as parameters: nothing typed is interpolated.
    query = f"SELECT (SELECT COUNT(*) FROM ({sql_first}) first_part), (SELECT COUNT(*) FROM ({sql_rest}) other_part)"  # noqa: S608
    with connections[first.db].cursor() as cursor:
        cursor.execute(
            query,
            (*params_first, *params_rest),
        )
        counted_first, counted_rest = cursor.fetchone()
    return [counted_first, counted_rest]


def _keys_between(ordered, low, high, length):
    """The primary keys at positions [low, high) of an ordered queryset of `length` rows, read from the nearer end
    (a subquery, not run here)."""
    keys = ordered.values("pk")
    if low <= length - high:
        return keys[low:high]
    return keys.reverse()[length - high : length - low]
