"""What the software does, per language, and which languages it speaks: the
``description`` and ``localisation`` sections."""

from __future__ import annotations

import re

from harvest.publiccode.validator.checks import MISSING, Checks
from harvest.publiccode.validator.vocabulary import DESCRIPTION_KEYS

_BCP47 = re.compile(
    r"^(?:[a-z]{2,3}(?:-[a-z]{3}){0,3}|[a-z]{4,8})"
    r"(?:-[a-z]{4})?(?:-(?:[a-z]{2}|\d{3}))?"
    r"(?:-(?:[a-z0-9]{5,8}|\d[a-z0-9]{3}))*"
    r"(?:-[0-9a-wyz](?:-[a-z0-9]{2,8})+)*(?:-x(?:-[a-z0-9]{1,8})+)?$",
    re.IGNORECASE,
)


def check_description(c: Checks) -> None:
    descriptions = c.get(c.data, "description")
    if descriptions is MISSING:
        c.error("description", "required key is missing (e.g. description.en)")
        return
    if (descriptions := c.mapping(descriptions, "description")) is None:
        return
    if not descriptions:
        c.error("description", "must have at least one language")
    for lang, desc in descriptions.items():
        path = f"description.{lang}"
        if not _BCP47.match(lang):
            c.error(path, f"{lang!r} is not a BCP 47 language tag (e.g. en, it, pt-BR)")
        if desc is None:
            c.error(path, "must have shortDescription, longDescription and features")
            continue
        if (desc := c.mapping(desc, path)) is None:
            continue
        c.unknown_keys(desc, DESCRIPTION_KEYS, path)
        generic = c.get(desc, "genericName")
        if generic is not MISSING:
            c.warn(f"{path}.genericName", "genericName is deprecated and ignored")
            text = c.text(generic, f"{path}.genericName")
            if text is not None and len(text) > 35:
                c.error(f"{path}.genericName", f"at most 35 characters ({len(text)})")
        if c.get(desc, "localisedName") is not MISSING:
            c.text(desc["localisedName"], f"{path}.localisedName")
        short = c.required_text(desc, "shortDescription", f"{path}.shortDescription")
        if short is not None and len(short) > 150:
            c.error(f"{path}.shortDescription", f"must be at most 150 characters ({len(short)})")
        long = c.required_text(desc, "longDescription", f"{path}.longDescription")
        if long is not None and not 150 <= len(long) <= 10_000:
            c.error(
                f"{path}.longDescription",
                f"must be between 150 and 10,000 characters ({len(long):,})",
            )
        for key in ("documentation", "apiDocumentation"):
            if c.get(desc, key) is not MISSING:
                c.url(desc[key], f"{path}.{key}")
        features = c.get(desc, "features")
        if features is MISSING:
            c.error(f"{path}.features", "required key is missing (a list of features)")
        else:
            c.text_list(features, f"{path}.features", non_empty=True)
        if c.get(desc, "screenshots") is not MISSING:
            shots = c.text_list(desc["screenshots"], f"{path}.screenshots")
            for i, shot in enumerate(shots):
                if shot is not None:
                    c.uri_or_path(shot, f"{path}.screenshots[{i}]")
        if c.get(desc, "videos") is not MISSING:
            for i, video in enumerate(c.text_list(desc["videos"], f"{path}.videos")):
                if video is not None:
                    c.url(video, f"{path}.videos[{i}]")
        if c.get(desc, "awards") is not MISSING:
            c.text_list(desc["awards"], f"{path}.awards")


def check_localisation(c: Checks) -> None:
    loc = c.get(c.data, "localisation")
    if loc is MISSING:
        c.error("localisation", "required key is missing")
        return
    if (loc := c.mapping(loc, "localisation")) is None:
        return
    c.unknown_keys(loc, {"localisationReady", "availableLanguages"}, "localisation")
    c.boolean(loc, "localisationReady", "localisation.localisationReady", required=True)
    languages = c.get(loc, "availableLanguages")
    if languages is MISSING:
        c.error("localisation.availableLanguages", "required key is missing (e.g. [en])")
        return
    path = "localisation.availableLanguages"
    for i, lang in enumerate(c.text_list(languages, path, non_empty=True)):
        if lang is not None and not _BCP47.match(lang):
            c.error(f"{path}[{i}]", f"{lang!r} is not a BCP 47 language tag")
