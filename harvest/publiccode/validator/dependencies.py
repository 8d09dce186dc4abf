"""The ``dependsOn`` section: the open, proprietary and hardware dependencies."""

from __future__ import annotations

from harvest.publiccode.validator.checks import MISSING, Checks


def check_depends_on(c: Checks) -> None:
    deps = c.get(c.data, "dependsOn")
    if deps is MISSING or not (deps := c.mapping(deps, "dependsOn")):
        return
    c.unknown_keys(deps, {"open", "proprietary", "hardware"}, "dependsOn")
    allowed = {"name", "versionMin", "versionMax", "optional", "version"}
    for group in ("open", "proprietary", "hardware"):
        items = c.get(deps, group)
        if items is MISSING:
            continue
        if not isinstance(items, list):
            c.error(f"dependsOn.{group}", "must be a list")
            continue
        for i, item in enumerate(items):
            path = f"dependsOn.{group}[{i}]"
            if (item := c.mapping(item, path)) is None:
                continue
            c.unknown_keys(item, allowed, path)
            c.required_text(item, "name", f"{path}.name")
            c.boolean(item, "optional", f"{path}.optional")
