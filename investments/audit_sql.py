"""The database triggers that keep the investments' history append-only, for PostgreSQL and SQLite."""

TABLE = "investments_change"
MESSAGE = "the history of investments is append-only"

POSTGRESQL_CREATE = [
    f"""
    CREATE OR REPLACE FUNCTION investments_change_append_only() RETURNS trigger AS $$
    BEGIN
        RAISE EXCEPTION '{MESSAGE}' USING ERRCODE = 'integrity_constraint_violation';
    END;
    $$ LANGUAGE plpgsql;
    """,
    f"""
    CREATE TRIGGER investments_change_no_update_or_delete
    BEFORE UPDATE OR DELETE ON {TABLE}
    FOR EACH ROW EXECUTE FUNCTION investments_change_append_only();
    """,
]
POSTGRESQL_DROP = [
    f"DROP TRIGGER IF EXISTS investments_change_no_update_or_delete ON {TABLE};",
    "DROP FUNCTION IF EXISTS investments_change_append_only();",
]

SQLITE_CREATE = [
    f"""
    CREATE TRIGGER IF NOT EXISTS investments_change_no_update
    BEFORE UPDATE ON {TABLE} BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END;
    """,
    f"""
    CREATE TRIGGER IF NOT EXISTS investments_change_no_delete
    BEFORE DELETE ON {TABLE} BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END;
    """,
]
SQLITE_DROP = [
    "DROP TRIGGER IF EXISTS investments_change_no_update;",
    "DROP TRIGGER IF EXISTS investments_change_no_delete;",
]


def statements(vendor, *, create=True):
    if vendor == "postgresql":
        return POSTGRESQL_CREATE if create else POSTGRESQL_DROP
    if vendor == "sqlite":
        return SQLITE_CREATE if create else SQLITE_DROP
    return []
