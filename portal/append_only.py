"""Database triggers that make a table append-only (PostgreSQL and SQLite): the guards of the models hold for the
ORM, these hold for any SQL. One recipe for every log the portal keeps (case events, the quality log, the
investments' history); each app names its table, its trigger prefix and the message a refused change raises."""

from dataclasses import dataclass


@dataclass(frozen=True)
class AppendOnly:
    table: str
    prefix: str  # the triggers' and the function's names start with it
    message: str  # no single quote: it is written into the SQL

    @property
    def postgresql_create(self):
        return [
            f"""
    CREATE OR REPLACE FUNCTION {self.prefix}_append_only() RETURNS trigger AS $$
    BEGIN
        RAISE EXCEPTION '{self.message}' USING ERRCODE = 'integrity_constraint_violation';
    END;
    $$ LANGUAGE plpgsql;
    """,
            f"""
    CREATE TRIGGER {self.prefix}_no_update_or_delete
    BEFORE UPDATE OR DELETE ON {self.table}
    FOR EACH ROW EXECUTE FUNCTION {self.prefix}_append_only();
    """,
        ]

    @property
    def postgresql_drop(self):
        return [
            f"DROP TRIGGER IF EXISTS {self.prefix}_no_update_or_delete ON {self.table};",
            f"DROP FUNCTION IF EXISTS {self.prefix}_append_only();",
        ]

    @property
    def sqlite_create(self):
        return [
            f"""
    CREATE TRIGGER IF NOT EXISTS {self.prefix}_no_update
    BEFORE UPDATE ON {self.table} BEGIN SELECT RAISE(ABORT, '{self.message}'); END;
    """,
            f"""
    CREATE TRIGGER IF NOT EXISTS {self.prefix}_no_delete
    BEFORE DELETE ON {self.table} BEGIN SELECT RAISE(ABORT, '{self.message}'); END;
    """,
        ]

    @property
    def sqlite_drop(self):
        return [f"DROP TRIGGER IF EXISTS {self.prefix}_no_update;", f"DROP TRIGGER IF EXISTS {self.prefix}_no_delete;"]

    def statements(self, vendor, *, create=True):
        if "'" in self.message:
            raise ValueError("the message is written into the SQL: no single quote")
        if vendor == "postgresql":
            return self.postgresql_create if create else self.postgresql_drop
        if vendor == "sqlite":
            return self.sqlite_create if create else self.sqlite_drop
        return []
