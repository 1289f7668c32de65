"""Sortable table headers, as the staff lists use them: each header's link sorts by its column, ascending first, the
other way once the table is sorted by it; `aria-sort` says which column and which way."""

from dataclasses import dataclass
from typing import Any

ASCENDING, DESCENDING = "asc", "desc"


@dataclass(frozen=True)
class SortColumn:
    key: str
    label: Any  # a lazy translation
    numeric: bool
    aria_sort: str | None  # "ascending" or "descending" on the column the table is sorted by
    next_dir: str


def sort_columns(columns: Any, filters: dict[str, Any]) -> list[SortColumn]:
    """The headers of `columns` ((key, label, numeric) triples) for a list filtered and sorted by `filters`."""
    sort, descending = filters.get("sort"), filters.get("dir") == DESCENDING
    headers = []
    for key, label, numeric in columns:
        if key == sort:
            aria_sort, next_dir = ("descending", ASCENDING) if descending else ("ascending", DESCENDING)
        else:
            aria_sort, next_dir = None, ASCENDING
        headers.append(SortColumn(key, label, numeric, aria_sort, next_dir))
    return headers
