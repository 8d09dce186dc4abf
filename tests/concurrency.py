"""Helpers for tests that run real threads against the test database."""

from django.db import connection

import pytest


def skip_unless_threads_can_share_the_test_database() -> None:
    """Skip on SQLite's in-memory test database, where concurrent writers cannot wait.

    pytest-django's SQLite test database is in memory with a shared cache; there a second
    writer gets "database table is locked" at once (shared-cache locks ignore the busy
    timeout) instead of waiting its turn, so no concurrency outcome can be tested. The
    hub's real SQLite file serialises writers with ``BEGIN IMMEDIATE``; PostgreSQL, where
    these tests run in CI, waits on row locks and unique indexes.
    """
    if connection.vendor == "sqlite" and connection.is_in_memory_db():
        pytest.skip(
            "SQLite's in-memory test database cannot make concurrent writers wait "
            "(shared-cache table locks fail at once); this runs on PostgreSQL"
        )
