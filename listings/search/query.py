"""What a search box may ask: a query read once, capped and cleaned, the same for every backend.

Backends never see raw input. ``parse_query`` keeps letters, digits and the hyphen inside a
word; quotes, operators (``AND``, ``-``, ``*``, ``:``, ``NEAR(...)``), NUL bytes, control
characters and emoji are word breaks, so no backend's query syntax can be reached from
the box. Long input is refused early and cheaply: more than ``MAX_QUERY_LENGTH``
characters or ``MAX_QUERY_TERMS`` words is a ``QueryRejected`` (the API answers 400 with
its reason; the pages search the capped query and say so).
"""

import re
import unicodedata
from dataclasses import dataclass

#: Nobody types more into a search box; longer input is refused (or, on pages, cut).
MAX_QUERY_LENGTH = 200
#: Each word costs the database a clause (and synonyms add more): cap them.
MAX_QUERY_TERMS = 12

#: Words too common to narrow a search. Every backend drops them, so "tools for the
#: homeless" means "tools homeless" on SQLite as on PostgreSQL's English configuration.
STOP_WORDS = frozenset(
    """a an and are as at be but by for from has have how i if in into is it its of on or
    our so that the their them they this to too was we were what when where which who why
    will with you your""".split()  # noqa: SIM905 - a word list reads better as text
)

# A word: letters or digits (any script), with inner hyphens kept.
_WORD = re.compile(r"[^\W_]+(?:-[^\W_]+)*")
# Apostrophes join ("council's" is "councils", which stems as "council" does).
_APOSTROPHES = str.maketrans("", "", "'\u2019")


class QueryRejected(ValueError):
    """The query is too long or has too many words; ``str()`` says which, for a 400."""


@dataclass(frozen=True)
class ParsedQuery:
    """A search as the backends see it.

    ``text`` is the cleaned query (words joined by spaces), ``words`` its searchable words
    (lower case, stop words dropped), ``truncated`` whether the input was cut to the caps.
    """

    text: str
    words: tuple[str, ...]
    truncated: bool = False

    def __bool__(self) -> bool:
        return bool(self.words)


def _clean(raw: str) -> str:
    text = unicodedata.normalize("NFKC", raw)
    # Control and format characters (NUL, zero-width joiners in emoji) are word breaks.
    return "".join(" " if unicodedata.category(ch)[0] == "C" else ch for ch in text)


def parse_query(raw: str | None, *, strict: bool = False) -> ParsedQuery:
    """Read a search box's input. ``strict`` (the API) raises ``QueryRejected`` past a cap;
    otherwise the input is cut to the caps and ``truncated`` says so."""
    raw = raw or ""
    truncated = False
    if len(raw) > MAX_QUERY_LENGTH:
        if strict:
            raise QueryRejected(
                f"Ensure this search has at most {MAX_QUERY_LENGTH} characters (it has {len(raw)})."
            )
        raw, truncated = raw[:MAX_QUERY_LENGTH], True
    tokens = _WORD.findall(_clean(raw).translate(_APOSTROPHES))
    if len(tokens) > MAX_QUERY_TERMS:
        if strict:
            raise QueryRejected(
                f"Ensure this search has at most {MAX_QUERY_TERMS} words (it has {len(tokens)})."
            )
        tokens, truncated = tokens[:MAX_QUERY_TERMS], True
    words = tuple(
        dict.fromkeys(token.casefold() for token in tokens if token.casefold() not in STOP_WORDS)
    )
    return ParsedQuery(text=" ".join(tokens), words=words, truncated=truncated)
