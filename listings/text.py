"""Reading text out of data kept as written (publiccode.yml and its metadata)."""

from typing import Any


def strings(value: Any) -> list[str]:
    """Non-empty, stripped strings from what should be a list of them (or one string)."""
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list):
        return []
    return [item.strip() for item in value if isinstance(item, str) and item.strip()]


def web_url(value: Any) -> str:
    """``value`` if it is an http(s) address, else "" (git:// or ssh:// are not links)."""
    return value if isinstance(value, str) and value.startswith(("https://", "http://")) else ""
