"""The contract every search backend keeps, so pages, the API and tests need not know which.

A backend answers a ``TextQuery`` (clauses from ``listings.search.synonyms.expand``, all
of them needed or any one) for one kind of page:

* ``matching(kind, query)``: the matching page ids, as something ``pk__in`` takes (a
  subquery with the database backends, so the match runs inside the caller's SQL);
* ``order_by_relevance(queryset, kind, query)``: ``queryset`` most relevant first;
* ``snippets(page_ids, query)``: for each page, a short extract with the matches wrapped
  in ``<mark>``, HTML-escaped (safe to render);
* ``suggestions(words)``: for each word the index does not know, the nearest that it
  does ("did you mean");
* ``index_pages(texts)`` / ``remove_pages(page_ids)`` / ``clear()``: keep the index.

Each call is a constant number of queries, whatever the size of the catalogue.
"""

import difflib
from abc import ABC, abstractmethod
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db.models import QuerySet
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from listings.search.query import _WORD
from listings.search.synonyms import Clause

if TYPE_CHECKING:
    from listings.search.documents import PageText

#: Private-use characters no text contains: backends mark matches with them, then the
#: text is escaped and they become <mark> tags.
MARK_START, MARK_END = "\ue000", "\ue001"


@dataclass(frozen=True)
class TextQuery:
    clauses: tuple[Clause, ...]
    any_word: bool = False

    def __bool__(self) -> bool:
        return bool(self.clauses)


def marked_to_html(text: str) -> SafeString:
    """Escape ``text`` and turn the backend's match markers into ``<mark>`` elements."""
    html = escape(text).replace(MARK_START, "<mark>").replace(MARK_END, "</mark>")
    if html.count("<mark>") != html.count("</mark>"):  # a cut fragment: drop the markers
        html = html.replace("<mark>", "").replace("</mark>", "")
    return mark_safe(html)  # noqa: S308 - escaped above; only our own <mark> tags remain


def vocabulary(texts: Iterable["PageText"]) -> set[str]:
    """The words "did you mean" may offer: lower-case words of 3 to 40 letters."""
    words = set()
    for text in texts:
        for word in _WORD.findall(text.all_text.casefold()):
            if 3 <= len(word) <= 40 and not word.isdigit():
                words.add(word)
    return words


def nearest(word: str, candidates: Iterable[str]) -> str | None:
    """The closest candidate to a misspelt ``word`` (difflib's ratio of at least 0.75)."""
    matches = difflib.get_close_matches(word, list(candidates), n=1, cutoff=0.75)
    return matches[0] if matches else None


class SearchBackend(ABC):
    name: str = ""
    #: Whether facet counts come from the backend (Elasticsearch) rather than SQL.
    counts_facets = False

    @abstractmethod
    def matching(self, kind: str, query: TextQuery): ...

    @abstractmethod
    def any_match(self, kind: str, query: TextQuery) -> bool: ...

    def filter(self, queryset: QuerySet, kind: str, query: TextQuery) -> QuerySet:
        """``queryset`` narrowed to the matches."""
        return queryset.filter(pk__in=self.matching(kind, query))

    @abstractmethod
    def order_by_relevance(self, queryset: QuerySet, kind: str, query: TextQuery) -> QuerySet: ...

    @abstractmethod
    def snippets(self, page_ids: list[int], query: TextQuery) -> dict[int, SafeString]: ...

    @abstractmethod
    def suggestions(self, words: Iterable[str]) -> dict[str, str]: ...

    @abstractmethod
    def index_pages(self, texts: list["PageText"]) -> None: ...

    @abstractmethod
    def remove_pages(self, page_ids: Iterable[int]) -> None: ...

    @abstractmethod
    def clear(self) -> None: ...

    def rebuild(self, batches: Iterable[list["PageText"]]):
        """Empty the index and fill it from ``batches``, yielding each batch's size."""
        self.clear()
        for texts in batches:
            self.index_pages(texts)
            yield len(texts)
