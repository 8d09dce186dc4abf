"""publiccode.yml files the harvest tests serve from the stub."""

from pathlib import Path

CLEAN_PUBLICCODE = (
    Path(__file__).parent / "data" / "publiccode" / "Amsterdam__design-system.publiccode.yml"
).read_bytes()
#: Parses, but breaks the standard: developmentStatus on line 4, and keys missing.
BROKEN_PUBLICCODE = b"""publiccodeYmlVersion: "0.4"
name: Broken Tool
url: "https://github.com/camden/broken"
developmentStatus: amazing
softwareType: "standalone/web"
description:
  en:
    shortDescription: A broken tool for councils
"""
