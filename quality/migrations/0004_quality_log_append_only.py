"""The log of nonconformities and actions is append-only: triggers (PostgreSQL and SQLite)."""

from django.db import migrations

from quality.audit_sql import event_statements


def create(apps, schema_editor):
    for sql in event_statements(schema_editor.connection.vendor, create=True):
        schema_editor.execute(sql)


def drop(apps, schema_editor):
    for sql in event_statements(schema_editor.connection.vendor, create=False):
        schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [("quality", "0003_nonconformities_and_actions")]
    operations = [migrations.RunPython(create, drop)]
