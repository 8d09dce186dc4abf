"""SQLite: an FTS5 table with the Porter stemmer, ranked by bm25 with column weights.

``listings_search_fts`` (created by the migration on SQLite) holds, per page id (its
rowid), the kind and the four weighted columns of ``SearchDocument``. A query becomes an
FTS5 expression of quoted phrases only (``("ctr" OR "council tax reduction") AND
"fraud"``), so no FTS5 syntax can come from the search box. bm25's column weights follow
the document weights: title 10, summary and problem 4, description, tags and areas 2,
the rest 1.

Matching is a subquery (FTS5 drives it: the rowids it yields are page ids, so no join).
Ordering by relevance fetches the ranked ids once (at most ``MAX_RANKED``) and orders the
rows by their position in that list (``Position``); matches past it follow by title.
"""

from collections.abc import Iterable

from django.db import connection
from django.db.models import QuerySet
from django.db.models.expressions import RawSQL

from listings.search.backends.base import (
    MARK_END,
    MARK_START,
    TextQuery,
    marked_to_html,
    nearest,
)
from listings.search.backends.database import DatabaseBackend
from listings.search.documents import PageText
from listings.search.ordering import Position

FTS_TABLE = "listings_search_fts"
#: bm25 weights per column: kind (not indexed), title, B, C, D.
COLUMN_WEIGHTS = (0.0, 10.0, 4.0, 2.0, 1.0)
MAX_RANKED = 10_000
CREATE_SQL = (
    f'CREATE VIRTUAL TABLE IF NOT EXISTS "{FTS_TABLE}" USING fts5('
    "kind UNINDEXED, title, weight_b, weight_c, weight_d, "
    "tokenize = 'porter unicode61 remove_diacritics 2')"
)
DROP_SQL = f'DROP TABLE IF EXISTS "{FTS_TABLE}"'


def fts_expression(query: TextQuery) -> str:
    """The FTS5 MATCH expression: phrases in double quotes, joined by AND or OR."""
    joiner = " OR " if query.any_word else " AND "
    clauses = []
    for clause in query.clauses:
        phrases = [
            '"{}"'.format(" ".join(phrase).replace('"', '""')) for phrase in clause.alternatives
        ]
        clauses.append(f"({' OR '.join(phrases)})")
    return joiner.join(clauses)


class SQLiteBackend(DatabaseBackend):
    name = "sqlite"

    def matching(self, kind: str, query: TextQuery):
        sql = f'SELECT rowid FROM "{FTS_TABLE}" WHERE "{FTS_TABLE}" MATCH %s AND kind = %s'
        return RawSQL(sql, [fts_expression(query), kind])  # noqa: S611 - constant SQL, params

    def any_match(self, kind: str, query: TextQuery) -> bool:
        """FTS5 alone (an IN over it lets SQLite scan the documents instead)."""
        sql = f'SELECT 1 FROM "{FTS_TABLE}" WHERE "{FTS_TABLE}" MATCH %s AND kind = %s LIMIT 1'
        with connection.cursor() as cursor:
            cursor.execute(sql, [fts_expression(query), kind])
            return cursor.fetchone() is not None

    def ranked_ids(self, kind: str, query: TextQuery, *, limit: int = MAX_RANKED) -> list[int]:
        weights = ", ".join(str(w) for w in COLUMN_WEIGHTS)
        sql = (
            f'SELECT rowid FROM "{FTS_TABLE}" WHERE "{FTS_TABLE}" MATCH %s AND kind = %s '
            f'ORDER BY bm25("{FTS_TABLE}", {weights}), rowid LIMIT %s'
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, [fts_expression(query), kind, limit])
            return [row[0] for row in cursor.fetchall()]

    def order_by_relevance(self, queryset: QuerySet, kind: str, query: TextQuery) -> QuerySet:
        ranked = self.ranked_ids(kind, query)
        if not ranked:
            return queryset.order_by("title", "pk")
        return queryset.order_by(Position("pk", ranked), "title", "pk")

    def snippets(self, page_ids: list[int], query: TextQuery) -> dict:
        if not page_ids or not query:
            return {}
        marks = ", ".join(["%s"] * len(page_ids))
        cut = f"'{MARK_START}', '{MARK_END}', '…', 24"
        sql = (
            f'SELECT rowid, snippet("{FTS_TABLE}", 2, {cut}), snippet("{FTS_TABLE}", 3, {cut}) '
            f'FROM "{FTS_TABLE}" WHERE "{FTS_TABLE}" MATCH %s AND rowid IN ({marks})'
        )
        # Any word: a snippet shows what matched even when only some of the words did.
        any_word = TextQuery(query.clauses, any_word=True)
        with connection.cursor() as cursor:
            cursor.execute(sql, [fts_expression(any_word), *page_ids])
            rows = cursor.fetchall()
        return {
            page_id: marked_to_html(b if MARK_START in b or MARK_START not in c else c)
            for page_id, b, c in rows
        }

    def suggestions(self, words: Iterable[str]) -> dict[str, str]:
        words = [w for w in dict.fromkeys(words) if len(w) >= 3 and not w.isdigit()]
        if not words:
            return {}
        # One query: the words themselves (known ones need nothing) and, for each, known
        # words of about its length sharing its first or last two letters.
        conditions, params = ["word IN ({})".format(", ".join(["%s"] * len(words)))], [*words]
        for word in words:
            conditions.append(
                "(length(word) BETWEEN %s AND %s AND (substr(word, 1, 2) = %s "
                "OR substr(word, -2) = %s))"
            )
            params += [len(word) - 2, len(word) + 2, word[:2], word[-2:]]
        sql = f"SELECT word FROM listings_searchword WHERE {' OR '.join(conditions)}"
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            known = {row[0] for row in cursor.fetchall()}
        found = {}
        for word in words:
            if word not in known and (suggestion := nearest(word, known)):
                found[word] = suggestion
        return found

    def _index_full_text(self, texts: list[PageText]) -> None:
        with connection.cursor() as cursor:
            self._remove_full_text([t.page_id for t in texts], cursor=cursor)
            cursor.executemany(
                f'INSERT INTO "{FTS_TABLE}" (rowid, kind, title, weight_b, weight_c, weight_d) '
                "VALUES (%s, %s, %s, %s, %s, %s)",
                [(t.page_id, t.kind, t.title, t.weight_b, t.weight_c, t.weight_d) for t in texts],
            )

    def _remove_full_text(self, page_ids: list[int], cursor=None) -> None:
        if cursor is None:
            with connection.cursor() as cursor:
                return self._remove_full_text(page_ids, cursor=cursor)
        for start in range(0, len(page_ids), 500):
            chunk = page_ids[start : start + 500]
            marks = ", ".join(["%s"] * len(chunk))
            cursor.execute(f'DELETE FROM "{FTS_TABLE}" WHERE rowid IN ({marks})', chunk)
        return None

    def _clear_full_text(self) -> None:
        with connection.cursor() as cursor:
            cursor.execute(f'DELETE FROM "{FTS_TABLE}"')
