"""Validation of publiccode.yml against the rules of the standard, per version.

Covers the published v0 versions 0.2 to 0.7 (0.6 changed nothing in the standard;
any later 0.x minor is validated with the 0.7 rules and a warning), plus legacy files
that declare no version (validated with the 0.2 rules, with a warning). The rules
follow the standard (https://yml.publiccode.tools) as enforced by the official
validator (publiccode-parser-go): errors block an import, warnings do not.

Checks that need the network (does the repository URL exist, is the logo there) are
left to the harvester; nothing here opens a connection.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any
from urllib.parse import urlsplit

from harvest.publiccode.parser import ERROR, WARNING, ParseResult, parse_publiccode
from harvest.publiccode.spdx import check_spdx_expression
from listings.models.choices import (
    MAINTENANCE_TYPE_CHOICES,
    SOFTWARE_TYPE_CHOICES,
    CostModel,
    DevelopmentStatus,
    Hosting,
    SolutionType,
)
from listings.models.publiccode_fields import HUB_EXTENSION, HUB_EXTENSION_KEYS, HUB_FACTS

LATEST_MINOR = 7  # 0.7

# The standard's enumerations, as the listing stores them (one list, so a value the
# validator accepts is always one a listing can hold).
DEVELOPMENT_STATUSES = list(DevelopmentStatus.values)
SOFTWARE_TYPES = [value for value, _label in SOFTWARE_TYPE_CHOICES]
MAINTENANCE_TYPES = [value for value, _label in MAINTENANCE_TYPE_CHOICES]
CATEGORIES = frozenset(
    [
        "accounting",
        "agile-project-management",
        "applicant-tracking",
        "application-development",
        "appointment-scheduling",
        "backup",
        "billing-and-invoicing",
        "blog",
        "budgeting",
        "business-intelligence",
        "business-process-management",
        "cad",
        "call-center-management",
        "cloud-management",
        "collaboration",
        "communications",
        "compliance-management",
        "contact-management",
        "content-management",
        "crm",
        "customer-service-and-support",
        "data-analytics",
        "data-collection",
        "data-visualization",
        "design",
        "design-system",
        "digital-asset-management",
        "digital-citizenship",
        "document-management",
        "donor-management",
        "e-commerce",
        "e-signature",
        "educational-content",
        "email-management",
        "email-marketing",
        "employee-management",
        "enterprise-project-management",
        "enterprise-social-networking",
        "erp",
        "event-management",
        "facility-management",
        "feedback-and-reviews-management",
        "financial-reporting",
        "fleet-management",
        "fundraising",
        "gamification",
        "geographic-information-systems",
        "grant-management",
        "graphic-design",
        "help-desk",
        "hr",
        "ide",
        "identity-management",
        "instant-messaging",
        "integrated-library-system",
        "inventory-management",
        "it-asset-management",
        "it-development",
        "it-management",
        "it-security",
        "it-service-management",
        "knowledge-management",
        "learning-management-system",
        "marketing",
        "mind-mapping",
        "mobile-marketing",
        "mobile-payment",
        "network-management",
        "office",
        "online-booking",
        "online-community",
        "payment-gateway",
        "payroll",
        "predictive-analysis",
        "procurement",
        "productivity-suite",
        "project-collaboration",
        "project-management",
        "property-management",
        "real-estate-management",
        "regulations-and-directives",
        "remote-support",
        "resource-management",
        "sales-management",
        "seo",
        "service-desk",
        "social-media-management",
        "survey",
        "talent-management",
        "task-management",
        "taxes-management",
        "test-management",
        "time-management",
        "time-tracking",
        "translation",
        "video-conferencing",
        "video-editing",
        "visitor-management",
        "voip",
        "warehouse-management",
        "web-collaboration",
        "web-conferencing",
        "whistleblowing",
        "website-builder",
        "workflow-management",
        "other",
    ]
)
SCOPES = frozenset(
    [
        "agriculture",
        "culture",
        "defence",
        "education",
        "emergency-services",
        "employment",
        "energy",
        "environment",
        "finance-and-economic-development",
        "foreign-affairs",
        "government",
        "healthcare",
        "infrastructures",
        "justice",
        "local-authorities",
        "manufacturing",
        "research",
        "science-and-technology",
        "security",
        "society",
        "sport",
        "tourism",
        "transportation",
        "welfare",
    ]
)

SUPPORT_ALIASES = frozenset(
    f"alias:{name}"
    for name in ["gdpr", "eidas", "nis2", "cra", "spid", "cie", "anpr", "pagopa", "io"]
)

TOP_LEVEL_KEYS = {
    "publiccodeYmlVersion", "name", "applicationSuite", "url", "landingURL", "isBasedOn",
    "softwareVersion", "releaseDate", "logo", "monochromeLogo", "organisation", "inputTypes",
    "outputTypes", "platforms", "categories", "usedBy", "fundedBy", "roadmap",
    "developmentStatus", "softwareType", "intendedAudience", "description", "legal",
    "maintenance", "localisation", "dependsOn", "supports", "it", "IT",
    HUB_EXTENSION,  # not the standard's: earlier hub exports (hub_extension warns)
}  # fmt: skip
DESCRIPTION_KEYS = {
    "localisedName", "genericName", "shortDescription", "longDescription", "documentation",
    "apiDocumentation", "features", "screenshots", "videos", "awards",
}  # fmt: skip
INTRODUCED = {"organisation": 5, "fundedBy": 5, "supports": 7}  # key -> 0.x minor
DEPRECATED = {
    "monochromeLogo": "monochromeLogo is deprecated and ignored",
    "inputTypes": "inputTypes is deprecated and ignored",
    "outputTypes": "outputTypes is deprecated and ignored",
}

_VERSION = re.compile(r"^v?(\d+)(?:\.(\d+))?(?:\.(\d+))?$")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_PRICE = re.compile(r"^\d{1,10}(?:\.\d{1,2})?$")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.\-]*):")
_BCP47 = re.compile(
    r"^(?:[a-z]{2,3}(?:-[a-z]{3}){0,3}|[a-z]{4,8})"
    r"(?:-[a-z]{4})?(?:-(?:[a-z]{2}|\d{3}))?"
    r"(?:-(?:[a-z0-9]{5,8}|\d[a-z0-9]{3}))*"
    r"(?:-[0-9a-wyz](?:-[a-z0-9]{2,8})+)*(?:-x(?:-[a-z0-9]{1,8})+)?$",
    re.IGNORECASE,
)
_COUNTRY = re.compile(r"^[A-Za-z]{2}$")
_UNSAFE_SCHEMES = {"javascript", "data", "vbscript", "file"}
_REPO_SCHEMES = {"http", "https", "git", "ssh", "git+ssh", "svn", "hg"}

_MISSING = object()


def validate_publiccode(content: bytes | str) -> ParseResult:
    """Parse and validate; the returned result's ``problems`` hold errors and warnings."""
    result = parse_publiccode(content)
    if result.data is not None:
        _Validator(result).run()
    return result


