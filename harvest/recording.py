"""Writing what a run found: repository rows, their listings, and the ETags (main thread).

Each function changes one repository, atomically with the validators its requests
captured, so a stored ETag always stands for content that is stored too: a 304 next time
can safely mean "as you have it". Listings are changed only through
``listings.harvested``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db import transaction
from django.db.models.functions import Lower
from django.utils import timezone

from harvest.changes import GONE_AFTER
from harvest.fetching import ABSENT, FOUND, Details, Listing
from harvest.models import (
    HarvestedRepository,
    HarvestSource,
    RepositoryAlias,
    ResponseValidator,
    SkipReason,
    url_key,
)
from harvest.publiccode.importer import read_publiccode
from harvest.transport import Validator
from listings.harvested import (
    RepositoryFacts,
    RepositoryMetrics,
    harvested_answers,
    readme_rendered,
    solution_draft_harvested,
    solution_propose_harvested_change,
    solution_record_harvest,
    solution_record_repository_state,
)
from listings.models.choices import RepositoryState
from listings.publiccode import ImportedPubliccode

LISTED_FIELDS = (
    "github_id",
    "full_name",
    "html_url",
    "description",
    "homepage",
    "licence",
    "topics",
    "stars",
    "forks",
    "open_issues",
    "default_branch",
    "pushed_at",
    "archived",
    "is_fork",
    "is_template",
    "is_empty",
    "private",
    "listed_fingerprint",
    "last_seen_at",
)


@dataclass
class Applied:
    """What applying a repository's news did, for the run's counts."""

    listed: bool = False
    drafted: bool = False
    proposed: bool = False
    skipped: bool = False


def validators_save(captured: dict[str, Validator], summaries: dict[str, dict] | None = None):
    """Upsert the validators (and list-page summaries) captured by a task, in one query."""
    if not captured:
        return
    summaries = summaries or {}
    rows = [
        ResponseValidator(
            url_hash=url_key(url),
            url=url,
            etag=validator.etag[:255],
            last_modified=validator.last_modified[:64],
            summary=summaries.get(url, {}),
            updated_at=timezone.now(),
        )
        for url, validator in captured.items()
    ]
    ResponseValidator.objects.bulk_create(
        rows,
        update_conflicts=True,
        unique_fields=["url_hash"],
        update_fields=["etag", "last_modified", "summary", "updated_at"],
    )


def _copy_listing(row: HarvestedRepository, listing: Listing, now: datetime) -> None:
    row.github_id = listing.github_id
    row.full_name = listing.full_name
    row.html_url = listing.html_url
    row.description = listing.description
    row.homepage = listing.homepage[:500]
    row.licence = listing.licence[:100]
    row.topics = list(listing.topics)
    row.stars, row.forks, row.open_issues = listing.stars, listing.forks, listing.open_issues
    row.default_branch = listing.default_branch[:255]
    row.pushed_at = listing.pushed
    row.archived = listing.archived
    row.is_fork, row.is_template = listing.fork, listing.is_template
    row.is_empty, row.private = listing.empty, listing.private
    row.listed_fingerprint = listing.fingerprint
    row.last_seen_at = now


@transaction.atomic
def repository_create(
    *, source: HarvestSource, api_root: str, listing: Listing, now: datetime
) -> HarvestedRepository:
    row = HarvestedRepository(source=source, api_url=api_root)
    _copy_listing(row, listing, now)
    row.save()
    return row


@transaction.atomic
def repository_store_listing(
    *, row: HarvestedRepository, listing: Listing, now: datetime, moved_from: str = ""
) -> None:
    """Keep what the list (or GET /repos) says; a new name keeps the old as an alias."""
    old_name = moved_from or row.full_name
    renamed = old_name.lower() != listing.full_name.lower()
    _copy_listing(row, listing, now)
    update = [*LISTED_FIELDS]
    if renamed:
        RepositoryAlias.objects.get_or_create(repository=row, full_name=old_name)
        RepositoryAlias.objects.filter(repository=row).annotate(lower=Lower("full_name")).filter(
            lower=listing.full_name.lower()
        ).delete()
        row.moved_at = now
        update.append("moved_at")
    if row.not_found_since is not None:
        row.not_found_since, row.not_found_count = None, 0
        update += ["not_found_since", "not_found_count"]
    row.save(update_fields=update)


def _facts(row: HarvestedRepository) -> RepositoryFacts:
    return RepositoryFacts(
        full_name=row.full_name,
        html_url=row.html_url or f"https://github.com/{row.full_name}",
        description=row.description,
        homepage=row.homepage,
        licence=row.licence,
        topics=tuple(row.topics),
        archived=row.archived,
        readme=row.readme_text,
    )


def _metrics(row: HarvestedRepository) -> RepositoryMetrics:
    return RepositoryMetrics(
        stars=row.stars,
        forks=row.forks,
        open_issues=row.open_issues,
        pushed_at=row.pushed_at,
        latest_release=row.latest_release,
        released_at=row.released_at,
        archived=row.archived,
        licence=row.licence,
    )


def repository_state(row: HarvestedRepository, *, moved_now: bool) -> tuple[str, str]:
    """The state to show, and why: archived, invalid publiccode.yml, moved or active."""
    if row.archived:
        return RepositoryState.ARCHIVED, "The repository is archived on GitHub."
    errors = row.errors
    if errors:
        first = errors[0]
        where = f" (line {first['line']})" if first.get("line") else ""
        noun = "error" if len(errors) == 1 else "errors"
        return (
            RepositoryState.INVALID_PUBLICCODE,
            f"{len(errors)} {noun} in {row.publiccode_path or 'publiccode.yml'}: "
            f"{first.get('key') or 'file'}{where}: {first.get('message')}",
        )
    if moved_now or (row.state == RepositoryState.MOVED and row.moved_at):
        names = RepositoryAlias.objects.filter(repository=row).values_list("full_name", flat=True)
        aliases = ", ".join(names) or "an earlier name"
        return RepositoryState.MOVED, f"Moved from {aliases} to {row.full_name}."
    return RepositoryState.ACTIVE, ""


def _apply_listing(
    row: HarvestedRepository,
    source: HarvestSource,
    *,
    moved_now: bool,
    now: datetime,
    imported: ImportedPubliccode | None = None,
) -> Applied:
    """Draft, or propose changes to, the listing; refresh its figures and state."""
    applied = Applied(listed=True)
    if imported is None and row.publiccode_text:
        imported = read_publiccode(row.publiccode_text.encode())
    result = harvested_answers(
        facts=_facts(row), publiccode_answers=imported.answers if imported else None
    )
    problems = [*row.publiccode_problems, *result.problems]
    if row.solution_id is None:
        submission = solution_draft_harvested(
            organisation=source.organisation,
            answers=result,
            publiccode_text=row.publiccode_text,
            problems=problems,
        )
        row.solution_id = submission.page_id
        applied.drafted = True
    else:
        changed = {
            key: value
            for key, value in result.answers.items()
            if row.harvested_answers.get(key) != value
        }
        if changed and row.harvested_answers:
            applied.proposed = (
                solution_propose_harvested_change(
                    solution_id=row.solution_id,
                    organisation=source.organisation,
                    changed=changed,
                    publiccode_text=row.publiccode_text,
                    problems=problems,
                )
                is not None
            )
    row.harvested_answers = result.answers
    row.state, detail = repository_state(row, moved_now=moved_now)
    if row.solution_id is not None:
        solution_record_harvest(
            solution_id=row.solution_id,
            metrics=_metrics(row),
            state=row.state,
            detail=detail,
            checked_at=now,
        )
    return applied


def _skip(row: HarvestedRepository, reason: str, detail: str) -> None:
    row.skip_reason, row.skip_detail = reason, detail[:500]


def _finish(row: HarvestedRepository, now: datetime) -> None:
    row.applied_fingerprint = row.listed_fingerprint
    row.last_checked_at = row.last_changed_at = now
    row.last_error, row.last_error_at = "", None
    row.save()


@transaction.atomic
def repository_apply_skip(
    *, row: HarvestedRepository, reason: str, detail: str, now: datetime
) -> Applied:
    _skip(row, reason, detail)
    row.state, _ = repository_state(row, moved_now=False)
    _finish(row, now)
    return Applied(skipped=True)


@transaction.atomic
def repository_apply_metadata(
    *, row: HarvestedRepository, source: HarvestSource, moved_now: bool, now: datetime
) -> Applied:
    """A change in the list entry only (figures, description): no request needed."""
    applied = Applied()
    if row.solution_id is not None:
        applied = _apply_listing(row, source, moved_now=moved_now, now=now)
    else:
        row.state, _ = repository_state(row, moved_now=moved_now)
    _finish(row, now)
    return applied


@transaction.atomic
def repository_apply_details(
    *,
    row: HarvestedRepository,
    source: HarvestSource,
    details: Details,
    moved_now: bool,
    now: datetime,
) -> Applied:
    """The files read after a push: store them, then list, change or skip the repository."""
    imported = None
    if details.publiccode == FOUND:
        if details.publiccode_error:
            row.publiccode_text = ""
            row.publiccode_problems = [
                {"severity": "error", "key": "", "line": None, "column": None,
                 "message": details.publiccode_error}
            ]  # fmt: skip
        else:
            imported = read_publiccode(details.publiccode_bytes)
            row.publiccode_text, row.publiccode_problems = imported.text, imported.problems
        row.publiccode_path = details.publiccode_path
    elif details.publiccode == ABSENT:
        row.publiccode_path, row.publiccode_text, row.publiccode_problems = "", "", []
    if details.readme == FOUND:
        row.readme_text = details.readme_text
        row.readme_html, row.readme_excerpt = readme_rendered(details.readme_text)
    elif details.readme == ABSENT:
        row.readme_text = row.readme_html = row.readme_excerpt = ""
    if details.release == FOUND:
        row.latest_release, row.released_at = details.release_tag[:255], details.released_at
    elif details.release == ABSENT:
        row.latest_release, row.released_at = "", None
    row.details_pushed_at = row.pushed_at
    has_publiccode = bool(row.publiccode_path)
    applied = Applied()
    if row.solution_id is not None or has_publiccode or source.is_council:
        _skip(row, "", "")
        applied = _apply_listing(row, source, moved_now=moved_now, now=now, imported=imported)
    else:
        _skip(row, SkipReason.NO_PUBLICCODE, "")
        row.state, _ = repository_state(row, moved_now=moved_now)
        applied.skipped = True
    validators_save(details.captured)
    _finish(row, now)
    return applied


@transaction.atomic
def repository_record_failure(*, row: HarvestedRepository, message: str, now: datetime) -> None:
    """Unreachable, with the last error kept; retried by the next run."""
    row.state = RepositoryState.UNREACHABLE
    row.last_error, row.last_error_at = message[:2000], now
    row.last_checked_at = now
    row.save(update_fields=["state", "last_error", "last_error_at", "last_checked_at"])
    if row.solution_id is not None:
        solution_record_repository_state(
            solution_id=row.solution_id,
            state=RepositoryState.UNREACHABLE,
            detail=f"Last error, {now:%d %B %Y %H:%M}: {message}",
            checked_at=now,
        )


@transaction.atomic
def repository_record_not_found(*, row: HarvestedRepository, now: datetime) -> bool:
    """A 404. Gone only after 404s on two runs at least a day apart; True when gone now."""
    if row.not_found_since is None:
        row.not_found_since, row.not_found_count = now, 1
    elif now - row.not_found_since >= GONE_AFTER:
        row.not_found_count = max(row.not_found_count + 1, 2)
    became_gone = row.not_found_count >= 2 and row.state != RepositoryState.GONE
    if row.not_found_count >= 2:
        row.state = RepositoryState.GONE
    row.last_checked_at = now
    row.save(update_fields=["not_found_since", "not_found_count", "state", "last_checked_at"])
    if became_gone and row.solution_id is not None:
        solution_record_repository_state(
            solution_id=row.solution_id,
            state=RepositoryState.GONE,
            detail=f"GitHub has answered “not found” since {row.not_found_since:%d %B %Y}.",
            checked_at=now,
        )
    return became_gone


def repositories_mark_seen(*, ids: list[int], now: datetime) -> None:
    for start in range(0, len(ids), 500):
        HarvestedRepository.objects.filter(pk__in=ids[start : start + 500]).update(last_seen_at=now)
