"""publiccode.yml <-> listing: the mapping both ways.

``answers_from_publiccode`` turns a parsed, validated publiccode.yml (a plain dict; the
harvest app does the safe parsing) into a submission's answers. ``publiccode_from_page``
writes a listing back out in the current version of the standard. Every key the
mapping does not turn into a field is kept in ``publiccode_metadata``, and the listing
facts the standard has no key for (cost model, hosting, solution type, service areas,
prices, personal data) travel on a comment line of the file (``HUB_FACTS_PREFIX``), so
import -> export -> import gives the same listing, proprietary ones included, and the
export stays valid for the official parser.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

import yaml

from hub.links import page_absolute_url
from listings.models import CostModel, DevelopmentStatus, Hosting, SolutionPage, SolutionType
from listings.models.publiccode_fields import (
    HUB_EXTENSION,
    HUB_FACTS_PREFIX,
    LONG_DESCRIPTION_MAX,
    LONG_DESCRIPTION_MIN,
    MAINTENANCE_TYPE_CHOICES,
    SOFTWARE_TYPE_CHOICES,
)
from listings.submissions.answers import problem_text
from listings.text import strings, web_url

EXPORT_VERSION = "0.7"


@dataclass
class ImportedPubliccode:
    """A publiccode.yml read for import: its text, the answers it maps to, its problems.

    The harvest app builds these (it owns the safe parser); listings only consumes them,
    so data keeps flowing one way.
    """

    text: str
    answers: dict[str, Any]
    problems: list[dict[str, Any]] = field(default_factory=list)

    @property
    def errors(self) -> list[dict[str, Any]]:
        return [p for p in self.problems if p.get("severity") == "error"]

    @property
    def warnings(self) -> list[dict[str, Any]]:
        return [p for p in self.problems if p.get("severity") == "warning"]


DEFAULT_LANGUAGE = "en"

#: Top-level keys kept as written (in publiccode_metadata) because no field holds them.
KEPT_TOP_LEVEL = (
    "applicationSuite",
    "softwareVersion",
    "releaseDate",
    "logo",
    "monochromeLogo",
    "roadmap",
    "isBasedOn",
    "inputTypes",
    "outputTypes",
    "intendedAudience",
    "organisation",
    "fundedBy",
    "dependsOn",
    "localisation",
    "supports",
    "it",
    "IT",
)
#: Keys of the chosen language's description kept as written.
KEPT_DESCRIPTION = (
    "localisedName",
    "genericName",
    "documentation",
    "apiDocumentation",
    "screenshots",
    "videos",
    "awards",
)

_SOLUTION_TYPE_BY_CATEGORY = {
    "geographic-information-systems": SolutionType.GEOSPATIAL,
    "predictive-analysis": SolutionType.PREDICTIVE_MODEL,
    "data-analytics": SolutionType.DASHBOARD,
    "business-intelligence": SolutionType.DASHBOARD,
    "data-visualization": SolutionType.DASHBOARD,
    "financial-reporting": SolutionType.DASHBOARD,
    "business-process-management": SolutionType.WORKFLOW,
    "workflow-management": SolutionType.WORKFLOW,
    "document-management": SolutionType.WORKFLOW,
    "digital-citizenship": SolutionType.CITIZEN_SERVICE,
    "appointment-scheduling": SolutionType.CITIZEN_SERVICE,
    "online-booking": SolutionType.CITIZEN_SERVICE,
    "customer-service-and-support": SolutionType.CITIZEN_SERVICE,
    "data-collection": SolutionType.DATA_MATCHING,
}
_SOFTWARE_TYPES = {value for value, _label in SOFTWARE_TYPE_CHOICES}
_MAINTENANCE_TYPES = {value for value, _label in MAINTENANCE_TYPE_CHOICES}


def preferred_language(descriptions: dict[str, Any]) -> str | None:
    """English if there is one (en, then en-GB and other English tags), else the first."""
    languages = [lang for lang, value in descriptions.items() if isinstance(value, dict)]
    if not languages:
        return None
    for lang in languages:
        if lang.lower() == "en":
            return lang
    for lang in languages:
        if lang.lower().startswith(("en-", "eng")):
            return lang
    return languages[0]


def _text(value: Any) -> str:
    return value.strip() if isinstance(value, str) else ""


def _choice(value: Any, choices) -> str:
    """``value`` if it is one of ``choices``' values, else ""."""
    return value if isinstance(value, str) and value in choices.values else ""


def _flag(value: Any, default: bool) -> bool:
    return value if isinstance(value, bool) else default


def _price(value: Any) -> str | None:
    return value if isinstance(value, str) and value.strip() else None


