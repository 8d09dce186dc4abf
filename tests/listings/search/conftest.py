"""Every test here that takes ``search_backend`` runs once per available backend.

* ``database``: the database's own backend (SQLite FTS5, or PostgreSQL when the suite
  runs on DATABASE_URL, as CI's second pass does);
* ``elasticsearch``: a real Elasticsearch 8 at ELASTICSEARCH_URL; skipped, saying why,
  when it is not set. There is no in-process stand-in for it.
"""

import os

from django.db import connection
from django.test import override_settings

import pytest

from listings import search as search_module

ELASTICSEARCH_URL = os.environ.get("ELASTICSEARCH_URL", "")
NO_ELASTICSEARCH = (
    "ELASTICSEARCH_URL is not set: these tests need a real Elasticsearch 8 "
    "(`docker compose up -d elasticsearch`, then ELASTICSEARCH_URL=http://127.0.0.1:9200)"
)


@pytest.fixture(params=["database", "elasticsearch"])
def search_backend(request, db):
    """The backend under test, configured for this test; yields its name."""
    if request.param == "database":
        yield connection.vendor
        return
    if not ELASTICSEARCH_URL:
        pytest.skip(NO_ELASTICSEARCH)
    worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
    with override_settings(
        ELASTICSEARCH_URL=ELASTICSEARCH_URL,
        LISTINGS_SEARCH_BACKEND="listings.search.backends.elasticsearch.ElasticsearchBackend",
        HUB_ENVIRONMENT=f"test-{worker}",
        ELASTICSEARCH_REFRESH_ON_WRITE=True,
    ):
        backend = search_module.get_backend()
        backend.clear()
        yield "elasticsearch"
        backend.clear()


@pytest.fixture
def postgres_only():
    if connection.vendor != "postgresql":
        pytest.skip(
            "PostgreSQL only (tsvector, GIN, pg_trgm): runs in CI's PostgreSQL pass "
            "(DATABASE_URL=postgres://...)"
        )


@pytest.fixture
def sqlite_only():
    if connection.vendor != "sqlite":
        pytest.skip("SQLite only (FTS5): runs in the SQLite pass of make test")
