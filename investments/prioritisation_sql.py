"""Database triggers of the prioritisation rounds (PostgreSQL and SQLite): the round's history is append-only, and
once a round is locked its method cannot change by any SQL: no criterion, level of the scale or pairwise judgement is
added, changed or removed, and the round's voting rules, weight method and frozen methodology stay as locked; a
published round's ranking, envelope and step stay as published."""

from portal.append_only import AppendOnly

HISTORY = AppendOnly(
    table="investments_roundevent",
    prefix="investments_roundevent",
    message="the history of a prioritisation round is append-only",
)

LOCKED_MESSAGE = "the method of a locked prioritisation round cannot change"
PUBLISHED_MESSAGE = "a published prioritisation round cannot change its ranking"

# What a published round cannot change: its frozen ranking and its step.
PUBLISHED_ROUND_COLUMNS = ("state", "result", "published_at", "published_by_id", "envelope_bani")

# The tables of the method and how a row finds its round's state.
METHOD_TABLES = {
    "investments_criterion": "(SELECT state FROM investments_round WHERE id = {row}.round_id)",
    "investments_judgement": "(SELECT state FROM investments_round WHERE id = {row}.round_id)",
    "investments_scalelevel": (
        "(SELECT r.state FROM investments_round r JOIN investments_criterion c ON c.round_id = r.id "
        "WHERE c.id = {row}.criterion_id)"
    ),
}

# The round's own columns that the lock freezes.
FROZEN_ROUND_COLUMNS = (
    "weight_method",
    "votes_per_citizen",
    "consultation_opens",
    "consultation_closes",
    "wide_spread_at",
    "methodology_version",
    "methodology",
    "methodology_sha256",
    "locked_at",
    "locked_by_id",
)


def _postgresql_create():
    sql = [
        f"""
    CREATE OR REPLACE FUNCTION investments_method_locked() RETURNS trigger AS $$
    DECLARE
        round_state text;
    BEGIN
        IF TG_TABLE_NAME = 'investments_scalelevel' AND TG_OP = 'DELETE' THEN
            SELECT r.state INTO round_state FROM investments_round r
                JOIN investments_criterion c ON c.round_id = r.id WHERE c.id = OLD.criterion_id;
        ELSIF TG_TABLE_NAME = 'investments_scalelevel' THEN
            SELECT r.state INTO round_state FROM investments_round r
                JOIN investments_criterion c ON c.round_id = r.id WHERE c.id = NEW.criterion_id;
            IF TG_OP = 'UPDATE' AND round_state = 'draft' THEN
                SELECT r.state INTO round_state FROM investments_round r
                    JOIN investments_criterion c ON c.round_id = r.id WHERE c.id = OLD.criterion_id;
            END IF;
        ELSIF TG_OP = 'DELETE' THEN
            SELECT state INTO round_state FROM investments_round WHERE id = OLD.round_id;
        ELSE
            SELECT state INTO round_state FROM investments_round WHERE id = NEW.round_id;
            IF TG_OP = 'UPDATE' AND round_state = 'draft' THEN
                SELECT state INTO round_state FROM investments_round WHERE id = OLD.round_id;
            END IF;
        END IF;
        IF round_state IS NOT NULL AND round_state <> 'draft' THEN
            RAISE EXCEPTION '{LOCKED_MESSAGE}' USING ERRCODE = 'integrity_constraint_violation';
        END IF;
        IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
        RETURN NEW;
    END;
    $$ LANGUAGE plpgsql;
    """  # noqa: S608 - constants only
    ]
    for table in METHOD_TABLES:
        sql.append(
            f"""
    CREATE TRIGGER {table}_locked BEFORE INSERT OR UPDATE OR DELETE ON {table}
    FOR EACH ROW EXECUTE FUNCTION investments_method_locked();
    """
        )
    changed = " OR ".join(f"NEW.{column} IS DISTINCT FROM OLD.{column}" for column in FROZEN_ROUND_COLUMNS)
    published_changed = " OR ".join(
        f"NEW.{column} IS DISTINCT FROM OLD.{column}" for column in PUBLISHED_ROUND_COLUMNS
    )
    sql.append(
        f"""
    CREATE OR REPLACE FUNCTION investments_round_frozen() RETURNS trigger AS $$
    BEGIN
        IF OLD.state <> 'draft' AND ({changed}) THEN
            RAISE EXCEPTION '{LOCKED_MESSAGE}' USING ERRCODE = 'integrity_constraint_violation';
        END IF;
        IF OLD.state <> 'draft' AND NEW.state = 'draft' THEN
            RAISE EXCEPTION '{LOCKED_MESSAGE}' USING ERRCODE = 'integrity_constraint_violation';
        END IF;
        IF OLD.state = 'published' AND ({published_changed}) THEN
            RAISE EXCEPTION '{PUBLISHED_MESSAGE}' USING ERRCODE = 'integrity_constraint_violation';
        END IF;
        RETURN NEW;
    END;
    $$ LANGUAGE plpgsql;
    """
    )
    sql.append(
        """
    CREATE TRIGGER investments_round_frozen BEFORE UPDATE ON investments_round
    FOR EACH ROW EXECUTE FUNCTION investments_round_frozen();
    """
    )
    return sql


