"""Validation of publiccode.yml against the rules of the standard, per version.

Covers the published v0 versions 0.2 to 0.7 (0.6 changed nothing in the standard;
any later 0.x minor is validated with the 0.7 rules and a warning), plus legacy files
that declare no version (validated with the 0.2 rules, with a warning). The rules
follow the standard (https://yml.publiccode.tools) as enforced by the official
validator (publiccode-parser-go): errors block an import, warnings do not.

Checks that need the network (does the repository URL exist, is the logo there) are
left to the harvester; nothing here opens a connection.

One module per part of the standard (``identity``, ``description``, ``legal``,
``maintenance``, ``dependencies``, ``supports``) plus the hub's own facts (``hub_facts``);
``checks`` holds the value checks they share and ``vocabulary`` the standard's lists.
"""

from __future__ import annotations

from harvest.publiccode.parser import ParseResult, parse_publiccode
from harvest.publiccode.validator.checks import MISSING, Checks
from harvest.publiccode.validator.dependencies import check_depends_on
from harvest.publiccode.validator.description import check_description, check_localisation
from harvest.publiccode.validator.hub_facts import check_hub_facts
from harvest.publiccode.validator.identity import (
    check_funded_by,
    check_identity,
    check_intended_audience,
    check_organisation,
    check_version,
)
from harvest.publiccode.validator.legal import check_legal
from harvest.publiccode.validator.maintenance import check_maintenance
from harvest.publiccode.validator.supports import check_country_sections, check_supports
from harvest.publiccode.validator.vocabulary import (
    CATEGORIES,
    DEPRECATED,
    DESCRIPTION_KEYS,
    DEVELOPMENT_STATUSES,
    INTRODUCED,
    LATEST_MINOR,
    MAINTENANCE_TYPES,
    SCOPES,
    SOFTWARE_TYPES,
    SUPPORT_ALIASES,
    TOP_LEVEL_KEYS,
)

__all__ = [
    "CATEGORIES",
    "DEPRECATED",
    "DESCRIPTION_KEYS",
    "DEVELOPMENT_STATUSES",
    "INTRODUCED",
    "LATEST_MINOR",
    "MAINTENANCE_TYPES",
    "SCOPES",
    "SOFTWARE_TYPES",
    "SUPPORT_ALIASES",
    "TOP_LEVEL_KEYS",
    "validate_publiccode",
]


def validate_publiccode(content: bytes | str) -> ParseResult:
    """Parse and validate; the returned result's ``problems`` hold errors and warnings."""
    result = parse_publiccode(content)
    if result.data is not None:
        _validate(Checks(result))
    return result


def _validate(c: Checks) -> None:
    """Every section, in the order problems are listed (the version first: it picks the
    rules the others apply)."""
    check_version(c)
    check_identity(c)
    check_organisation(c)
    if c.get(c.data, "fundedBy") is not MISSING:
        check_funded_by(c, c.data["fundedBy"])
    check_intended_audience(c)
    check_description(c)
    check_legal(c)
    check_maintenance(c)
    check_localisation(c)
    check_depends_on(c)
    check_supports(c)
    check_country_sections(c)
    check_hub_facts(c)
