"""What the software supports: ``supports`` (0.7) and the country sections it replaced
(``it``/``IT``, Italy's conformance and platform flags)."""

from __future__ import annotations

from harvest.publiccode.validator.checks import MISSING, Checks, short
from harvest.publiccode.validator.vocabulary import SUPPORT_ALIASES


def check_supports(c: Checks) -> None:
    supports = c.get(c.data, "supports")
    if supports is MISSING:
        return
    if not isinstance(supports, list):
        c.error("supports", "must be a list")
        return
    for i, item in enumerate(supports):
        path = f"supports[{i}]"
        if (item := c.mapping(item, path)) is None:
            continue
        c.unknown_keys(item, {"id"}, path)
        ident = c.required_text(item, "id", f"{path}.id")
        if ident is None:
            continue
        if ident.startswith("alias:"):
            if ident not in SUPPORT_ALIASES:
                known = ", ".join(sorted(SUPPORT_ALIASES))
                c.error(f"{path}.id", f"unknown alias {short(ident)!r} (known: {known})")
        else:
            c.organisation_uri(ident, f"{path}.id")


def check_country_sections(c: Checks) -> None:
    for key in ("it", "IT"):
        section = c.get(c.data, key)
        if section is MISSING:
            continue
        if c.minor >= 7:
            c.warn(key, "country-specific sections are deprecated since 0.7: use supports")
        elif key == "it" and c.minor >= 4:
            c.warn(key, "the lowercase 'it' section is deprecated: use 'IT'")
        if (section := c.mapping(section, key)) is None:
            continue
        c.unknown_keys(
            section, {"countryExtensionVersion", "conforme", "riuso", "piattaforme"}, key
        )
        version = c.get(section, "countryExtensionVersion")
        if version is not MISSING:
            text = c.text(version, f"{key}.countryExtensionVersion")
            c.one_of(text, ["0.2", "1.0"], f"{key}.countryExtensionVersion")
        flags = {
            "conforme": (
                "lineeGuidaDesign", "modelloInteroperabilita", "misureMinimeSicurezza", "gdpr",
            ),
            "piattaforme": ("spid", "pagopa", "cie", "anpr", "io"),
        }  # fmt: skip
        for group, names in flags.items():
            block = c.get(section, group)
            if block is MISSING or not (block := c.mapping(block, f"{key}.{group}")):
                continue
            c.unknown_keys(block, set(names), f"{key}.{group}")
            for name in names:
                c.boolean(block, name, f"{key}.{group}.{name}")
        riuso = c.get(section, "riuso")
        if riuso is not MISSING and (riuso := c.mapping(riuso, f"{key}.riuso")):
            c.unknown_keys(riuso, {"codiceIPA"}, f"{key}.riuso")
            if c.get(riuso, "codiceIPA") is not MISSING:
                c.text(riuso["codiceIPA"], f"{key}.riuso.codiceIPA")
