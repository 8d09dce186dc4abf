"""Search for the catalogue: one module behind /solutions/, /case-studies/, /search/ and the API.

Design overview
---------------
* ``query.parse_query`` reads the search box once: capped (length and words), with every
  character that could be backend syntax turned into a word break.
* ``synonyms.expand`` turns the words into clauses of alternatives from the moderators'
  ``SynonymGroup`` snippets ("CTR" or "council tax reduction").
* A backend (``backends/``) matches, ranks, highlights and suggests: the database by
  default (FTS5 with bm25 on SQLite, a weighted ``tsvector`` with ``ts_rank_cd`` and
  ``pg_trgm`` on PostgreSQL) or Elasticsearch when ``ELASTICSEARCH_URL`` is set.
  ``get_backend()`` picks it from ``settings.LISTINGS_SEARCH_BACKEND`` (a dotted path;
  empty means the database's own backend).
* ``text.text_search`` is what callers use: all words first; when nothing has every
  word, any word, ranked, with ``fallback`` set so the page can say so; and "did you
  mean" when a word is unknown.
* ``indexing`` keeps the index current on Wagtail's publish, unpublish and delete
  (``receivers``); ``manage.py search_index --rebuild`` rebuilds it.
* ``caching`` keeps the expensive, rarely changing parts (unfiltered facet counts,
  anonymous catalogue pages) in the configured cache under a catalogue version that
  every publish, unpublish and adoption change moves on, so nothing stale is served.
"""

from functools import cache
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import connection
from django.utils.module_loading import import_string

if TYPE_CHECKING:
    from listings.search.backends.base import SearchBackend

_DATABASE_BACKENDS = {
    "sqlite": "listings.search.backends.database_sqlite.SQLiteBackend",
    "postgresql": "listings.search.backends.database_postgres.PostgresBackend",
}


@cache
def _backend(path: str, vendor: str) -> "SearchBackend":
    return import_string(path or _DATABASE_BACKENDS[vendor])()


def get_backend() -> "SearchBackend":
    """The configured backend (one instance per setting and database engine)."""
    return _backend(getattr(settings, "LISTINGS_SEARCH_BACKEND", ""), connection.vendor)
