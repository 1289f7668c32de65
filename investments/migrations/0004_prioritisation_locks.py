"""The round's history is append-only and a locked round's method cannot change: triggers (PostgreSQL and SQLite)."""

from django.db import migrations

from investments.prioritisation_sql import statements


def create(apps, schema_editor):
    for sql in statements(schema_editor.connection.vendor, create=True):
        schema_editor.execute(sql)


def drop(apps, schema_editor):
    for sql in statements(schema_editor.connection.vendor, create=False):
        schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [("investments", "0003_prioritisation")]
    operations = [migrations.RunPython(create, drop)]
