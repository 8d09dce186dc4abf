"""One harvest run: list, detect changes, fetch what changed in a bounded pool, write.

Network in worker threads, the database in the main thread (SQLite wants one writer).
The run preloads what it needs (the repositories it knows, the ETags) and then:

1. lists every source in the pool (organisations page by page, conditionally: a 304
   page stands for its stored summary; searches and topics through the search API;
   single repositories by ``GET /repos``);
2. as each list arrives, compares every entry with what is stored
   (``harvest.changes.classify``): unchanged entries cost nothing more; others are
   applied from the entry, or their files are read again in the pool;
3. checks directly the repositories that left their organisation's list (moved or gone);
4. writes each result as it completes (``harvest.recording``).

When the rate limit reaches the reserve (or GitHub's limit asks for a longer wait than
allowed) the transport raises ``RateLimitStop``: the run cancels what has not started,
lets the rest finish, and records where it stopped. Unfinished repositories keep a
listed fingerprint different from the applied one, so the next run finishes them even
when GitHub answers their list page with a 304.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait

from django.db import DatabaseError, connections, transaction
from django.utils import timezone

from github3.exceptions import GitHubException

from harvest import changes, recording
from harvest.fetching import (
    DetailSpec,
    Listing,
    check_repository,
    first_list_url,
    list_repositories,
    read_details,
)
from harvest.github import GitHubTransport, api_root
from harvest.models import HarvestedRepository, HarvestSource, SkipReason, SourceKind
from harvest.outcome import Outcome
from harvest.selectors import known_repositories, validators_for
from harvest.transport import RateLimitStop, TransportSettings, ValidatorStore
from listings.models.choices import RepositoryState

logger = logging.getLogger(__name__)
#: Expected failures of one repository's write: recorded, and the others carry on.
WRITE_ERRORS = (DatabaseError, ValueError, LookupError)


class Harvest:
    def __init__(
        self,
        *,
        sources: list[HarvestSource],
        pool_size: int,
        transport_settings: TransportSettings,
        limit: int | None = None,
        sleep: Callable[[float], None] | None = None,
        progress: Callable[[int, int], None] | None = None,
        check_rate_limit: bool = False,
    ):
        self.sources = {source.pk: source for source in sources}
        self.order = [source.pk for source in sources]
        self.roots = {source.pk: api_root(source.api_url) for source in sources}
        self.rules = {source.pk: changes.Rules.of(source) for source in sources}
        self.known = known_repositories(set(self.roots.values()))
        validators, self.summaries = validators_for(set(self.roots.values()))
        self.store = ValidatorStore(validators)
        extra = {"sleep": sleep} if sleep is not None else {}
        self.transport = GitHubTransport(store=self.store, settings=transport_settings, **extra)
        self.pool_size, self.limit, self.progress = pool_size, limit, progress
        self.check_rate_limit = check_rate_limit
        self.outcome = Outcome()
        self.counts = self.outcome.counts
        self.pending: dict[Future, tuple] = {}
        self.seen: set[tuple[str, int]] = set()
        self.seen_rows: list[int] = []
        self.missing: dict[int, list[HarvestedRepository]] = {}
        self.lists_left = 0
        self.dispatched = 0
        self.done = 0
        self.unfinished: set[int] = set()
        self.now = timezone.now()

    # -- the run -------------------------------------------------------------------

    def execute(self) -> Outcome:
        try:
            with ThreadPoolExecutor(self.pool_size, thread_name_prefix="harvest") as pool:
                self.pool = pool
                if not self.check_rate_limit or self._budget_back():
                    for source_id in self.order:
                        self._start_source(self.sources[source_id])
                while self.pending:
                    finished, _ = wait(list(self.pending), return_when=FIRST_COMPLETED)
                    # One commit for whatever finished together (each repository still
                    # has its own savepoint): on SQLite every commit is a disk sync.
                    with transaction.atomic():
                        for future in finished:
                            self._handle(future)
        finally:
            self.transport.close()
        recording.repositories_mark_seen(ids=self.seen_rows, now=self.now)
        log = self.transport.log
        self.outcome.requests = log.by_status()
        self.outcome.rate_limit_remaining = log.left("core")
        self.outcome.rate_limit_reset_at = log.reset_at("core")
        self.outcome.unfinished_sources = [pk for pk in self.order if pk in self.unfinished]
        return self.outcome

    def _budget_back(self) -> bool:
        """After a stop: one ``GET /rate_limit`` (free) before spending anything."""
        source = self.sources[self.order[0]] if self.order else None
        if source is None:
            return True
        worker = self.transport.worker(source.api_url)
        try:
            remaining = worker.gh.rate_limit()["resources"]["core"]["remaining"]
        except (RateLimitStop, GitHubException, LookupError, TypeError, ValueError, OSError) as exc:
            logger.warning("Could not read GitHub's rate limit: %s", exc)
            return True
        if remaining > self.transport.settings.reserve:
            return True
        message = f"{remaining} requests left: still within the reserve."
        self._stop(RateLimitStop(message, kind="reserve"), where="")
        self.unfinished.update(self.order)
        return False

    def _submit(self, kind: str, context: tuple, function, **kwargs) -> None:
        """Run ``function(worker, **kwargs)`` in the pool, with its thread's own session."""
        api_url = context[0].api_url
        future = self.pool.submit(self._in_worker, function, api_url, **kwargs)
        self.pending[future] = (kind, context)

    def _in_worker(self, function, api_url: str, **kwargs):
        """Workers never use the database; closing what they might have opened keeps any
        connection from outliving the pool."""
        try:
            return function(self.transport.worker(api_url), **kwargs)
        finally:
            connections.close_all()

    def _start_source(self, source: HarvestSource) -> None:
        root = self.roots[source.pk]
        if source.kind == SourceKind.REPOSITORY:
            self._dispatch_check(source, self.known.find(root, None, source.value), source.value)
            return
        self.lists_left += 1
        self._submit(
            "list",
            (source,),
            list_repositories,
            source_id=source.pk,
            first_url=first_list_url(root, source.kind, source.value),
            summaries=self.summaries,
        )

    # -- dispatch ------------------------------------------------------------------

    def _may_dispatch(self, source: HarvestSource) -> bool:
        if self.transport.stop.is_set():
            self.unfinished.add(source.pk)
            return False
        if self.limit is not None and self.dispatched >= self.limit:
            self.counts["deferred"] += 1
            return False
        self.dispatched += 1
        return True

    def _dispatch_details(self, source: HarvestSource, row: HarvestedRepository, moved: bool):
        if not self._may_dispatch(source):
            return
        spec = DetailSpec(
            repository_id=row.pk,
            full_name=row.full_name,
            publiccode_path=row.publiccode_path,
            want_readme_and_release=row.solution_id is not None or source.is_council,
        )
        self._submit("details", (source, row, moved), read_details, spec=spec)

    def _dispatch_check(self, source: HarvestSource, row, full_name: str) -> None:
        if not self._may_dispatch(source):
            return
        repository_id = row.pk if row is not None else None
        self._submit(
            "check",
            (source, row),
            check_repository,
            repository_id=repository_id,
            full_name=full_name,
        )

    def _stop(self, stop: RateLimitStop, *, where: str) -> None:
        if self.outcome.stop is None:
            self.outcome.stop = stop
            self.outcome.stopped_at = where
        self.transport.stop.set()
        for future, (_kind, context) in list(self.pending.items()):
            if future.cancel():
                self.pending.pop(future)
                self.unfinished.add(context[0].pk)

    # -- results -------------------------------------------------------------------

    def _handle(self, future: Future) -> None:
        kind, context = self.pending.pop(future)
        source = context[0]
        try:
            result = future.result()
        except Exception as exc:  # a bug in a worker must not stop the others
            logger.exception("Harvest task failed")
            self._fail(source, None, f"{type(exc).__name__}: {exc}", where=source.value)
            return
        if getattr(result, "stop", None) is not None:
            self.unfinished.add(source.pk)
            if result.stop.kind != "stopped":
                row = context[1] if len(context) > 1 else None
                where = row.full_name if row is not None else getattr(result, "requested", "")
                self._stop(result.stop, where=where or source.value)
        if kind == "list":
            self._on_list(source, result)
        elif kind == "details":
            self._on_details(source, context[1], context[2], result)
        else:
            self._on_check(source, context[1], result)
        self.done += 1
        if self.progress is not None:
            self.progress(self.done, self.done + len(self.pending))

    def _fail(self, source, row, message: str, *, where: str) -> None:
        self.counts["failed"] += 1
        self.outcome.errors.append({"repository": where, "message": message})
        if row is not None:
            recording.repository_record_failure(row=row, message=message, now=self.now)

    def _on_list(self, source: HarvestSource, result) -> None:
        self.lists_left -= 1
        root = self.roots[source.pk]
        listed: set[int] = set()
        for page in result.pages:
            listed.update(page.ids)
            if page.entries is None:
                for github_id in page.ids:
                    row = self.known.find(root, github_id, "")
                    if row is not None:
                        self._on_unchanged_page_entry(source, row)
            else:
                for listing in page.entries:
                    self._on_listing(source, listing)
            if page.status == 200 and page.url in result.captured:
                summary = {"ids": page.ids, "next": page.next_url}
                recording.validators_save(
                    {page.url: result.captured[page.url]}, {page.url: summary}
                )
        if result.error:
            self.outcome.sources_failed += 1
            self.outcome.errors.append({"repository": str(source), "message": result.error})
        if result.complete and source.kind == SourceKind.ORGANISATION:
            self.missing[source.pk] = [
                row
                for row in self.known.of_source(source.pk)
                if row.github_id not in listed and self._worth_checking(row)
            ]
        if self.lists_left == 0:
            self._check_missing()

    def _worth_checking(self, row: HarvestedRepository) -> bool:
        if row.state == RepositoryState.GONE:
            return False
        return row.not_found_since is None or self.now - row.not_found_since >= changes.GONE_AFTER

    def _check_missing(self) -> None:
        for source_id, rows in self.missing.items():
            source = self.sources[source_id]
            for row in rows:
                if (row.api_url, row.github_id) not in self.seen:
                    self._dispatch_check(source, row, row.full_name)
        self.missing = {}

    def _on_unchanged_page_entry(self, source: HarvestSource, row: HarvestedRepository) -> None:
        key = (row.api_url, row.github_id)
        if key in self.seen:
            return
        self.seen.add(key)
        self.counts["seen"] += 1
        if changes.is_pending(row):
            self.counts["changed"] += 1
            self._act(source, row, changes.listing_of(row), moved=False)
        else:
            self.counts["unchanged"] += 1
            self.seen_rows.append(row.pk)

    def _on_listing(self, source: HarvestSource, listing: Listing, moved_from: str = "") -> None:
        root = self.roots[source.pk]
        key = (root, listing.github_id)
        if key in self.seen:
            return
        self.seen.add(key)
        self.counts["seen"] += 1
        row = self.known.find(root, listing.github_id, moved_from or listing.full_name)
        verdict = changes.classify(listing, row)
        if verdict == changes.UNCHANGED:
            self.counts["unchanged"] += 1
            self.seen_rows.append(row.pk)
            if row.not_found_since is not None:
                recording.repository_store_listing(row=row, listing=listing, now=self.now)
            return
        moved = row is not None and row.full_name.lower() != listing.full_name.lower()
        try:
            if row is None:
                self.counts["new"] += 1
                row = recording.repository_create(
                    source=source, api_root=root, listing=listing, now=self.now
                )
                self.known.add(row)
                self.store.forget_under(f"{root}/repos/{listing.full_name}/")
            else:
                self.counts["changed"] += 1
                recording.repository_store_listing(
                    row=row, listing=listing, now=self.now, moved_from=row.full_name
                )
                self.known.add(row)
        except WRITE_ERRORS as exc:
            self._fail(source, None, str(exc), where=listing.full_name)
            return
        self._act(source, row, listing, moved=moved, verdict=verdict)

    def _act(self, source, row, listing: Listing, *, moved: bool, verdict: str = "") -> None:
        """Skip by a rule, apply the entry, or read the files: whatever the change needs."""
        verdict = verdict or changes.classify(listing, row)
        try:
            if row.solution_id is None:
                reason, detail = changes.skip_reason(listing, self.rules[source.pk])
                if reason:
                    self.counts["skipped"] += 1
                    recording.repository_apply_skip(
                        row=row, reason=reason, detail=detail, now=self.now
                    )
                    return
                if verdict == changes.METADATA and row.skip_reason == SkipReason.NO_PUBLICCODE:
                    # Nothing pushed, so still no publiccode.yml: no request needed.
                    self.counts["skipped"] += 1
                    recording.repository_apply_metadata(
                        row=row, source=source, moved_now=moved, now=self.now
                    )
                    return
            elif verdict == changes.METADATA:
                recording.repository_apply_metadata(
                    row=row, source=source, moved_now=moved, now=self.now
                )
                return
        except WRITE_ERRORS as exc:
            self._fail(source, row, str(exc), where=row.full_name)
            return
        self._dispatch_details(source, row, moved)

    def _on_details(self, source, row: HarvestedRepository, moved: bool, details) -> None:
        if details.stop is not None:
            return
        if details.error:
            self._fail(source, row, details.error, where=row.full_name)
            return
        try:
            applied = recording.repository_apply_details(
                row=row, source=source, details=details, moved_now=moved, now=self.now
            )
        except WRITE_ERRORS as exc:
            logger.exception("Could not record %s", row.full_name)
            self._fail(source, row, f"Could not record it: {exc}", where=row.full_name)
            return
        if applied.skipped:
            self.counts["skipped"] += 1

    def _on_check(self, source, row: HarvestedRepository | None, check) -> None:
        if check.stop is not None:
            return
        if check.error:
            self._fail(source, row, check.error, where=check.requested)
            return
        recording.validators_save(check.captured)
        if check.status == 404:
            self.counts["seen"] += 1
            if row is None:
                self._fail(source, None, "GitHub answers “not found”.", where=check.requested)
            elif recording.repository_record_not_found(row=row, now=self.now):
                self.counts["changed"] += 1
            else:
                self.counts["unchanged"] += 1
            return
        if check.status == 304 and row is not None:
            self._on_unchanged_page_entry(source, row)
            return
        if check.listing is not None:
            moved_from = check.requested if check.moved else ""
            self._on_listing(source, check.listing, moved_from=moved_from)
