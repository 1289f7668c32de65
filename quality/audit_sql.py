"""The database triggers that keep the sign-off log append-only and an acknowledgement fixed once given
(PostgreSQL and SQLite): the guards of the models hold for the ORM, these hold for any SQL."""

SIGNOFFS = "quality_signoff"
ACKNOWLEDGEMENTS = "quality_acknowledgement"
EVENTS = "quality_qualityevent"
TABLES = (SIGNOFFS, ACKNOWLEDGEMENTS, EVENTS)
SIGNOFF_MESSAGE = "sign-offs are append-only"
ACKNOWLEDGEMENT_MESSAGE = "an acknowledgement is fixed once given"
EVENT_MESSAGE = "the quality log is append-only"

POSTGRESQL_CREATE = [
    f"""
    CREATE OR REPLACE FUNCTION quality_signoff_append_only() RETURNS trigger AS $$
    BEGIN
        RAISE EXCEPTION '{SIGNOFF_MESSAGE}' USING ERRCODE = 'integrity_constraint_violation';
    END;
    $$ LANGUAGE plpgsql;
    """,
    f"""
    CREATE TRIGGER quality_signoff_no_update_or_delete
    BEFORE UPDATE OR DELETE ON {SIGNOFFS}
    FOR EACH ROW EXECUTE FUNCTION quality_signoff_append_only();
    """,
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
POSTGRESQL_DROP = [
    f"DROP TRIGGER IF EXISTS quality_signoff_no_update_or_delete ON {SIGNOFFS};",
    "DROP FUNCTION IF EXISTS quality_signoff_append_only();",
    f"DROP TRIGGER IF EXISTS quality_acknowledgement_fixed_once_given ON {ACKNOWLEDGEMENTS};",
    "DROP FUNCTION IF EXISTS quality_acknowledgement_fixed();",
]

SQLITE_CREATE = [
    f"""
    CREATE TRIGGER IF NOT EXISTS quality_signoff_no_update
    BEFORE UPDATE ON {SIGNOFFS} BEGIN SELECT RAISE(ABORT, '{SIGNOFF_MESSAGE}'); END;
    """,
    f"""
    CREATE TRIGGER IF NOT EXISTS quality_signoff_no_delete
    BEFORE DELETE ON {SIGNOFFS} BEGIN SELECT RAISE(ABORT, '{SIGNOFF_MESSAGE}'); END;
    """,
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
SQLITE_DROP = [
    "DROP TRIGGER IF EXISTS quality_signoff_no_update;",
    "DROP TRIGGER IF EXISTS quality_signoff_no_delete;",
    "DROP TRIGGER IF EXISTS quality_acknowledgement_no_change;",
    "DROP TRIGGER IF EXISTS quality_acknowledgement_no_delete;",
]


# The log of nonconformities and actions (migration 0004): kept apart, so that 0002 keeps doing what it did.
EVENT_POSTGRESQL_CREATE = [
    f"""
    CREATE OR REPLACE FUNCTION quality_event_append_only() RETURNS trigger AS $$
    BEGIN
        RAISE EXCEPTION '{EVENT_MESSAGE}' USING ERRCODE = 'integrity_constraint_violation';
    END;
    $$ LANGUAGE plpgsql;
    """,
    f"""
    CREATE TRIGGER quality_event_no_update_or_delete
    BEFORE UPDATE OR DELETE ON {EVENTS}
    FOR EACH ROW EXECUTE FUNCTION quality_event_append_only();
    """,
]
EVENT_POSTGRESQL_DROP = [
    f"DROP TRIGGER IF EXISTS quality_event_no_update_or_delete ON {EVENTS};",
    "DROP FUNCTION IF EXISTS quality_event_append_only();",
]
EVENT_SQLITE_CREATE = [
    f"""
    CREATE TRIGGER IF NOT EXISTS quality_event_no_update
    BEFORE UPDATE ON {EVENTS} BEGIN SELECT RAISE(ABORT, '{EVENT_MESSAGE}'); END;
    """,
    f"""
    CREATE TRIGGER IF NOT EXISTS quality_event_no_delete
    BEFORE DELETE ON {EVENTS} BEGIN SELECT RAISE(ABORT, '{EVENT_MESSAGE}'); END;
    """,
]
EVENT_SQLITE_DROP = [
    "DROP TRIGGER IF EXISTS quality_event_no_update;",
    "DROP TRIGGER IF EXISTS quality_event_no_delete;",
]


def event_statements(vendor, *, create=True):
    if vendor == "postgresql":
        return EVENT_POSTGRESQL_CREATE if create else EVENT_POSTGRESQL_DROP
    if vendor == "sqlite":
        return EVENT_SQLITE_CREATE if create else EVENT_SQLITE_DROP
    return []


def statements(vendor, *, create=True):
    if vendor == "postgresql":
        return POSTGRESQL_CREATE if create else POSTGRESQL_DROP
    if vendor == "sqlite":
        return SQLITE_CREATE if create else SQLITE_DROP
    return []
