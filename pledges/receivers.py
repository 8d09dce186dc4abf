"""Signal receivers of the co-funding module (connected by ``PledgesConfig.ready``)."""

from django.db.backends.signals import connection_created
from django.dispatch import receiver

from pledges.db import register_sqlite_functions


@receiver(connection_created, dispatch_uid="pledges.receivers.ledger_guard")
def ledger_guard(sender, connection, **kwargs):
    """Each new SQLite connection gets the function the ledger's DELETE trigger asks."""
    register_sqlite_functions(connection)
