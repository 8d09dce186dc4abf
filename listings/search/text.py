"""A full-text search as pages and the API use it: all words, else any word, with help.

``text_search(kind, raw)`` parses the input, expands synonyms and asks the backend once
whether anything has every word. If nothing does, the search becomes any-word (ranked)
and ``fallback`` is set; "did you mean" is then offered for words the index does not
know. Cost: at most two queries (plus one for snippets when asked), whatever the input.
"""

from dataclasses import dataclass, field

from django.db.models import QuerySet
from django.utils.safestring import SafeString

from listings.search import get_backend
from listings.search.backends.base import TextQuery
from listings.search.query import ParsedQuery, parse_query
from listings.search.synonyms import expand

FALLBACK_MESSAGE = "No results for all of your words; showing results for any of them."


@dataclass
class TextSearch:
    kind: str
    parsed: ParsedQuery
    query: TextQuery
    fallback: bool = False
    suggestion: str = ""
    _backend: object = field(default=None, repr=False)

    def __bool__(self) -> bool:
        return bool(self.query)

    @property
    def text(self) -> str:
        return self.parsed.text

    def filter(self, queryset: QuerySet) -> QuerySet:
        """``queryset`` narrowed to the matches (unchanged when there is no query)."""
        if not self.query:
            return queryset
        return self._backend.filter(queryset, self.kind, self.query)

    def order(self, queryset: QuerySet) -> QuerySet:
        """``queryset`` most relevant first."""
        if not self.query:
            return queryset
        return self._backend.order_by_relevance(queryset, self.kind, self.query)

    def snippets(self, pages) -> dict[int, SafeString]:
        """Highlighted extracts for ``pages`` (one query)."""
        if not self.query:
            return {}
        return self._backend.snippets([page.pk for page in pages], self.query)


def text_search(kind: str, raw: str | None) -> TextSearch:
    parsed = parse_query(raw)
    backend = get_backend()
    if not parsed:
        return TextSearch(kind, parsed, TextQuery(()), _backend=backend)
    clauses = tuple(expand(parsed))
    query = TextQuery(clauses)
    search = TextSearch(kind, parsed, query, _backend=backend)
    if backend.any_match(kind, query):
        return search
    search.query = TextQuery(clauses, any_word=True)
    search.fallback = len(clauses) > 1
    corrections = backend.suggestions(parsed.words)
    if corrections:
        search.suggestion = " ".join(corrections.get(w, w) for w in parsed.words)
    return search
