"""Change detection and the rules for new listings, from list entries alone (no request).

The organisation's repository list is the change detector. Each entry carries
``pushed_at`` and the figures; a repository whose entry has not changed since its
consequences were last applied needs no request at all. A changed ``pushed_at`` means the
publiccode.yml, README and latest release are read again (conditionally); any other
change (stars, topics, description...) is applied from the entry itself.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from harvest.fetching import Listing
from harvest.models import HarvestedRepository, HarvestSource, SkipReason
from listings.models.choices import RepositoryState

#: A repository is gone only after a 404 on two runs at least this far apart.
GONE_AFTER = timedelta(days=1)
UNCHANGED, NEW, PUSHED, METADATA = "unchanged", "new", "pushed", "metadata"


@dataclass(frozen=True)
class Rules:
    """A source's rules for new listings, as plain values (workers and tests use them)."""

    skip_forks: bool = True
    skip_empty: bool = True
    skip_templates: bool = True
    skip_archived: bool = True
    required_topics: tuple[str, ...] = ()
    excluded_topics: tuple[str, ...] = ()
    min_stars: int = 0
    is_council: bool = False

    @classmethod
    def of(cls, source: HarvestSource) -> Rules:
        return cls(
            skip_forks=source.skip_forks,
            skip_empty=source.skip_empty,
            skip_templates=source.skip_templates,
            skip_archived=source.skip_archived,
            required_topics=tuple(source.required_topics),
            excluded_topics=tuple(source.excluded_topics),
            min_stars=source.min_stars,
            is_council=source.is_council,
        )


def skip_reason(listing: Listing, rules: Rules) -> tuple[str, str]:
    """(reason, detail) when a rule keeps the repository from being listed, else ("", "").

    The rules apply before anything is read, to every repository not yet listed, with or
    without a publiccode.yml: a fork of a listed tool would only list it twice.
    """
    topics = {topic.lower() for topic in listing.topics}
    if listing.private:
        return SkipReason.PRIVATE, ""
    if rules.skip_forks and listing.fork:
        return SkipReason.FORK, ""
    if rules.skip_empty and listing.empty:
        return SkipReason.EMPTY, ""
    if rules.skip_templates and listing.is_template:
        return SkipReason.TEMPLATE, ""
    if rules.skip_archived and listing.archived:
        return SkipReason.ARCHIVED, ""
    if rules.required_topics and not topics & set(rules.required_topics):
        return SkipReason.MISSING_TOPIC, "Required: " + ", ".join(rules.required_topics)
    excluded = sorted(topics & set(rules.excluded_topics))
    if excluded:
        return SkipReason.EXCLUDED_TOPIC, "Has: " + ", ".join(excluded)
    if listing.stars < rules.min_stars:
        return (
            SkipReason.TOO_FEW_STARS,
            f"{listing.stars} star{'s' if listing.stars != 1 else ''}; "
            f"at least {rules.min_stars} needed",
        )
    return "", ""


def classify(listing: Listing, row: HarvestedRepository | None) -> str:
    """NEW, UNCHANGED, PUSHED (read the files again) or METADATA (apply the entry)."""
    if row is None:
        return NEW
    renamed = row.full_name.lower() != listing.full_name.lower()
    if (
        listing.fingerprint == row.applied_fingerprint
        and not renamed
        and row.state != RepositoryState.UNREACHABLE
    ):
        return UNCHANGED
    if row.details_pushed_at is None or listing.pushed != row.details_pushed_at:
        return PUSHED
    if row.state == RepositoryState.UNREACHABLE:
        return PUSHED
    return METADATA


def is_pending(row: HarvestedRepository) -> bool:
    """Work left over (a stopped run, a failure): done even when the list page is a 304."""
    return row.listed_fingerprint != row.applied_fingerprint or (
        row.state == RepositoryState.UNREACHABLE
    )


def listing_of(row: HarvestedRepository) -> Listing:
    """The list entry as last stored, for a repository on a page GitHub answered 304."""
    return Listing(
        github_id=row.github_id or 0,
        full_name=row.full_name,
        html_url=row.html_url,
        description=row.description,
        homepage=row.homepage,
        licence=row.licence,
        topics=tuple(row.topics),
        stars=row.stars or 0,
        forks=row.forks or 0,
        open_issues=row.open_issues or 0,
        default_branch=row.default_branch,
        pushed_at=row.pushed_at.strftime("%Y-%m-%dT%H:%M:%SZ") if row.pushed_at else "",
        archived=row.archived,
        fork=row.is_fork,
        is_template=row.is_template,
        empty=row.is_empty,
        private=row.private,
    )
