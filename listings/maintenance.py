"""The maintenance signal: how actively a listed tool's code is looked after.

Computed from what the harvester last read on GitHub (last push, latest release, open
issues, archived) whenever those figures are written, and stored on the solution so the
/solutions/ facet is one indexed column. Time moves on even when GitHub does not, so
``solutions_refresh_maintenance_signals`` recomputes it for every harvested listing at the
end of each harvest run (no request to GitHub).

The rule, as the listing page explains it:

* **archived**: the repository is archived on GitHub;
* **active**: code pushed or a release published in the last 6 months;
* **quiet**: the last push or release was 6 to 18 months ago, with fewer than 25 open
  issues;
* **dormant**: nothing for 18 months or more, or nothing for 6 months while 25 or more
  issues are open.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from listings.models.choices import MaintenanceSignal

ACTIVE_WITHIN = timedelta(days=183)
QUIET_WITHIN = timedelta(days=548)
#: From this many open issues, a repository without recent activity counts as dormant.
MANY_OPEN_ISSUES = 25

#: The rule in the listing page's words (shown beside the signal).
RULE = (
    ("archived", "the repository is archived on GitHub."),
    ("active", "code pushed or a release published in the last 6 months."),
    (
        "quiet",
        f"the last push or release was 6 to 18 months ago, with fewer than "
        f"{MANY_OPEN_ISSUES} open issues.",
    ),
    (
        "dormant",
        f"nothing for 18 months or more, or nothing for 6 months while {MANY_OPEN_ISSUES} "
        "or more issues are open.",
    ),
)


def maintenance_signal(
    *,
    archived: bool,
    pushed_at: datetime | None,
    released_at: datetime | None,
    open_issues: int | None,
    now: datetime,
) -> str:
    """The signal for these figures at ``now``; "" when nothing is known yet."""
    if archived:
        return MaintenanceSignal.ARCHIVED
    activity = [moment for moment in (pushed_at, released_at) if moment is not None]
    if not activity:
        return ""
    idle = now - max(activity)
    if idle <= ACTIVE_WITHIN:
        return MaintenanceSignal.ACTIVE
    if idle <= QUIET_WITHIN and (open_issues or 0) < MANY_OPEN_ISSUES:
        return MaintenanceSignal.QUIET
    return MaintenanceSignal.DORMANT
