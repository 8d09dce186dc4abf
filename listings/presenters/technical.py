"""A listing's publiccode.yml details as the solution page shows them.

Features, and a "technical details" summary (software type, platforms, categories,
maintenance, dependencies, funders, languages), read from the page's own row and its
``publiccode_metadata``; no queries.
"""

from dataclasses import dataclass

from django.utils.translation import get_language_info

from listings.text import strings, web_url

PLATFORM_NAMES = {
    "web": "Web",
    "linux": "Linux",
    "windows": "Windows",
    "mac": "macOS",
    "android": "Android",
    "ios": "iOS",
}
DEPENDENCY_KINDS = {"open": "", "proprietary": "proprietary", "hardware": "hardware"}


@dataclass(frozen=True)
class DetailItem:
    text: str
    url: str = ""


@dataclass(frozen=True)
class DetailRow:
    """One row of the "Technical details" summary list."""

    key: str
    items: list[DetailItem]


def solution_features(solution) -> list[str]:
    return strings(solution.features)


def _category_name(slug: str) -> str:
    return slug.replace("-", " ").capitalize()


def _language_name(code: str) -> str:
    try:
        return get_language_info(code.lower())["name"]
    except KeyError:
        return code


def _dependency_label(dependency: dict, kind: str) -> str:
    name = str(dependency.get("name") or "").strip()
    exact, low, high = (
        str(dependency.get(key) or "").strip() for key in ("version", "versionMin", "versionMax")
    )
    if exact:
        version = f"version {exact}"
    elif low and high:
        version = f"versions {low} to {high}"
    elif low:
        version = f"version {low} or later"
    elif high:
        version = f"up to version {high}"
    else:
        version = ""
    notes = [note for note in (version, DEPENDENCY_KINDS[kind]) if note]
    if dependency.get("optional") is True:
        notes.append("optional")
    return f"{name} ({', '.join(notes)})" if notes else name


def solution_dependencies(metadata: dict) -> list[DetailItem]:
    depends_on = metadata.get("dependsOn")
    if not isinstance(depends_on, dict):
        return []
    items = []
    for kind in DEPENDENCY_KINDS:
        for dependency in depends_on.get(kind) or []:
            if isinstance(dependency, dict) and str(dependency.get("name") or "").strip():
                items.append(DetailItem(_dependency_label(dependency, kind)))
    return items


def solution_funders(metadata: dict) -> list[DetailItem]:
    funders = metadata.get("fundedBy")
    if not isinstance(funders, list):
        return []
    return [
        DetailItem(str(funder["name"]).strip(), web_url(funder.get("uri")))
        for funder in funders
        if isinstance(funder, dict) and str(funder.get("name") or "").strip()
    ]


def solution_technical_details(solution) -> list[DetailRow]:
    """The publiccode.yml facts a council's technical team asks about, where stated."""
    metadata = (
        solution.publiccode_metadata if isinstance(solution.publiccode_metadata, dict) else {}
    )
    localisation = metadata.get("localisation")
    languages = localisation.get("availableLanguages") if isinstance(localisation, dict) else []
    rows = [
        DetailRow(
            "Software type",
            [DetailItem(solution.get_software_type_display())] if solution.software_type else [],
        ),
        DetailRow(
            "Platforms",
            [DetailItem(PLATFORM_NAMES.get(p.lower(), p)) for p in strings(solution.platforms)],
        ),
        DetailRow(
            "Categories",
            [DetailItem(_category_name(c)) for c in strings(solution.categories)],
        ),
        DetailRow(
            "Maintenance",
            [DetailItem(solution.get_maintenance_type_display())]
            if solution.maintenance_type
            else [],
        ),
        DetailRow("Depends on", solution_dependencies(metadata)),
        DetailRow("Funded by", solution_funders(metadata)),
        DetailRow(
            "Available languages",
            [DetailItem(_language_name(code)) for code in strings(languages)],
        ),
    ]
    return [row for row in rows if row.items]


# The page --------------------------------------------------------------------------------
