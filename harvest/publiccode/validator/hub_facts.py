"""The Council Solutions Hub's listing facts, which the standard has no key for."""

from __future__ import annotations

import re

from harvest.publiccode.validator.checks import MISSING, Checks
from listings.models.choices import CostModel, Hosting, SolutionType
from listings.models.publiccode_fields import HUB_EXTENSION, HUB_EXTENSION_KEYS, HUB_FACTS

_PRICE = re.compile(r"^\d{1,10}(?:\.\d{1,2})?$")


def check_hub_facts(c: Checks) -> None:
    """The Council Solutions Hub's listing facts (docs/publiccode.md), which the
    standard has no key for, checked as strictly as the standard's own keys.

    They come from the file's facts comment, or from the top-level section earlier
    exports wrote (which the official parser refuses, so it gets a warning).
    """
    legacy = c.get(c.data, HUB_EXTENSION)
    if legacy is not MISSING:
        c.warn(
            HUB_EXTENSION,
            "not a publiccode.yml key, so the official parser refuses the file: the hub "
            f"now writes these facts on a '# {HUB_FACTS}: ' comment line",
        )
    if c.result.hub_facts is not None:
        section, prefix = c.result.hub_facts, HUB_FACTS
    elif legacy is not MISSING:
        section, prefix = c.mapping(legacy, HUB_EXTENSION), HUB_EXTENSION
    else:
        return
    if section is None:
        return
    for key in section:
        if key not in HUB_EXTENSION_KEYS:
            c.warn(f"{prefix}.{key}", "unknown key of the hub's facts")
    for key, choices in (
        ("solutionType", SolutionType),
        ("costModel", CostModel),
        ("hosting", Hosting),
    ):
        if c.get(section, key) is not MISSING:
            path = f"{prefix}.{key}"
            c.one_of(c.text(section[key], path), list(choices.values), path)
    for key in ("priceMinGBP", "priceMaxGBP"):
        if c.get(section, key) is not MISSING:
            text = c.text(section[key], f"{prefix}.{key}")
            if text is not None and not _PRICE.match(text):
                c.error(f"{prefix}.{key}", f"must be pounds such as 1250.00 ({text!r})")
    if c.get(section, "listingURL") is not MISSING:
        c.url(section["listingURL"], f"{prefix}.listingURL")
    if c.get(section, "serviceAreas") is not MISSING:
        c.text_list(section["serviceAreas"], f"{prefix}.serviceAreas")
    for key in ("processesPersonalData", "dpiaTemplateAvailable"):
        c.boolean(section, key, f"{prefix}.{key}")
