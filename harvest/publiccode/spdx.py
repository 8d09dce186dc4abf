"""SPDX licence expression checks for ``legal.license``.

Built on ``packaging.licenses`` (PyPA, carries the full SPDX licence and exception
lists and parses the expression grammar: AND / OR / WITH, parentheses, ``+``,
``LicenseRef-``). Identifiers are matched case-insensitively, as SPDX says; a
differently cased or deprecated identifier is accepted with a warning.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from packaging.licenses import InvalidLicenseExpression, canonicalize_license_expression

try:  # the list's "deprecated" flags are not public API; skip that check if it moves
    from packaging.licenses._spdx import LICENSES as _LICENSES
except ImportError:  # pragma: no cover
    _LICENSES = {}

_TOKEN = re.compile(r"[A-Za-z0-9.+\-:]+")


@dataclass
class SpdxCheck:
    valid: bool
    canonical: str | None = None
    error: str | None = None
    warnings: list[str] = field(default_factory=list)


def check_spdx_expression(expression: object) -> SpdxCheck:
    if not isinstance(expression, str) or not expression.strip():
        return SpdxCheck(False, error="must be an SPDX licence expression, e.g. 'EUPL-1.2'")
    text = expression.strip()
    try:
        canonical = canonicalize_license_expression(text)
    except InvalidLicenseExpression as exc:
        return SpdxCheck(False, error=f"not a valid SPDX expression: {exc}")
    check = SpdxCheck(True, canonical=canonical)
    if canonical != " ".join(text.split()):
        check.warnings.append(f"SPDX identifiers should be written as {canonical!r}")
    for token in _TOKEN.findall(canonical):
        info = _LICENSES.get(token.lower().rstrip("+"))
        if info and info.get("deprecated"):
            check.warnings.append(f"{info['id']!r} is a deprecated SPDX identifier")
    return check
