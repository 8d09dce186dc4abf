"""Read a publiccode.yml for import: safe parse, validate, map to a listing's answers."""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterator
from typing import Any

from harvest.publiccode.parser import ERROR, ParseResult
from harvest.publiccode.validator import validate_publiccode
from listings.models.publiccode_fields import HUB_FACTS
from listings.publiccode import ImportedPubliccode, answers_from_publiccode

# Characters no database text or JSON column accepts: NUL (PostgreSQL text) and lone
# surrogates (not encodable as UTF-8).
_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")


def _unstorable_text(text: str) -> str | None:
    """Why ``text`` cannot be stored, or None when it can."""
    found = _UNSTORABLE.search(text)
    if found is None:
        return None
    if found.group() == "\x00":
        return "contains a NUL character"
    return "contains a lone surrogate (not valid Unicode text)"


def _safe_text(text: str) -> str:
    return _UNSTORABLE.sub("", text)


def _escaped_text(text: str) -> str:
    """``text`` with NULs and lone surrogates written as escapes, to show where they were."""
    return _UNSTORABLE.sub(
        lambda m: "\\0" if m.group() == "\x00" else f"\\u{ord(m.group()):04x}", text
    )


def _unstorable_values(value: Any, path: str) -> Iterator[tuple[str, str]]:
    """(key path, message) for every value or key that cannot be stored as JSON text."""
    if isinstance(value, float) and not math.isfinite(value):
        yield path, "NaN and infinity cannot be stored: quote it as text"
    elif isinstance(value, str):
        if (why := _unstorable_text(value)) is not None:
            yield path, why
    elif isinstance(value, dict):
        for key, item in value.items():
            child = f"{path}.{key}" if path else str(key)
            if (why := _unstorable_text(str(key))) is not None:
                yield child, f"key {why}"
            yield from _unstorable_values(item, child)
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from _unstorable_values(item, f"{path}[{i}]")


def _report_unstorable(result: ParseResult) -> None:
    for path, message in _unstorable_values(result.data, ""):
        result.add(ERROR, path, message)
    for path, message in _unstorable_values(result.hub_facts, HUB_FACTS):
        result.add(ERROR, path, message)


def _storable(value: Any, clean: Callable[[str], str] = _safe_text) -> Any:
    """``value`` with non-finite floats as text ("nan", "inf") and its strings cleaned."""
    if isinstance(value, float) and not math.isfinite(value):
        return str(value)
    if isinstance(value, str):
        return clean(value)
    if isinstance(value, dict):
        return {_storable(k, clean): _storable(v, clean) for k, v in value.items()}
    if isinstance(value, list):
        return [_storable(item, clean) for item in value]
    if isinstance(value, tuple):
        return tuple(_storable(item, clean) for item in value)
    return value


def read_publiccode(content: bytes | str) -> ImportedPubliccode:
    """Never raises on bad input: problems (with key paths and lines) say what is wrong.

    Answers are mapped only from a file that parsed; a file with errors still gets its
    answers, so a moderator may override the errors and import it anyway. Values no
    database can store (NaN, infinity, NUL characters, lone surrogates) are errors, and
    never reach the answers or the problems.
    """
    result = validate_publiccode(content)
    if result.data is not None:
        _report_unstorable(result)
    if isinstance(content, bytes):
        text = content.decode("utf-8", errors="replace") if result.data is not None else ""
    else:
        text = content if result.data is not None else ""
    answers = (
        answers_from_publiccode(result.data, hub_facts=result.hub_facts)
        if result.data is not None
        else {}
    )
    return ImportedPubliccode(
        text=_safe_text(text),
        answers=_storable(answers),
        problems=[_storable(p.as_dict(), _escaped_text) for p in result.problems],
    )
