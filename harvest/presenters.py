"""What the publishers' repository status page shows for each repository (no queries)."""

from __future__ import annotations

from dataclasses import dataclass, field

from harvest.models import HarvestedRepository, SkipReason
from listings.models.choices import RepositoryState

STATE_TAGS = {
    RepositoryState.ACTIVE: "govuk-tag--green",
    RepositoryState.ARCHIVED: "govuk-tag--grey",
    RepositoryState.GONE: "govuk-tag--red",
    RepositoryState.MOVED: "govuk-tag--blue",
    RepositoryState.INVALID_PUBLICCODE: "govuk-tag--orange",
    RepositoryState.UNREACHABLE: "govuk-tag--yellow",
}
STATE_MEANINGS = {
    RepositoryState.ACTIVE: "Read without problems.",
    RepositoryState.ARCHIVED: "Archived on GitHub: its listing says it is no longer maintained.",
    RepositoryState.GONE: "GitHub answered “not found” on two checks at least a day apart.",
    RepositoryState.MOVED: "Renamed or transferred on GitHub; the hub followed it.",
    RepositoryState.INVALID_PUBLICCODE: "Its publiccode.yml has errors (listed below).",
    RepositoryState.UNREACHABLE: (
        "The last attempt to read it failed; the next harvest tries again."
    ),
}


@dataclass
class RepositoryStatus:
    full_name: str
    html_url: str
    state: str
    state_label: str
    state_tag: str
    state_meaning: str
    last_checked_at: object
    listing: str  # "live", "in_review" or "not_listed"
    listing_url: str = ""
    listing_title: str = ""
    why_not_listed: str = ""
    problems: list[dict] = field(default_factory=list)
    aliases: list[str] = field(default_factory=list)
    last_error: str = ""
    missing_since: object = None
    publiccode_path: str = ""

    @property
    def error_count(self) -> int:
        return sum(1 for p in self.problems if p.get("severity") == "error")


def repository_status(row: HarvestedRepository) -> RepositoryStatus:
    state = RepositoryState(row.state)
    solution = row.solution
    if solution is not None and solution.live:
        listing, url, title = "live", solution.url or "", solution.title
    elif solution is not None:
        listing, url, title = "in_review", "", solution.title
    else:
        listing, url, title = "not_listed", "", ""
    why = ""
    if row.skip_reason:
        why = SkipReason(row.skip_reason).label
        if row.skip_detail:
            why = f"{why} ({row.skip_detail})"
    elif solution is None:
        why = "Not read yet: the next harvest reads it."
    return RepositoryStatus(
        full_name=row.full_name,
        html_url=row.html_url or f"https://github.com/{row.full_name}",
        state=state.value,
        state_label=state.label,
        state_tag=STATE_TAGS[state],
        state_meaning=STATE_MEANINGS[state],
        last_checked_at=row.last_checked_at or row.last_seen_at,
        listing=listing,
        listing_url=url,
        listing_title=title,
        why_not_listed=why,
        problems=sorted(row.publiccode_problems, key=lambda p: p.get("line") or 0),
        aliases=[alias.full_name for alias in row.aliases.all()],
        last_error=row.last_error,
        missing_since=row.not_found_since,
        publiccode_path=row.publiccode_path,
    )
