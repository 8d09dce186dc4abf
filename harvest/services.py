"""Harvest services: run a harvest, choose its sources, and seed the default sources.

``harvest_run`` is what ``manage.py harvest`` and the tests call. It records the run
(``HarvestRun``), hands the work to ``harvest.engine.Harvest`` and writes the outcome:
counts, requests by HTTP status, the rate limit left, every repository's error and,
when the rate limit stopped it, where (the next run starts there).
"""

from __future__ import annotations

import csv
import logging
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from harvest.engine import Harvest
from harvest.models import (
    COUNTS,
    HarvestRun,
    HarvestSource,
    PublisherKind,
    RunStatus,
    SourceKind,
)
from harvest.selectors import enabled_sources, last_stopped_run
from harvest.transport import TransportSettings
from hub.models import Organisation
from listings.harvested import solutions_refresh_maintenance_signals

logger = logging.getLogger(__name__)
SEED_CSV = Path(__file__).resolve().parent / "data" / "council-github-orgs.csv"
#: A run still "running" after this long died without finishing (killed, rebooted).
STALE_RUN = timedelta(hours=6)


class _DryRun(Exception):
    """Rolls a dry run's every change back."""


def transport_settings() -> TransportSettings:
    return TransportSettings(
        reserve=settings.HARVEST_RATE_LIMIT_RESERVE,
        max_sleep=settings.HARVEST_MAX_SLEEP_SECONDS,
        retries=settings.HARVEST_RETRIES,
        backoff=settings.HARVEST_BACKOFF_SECONDS,
        connect_timeout=getattr(settings, "GITHUB_CONNECT_TIMEOUT_SECONDS", 3.05),
        read_timeout=getattr(settings, "GITHUB_READ_TIMEOUT_SECONDS", 10),
    )


def harvest_sources_choose(
    *,
    source_ids: list[int] | None = None,
    orgs: list[str] | None = None,
    repos: list[str] | None = None,
) -> list[HarvestSource]:
    """The sources to harvest: the ones named (``--org`` and ``--repo`` ones are created if
    the hub has none yet), or every enabled source."""
    chosen: list[HarvestSource] = []
    if source_ids:
        chosen += list(HarvestSource.objects.filter(pk__in=source_ids).order_by("pk"))
        missing = set(source_ids) - {source.pk for source in chosen}
        if missing:
            raise HarvestSource.DoesNotExist(f"No harvest source {sorted(missing)}")
    named = [(SourceKind.ORGANISATION, org) for org in orgs or []]
    named += [(SourceKind.REPOSITORY, repo) for repo in repos or []]
    for kind, value in named:
        source = HarvestSource.objects.filter(kind=kind, value__iexact=value, api_url="").first()
        if source is None:
            source = HarvestSource.objects.create(
                kind=kind, value=value, note="Added by manage.py harvest"
            )
        chosen.append(source)
    if source_ids or orgs or repos:
        return chosen
    return list(enabled_sources())


def _resume_order(sources: list[HarvestSource], previous: HarvestRun | None) -> list[HarvestSource]:
    """Where the last run stopped first, then the rest in their order."""
    if previous is None:
        return sources
    rank = {pk: index for index, pk in enumerate(previous.resume_cursor.get("sources", []))}
    position = {source.pk: index for index, source in enumerate(sources)}
    return sorted(sources, key=lambda s: (rank.get(s.pk, len(rank)), position[s.pk]))


def _interrupt_stale_runs() -> None:
    HarvestRun.objects.filter(
        status=RunStatus.RUNNING, started_at__lt=timezone.now() - STALE_RUN
    ).update(status=RunStatus.INTERRUPTED, finished_at=timezone.now())


def harvest_run(
    *,
    sources: list[HarvestSource],
    dry_run: bool = False,
    limit: int | None = None,
    pool_size: int | None = None,
    sleep: Callable[[float], None] | None = None,
    progress: Callable[[int, int], None] | None = None,
    options: dict | None = None,
) -> HarvestRun:
    """Harvest ``sources`` once and return the run's record (saved unless ``dry_run``).

    A dry run does everything, then rolls every change back: the record it returns says
    what a real run would have done (and costs the same requests).
    """
    _interrupt_stale_runs()
    previous = last_stopped_run()
    ordered = _resume_order(sources, previous)
    run = HarvestRun(started_at=timezone.now(), options={**(options or {}), "dry_run": dry_run})
    if not dry_run:
        run.save()
        run.sources.set(sources)
    try:
        if dry_run:
            with transaction.atomic():
                _execute(run, ordered, limit, pool_size, sleep, progress, previous)
                raise _DryRun
        _execute(run, ordered, limit, pool_size, sleep, progress, previous)
    except _DryRun:
        pass
    except Exception as exc:  # whatever broke the run as a whole is recorded, then reported
        logger.exception("Harvest run failed")
        run.status, run.error = RunStatus.FAILED, f"{type(exc).__name__}: {exc}"
    run.finished_at = timezone.now()
    if not dry_run:
        run.save()
    return run


