"""Match the council names a publiccode.yml lists in ``usedBy`` to real councils.

Names are compared after normalising away case, punctuation and the words councils use
differently ("London Borough of", "City Council"...), against each current council's
name, official name, alternative names (mySociety's list) and codes. A name that
matches more than one council is left unmatched rather than guessed.
"""

from __future__ import annotations

import re
from collections import defaultdict

from hub.models import Organisation

_NOISE_WORDS = frozenset(
    {
        "the",
        "of",
        "council",
        "borough",
        "city",
        "county",
        "district",
        "metropolitan",
        "london",
        "royal",
        "comhairle",
        "cyngor",
    }
)


def normalise_council_name(name: str) -> str:
    text = name.casefold().replace("&", " and ")
    words = re.findall(r"[\w']+", text)
    kept = [word for word in words if word not in _NOISE_WORDS]
    return " ".join(kept or words)


def _council_keys(council: Organisation) -> set[str]:
    names = [council.name, council.official_name]
    names += [part for part in council.alternative_names.split(",") if part.strip()]
    keys = {normalise_council_name(name) for name in names if name.strip()}
    keys |= {code.casefold() for code in (council.gss_code, council.local_authority_code) if code}
    keys.discard("")
    return keys


def council_name_index() -> dict[str, list[Organisation]]:
    index: dict[str, list[Organisation]] = defaultdict(list)
    councils = Organisation.objects.councils().current().exclude(gss_code__isnull=True)
    for council in councils.only(
        "id",
        "name",
        "slug",
        "official_name",
        "alternative_names",
        "gss_code",
        "local_authority_code",
        "kind",
    ):
        for key in _council_keys(council):
            if council not in index[key]:
                index[key].append(council)
    return index


def match_councils(names: list[str]) -> tuple[list[tuple[str, Organisation]], list[str]]:
    """(name, council) for each name that matches exactly one council, and the rest.

    No names, no query: most listings say nothing in usedBy.
    """
    names = [str(name).strip() for name in names if str(name).strip()]
    if not names:
        return [], []
    index = council_name_index()
    matched: list[tuple[str, Organisation]] = []
    unmatched: list[str] = []
    seen: set[int] = set()
    for name in names:
        candidates = index.get(name.casefold()) or index.get(normalise_council_name(name), [])
        if len(candidates) == 1:
            if candidates[0].pk not in seen:
                seen.add(candidates[0].pk)
                matched.append((name, candidates[0]))
        else:
            unmatched.append(name)
    return matched, unmatched
