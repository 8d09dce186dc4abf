"""The ``legal`` section: the licence (an SPDX expression) and who owns the copyright."""

from __future__ import annotations

from harvest.publiccode.spdx import check_spdx_expression
from harvest.publiccode.validator.checks import MISSING, Checks


def check_legal(c: Checks) -> None:
    legal = c.get(c.data, "legal")
    if legal is MISSING:
        c.error("legal", "required key is missing (legal.license)")
        return
    if (legal := c.mapping(legal, "legal")) is None:
        return
    allowed = {"license", "mainCopyrightOwner", "repoOwner", "authorsFile"}
    c.unknown_keys(legal, allowed, "legal")
    if "authorsFile" in legal:
        c.warn("legal.authorsFile", "authorsFile is deprecated and ignored")
    if "repoOwner" in legal and c.minor >= 5:
        c.warn("legal.repoOwner", "repoOwner is deprecated: use organisation.name")
    licence = c.required_text(legal, "license", "legal.license")
    if licence is not None:
        check = check_spdx_expression(licence)
        if not check.valid:
            c.error("legal.license", check.error)
        for message in check.warnings:
            c.warn("legal.license", message)
    for key in ("mainCopyrightOwner", "repoOwner"):
        if c.get(legal, key) is not MISSING:
            c.text(legal[key], f"legal.{key}")