def answers_from_publiccode(
    data: dict[str, Any], hub_facts: dict[str, Any] | None = None
) -> dict[str, Any]:
    """A submission's answers from a validated publiccode.yml and the hub's facts line.

    A file exported before the facts moved to a comment carries them in a top-level
    section instead; that is still read when the file has no facts line.
    """
    descriptions = data.get("description") if isinstance(data.get("description"), dict) else {}
    language = preferred_language(descriptions) or DEFAULT_LANGUAGE
    description = descriptions.get(language) if isinstance(descriptions.get(language), dict) else {}
    legal = data.get("legal") if isinstance(data.get("legal"), dict) else {}
    maintenance = data.get("maintenance") if isinstance(data.get("maintenance"), dict) else {}
    licence = _text(legal.get("license"))
    categories = strings(data.get("categories"))
    status = _text(data.get("developmentStatus"))
    software_type = _text(data.get("softwareType"))
    maintenance_type = _text(maintenance.get("type"))
    contacts = [c for c in maintenance.get("contacts") or [] if isinstance(c, dict)]
    url = _text(data.get("url"))
    landing = _text(data.get("landingURL"))
    short = _text(description.get("shortDescription"))
    if isinstance(hub_facts, dict):
        hub = hub_facts
    else:
        hub = data.get(HUB_EXTENSION) if isinstance(data.get(HUB_EXTENSION), dict) else {}
    # An export of a listing with no repository names the listing's own page as its url.
    is_listing_page = bool(url) and url == _text(hub.get("listingURL"))

    metadata: dict[str, Any] = {
        key: data[key] for key in KEPT_TOP_LEVEL if data.get(key) is not None
    }
    metadata["descriptionLanguage"] = language
    kept_description = {
        key: description[key] for key in KEPT_DESCRIPTION if description.get(key) is not None
    }
    if kept_description:
        metadata["description"] = kept_description
    others = {lang: value for lang, value in descriptions.items() if lang != language}
    if others:
        metadata["otherDescriptions"] = others
    kept_legal = {k: v for k, v in legal.items() if k != "license" and v is not None}
    if kept_legal:
        metadata["legal"] = kept_legal
    kept_maintenance = {
        k: maintenance[k] for k in ("contractors", "contacts") if maintenance.get(k) is not None
    }
    if kept_maintenance:
        metadata["maintenance"] = kept_maintenance
    if url and not web_url(url):
        metadata["url"] = url  # git:// or ssh:// URLs: kept, but not a link on the page

    solution_type = _choice(hub.get("solutionType"), SolutionType) or next(
        (_SOLUTION_TYPE_BY_CATEGORY[c] for c in categories if c in _SOLUTION_TYPE_BY_CATEGORY),
        SolutionType.OTHER,
    )
    is_open_source = bool(licence) and not licence.startswith("LicenseRef-")
    # Open source can be run by anyone for free; the submitter can say otherwise, and the
    # hub's facts say what the listing said.
    cost_model = _choice(hub.get("costModel"), CostModel) or ("free" if is_open_source else "")
    hosting = _choice(hub.get("hosting"), Hosting) or ("self_hosted" if is_open_source else "")
    return {
        "title": _text(data.get("name"))[:255],
        "summary": short,
        "problem": short,
        "long_description": _text(description.get("longDescription")),
        "features": strings(description.get("features")),
        "solution_type": str(solution_type),
        "development_status": status if status in DevelopmentStatus.values else "",
        "software_type": software_type if software_type in _SOFTWARE_TYPES else "",
        "platforms": strings(data.get("platforms")),
        "categories": categories,
        "maintenance_type": maintenance_type if maintenance_type in _MAINTENANCE_TYPES else "",
        "is_open_source": is_open_source,
        "licence": licence,
        "repository_url": "" if is_listing_page else web_url(url),
        "website": web_url(landing),
        "cost_model": cost_model,
        "hosting": hosting,
        "price_min_gbp": _price(hub.get("priceMinGBP")),
        "price_max_gbp": _price(hub.get("priceMaxGBP")),
        "service_areas": strings(hub.get("serviceAreas")),
        "processes_personal_data": _flag(hub.get("processesPersonalData"), False),
        "dpia_template_available": _flag(hub.get("dpiaTemplateAvailable"), False),
        "contact_name": _text(contacts[0].get("name")) if contacts else "",
        "contact_email": _text(contacts[0].get("email")) if contacts else "",
        "used_by": strings(data.get("usedBy")),
        "publiccode_metadata": metadata,
    }


def _long_description(page: SolutionPage, page_url: str) -> str:
    if page.long_description:
        return page.long_description
    parts = [problem_text(page.problem)]
    for block in page.description or []:
        if block.block_type == "rich_text":
            parts.append(problem_text(block.value.source))
    if page.audience:
        parts.append(f"For: {page.audience}.")
    if page.data_needed:
        parts.append(f"Data it needs: {page.data_needed}")
    text = "\n\n".join(part for part in parts if part)
    if len(text) < LONG_DESCRIPTION_MIN:
        text = f"{text}\n\n{page.summary} Listed on the Council Solutions Hub: {page_url}"
    return text[:LONG_DESCRIPTION_MAX]


