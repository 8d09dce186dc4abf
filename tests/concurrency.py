"""Helpers for tests that run real threads against the test database."""

import threading

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


def run_at_once(jobs) -> None:
    """Run each job in its own thread (and database connection), all released together.

    An exception in a thread is re-raised here, so a test fails with its real cause (say,
    the database refusing more connections) rather than a missing result.
    """
    barrier = threading.Barrier(len(jobs))
    errors = []

    def run(job):
        try:
            barrier.wait()
            job()
        except Exception as error:  # collected, re-raised in the test's own thread
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(job,)) for job in jobs]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if errors:
        raise errors[0]
