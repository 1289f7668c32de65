"""The database triggers that keep the case history append-only, for PostgreSQL and SQLite."""

from portal.append_only import AppendOnly

CASE_EVENTS = AppendOnly(
    table="services_caseevent", prefix="services_caseevent", message="case events are append-only"
)
TABLE = CASE_EVENTS.table
MESSAGE = CASE_EVENTS.message
SQLITE_CREATE = CASE_EVENTS.sqlite_create
SQLITE_DROP = CASE_EVENTS.sqlite_drop


def statements(vendor, *, create=True):
    return CASE_EVENTS.statements(vendor, create=create)
