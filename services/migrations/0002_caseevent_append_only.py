"""CaseEvent is append-only: triggers refuse UPDATE and DELETE (PostgreSQL and SQLite)."""
from django.db import migrations

from services.audit_sql import statements


def create(apps, schema_editor):
    for sql in statements(schema_editor.connection.vendor, create=True):
        schema_editor.execute(sql)


def drop(apps, schema_editor):
    for sql in statements(schema_editor.connection.vendor, create=False):
        schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [("services", "0001_initial")]
    operations = [migrations.RunPython(create, drop)]
