"""The database triggers that keep the sign-off log append-only and an acknowledgement fixed once given
(PostgreSQL and SQLite): the guards of the models hold for the ORM, these hold for any SQL."""

from portal.append_only import AppendOnly

SIGNOFFS = "quality_signoff"
ACKNOWLEDGEMENTS = "quality_acknowledgement"
EVENTS = "quality_qualityevent"
TABLES = (SIGNOFFS, ACKNOWLEDGEMENTS, EVENTS)
SIGNOFF_MESSAGE = "sign-offs are append-only"
ACKNOWLEDGEMENT_MESSAGE = "an acknowledgement is fixed once given"
EVENT_MESSAGE = "the quality log is append-only"

SIGNOFF_LOG = AppendOnly(table=SIGNOFFS, prefix="quality_signoff", message=SIGNOFF_MESSAGE)
# The log of nonconformities and actions (migration 0004): kept apart, so that 0002 keeps doing what it did.
EVENT_LOG = AppendOnly(table=EVENTS, prefix="quality_event", message=EVENT_MESSAGE)

ACKNOWLEDGEMENT_POSTGRESQL_CREATE = [
    f"""
    CREATE OR REPLACE FUNCTION quality_acknowledgement_fixed() RETURNS trigger AS $$
    BEGIN
        IF OLD.acknowledged_at IS NOT NULL AND (
            TG_OP = 'DELETE'
            OR NEW.acknowledged_at IS DISTINCT FROM OLD.acknowledged_at
            OR NEW.person_id IS DISTINCT FROM OLD.person_id
            OR NEW.version_id IS DISTINCT FROM OLD.version_id
        ) THEN
            RAISE EXCEPTION '{ACKNOWLEDGEMENT_MESSAGE}' USING ERRCODE = 'integrity_constraint_violation';
        END IF;
        IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
        RETURN NEW;
    END;
    $$ LANGUAGE plpgsql;
    """,
    f"""
    CREATE TRIGGER quality_acknowledgement_fixed_once_given
    BEFORE UPDATE OR DELETE ON {ACKNOWLEDGEMENTS}
    FOR EACH ROW EXECUTE FUNCTION quality_acknowledgement_fixed();
    """,
]
ACKNOWLEDGEMENT_POSTGRESQL_DROP = [
    f"DROP TRIGGER IF EXISTS quality_acknowledgement_fixed_once_given ON {ACKNOWLEDGEMENTS};",
    "DROP FUNCTION IF EXISTS quality_acknowledgement_fixed();",
]
ACKNOWLEDGEMENT_SQLITE_CREATE = [
    f"""
    CREATE TRIGGER IF NOT EXISTS quality_acknowledgement_no_change
    BEFORE UPDATE ON {ACKNOWLEDGEMENTS}
    WHEN OLD.acknowledged_at IS NOT NULL AND (
        NEW.acknowledged_at IS NOT OLD.acknowledged_at
        OR NEW.person_id IS NOT OLD.person_id
        OR NEW.version_id IS NOT OLD.version_id
    )
    BEGIN SELECT RAISE(ABORT, '{ACKNOWLEDGEMENT_MESSAGE}'); END;
    """,
    f"""
    CREATE TRIGGER IF NOT EXISTS quality_acknowledgement_no_delete
    BEFORE DELETE ON {ACKNOWLEDGEMENTS} WHEN OLD.acknowledged_at IS NOT NULL
    BEGIN SELECT RAISE(ABORT, '{ACKNOWLEDGEMENT_MESSAGE}'); END;
    """,
]
ACKNOWLEDGEMENT_SQLITE_DROP = [
    "DROP TRIGGER IF EXISTS quality_acknowledgement_no_change;",
    "DROP TRIGGER IF EXISTS quality_acknowledgement_no_delete;",
]

POSTGRESQL_CREATE = [*SIGNOFF_LOG.postgresql_create, *ACKNOWLEDGEMENT_POSTGRESQL_CREATE]
POSTGRESQL_DROP = [*SIGNOFF_LOG.postgresql_drop, *ACKNOWLEDGEMENT_POSTGRESQL_DROP]
SQLITE_CREATE = [*SIGNOFF_LOG.sqlite_create, *ACKNOWLEDGEMENT_SQLITE_CREATE]
SQLITE_DROP = [*SIGNOFF_LOG.sqlite_drop, *ACKNOWLEDGEMENT_SQLITE_DROP]
EVENT_SQLITE_CREATE = EVENT_LOG.sqlite_create
EVENT_SQLITE_DROP = EVENT_LOG.sqlite_drop


def event_statements(vendor, *, create=True):
    return EVENT_LOG.statements(vendor, create=create)


def statements(vendor, *, create=True):
    if vendor == "postgresql":
        return POSTGRESQL_CREATE if create else POSTGRESQL_DROP
    if vendor == "sqlite":
        return SQLITE_CREATE if create else SQLITE_DROP
    return []
