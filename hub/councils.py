"""Loading councils from mySociety's list of UK local authorities.

The list is the hub's only source of councils, so every adoption and pledge points
at a real authority with a GSS code. Loading is an upsert keyed on mySociety's
local authority code, so re-running it changes only what the file changed.
"""

import csv
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from django.db import transaction
from django.utils.text import slugify

from hub.models import Organisation
from hub.models.organisations import OrganisationKind

COUNCILS_CSV = Path(__file__).resolve().parent / "data" / "uk_local_authorities.csv"

#: Fields the loader owns; anything else on a council (description, website) is left alone.
COUNCIL_FIELDS = [
    "name",
    "official_name",
    "slug",
    "gss_code",
    "council_type",
    "council_type_name",
    "nation",
    "region",
    "population",
    "is_current",
    "alternative_names",
]


@dataclass
class LoadStats:
    created: int = 0
    updated: int = 0
    unchanged: int = 0

    @property
    def total(self) -> int:
        return self.created + self.updated + self.unchanged


def read_council_rows(path: Path = COUNCILS_CSV) -> list[dict]:
    with path.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    name_counts = Counter(row["nice-name"] for row in rows)
    return [_council_values(row, name_counts) for row in rows]


def _council_values(row: dict, name_counts: Counter) -> dict:
    name = row["nice-name"].strip()
    code = row["local-authority-code"].strip()
    is_current = row["current-authority"].strip() == "True"
    # Two authorities share a name when a county became a unitary (Somerset): the former
    # one carries its code in the slug so the current one keeps the plain address.
    slug = slugify(name) if name_counts[name] == 1 or is_current else slugify(f"{name} {code}")
    population = row["pop-2020"].strip()
    return {
        "local_authority_code": code,
        "name": name,
        "official_name": row["official-name"].strip(),
        "slug": slug,
        "gss_code": row["gss-code"].strip() or None,
        "council_type": row["local-authority-type"].strip(),
        "council_type_name": row["local-authority-type-name"].strip(),
        "nation": row["nation"].strip(),
        "region": row["region"].strip(),
        "population": int(float(population)) if population else None,
        "is_current": is_current,
        "alternative_names": row["alt-names"].strip(),
    }


def councils_load(
    *,
    rows: Iterable[dict],
    progress: Callable[[Iterable], Iterable] = lambda items: items,
) -> LoadStats:
    """Create or update a council for each row; returns what changed."""
    stats = LoadStats()
    existing = {
        org.local_authority_code: org
        for org in Organisation.objects.filter(local_authority_code__isnull=False)
    }
    to_create: list[Organisation] = []
    to_update: list[Organisation] = []
    for values in progress(list(rows)):
        council = existing.get(values["local_authority_code"])
        if council is None:
            to_create.append(Organisation(kind=OrganisationKind.COUNCIL, **values))
            stats.created += 1
            continue
        changed = [field for field in COUNCIL_FIELDS if getattr(council, field) != values[field]]
        if changed:
            for field in changed:
                setattr(council, field, values[field])
            to_update.append(council)
            stats.updated += 1
        else:
            stats.unchanged += 1
    with transaction.atomic():
        Organisation.objects.bulk_create(to_create, batch_size=200)
        if to_update:
            Organisation.objects.bulk_update(to_update, COUNCIL_FIELDS, batch_size=200)
    return stats