def _postgresql_drop():
    sql = [f"DROP TRIGGER IF EXISTS {table}_locked ON {table};" for table in METHOD_TABLES]
    sql += [
        "DROP FUNCTION IF EXISTS investments_method_locked();",
        "DROP TRIGGER IF EXISTS investments_round_frozen ON investments_round;",
        "DROP FUNCTION IF EXISTS investments_round_frozen();",
    ]
    return sql


def _sqlite_create():
    sql = []
    for table, state in METHOD_TABLES.items():
        for operation, row in (("INSERT", "NEW"), ("UPDATE", "OLD"), ("DELETE", "OLD")):
            sql.append(
                f"""
    CREATE TRIGGER IF NOT EXISTS {table}_locked_{operation.lower()} BEFORE {operation} ON {table}
    WHEN {state.format(row=row)} <> 'draft'
    BEGIN SELECT RAISE(ABORT, '{LOCKED_MESSAGE}'); END;
    """
            )
        sql.append(
            f"""
    CREATE TRIGGER IF NOT EXISTS {table}_locked_moved BEFORE UPDATE ON {table}
    WHEN {state.format(row="NEW")} <> 'draft'
    BEGIN SELECT RAISE(ABORT, '{LOCKED_MESSAGE}'); END;
    """
        )
    changed = " OR ".join(f"NEW.{column} IS NOT OLD.{column}" for column in FROZEN_ROUND_COLUMNS)
    published_changed = " OR ".join(f"NEW.{column} IS NOT OLD.{column}" for column in PUBLISHED_ROUND_COLUMNS)
    sql.append(
        f"""
    CREATE TRIGGER IF NOT EXISTS investments_round_published BEFORE UPDATE ON investments_round
    WHEN OLD.state = 'published' AND ({published_changed})
    BEGIN SELECT RAISE(ABORT, '{PUBLISHED_MESSAGE}'); END;
    """
    )
    sql.append(
        f"""
    CREATE TRIGGER IF NOT EXISTS investments_round_frozen BEFORE UPDATE ON investments_round
    WHEN OLD.state <> 'draft' AND ({changed} OR NEW.state = 'draft')
    BEGIN SELECT RAISE(ABORT, '{LOCKED_MESSAGE}'); END;
    """
    )
    return sql


def _sqlite_drop():
    sql = []
    for table in METHOD_TABLES:
        for suffix in ("insert", "update", "delete", "moved"):
            sql.append(f"DROP TRIGGER IF EXISTS {table}_locked_{suffix};")
    sql.append("DROP TRIGGER IF EXISTS investments_round_frozen;")
    sql.append("DROP TRIGGER IF EXISTS investments_round_published;")
    return sql


def statements(vendor, *, create=True):
    sql = list(HISTORY.statements(vendor, create=create))
    if vendor == "postgresql":
        sql += _postgresql_create() if create else _postgresql_drop()
    elif vendor == "sqlite":
        sql += _sqlite_create() if create else _sqlite_drop()
    return sql
