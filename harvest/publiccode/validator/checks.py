"""The value checks every section of the standard uses, and where problems are reported.

``Checks`` wraps one ``ParseResult``: a section module reads the parsed data through it
and reports each error or warning against a key path (``description.en.features[0]``),
so the parser can point at the line. Each helper reports what is wrong with a value and
returns what it could read, so a section carries on and reports every problem at once.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any
from urllib.parse import urlsplit

from harvest.publiccode.parser import ERROR, WARNING, ParseResult

#: What ``Checks.get`` returns for a key that is absent or empty.
MISSING = object()

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.\-]*):")
_UNSAFE_SCHEMES = {"javascript", "data", "vbscript", "file"}


class Checks:
    """One file's data, the rules' version (``minor``, 0.x) and its problems."""

    def __init__(self, result: ParseResult):
        self.result = result
        self.data: dict[str, Any] = result.data or {}
        self.minor = 2

    def error(self, key: str, message: str) -> None:
        self.result.add(ERROR, key, message)

    def warn(self, key: str, message: str) -> None:
        self.result.add(WARNING, key, message)

    def get(self, mapping: Any, key: str) -> Any:
        if isinstance(mapping, dict) and mapping.get(key) is not None:
            return mapping[key]
        return MISSING

    def text(self, value: Any, key: str) -> str | None:
        """A scalar as text (YAML 1.1 may have read it as a number or bool)."""
        if isinstance(value, str):
            return value
        if isinstance(value, bool):
            return "true" if value else "false"
        if isinstance(value, (int, float)):
            return str(value)
        self.error(key, "must be a text value, not a " + _kind(value))
        return None

    def required_text(self, mapping: Any, key: str, path: str) -> str | None:
        value = self.get(mapping, key)
        if value is MISSING:
            self.error(path, "required key is missing")
            return None
        text = self.text(value, path)
        if text is not None and not text.strip():
            self.error(path, "must not be empty")
            return None
        return text

    def mapping(self, value: Any, path: str) -> dict | None:
        if isinstance(value, dict):
            return value
        self.error(path, "must be a mapping of keys, not a " + _kind(value))
        return None

    def text_list(self, value: Any, path: str, *, non_empty: bool = False) -> list[str]:
        if not isinstance(value, list):
            self.error(path, "must be a list, not a " + _kind(value))
            return []
        if non_empty and not value:
            self.error(path, "must have at least one item")
        out = []
        for i, item in enumerate(value):
            text = self.text(item, f"{path}[{i}]") if item is not None else None
            if item is None:
                self.error(f"{path}[{i}]", "empty list item")
            out.append(text)
        return out

    def unknown_keys(self, mapping: dict, allowed: set[str], path: str) -> None:
        for key in mapping:
            if key not in allowed:
                full = f"{path}.{key}" if path else key
                self.warn(full, "unknown key (not part of the publiccode.yml standard)")

    def date(self, value: Any, path: str) -> None:
        text = self.text(value, path)
        if text is None:
            return
        try:
            if not _DATE.match(text):
                raise ValueError
            dt.date.fromisoformat(text)
        except ValueError:
            self.error(path, f"must be a date with format 'YYYY-MM-DD' (got {text!r})")

    def url(self, value: Any, path: str, *, schemes: set[str] = frozenset({"http", "https"})):
        text = self.text(value, path)
        if text is None:
            return
        text = text.strip()
        if not is_url(text, schemes):
            allowed = "/".join(sorted(schemes)) if len(schemes) > 2 else "http(s)"
            self.error(path, f"must be an absolute {allowed} URL (got {short(text)!r})")

    def uri_or_path(self, value: Any, path: str) -> None:
        """logo / screenshots: a relative path or an http(s) URL, never javascript: etc."""
        text = self.text(value, path)
        if text is None:
            return
        match = _SCHEME.match(text.strip())
        if match and len(match.group(1)) > 1:  # not a Windows drive letter
            scheme = match.group(1).lower()
            if scheme not in {"http", "https"}:
                self.error(path, f"must be a relative path or an http(s) URL, not {scheme}:")

    def organisation_uri(self, value: Any, path: str) -> None:
        text = self.text(value, path)
        if text is None:
            return
        match = _SCHEME.match(text.strip())
        if not match or match.group(1).lower() in _UNSAFE_SCHEMES:
            self.error(path, f"must be a URI such as https://... or urn:... (got {short(text)!r})")

    def boolean(self, mapping: Any, key: str, path: str, *, required: bool = False) -> None:
        value = self.get(mapping, key)
        if value is MISSING:
            if required:
                self.error(path, "required key is missing (true or false)")
        elif not isinstance(value, bool):
            self.error(path, f"must be true or false (got {short(str(value))!r})")

    def one_of(self, value: str | None, allowed: list[str], path: str) -> None:
        if value is not None and value not in allowed:
            self.error(path, f"must be one of: {', '.join(allowed)} (got {short(value)!r})")

    def email(self, item: dict, path: str) -> None:
        value = self.get(item, "email")
        if value is MISSING:
            return
        text = self.text(value, f"{path}.email")
        if text is not None and text.strip() and not _EMAIL.match(text.strip()):
            self.error(f"{path}.email", f"must be a valid email address (got {short(text)!r})")


def is_url(text: str, schemes: set[str]) -> bool:
    try:
        parts = urlsplit(text.strip())
    except ValueError:
        return False
    return parts.scheme.lower() in schemes and bool(parts.netloc)


def _kind(value: Any) -> str:
    if isinstance(value, dict):
        return "mapping"
    if isinstance(value, list):
        return "list"
    if value is None:
        return "empty value"
    return type(value).__name__


def short(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
