"""The database triggers that keep the investments' history append-only, for PostgreSQL and SQLite."""

from portal.append_only import AppendOnly

HISTORY = AppendOnly(
    table="investments_change", prefix="investments_change", message="the history of investments is append-only"
)
TABLE = HISTORY.table
MESSAGE = HISTORY.message
SQLITE_CREATE = HISTORY.sqlite_create
SQLITE_DROP = HISTORY.sqlite_drop


def statements(vendor, *, create=True):
    return HISTORY.statements(vendor, create=create)
