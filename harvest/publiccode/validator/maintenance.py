"""The ``maintenance`` section: who keeps the software up, and how to reach them."""

from __future__ import annotations

from harvest.publiccode.validator.checks import MISSING, Checks
from harvest.publiccode.validator.vocabulary import MAINTENANCE_TYPES


def check_maintenance(c: Checks) -> None:
    maint = c.get(c.data, "maintenance")
    if maint is MISSING:
        c.error("maintenance", "required key is missing (maintenance.type)")
        return
    if (maint := c.mapping(maint, "maintenance")) is None:
        return
    c.unknown_keys(maint, {"type", "contractors", "contacts"}, "maintenance")
    kind = c.required_text(maint, "type", "maintenance.type")
    c.one_of(kind, MAINTENANCE_TYPES, "maintenance.type")
    contractors = c.get(maint, "contractors")
    contacts = c.get(maint, "contacts")
    if kind == "contract" and contractors is MISSING:
        c.error("maintenance.contractors", "required when maintenance.type is contract")
    if kind in MAINTENANCE_TYPES and kind != "contract" and contractors is not MISSING:
        c.error("maintenance.contractors", "only allowed when maintenance.type is contract")
    if kind in ("internal", "community") and contacts is MISSING:
        c.error("maintenance.contacts", f"required when maintenance.type is {kind}")
    if isinstance(contractors, list):
        for i, item in enumerate(contractors):
            path = f"maintenance.contractors[{i}]"
            if (item := c.mapping(item, path)) is None:
                continue
            c.unknown_keys(item, {"name", "email", "website", "until"}, path)
            c.required_text(item, "name", f"{path}.name")
            if c.get(item, "until") is MISSING:
                c.error(f"{path}.until", "required key is missing (YYYY-MM-DD)")
            else:
                c.date(item["until"], f"{path}.until")
            c.email(item, path)
            if c.get(item, "website") is not MISSING:
                c.url(item["website"], f"{path}.website")
    elif contractors is not MISSING:
        c.error("maintenance.contractors", "must be a list")
    if isinstance(contacts, list):
        for i, item in enumerate(contacts):
            path = f"maintenance.contacts[{i}]"
            if (item := c.mapping(item, path)) is None:
                continue
            c.unknown_keys(item, {"name", "email", "phone", "affiliation"}, path)
            c.required_text(item, "name", f"{path}.name")
            c.email(item, path)
    elif contacts is not MISSING:
        c.error("maintenance.contacts", "must be a list")
