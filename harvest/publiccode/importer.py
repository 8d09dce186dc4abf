"""Read a publiccode.yml for import: safe parse, validate, map to a listing's answers."""

from __future__ import annotations

from harvest.publiccode.validator import validate_publiccode
from listings.publiccode import ImportedPubliccode, answers_from_publiccode


def read_publiccode(content: bytes | str) -> ImportedPubliccode:
    """Never raises on bad input: problems (with key paths and lines) say what is wrong.

    Answers are mapped only from a file that parsed; a file with errors still gets its
    answers, so a moderator may override the errors and import it anyway.
    """
    result = validate_publiccode(content)
    if isinstance(content, bytes):
        text = content.decode("utf-8", errors="replace") if result.data is not None else ""
    else:
        text = content if result.data is not None else ""
    answers = answers_from_publiccode(result.data) if result.data is not None else {}
    return ImportedPubliccode(
        text=text, answers=answers, problems=[p.as_dict() for p in result.problems]
    )
