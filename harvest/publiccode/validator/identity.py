"""Who and what the software is: the version of the standard, the top-level keys, name,
URLs, platforms, categories, status and type, the organisation and its funders, and the
intended audience."""

from __future__ import annotations

import re
from typing import Any

from harvest.publiccode.validator.checks import MISSING, Checks, is_url, short
from harvest.publiccode.validator.vocabulary import (
    CATEGORIES,
    DEPRECATED,
    DEVELOPMENT_STATUSES,
    INTRODUCED,
    LATEST_MINOR,
    SCOPES,
    SOFTWARE_TYPES,
    TOP_LEVEL_KEYS,
)

_VERSION = re.compile(r"^v?(\d+)(?:\.(\d+))?(?:\.(\d+))?$")
_COUNTRY = re.compile(r"^[A-Za-z]{2}$")
_REPO_SCHEMES = {"http", "https", "git", "ssh", "git+ssh", "svn", "hg"}


def check_version(c: Checks) -> None:
    version = c.result.version
    if "publiccodeYmlVersion" not in c.data:
        c.warn(
            "publiccodeYmlVersion",
            "missing: treated as a legacy file and validated with the 0.2 rules",
        )
        return
    if version is None:
        c.error("publiccodeYmlVersion", "must be a version such as '0.4'")
        return
    match = _VERSION.match(version)
    if not match:
        c.error("publiccodeYmlVersion", f"unknown version {short(version)!r}")
        return
    if version == "0":  # "any 0.x": the latest rules
        c.minor = LATEST_MINOR
        return
    major, minor = int(match.group(1)), int(match.group(2) or 0)
    if major != 0:
        c.error(
            "publiccodeYmlVersion",
            f"version {version} is not supported (supported: 0.2 to 0.{LATEST_MINOR})",
        )
        return
    if minor < 2:
        c.warn("publiccodeYmlVersion", f"pre-0.2 version {version}: validated as 0.2")
        minor = 2
    elif minor > LATEST_MINOR:
        c.warn(
            "publiccodeYmlVersion",
            f"version {version} is newer than this validator knows: "
            f"validated with the 0.{LATEST_MINOR} rules",
        )
        minor = LATEST_MINOR
    c.minor = minor


def check_identity(c: Checks) -> None:
    """The top-level keys and the project's own: name, URLs, platforms, status, type."""
    d = c.data
    c.unknown_keys(d, TOP_LEVEL_KEYS, "")
    for key, minor in INTRODUCED.items():
        if key in d and c.minor < minor:
            c.warn(key, f"{key} was introduced in publiccode.yml 0.{minor}")
    for key, message in DEPRECATED.items():
        if key in d:
            c.warn(key, message)

    c.required_text(d, "name", "name")
    for key in ("applicationSuite", "softwareVersion"):
        if c.get(d, key) is not MISSING:
            c.text(d[key], key)
    if c.get(d, "url") is MISSING:
        c.error("url", "required key is missing")
    else:
        c.url(d["url"], "url", schemes=_REPO_SCHEMES)
    if c.get(d, "landingURL") is not MISSING:
        c.url(d["landingURL"], "landingURL")
    if c.get(d, "roadmap") is not MISSING:
        c.url(d["roadmap"], "roadmap")
    based = c.get(d, "isBasedOn")
    if based is not MISSING:
        items = based if isinstance(based, list) else [based]
        for i, item in enumerate(items):
            key = f"isBasedOn[{i}]" if isinstance(based, list) else "isBasedOn"
            text = c.text(item, key)
            if text is not None and not is_url(text, _REPO_SCHEMES):
                c.warn(key, f"should be the URL of the original project ({short(text)!r})")
    if c.get(d, "releaseDate") is not MISSING:
        c.date(d["releaseDate"], "releaseDate")
    for key in ("logo", "monochromeLogo"):
        if c.get(d, key) is not MISSING:
            c.uri_or_path(d[key], key)

    platforms = c.get(d, "platforms")
    if platforms is MISSING:
        c.error("platforms", "required key is missing (e.g. [web])")
    elif isinstance(platforms, list):
        c.text_list(platforms, "platforms", non_empty=True)
    else:
        c.text(platforms, "platforms")

    categories = c.get(d, "categories")
    if categories is not MISSING:
        for i, item in enumerate(c.text_list(categories, "categories")):
            if item is not None and item not in CATEGORIES:
                c.error(f"categories[{i}]", f"unknown category {short(item)!r}")
    if c.get(d, "usedBy") is not MISSING:
        c.text_list(d["usedBy"], "usedBy")

    status = c.required_text(d, "developmentStatus", "developmentStatus")
    c.one_of(status, DEVELOPMENT_STATUSES, "developmentStatus")
    software_type = c.required_text(d, "softwareType", "softwareType")
    if software_type == "standalone":
        c.warn("softwareType", "'standalone' is deprecated: use standalone/web, ...")
    else:
        c.one_of(software_type, SOFTWARE_TYPES, "softwareType")


def check_organisation(c: Checks) -> None:
    org = c.get(c.data, "organisation")
    if org is MISSING or not (org := c.mapping(org, "organisation")):
        return
    c.unknown_keys(org, {"name", "uri"}, "organisation")
    if c.get(org, "name") is not MISSING:
        c.text(org["name"], "organisation.name")
    uri = c.required_text(org, "uri", "organisation.uri")
    if uri is not None:
        c.organisation_uri(uri, "organisation.uri")
    funded = c.get(c.data, "fundedBy")
    if funded is not MISSING:
        check_funded_by(c, funded)


def check_funded_by(c: Checks, funded: Any) -> None:
    if not isinstance(funded, list):
        c.error("fundedBy", "must be a list")
        return
    for i, item in enumerate(funded):
        path = f"fundedBy[{i}]"
        if (item := c.mapping(item, path)) is not None:
            c.unknown_keys(item, {"name", "uri"}, path)
            c.required_text(item, "name", f"{path}.name")
            if c.get(item, "uri") is not MISSING:
                c.organisation_uri(item["uri"], f"{path}.uri")


def check_intended_audience(c: Checks) -> None:
    audience = c.get(c.data, "intendedAudience")
    if audience is MISSING or not (audience := c.mapping(audience, "intendedAudience")):
        return
    allowed = {"scope", "countries", "unsupportedCountries"}
    c.unknown_keys(audience, allowed, "intendedAudience")
    scope = c.get(audience, "scope")
    if scope is not MISSING:
        for i, item in enumerate(c.text_list(scope, "intendedAudience.scope")):
            if item is not None and item not in SCOPES:
                c.error(f"intendedAudience.scope[{i}]", f"unknown scope {short(item)!r}")
    for key in ("countries", "unsupportedCountries"):
        value = c.get(audience, key)
        if value is MISSING:
            continue
        path = f"intendedAudience.{key}"
        for i, item in enumerate(c.text_list(value, path)):
            if item is None:
                continue
            if not _COUNTRY.match(item):
                c.error(f"{path}[{i}]", f"must be an ISO 3166-1 alpha-2 code ({item!r})")
            elif item.islower() and c.minor >= 4:
                c.warn(f"{path}[{i}]", f"lowercase country codes are deprecated: use "
                          f"{item.upper()!r}")  # fmt: skip