class _Validator:
    def __init__(self, result: ParseResult):
        self.r = result
        self.data: dict[str, Any] = result.data or {}
        self.minor = 2

    # -- reporting ---------------------------------------------------------------
    def error(self, key: str, message: str) -> None:
        self.r.add(ERROR, key, message)

    def warn(self, key: str, message: str) -> None:
        self.r.add(WARNING, key, message)

    # -- value helpers -----------------------------------------------------------
    def get(self, mapping: Any, key: str) -> Any:
        if isinstance(mapping, dict) and mapping.get(key) is not None:
            return mapping[key]
        return _MISSING

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
        if value is _MISSING:
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
        if not _is_url(text, schemes):
            allowed = "/".join(sorted(schemes)) if len(schemes) > 2 else "http(s)"
            self.error(path, f"must be an absolute {allowed} URL (got {_short(text)!r})")

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
            self.error(path, f"must be a URI such as https://... or urn:... (got {_short(text)!r})")

    def boolean(self, mapping: Any, key: str, path: str, *, required: bool = False) -> None:
        value = self.get(mapping, key)
        if value is _MISSING:
            if required:
                self.error(path, "required key is missing (true or false)")
        elif not isinstance(value, bool):
            self.error(path, f"must be true or false (got {_short(str(value))!r})")

    def one_of(self, value: str | None, allowed: list[str], path: str) -> None:
        if value is not None and value not in allowed:
            self.error(path, f"must be one of: {', '.join(allowed)} (got {_short(value)!r})")

    # -- the rules ---------------------------------------------------------------
    def run(self) -> None:
        d = self.data
        self.version()
        self.unknown_keys(d, TOP_LEVEL_KEYS, "")
        for key, minor in INTRODUCED.items():
            if key in d and self.minor < minor:
                self.warn(key, f"{key} was introduced in publiccode.yml 0.{minor}")
        for key, message in DEPRECATED.items():
            if key in d:
                self.warn(key, message)

        self.required_text(d, "name", "name")
        for key in ("applicationSuite", "softwareVersion"):
            if self.get(d, key) is not _MISSING:
                self.text(d[key], key)
        if self.get(d, "url") is _MISSING:
            self.error("url", "required key is missing")
        else:
            self.url(d["url"], "url", schemes=_REPO_SCHEMES)
        if self.get(d, "landingURL") is not _MISSING:
            self.url(d["landingURL"], "landingURL")
        if self.get(d, "roadmap") is not _MISSING:
            self.url(d["roadmap"], "roadmap")
        based = self.get(d, "isBasedOn")
        if based is not _MISSING:
            items = based if isinstance(based, list) else [based]
            for i, item in enumerate(items):
                key = f"isBasedOn[{i}]" if isinstance(based, list) else "isBasedOn"
                text = self.text(item, key)
                if text is not None and not _is_url(text, _REPO_SCHEMES):
                    self.warn(key, f"should be the URL of the original project ({_short(text)!r})")
        if self.get(d, "releaseDate") is not _MISSING:
            self.date(d["releaseDate"], "releaseDate")
        for key in ("logo", "monochromeLogo"):
            if self.get(d, key) is not _MISSING:
                self.uri_or_path(d[key], key)

        platforms = self.get(d, "platforms")
        if platforms is _MISSING:
            self.error("platforms", "required key is missing (e.g. [web])")
        elif isinstance(platforms, list):
            self.text_list(platforms, "platforms", non_empty=True)
        else:
            self.text(platforms, "platforms")

        categories = self.get(d, "categories")
        if categories is not _MISSING:
            for i, item in enumerate(self.text_list(categories, "categories")):
                if item is not None and item not in CATEGORIES:
                    self.error(f"categories[{i}]", f"unknown category {_short(item)!r}")
        if self.get(d, "usedBy") is not _MISSING:
            self.text_list(d["usedBy"], "usedBy")

        status = self.required_text(d, "developmentStatus", "developmentStatus")
        self.one_of(status, DEVELOPMENT_STATUSES, "developmentStatus")
        software_type = self.required_text(d, "softwareType", "softwareType")
        if software_type == "standalone":
            self.warn("softwareType", "'standalone' is deprecated: use standalone/web, ...")
        else:
            self.one_of(software_type, SOFTWARE_TYPES, "softwareType")

        self.organisation()
        if self.get(d, "fundedBy") is not _MISSING:
            self.funded_by(d["fundedBy"])
        self.intended_audience()
        self.description()
        self.legal()
        self.maintenance()
        self.localisation()
        self.depends_on()
        self.supports()
        self.country_sections()
        self.hub_extension()

    def version(self) -> None:
        version = self.r.version
        if "publiccodeYmlVersion" not in self.data:
            self.warn(
                "publiccodeYmlVersion",
                "missing: treated as a legacy file and validated with the 0.2 rules",
            )
            return
        if version is None:
            self.error("publiccodeYmlVersion", "must be a version such as '0.4'")
            return
        match = _VERSION.match(version)
        if not match:
            self.error("publiccodeYmlVersion", f"unknown version {_short(version)!r}")
            return
        if version == "0":  # "any 0.x": the latest rules
            self.minor = LATEST_MINOR
            return
        major, minor = int(match.group(1)), int(match.group(2) or 0)
        if major != 0:
            self.error(
                "publiccodeYmlVersion",
                f"version {version} is not supported (supported: 0.2 to 0.{LATEST_MINOR})",
            )
            return
        if minor < 2:
            self.warn("publiccodeYmlVersion", f"pre-0.2 version {version}: validated as 0.2")
            minor = 2
        elif minor > LATEST_MINOR:
            self.warn(
                "publiccodeYmlVersion",
                f"version {version} is newer than this validator knows: "
                f"validated with the 0.{LATEST_MINOR} rules",
            )
            minor = LATEST_MINOR
        self.minor = minor

    def organisation(self) -> None:
        org = self.get(self.data, "organisation")
        if org is _MISSING or not (org := self.mapping(org, "organisation")):
            return
        self.unknown_keys(org, {"name", "uri"}, "organisation")
        if self.get(org, "name") is not _MISSING:
            self.text(org["name"], "organisation.name")
        uri = self.required_text(org, "uri", "organisation.uri")
        if uri is not None:
            self.organisation_uri(uri, "organisation.uri")
        funded = self.get(self.data, "fundedBy")
        if funded is not _MISSING:
            self.funded_by(funded)

    def funded_by(self, funded: Any) -> None:
        if not isinstance(funded, list):
            self.error("fundedBy", "must be a list")
            return
        for i, item in enumerate(funded):
            path = f"fundedBy[{i}]"
            if (item := self.mapping(item, path)) is not None:
                self.unknown_keys(item, {"name", "uri"}, path)
                self.required_text(item, "name", f"{path}.name")
                if self.get(item, "uri") is not _MISSING:
                    self.organisation_uri(item["uri"], f"{path}.uri")

    def intended_audience(self) -> None:
        audience = self.get(self.data, "intendedAudience")
        if audience is _MISSING or not (audience := self.mapping(audience, "intendedAudience")):
            return
        allowed = {"scope", "countries", "unsupportedCountries"}
        self.unknown_keys(audience, allowed, "intendedAudience")
        scope = self.get(audience, "scope")
        if scope is not _MISSING:
            for i, item in enumerate(self.text_list(scope, "intendedAudience.scope")):
                if item is not None and item not in SCOPES:
                    self.error(f"intendedAudience.scope[{i}]", f"unknown scope {_short(item)!r}")
        for key in ("countries", "unsupportedCountries"):
            value = self.get(audience, key)
            if value is _MISSING:
                continue
            path = f"intendedAudience.{key}"
            for i, item in enumerate(self.text_list(value, path)):
                if item is None:
                    continue
                if not _COUNTRY.match(item):
                    self.error(f"{path}[{i}]", f"must be an ISO 3166-1 alpha-2 code ({item!r})")
                elif item.islower() and self.minor >= 4:
                    self.warn(f"{path}[{i}]", f"lowercase country codes are deprecated: use "
                              f"{item.upper()!r}")  # fmt: skip

    def description(self) -> None:
        descriptions = self.get(self.data, "description")
        if descriptions is _MISSING:
            self.error("description", "required key is missing (e.g. description.en)")
            return
        if (descriptions := self.mapping(descriptions, "description")) is None:
            return
        if not descriptions:
            self.error("description", "must have at least one language")
        for lang, desc in descriptions.items():
            path = f"description.{lang}"
            if not _BCP47.match(lang):
                self.error(path, f"{lang!r} is not a BCP 47 language tag (e.g. en, it, pt-BR)")
            if desc is None:
                self.error(path, "must have shortDescription, longDescription and features")
                continue
            if (desc := self.mapping(desc, path)) is None:
                continue
            self.unknown_keys(desc, DESCRIPTION_KEYS, path)
            generic = self.get(desc, "genericName")
            if generic is not _MISSING:
                self.warn(f"{path}.genericName", "genericName is deprecated and ignored")
                text = self.text(generic, f"{path}.genericName")
                if text is not None and len(text) > 35:
                    self.error(f"{path}.genericName", f"at most 35 characters ({len(text)})")
            if self.get(desc, "localisedName") is not _MISSING:
                self.text(desc["localisedName"], f"{path}.localisedName")
            short = self.required_text(desc, "shortDescription", f"{path}.shortDescription")
            if short is not None and len(short) > 150:
                self.error(
                    f"{path}.shortDescription", f"must be at most 150 characters ({len(short)})"
                )
            long = self.required_text(desc, "longDescription", f"{path}.longDescription")
            if long is not None and not 150 <= len(long) <= 10_000:
                self.error(
                    f"{path}.longDescription",
                    f"must be between 150 and 10,000 characters ({len(long):,})",
                )
            for key in ("documentation", "apiDocumentation"):
                if self.get(desc, key) is not _MISSING:
                    self.url(desc[key], f"{path}.{key}")
            features = self.get(desc, "features")
            if features is _MISSING:
                self.error(f"{path}.features", "required key is missing (a list of features)")
            else:
                self.text_list(features, f"{path}.features", non_empty=True)
            if self.get(desc, "screenshots") is not _MISSING:
                shots = self.text_list(desc["screenshots"], f"{path}.screenshots")
                for i, shot in enumerate(shots):
                    if shot is not None:
                        self.uri_or_path(shot, f"{path}.screenshots[{i}]")
            if self.get(desc, "videos") is not _MISSING:
                for i, video in enumerate(self.text_list(desc["videos"], f"{path}.videos")):
                    if video is not None:
                        self.url(video, f"{path}.videos[{i}]")
            if self.get(desc, "awards") is not _MISSING:
                self.text_list(desc["awards"], f"{path}.awards")

    def legal(self) -> None:
        legal = self.get(self.data, "legal")
        if legal is _MISSING:
            self.error("legal", "required key is missing (legal.license)")
            return
        if (legal := self.mapping(legal, "legal")) is None:
            return
        allowed = {"license", "mainCopyrightOwner", "repoOwner", "authorsFile"}
        self.unknown_keys(legal, allowed, "legal")
        if "authorsFile" in legal:
            self.warn("legal.authorsFile", "authorsFile is deprecated and ignored")
        if "repoOwner" in legal and self.minor >= 5:
            self.warn("legal.repoOwner", "repoOwner is deprecated: use organisation.name")
        licence = self.required_text(legal, "license", "legal.license")
        if licence is not None:
            check = check_spdx_expression(licence)
            if not check.valid:
                self.error("legal.license", check.error)
            for message in check.warnings:
                self.warn("legal.license", message)
        for key in ("mainCopyrightOwner", "repoOwner"):
            if self.get(legal, key) is not _MISSING:
                self.text(legal[key], f"legal.{key}")

    def maintenance(self) -> None:
        maint = self.get(self.data, "maintenance")
        if maint is _MISSING:
            self.error("maintenance", "required key is missing (maintenance.type)")
            return
        if (maint := self.mapping(maint, "maintenance")) is None:
            return
        self.unknown_keys(maint, {"type", "contractors", "contacts"}, "maintenance")
        kind = self.required_text(maint, "type", "maintenance.type")
        self.one_of(kind, MAINTENANCE_TYPES, "maintenance.type")
        contractors = self.get(maint, "contractors")
        contacts = self.get(maint, "contacts")
        if kind == "contract" and contractors is _MISSING:
            self.error("maintenance.contractors", "required when maintenance.type is contract")
        if kind in MAINTENANCE_TYPES and kind != "contract" and contractors is not _MISSING:
            self.error("maintenance.contractors", "only allowed when maintenance.type is contract")
        if kind in ("internal", "community") and contacts is _MISSING:
            self.error("maintenance.contacts", f"required when maintenance.type is {kind}")
        if isinstance(contractors, list):
            for i, item in enumerate(contractors):
                path = f"maintenance.contractors[{i}]"
                if (item := self.mapping(item, path)) is None:
                    continue
                self.unknown_keys(item, {"name", "email", "website", "until"}, path)
                self.required_text(item, "name", f"{path}.name")
                if self.get(item, "until") is _MISSING:
                    self.error(f"{path}.until", "required key is missing (YYYY-MM-DD)")
                else:
                    self.date(item["until"], f"{path}.until")
                self.email(item, path)
                if self.get(item, "website") is not _MISSING:
                    self.url(item["website"], f"{path}.website")
        elif contractors is not _MISSING:
            self.error("maintenance.contractors", "must be a list")
        if isinstance(contacts, list):
            for i, item in enumerate(contacts):
                path = f"maintenance.contacts[{i}]"
                if (item := self.mapping(item, path)) is None:
                    continue
                self.unknown_keys(item, {"name", "email", "phone", "affiliation"}, path)
                self.required_text(item, "name", f"{path}.name")
                self.email(item, path)
        elif contacts is not _MISSING:
            self.error("maintenance.contacts", "must be a list")

    def email(self, item: dict, path: str) -> None:
        value = self.get(item, "email")
        if value is _MISSING:
            return
        text = self.text(value, f"{path}.email")
        if text is not None and text.strip() and not _EMAIL.match(text.strip()):
            self.error(f"{path}.email", f"must be a valid email address (got {_short(text)!r})")

    def localisation(self) -> None:
        loc = self.get(self.data, "localisation")
        if loc is _MISSING:
            self.error("localisation", "required key is missing")
            return
        if (loc := self.mapping(loc, "localisation")) is None:
            return
        self.unknown_keys(loc, {"localisationReady", "availableLanguages"}, "localisation")
        self.boolean(loc, "localisationReady", "localisation.localisationReady", required=True)
        languages = self.get(loc, "availableLanguages")
        if languages is _MISSING:
            self.error("localisation.availableLanguages", "required key is missing (e.g. [en])")
            return
        path = "localisation.availableLanguages"
        for i, lang in enumerate(self.text_list(languages, path, non_empty=True)):
            if lang is not None and not _BCP47.match(lang):
                self.error(f"{path}[{i}]", f"{lang!r} is not a BCP 47 language tag")

    def depends_on(self) -> None:
        deps = self.get(self.data, "dependsOn")
        if deps is _MISSING or not (deps := self.mapping(deps, "dependsOn")):
            return
        self.unknown_keys(deps, {"open", "proprietary", "hardware"}, "dependsOn")
        allowed = {"name", "versionMin", "versionMax", "optional", "version"}
        for group in ("open", "proprietary", "hardware"):
            items = self.get(deps, group)
            if items is _MISSING:
                continue
            if not isinstance(items, list):
                self.error(f"dependsOn.{group}", "must be a list")
                continue
            for i, item in enumerate(items):
                path = f"dependsOn.{group}[{i}]"
                if (item := self.mapping(item, path)) is None:
                    continue
                self.unknown_keys(item, allowed, path)
                self.required_text(item, "name", f"{path}.name")
                self.boolean(item, "optional", f"{path}.optional")

    def supports(self) -> None:
        supports = self.get(self.data, "supports")
        if supports is _MISSING:
            return
        if not isinstance(supports, list):
            self.error("supports", "must be a list")
            return
        for i, item in enumerate(supports):
            path = f"supports[{i}]"
            if (item := self.mapping(item, path)) is None:
                continue
            self.unknown_keys(item, {"id"}, path)
            ident = self.required_text(item, "id", f"{path}.id")
            if ident is None:
                continue
            if ident.startswith("alias:"):
                if ident not in SUPPORT_ALIASES:
                    known = ", ".join(sorted(SUPPORT_ALIASES))
                    self.error(f"{path}.id", f"unknown alias {_short(ident)!r} (known: {known})")
            else:
                self.organisation_uri(ident, f"{path}.id")

    def country_sections(self) -> None:
        for key in ("it", "IT"):
            section = self.get(self.data, key)
            if section is _MISSING:
                continue
            if self.minor >= 7:
                self.warn(key, "country-specific sections are deprecated since 0.7: use supports")
            elif key == "it" and self.minor >= 4:
                self.warn(key, "the lowercase 'it' section is deprecated: use 'IT'")
            if (section := self.mapping(section, key)) is None:
                continue
            self.unknown_keys(
                section, {"countryExtensionVersion", "conforme", "riuso", "piattaforme"}, key
            )
            version = self.get(section, "countryExtensionVersion")
            if version is not _MISSING:
                text = self.text(version, f"{key}.countryExtensionVersion")
                self.one_of(text, ["0.2", "1.0"], f"{key}.countryExtensionVersion")
            flags = {
                "conforme": (
                    "lineeGuidaDesign", "modelloInteroperabilita", "misureMinimeSicurezza", "gdpr",
                ),
                "piattaforme": ("spid", "pagopa", "cie", "anpr", "io"),
            }  # fmt: skip
            for group, names in flags.items():
                block = self.get(section, group)
                if block is _MISSING or not (block := self.mapping(block, f"{key}.{group}")):
                    continue
                self.unknown_keys(block, set(names), f"{key}.{group}")
                for name in names:
                    self.boolean(block, name, f"{key}.{group}.{name}")
            riuso = self.get(section, "riuso")
            if riuso is not _MISSING and (riuso := self.mapping(riuso, f"{key}.riuso")):
                self.unknown_keys(riuso, {"codiceIPA"}, f"{key}.riuso")
                if self.get(riuso, "codiceIPA") is not _MISSING:
                    self.text(riuso["codiceIPA"], f"{key}.riuso.codiceIPA")

    def hub_extension(self) -> None:
        """The Council Solutions Hub's listing facts (docs/publiccode.md), which the
        standard has no key for, checked as strictly as the standard's own keys.

        They come from the file's facts comment, or from the top-level section earlier
        exports wrote (which the official parser refuses, so it gets a warning).
        """
        legacy = self.get(self.data, HUB_EXTENSION)
        if legacy is not _MISSING:
            self.warn(
                HUB_EXTENSION,
                "not a publiccode.yml key, so the official parser refuses the file: the hub "
                f"now writes these facts on a '# {HUB_FACTS}: ' comment line",
            )
        if self.r.hub_facts is not None:
            section, prefix = self.r.hub_facts, HUB_FACTS
        elif legacy is not _MISSING:
            section, prefix = self.mapping(legacy, HUB_EXTENSION), HUB_EXTENSION
        else:
            return
        if section is None:
            return
        for key in section:
            if key not in HUB_EXTENSION_KEYS:
                self.warn(f"{prefix}.{key}", "unknown key of the hub's facts")
        for key, choices in (
            ("solutionType", SolutionType),
            ("costModel", CostModel),
            ("hosting", Hosting),
        ):
            if self.get(section, key) is not _MISSING:
                path = f"{prefix}.{key}"
                self.one_of(self.text(section[key], path), list(choices.values), path)
        for key in ("priceMinGBP", "priceMaxGBP"):
            if self.get(section, key) is not _MISSING:
                text = self.text(section[key], f"{prefix}.{key}")
                if text is not None and not _PRICE.match(text):
                    self.error(f"{prefix}.{key}", f"must be pounds such as 1250.00 ({text!r})")
        if self.get(section, "listingURL") is not _MISSING:
            self.url(section["listingURL"], f"{prefix}.listingURL")
        if self.get(section, "serviceAreas") is not _MISSING:
            self.text_list(section["serviceAreas"], f"{prefix}.serviceAreas")
        for key in ("processesPersonalData", "dpiaTemplateAvailable"):
            self.boolean(section, key, f"{prefix}.{key}")


def _is_url(text: str, schemes: set[str]) -> bool:
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


def _short(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
