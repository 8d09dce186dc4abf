"""Council synonyms: expand a parsed query into clauses of alternatives, for every backend.

A query's words are read left to right; where a run of words is a term of a
``SynonymGroup`` (the longest such run wins), that run becomes one clause whose
alternatives are every term of the group. Any other word is a clause of its own. So
"ctr fraud" becomes ``[("ctr" | "council tax reduction"), ("fraud")]``: all-words search
needs one alternative of each clause, any-word search one alternative of any.

The groups are read once and kept in the configured cache until a group changes
(``listings.search.receivers`` deletes the key).
"""

from dataclasses import dataclass

from django.core.cache import cache

from listings.search.models import SynonymGroup
from listings.search.query import ParsedQuery, parse_query

CACHE_KEY = "listings:search:synonyms:v1"

Phrase = tuple[str, ...]


@dataclass(frozen=True)
class Clause:
    """One part of a query: any of ``alternatives`` (each a phrase of words) will do."""

    alternatives: tuple[Phrase, ...]

    @property
    def words(self) -> tuple[str, ...]:
        return tuple(word for phrase in self.alternatives for word in phrase)


def _normalise(term: str) -> Phrase:
    return parse_query(term).words


def synonym_table() -> dict[Phrase, tuple[Phrase, ...]]:
    """Each known term (as words) and the terms of its group, itself first."""
    table = cache.get(CACHE_KEY)
    if table is None:
        table = {}
        for group in SynonymGroup.objects.all():
            phrases = tuple(dict.fromkeys(p for p in map(_normalise, group.term_list) if p))
            for phrase in phrases:
                others = tuple(p for p in phrases if p != phrase)
                table[phrase] = (phrase, *table.get(phrase, (phrase,))[1:], *others)
        cache.set(CACHE_KEY, table, None)
    return table


def forget_synonyms() -> None:
    cache.delete(CACHE_KEY)


def expand(query: ParsedQuery) -> list[Clause]:
    """The query as clauses, synonyms included (see the module's docstring)."""
    table = synonym_table()
    longest = max((len(phrase) for phrase in table), default=1)
    words, clauses, i = query.words, [], 0
    while i < len(words):
        for size in range(min(longest, len(words) - i), 0, -1):
            phrase = words[i : i + size]
            if phrase in table:
                alternatives = tuple(dict.fromkeys(table[phrase]))
                clauses.append(Clause(alternatives))
                i += size
                break
        else:
            clauses.append(Clause(((words[i],),)))
            i += 1
    return clauses
