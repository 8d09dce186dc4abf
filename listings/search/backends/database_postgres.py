"""PostgreSQL: a weighted ``tsvector`` with a GIN index, ``websearch_to_tsquery``, ``ts_rank_cd``.

``SearchDocument.vector`` is ``setweight(to_tsvector('english', …), 'A'…'D')`` over the
four weighted texts, written whenever a page is indexed (on publish). Every phrase of a
query is a ``websearch_to_tsquery('english', …)`` (which never fails on syntax), joined
with ``||`` inside a clause and ``&&`` (all words) or ``||`` (any word) between clauses.
Pages are matched and ranked through a join to their document (the GIN index finds the
matches); relevance is ``ts_rank_cd`` (cover density) with the default weights for D,
C, B, A.
"Did you mean" asks ``pg_trgm`` for the most similar known word (trigram GIN index).
"""

from collections.abc import Iterable
from functools import reduce

from django.contrib.postgres.search import (
    SearchHeadline,
    SearchQuery,
    SearchRank,
    SearchVector,
)
from django.db import connection
from django.db.models import F, QuerySet

from listings.search.backends.base import (
    MARK_END,
    MARK_START,
    TextQuery,
    marked_to_html,
    nearest,
)
from listings.search.backends.database import DatabaseBackend
from listings.search.documents import PageText
from listings.search.models import SearchDocument

CONFIG = "english"
#: Smallest pg_trgm similarity for a "did you mean" candidate: low, because a swapped
#: pair of letters in a short word ("fruad") shares few trigrams with the right one.
MIN_SIMILARITY = 0.15


def tsquery(query: TextQuery) -> SearchQuery:
    def phrase_query(phrase):
        text = " ".join(phrase)
        return SearchQuery(
            f'"{text}"' if len(phrase) > 1 else text, search_type="websearch", config=CONFIG
        )

    clauses = [
        reduce(lambda a, b: a | b, (phrase_query(p) for p in clause.alternatives))
        for clause in query.clauses
    ]
    combine = (lambda a, b: a | b) if query.any_word else (lambda a, b: a & b)
    return reduce(combine, clauses)


def weighted_vector():
    return (
        SearchVector("title", weight="A", config=CONFIG)
        + SearchVector("weight_b", weight="B", config=CONFIG)
        + SearchVector("weight_c", weight="C", config=CONFIG)
        + SearchVector("weight_d", weight="D", config=CONFIG)
    )


class PostgresBackend(DatabaseBackend):
    name = "postgres"

    def _documents(self, kind: str, query: TextQuery):
        return SearchDocument.objects.filter(kind=kind, vector=tsquery(query))

    def matching(self, kind: str, query: TextQuery):
        return self._documents(kind, query).values("page_id")

    def filter(self, queryset: QuerySet, kind: str, query: TextQuery) -> QuerySet:
        """A join to the page's document, matched through the GIN index."""
        return queryset.filter(search_document__vector=tsquery(query))

    def order_by_relevance(self, queryset: QuerySet, kind: str, query: TextQuery) -> QuerySet:
        rank = SearchRank(F("search_document__vector"), tsquery(query), cover_density=True)
        return queryset.annotate(search_rank=rank).order_by(
            F("search_rank").desc(nulls_last=True), "title", "pk"
        )

    def snippets(self, page_ids: list[int], query: TextQuery) -> dict:
        if not page_ids or not query:
            return {}
        any_word = tsquery(TextQuery(query.clauses, any_word=True))
        options = {
            "start_sel": MARK_START,
            "stop_sel": MARK_END,
            "max_words": 30,
            "min_words": 12,
            "config": CONFIG,
        }
        rows = SearchDocument.objects.filter(page_id__in=page_ids).annotate(
            b=SearchHeadline("weight_b", any_word, **options),
            c=SearchHeadline("weight_c", any_word, **options),
        )
        return {
            row.page_id: marked_to_html(
                row.b if MARK_START in row.b or MARK_START not in row.c else row.c
            )
            for row in rows.only("page_id")
        }

    def suggestions(self, words: Iterable[str]) -> dict[str, str]:
        """pg_trgm finds the known words most like each unknown one; the closest of those
        (by the same measure as the other backends) is the suggestion. One query."""
        words = [w for w in dict.fromkeys(words) if len(w) >= 3 and not w.isdigit()]
        if not words:
            return {}
        sql = (
            "SELECT q.w, EXISTS (SELECT 1 FROM listings_searchword k WHERE k.word = q.w), "
            "ARRAY(SELECT s.word FROM listings_searchword s "
            "WHERE similarity(s.word, q.w) >= %s "
            "ORDER BY similarity(s.word, q.w) DESC, s.word LIMIT 10) "
            "FROM unnest(%s::text[]) AS q(w)"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, [MIN_SIMILARITY, words])
            rows = cursor.fetchall()
        found = {}
        for word, known, candidates in rows:
            if not known and (best := nearest(word, candidates)):
                found[word] = best
        return found

    def rebuild(self, batches):
        yield from super().rebuild(batches)
        # Fresh statistics, so the planner uses the GIN index rather than guessing.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE listings_searchdocument")
            cursor.execute("ANALYZE listings_searchword")
            cursor.execute("ANALYZE listings_adopterfacet")

    def _index_full_text(self, texts: list[PageText]) -> None:
        SearchDocument.objects.filter(page_id__in=[t.page_id for t in texts]).update(
            vector=weighted_vector()
        )
