"""The investments' history is append-only: triggers (PostgreSQL and SQLite)."""

from django.db import migrations

from investments.audit_sql import statements


def create(apps, schema_editor):
    for sql in statements(schema_editor.connection.vendor, create=True):
        schema_editor.execute(sql)


def drop(apps, schema_editor):
    for sql in statements(schema_editor.connection.vendor, create=False):
        schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [("investments", "0001_investments")]
    operations = [migrations.RunPython(create, drop)]
