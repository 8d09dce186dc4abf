"""The ledger is append-only in the database: triggers refuse UPDATE and DELETE.

See ``pledges.db`` for the SQL and for what each engine allows.
"""

from django.db import migrations

from pledges.db import INSTALL, REMOVE


def install(apps, schema_editor):
    for statement in INSTALL.get(schema_editor.connection.vendor, []):
        schema_editor.execute(statement, params=None)


def remove(apps, schema_editor):
    for statement in REMOVE.get(schema_editor.connection.vendor, []):
        schema_editor.execute(statement, params=None)


class Migration(migrations.Migration):
    dependencies = [("pledges", "0001_initial")]

    operations = [migrations.RunPython(install, remove)]
