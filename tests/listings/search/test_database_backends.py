"""What only one database engine has: FTS5 on SQLite; tsvector, GIN and pg_trgm on PostgreSQL."""

from django.db import connection

import pytest

from listings.factories import SolutionPageFactory
from listings.search import get_backend
from listings.search.backends.database_sqlite import SQLiteBackend
from listings.search.models import SearchDocument, SearchWord
from listings.search.text import text_search

pytestmark = pytest.mark.django_db


def test_sqlite_keeps_an_fts5_row_per_live_page(sqlite_only):
    page = SolutionPageFactory(title="Fraud finder")
    with connection.cursor() as cursor:
        cursor.execute("SELECT title FROM listings_search_fts WHERE rowid = %s", [page.pk])
        assert cursor.fetchone() == ("Fraud finder",)

    page.unpublish()

    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM listings_search_fts WHERE rowid = %s", [page.pk])
        assert cursor.fetchone() == (0,)


def test_sqlite_weights_the_title_above_the_summary(sqlite_only):
    by_summary = SolutionPageFactory(title="Route tool", summary="Mentions gritting once.")
    by_title = SolutionPageFactory(title="Gritting planner", summary="Plans routes.")
    query = get_backend()  # the class, not a name check

    assert isinstance(query, SQLiteBackend)

    search = text_search("solution", "gritting")
    assert query.ranked_ids("solution", search.query) == [by_title.pk, by_summary.pk]


def test_postgres_keeps_a_weighted_tsvector_with_a_gin_index(postgres_only):
    page = SolutionPageFactory(title="Fraud finder", summary="Scores tenancies.")

    vector = SearchDocument.objects.get(page=page).vector
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexdef FROM pg_indexes WHERE tablename = 'listings_searchdocument'"
        )
        indexes = " ".join(row[0] for row in cursor.fetchall())

    assert "'fraud':1A" in vector
    assert "'tenanc':" in vector and "B" in vector.split("'tenanc':")[1][:4]
    assert "USING gin (vector)" in indexes


def test_postgres_suggests_with_trigrams(postgres_only):
    SolutionPageFactory(title="Gazetteer matcher")
    assert SearchWord.objects.filter(word="gazetteer").exists()

    assert get_backend().suggestions(["gazeteer"]) == {"gazeteer": "gazetteer"}
