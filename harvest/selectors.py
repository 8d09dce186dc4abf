"""Read queries for the harvester: what a run preloads, and what pages and reports show."""

from __future__ import annotations

from django.db.models import Count, Q, QuerySet

from harvest.models import HarvestedRepository, HarvestRun, HarvestSource, ResponseValidator
from harvest.transport import Validator
from hub.models import Organisation


class KnownRepositories:
    """The repositories a run may meet, indexed by GitHub id, by name (and old names) and
    by source, so that comparing a list entry costs no query."""

    def __init__(self, rows):
        self._by_id: dict[tuple[str, int], HarvestedRepository] = {}
        self._by_name: dict[tuple[str, str], HarvestedRepository] = {}
        self._by_source: dict[int, dict[int, HarvestedRepository]] = {}
        for row in rows:
            self.add(row)
            for alias in row.aliases.all():
                self._by_name.setdefault((row.api_url, alias.full_name.lower()), row)

    def add(self, row: HarvestedRepository) -> None:
        if row.github_id is not None:
            self._by_id[(row.api_url, row.github_id)] = row
        self._by_name[(row.api_url, row.full_name.lower())] = row
        self._by_source.setdefault(row.source_id, {})[row.pk] = row

    def find(self, root: str, github_id: int | None, full_name: str) -> HarvestedRepository | None:
        if github_id is not None and (root, github_id) in self._by_id:
            return self._by_id[(root, github_id)]
        return self._by_name.get((root, full_name.lower())) if full_name else None

    def of_source(self, source_id: int) -> list[HarvestedRepository]:
        return list(self._by_source.get(source_id, {}).values())


def known_repositories(roots: set[str]) -> KnownRepositories:
    rows = (
        HarvestedRepository.objects.filter(api_url__in=roots)
        .select_related("source")
        .prefetch_related("aliases")
    )
    return KnownRepositories(rows)


def validators_for(roots: set[str]) -> tuple[dict[str, Validator], dict[str, dict]]:
    """The stored ETags under these API roots, and the summaries of list pages."""
    query = Q()
    for root in roots:
        query |= Q(url__startswith=root + "/")
    validators: dict[str, Validator] = {}
    summaries: dict[str, dict] = {}
    if not roots:
        return validators, summaries
    rows = ResponseValidator.objects.filter(query).values_list(
        "url", "etag", "last_modified", "summary"
    )
    for url, etag, last_modified, summary in rows.iterator(chunk_size=2000):
        validators[url] = Validator(etag=etag, last_modified=last_modified)
        if summary:
            summaries[url] = summary
    return validators, summaries


def enabled_sources() -> QuerySet[HarvestSource]:
    return HarvestSource.objects.filter(enabled=True).select_related("organisation")


def last_stopped_run() -> HarvestRun | None:
    """The latest finished run, if the rate limit stopped it (the next run resumes it)."""
    run = HarvestRun.objects.exclude(status="running").first()
    return run if run is not None and run.stopped_early else None


def organisation_repositories(organisation: Organisation) -> QuerySet[HarvestedRepository]:
    """Every repository seen for an organisation (through its sources), for its status page."""
    return (
        HarvestedRepository.objects.filter(source__organisation=organisation)
        .select_related("source", "solution")
        .prefetch_related("aliases")
        .order_by("full_name", "pk")
    )


def organisation_repository_counts(organisation: Organisation) -> dict[str, int]:
    rows = organisation_repositories(organisation).order_by()
    return rows.aggregate(
        total=Count("pk"),
        listed=Count("pk", filter=Q(solution__isnull=False)),
        skipped=Count("pk", filter=~Q(skip_reason="")),
    )


def organisation_has_sources(organisation: Organisation) -> bool:
    return HarvestSource.objects.filter(organisation=organisation).exists()


def recent_runs() -> QuerySet[HarvestRun]:
    return HarvestRun.objects.prefetch_related("sources").order_by("-started_at", "-pk")
