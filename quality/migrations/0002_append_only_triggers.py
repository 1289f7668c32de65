"""The sign-off log is append-only and an acknowledgement is fixed once given: triggers (PostgreSQL and SQLite)."""

from django.db import migrations

from quality.audit_sql import statements


def create(apps, schema_editor):
    for sql in statements(schema_editor.connection.vendor, create=True):
        schema_editor.execute(sql)


def drop(apps, schema_editor):
    for sql in statements(schema_editor.connection.vendor, create=False):
        schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [("quality", "0001_documented_information")]
    operations = [migrations.RunPython(create, drop)]
