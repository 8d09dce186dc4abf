"""Django's ``flush``, allowed to empty the append-only ledger on SQLite (see pledges.db).

Flushing empties every table of the database at once; it is the one operation that may
remove ledger entries. On PostgreSQL flush truncates, which the row trigger never sees.
"""

from django.core.management.commands import flush

from pledges.db import ledger_maintenance


class Command(flush.Command):
    def handle(self, **options):
        with ledger_maintenance():
            return super().handle(**options)