def _execute(run, ordered, limit, pool_size, sleep, progress, previous) -> None:
    engine = Harvest(
        sources=ordered,
        pool_size=pool_size or settings.HARVEST_POOL_SIZE,
        transport_settings=transport_settings(),
        limit=limit,
        sleep=sleep,
        progress=progress,
        check_rate_limit=previous is not None
        and previous.rate_limit_reset_at is not None
        and previous.rate_limit_reset_at > timezone.now(),
    )
    outcome = engine.execute()
    for name in COUNTS:
        setattr(run, name, outcome.counts.get(name, 0))
    run.requests = outcome.requests
    run.rate_limit_remaining = outcome.rate_limit_remaining
    run.rate_limit_reset_at = outcome.rate_limit_reset_at
    run.errors = outcome.errors
    if outcome.stop is not None:
        run.status, run.stopped_early = RunStatus.STOPPED_EARLY, True
        run.rate_limit_reset_at = outcome.stop.reset_at or run.rate_limit_reset_at
        run.resume_cursor = {
            "sources": outcome.unfinished_sources,
            "stopped_at": outcome.stopped_at,
            "reason": str(outcome.stop),
        }
    elif ordered and outcome.sources_failed == len(ordered) and not outcome.counts.get("seen"):
        run.status, run.error = RunStatus.FAILED, "No source could be read."
    else:
        run.status = RunStatus.FINISHED
    solutions_refresh_maintenance_signals()


def run_record(run: HarvestRun) -> dict:
    """The run as ``manage.py harvest --json`` prints it."""
    return {
        "id": run.pk,
        "status": run.status,
        "dry_run": bool(run.options.get("dry_run")),
        "started_at": run.started_at.isoformat() if run.started_at else None,
        "finished_at": run.finished_at.isoformat() if run.finished_at else None,
        "sources": [str(source) for source in run.sources.all()] if run.pk else [],
        **{name: getattr(run, name) for name in COUNTS},
        "requests": dict(run.requests),
        "rate_limit_remaining": run.rate_limit_remaining,
        "rate_limit_reset_at": (
            run.rate_limit_reset_at.isoformat() if run.rate_limit_reset_at else None
        ),
        "stopped_early": run.stopped_early,
        "resume_cursor": run.resume_cursor,
        "errors": run.errors,
        "error": run.error,
    }


#: GitHub organisations in the seed list whose hub organisation is known: the council's
#: mySociety code, or a public body's slug (as the demo creates it).
SEED_ORGANISATIONS = {
    "LBHackney-IT": "HCK",
    "LBCamden": "CMD",
    "LBBDdigitalinsight": "BDG",
    "BristolCityCouncil": "BST",
    "LeedsCityCouncil": "LDS",
    "LiverpoolCityCouncil": "LIV",
    "canterburycitycouncil": "CAT",
    "Dorset-Council-UK": "DST",
    "east-sussex-county-council": "ESX",
    "essexcountycouncil": "ESS",
    "Buckinghamshire-Digital-Service": "BUC",
    "GreaterLondonAuthority": "greater-london-authority",
    "Greater-London-Authority": "greater-london-authority",
}
_PUBLISHER_KINDS = {kind.value for kind in PublisherKind}


def _seed_organisation(org: str) -> Organisation | None:
    key = SEED_ORGANISATIONS.get(org)
    if key is None:
        return None
    return (
        Organisation.objects.filter(local_authority_code=key).first()
        or Organisation.objects.filter(slug=key).first()
    )


@transaction.atomic
def harvest_sources_seed(*, path: Path = SEED_CSV) -> tuple[int, int]:
    """One organisation source per row of the seed list (idempotent): (created, linked).

    A council's organisation source lists its repositories without publiccode.yml too;
    every other source lists only repositories with one. Sources already there keep
    whatever moderators changed, except a missing link to the hub organisation.
    """
    created = linked = 0
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            org = row["org"].strip()
            kind = row["kind"].strip()
            organisation = _seed_organisation(org)
            source, was_created = HarvestSource.objects.get_or_create(
                kind=SourceKind.ORGANISATION,
                value=org,
                api_url="",
                defaults={
                    "publisher_kind": kind if kind in _PUBLISHER_KINDS else PublisherKind.OTHER,
                    "organisation": organisation,
                    "note": f"{row['note'].strip()} ({row['country'].strip()})",
                },
            )
            created += was_created
            if not was_created and source.organisation_id is None and organisation is not None:
                source.organisation = organisation
                source.save(update_fields=["organisation", "updated_at"])
            linked += source.organisation_id is not None
    return created, linked