def _maintenance(page: SolutionPage, kept: dict[str, Any]) -> dict[str, Any]:
    contacts = [dict(c) for c in kept.get("contacts") or [] if isinstance(c, dict)]
    if page.contact_name:
        first = contacts[0] if contacts else {}
        first.update(name=page.contact_name)
        if page.contact_email:
            first["email"] = page.contact_email
        contacts = [first, *contacts[1:]]
    kind = page.maintenance_type or ("internal" if contacts else "none")
    maintenance: dict[str, Any] = {"type": kind}
    if kind == "contract":
        maintenance["contractors"] = kept.get("contractors") or [
            {"name": page.provider.name if page.provider else page.title, "until": "2099-12-31"}
        ]
    if contacts:
        maintenance["contacts"] = contacts
    elif kind in ("internal", "community"):
        maintenance["type"] = "none"
    return maintenance


def publiccode_from_page(page: SolutionPage, *, request=None) -> dict[str, Any]:
    """The listing as a publiccode.yml document (a dict) of the current version.

    Only the standard's keys: the hub's own facts are ``hub_facts_from_page``.
    """
    return _document(page, page_absolute_url(page, request=request))


def _document(page: SolutionPage, page_url: str) -> dict[str, Any]:
    metadata = dict(page.publiccode_metadata or {})
    language = metadata.get("descriptionLanguage") or DEFAULT_LANGUAGE
    description = {
        "shortDescription": page.summary,
        "longDescription": _long_description(page, page_url),
        "features": list(page.features) or [page.summary[:100]],
        **(metadata.get("description") or {}),
    }
    repository = page.repository_url or metadata.get("url") or page.website or page_url
    document: dict[str, Any] = {
        "publiccodeYmlVersion": EXPORT_VERSION,
        "name": page.title,
        "url": repository,
    }
    if page.website:
        document["landingURL"] = page.website
    document["platforms"] = list(page.platforms) or ["web"]
    if page.categories:
        document["categories"] = list(page.categories)
    document["developmentStatus"] = str(page.development_status)
    document["softwareType"] = page.software_type or "standalone/web"
    document["description"] = {language: description, **(metadata.get("otherDescriptions") or {})}
    document["legal"] = {
        "license": page.licence or "LicenseRef-proprietary",
        **(metadata.get("legal") or {}),
    }
    document["maintenance"] = _maintenance(page, metadata.get("maintenance") or {})
    document["localisation"] = metadata.get("localisation") or {
        "localisationReady": False,
        "availableLanguages": [language],
    }
    used_by = [a.council.name for a in page.adoptions.current().with_council()]
    used_by += [n for n in metadata.get("usedByUnmatched") or [] if n not in used_by]
    if used_by:
        document["usedBy"] = used_by
    for key in KEPT_TOP_LEVEL:
        if key in metadata and key not in document:
            document[key] = metadata[key]
    return document


def hub_facts_from_page(page: SolutionPage, page_url: str) -> dict[str, Any]:
    """The listing facts the standard has no key for (see ``HUB_FACTS_PREFIX``)."""
    section: dict[str, Any] = {"listingURL": page_url} if page_url else {}
    section.update(solutionType=str(page.solution_type))
    if page.cost_model:
        section["costModel"] = str(page.cost_model)
    if page.hosting:
        section["hosting"] = str(page.hosting)
    if page.price_min_gbp is not None:
        section["priceMinGBP"] = f"{page.price_min_gbp:.2f}"
    if page.price_max_gbp is not None:
        section["priceMaxGBP"] = f"{page.price_max_gbp:.2f}"
    section["serviceAreas"] = sorted(area.slug for area in page.service_areas.all())
    section["processesPersonalData"] = bool(page.processes_personal_data)
    section["dpiaTemplateAvailable"] = bool(page.dpia_template_available)
    return section


def publiccode_yaml(page: SolutionPage, *, request=None) -> str:
    """The export: the standard's keys as YAML, after a comment line of the hub's facts.

    The facts are JSON with every non-ASCII character escaped, so the line can never
    break (JSON escapes newlines, and ASCII has no other line separator).
    """
    page_url = page_absolute_url(page, request=request)
    facts = json.dumps(hub_facts_from_page(page, page_url), ensure_ascii=True)
    header = (
        "# Exported by the Council Solutions Hub. The line below holds listing facts the\n"
        "# publiccode.yml standard has no key for; parsers ignore it, the hub reads it back.\n"
        f"{HUB_FACTS_PREFIX}{facts}\n"
    )
    body = yaml.safe_dump(_document(page, page_url), sort_keys=False, allow_unicode=True, width=100)
    return header + body
