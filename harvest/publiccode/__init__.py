"""publiccode.yml support: safe parsing, validation against the standard's versions."""

from harvest.publiccode.parser import (
    ERROR,
    MAX_BYTES,
    WARNING,
    ParseResult,
    Problem,
    parse_publiccode,
)
from harvest.publiccode.validator import validate_publiccode

__all__ = [
    "ERROR",
    "MAX_BYTES",
    "WARNING",
    "ParseResult",
    "Problem",
    "parse_publiccode",
    "validate_publiccode",
]
