"""The queue's text search among open cases (its default list) from trigram indexes of open cases only: the
whole-registry ones of 0012 match tens of thousands of old cases for a common name (bench/README.md). PostgreSQL
only; the open statuses are those of the queue's partial indexes (services.models.cases.QUEUE_OPEN_STATUSES)."""

from django.db import migrations

OPEN_STATUSES = ["awaiting_applicant", "in_review", "registered", "submitted"]
INDEXES = [
    ("case_open_number_trigram", "registration_number"),
    ("case_open_applicant_trigram", "applicant_name"),
]


def add(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    statuses = ", ".join(f"'{status}'" for status in OPEN_STATUSES)
    for name, column in INDEXES:
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {name} ON services_case USING gin ((UPPER(\"{column}\"::text)) gin_trgm_ops) "
            f"WHERE status IN ({statuses})"
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, _column in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [("services", "0012_queue_filter_indexes")]

    operations = [migrations.RunPython(add, drop)]
