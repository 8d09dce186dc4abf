"""The ledger's append-only guard in the database, and its one sanctioned exception.

Migration 0002 installs triggers that refuse UPDATE and DELETE on the ledger table:

* PostgreSQL: a row trigger raising an integrity error (so data changed outside the ORM
  obeys it too). TRUNCATE is not a row change and is not refused: it is the test
  runner's flush, and production deployments grant it to no application role.
* SQLite: the same for UPDATE; DELETE is refused while ``pledges_ledger_locked()`` is
  true. That SQL function exists only on the hub's own connections (registered below)
  and is false only inside :func:`ledger_maintenance`, which Django's ``flush`` command
  (overridden in ``pledges.management.commands.flush``) uses to empty the whole database;
  any other client lacks the function, so its DELETE fails too.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

LEDGER_TABLE = "pledges_ledgerentry"
SQLITE_LOCK_FUNCTION = "pledges_ledger_locked"

_maintenance: ContextVar[bool] = ContextVar("pledges_ledger_maintenance", default=False)


@contextmanager
def ledger_maintenance() -> Iterator[None]:
    """Let this thread's SQLite connection empty the ledger (``flush`` only)."""
    token = _maintenance.set(True)
    try:
        yield
    finally:
        _maintenance.reset(token)


def _ledger_locked() -> int:
    return 0 if _maintenance.get() else 1


def register_sqlite_functions(connection) -> None:
    """Give a new SQLite connection the function the ledger's DELETE trigger asks."""
    if connection.vendor == "sqlite":
        connection.connection.create_function(SQLITE_LOCK_FUNCTION, 0, _ledger_locked)


POSTGRESQL_INSTALL = [
    f"""
    CREATE OR REPLACE FUNCTION pledges_ledger_refuse_change() RETURNS trigger
    LANGUAGE plpgsql AS $$
    BEGIN
        RAISE EXCEPTION '{LEDGER_TABLE} is append-only: % refused', TG_OP
            USING ERRCODE = 'integrity_constraint_violation';
    END
    $$;
    """,
    f"""
    CREATE TRIGGER pledges_ledger_append_only
    BEFORE UPDATE OR DELETE ON {LEDGER_TABLE}
    FOR EACH ROW EXECUTE FUNCTION pledges_ledger_refuse_change();
    """,
]
POSTGRESQL_REMOVE = [
    f"DROP TRIGGER IF EXISTS pledges_ledger_append_only ON {LEDGER_TABLE};",
    "DROP FUNCTION IF EXISTS pledges_ledger_refuse_change();",
]
SQLITE_INSTALL = [
    f"""
    CREATE TRIGGER pledges_ledger_no_update BEFORE UPDATE ON {LEDGER_TABLE}
    BEGIN SELECT RAISE(ABORT, '{LEDGER_TABLE} is append-only: UPDATE refused'); END;
    """,
    f"""
    CREATE TRIGGER pledges_ledger_no_delete BEFORE DELETE ON {LEDGER_TABLE}
    WHEN {SQLITE_LOCK_FUNCTION}()
    BEGIN SELECT RAISE(ABORT, '{LEDGER_TABLE} is append-only: DELETE refused'); END;
    """,
]
SQLITE_REMOVE = [
    "DROP TRIGGER IF EXISTS pledges_ledger_no_update;",
    "DROP TRIGGER IF EXISTS pledges_ledger_no_delete;",
]
INSTALL = {"postgresql": POSTGRESQL_INSTALL, "sqlite": SQLITE_INSTALL}
REMOVE = {"postgresql": POSTGRESQL_REMOVE, "sqlite": SQLITE_REMOVE}
