"""manage.py harvest [--source ID]... [--org NAME]... [--repo OWNER/NAME]...
[--dry-run] [--limit N] [--json]

Harvests GitHub (``GITHUB_API_URL``, with ``GITHUB_TOKEN``): lists each source, reads
only what changed, drafts new listings for moderation and refreshes known ones. Without
a choice of sources it harvests every enabled one. It shows a progress bar, then a
summary table; with ``--json`` it prints the run's record as one JSON object instead.
It exits non-zero only when the run as a whole failed (a rate-limit stop is a clean
stop: the next run resumes).
"""

import json
import logging
import sys
from contextlib import contextmanager

from django.core.management.base import BaseCommand, CommandError

from tqdm import tqdm

from harvest.models import COUNTS, HarvestSource, RunStatus
from harvest.services import harvest_run, harvest_sources_choose, run_record

#: Wagtail logs every page it creates at INFO; the summary says it all.
QUIET_LOGGERS = ("wagtail", "django_tasks")


@contextmanager
def _quiet(verbosity: int):
    if verbosity >= 2:
        yield
        return
    loggers = [logging.getLogger(name) for name in QUIET_LOGGERS]
    levels = [logger.level for logger in loggers]
    for logger in loggers:
        logger.setLevel(logging.WARNING)
    try:
        yield
    finally:
        for logger, level in zip(loggers, levels, strict=True):
            logger.setLevel(level)


def summary_lines(record: dict) -> list[str]:
    """The run as a table: counts, requests by status, rate limit, then errors."""
    width = max(len(name) for name in (*COUNTS, "requests", "rate limit left"))
    lines = [
        f"Harvest run {record['id'] or '(dry run, not saved)'}: {record['status']}"
        + (", dry run: nothing was saved" if record["dry_run"] else "")
    ]
    lines += [f"  {name:<{width}}  {record[name]:>7,}" for name in COUNTS]
    requests = ", ".join(f"{status}: {n:,}" for status, n in record["requests"].items())
    lines.append(f"  {'requests':<{width}}  {requests or 'none'}")
    left = record["rate_limit_remaining"]
    reset = f" (resets {record['rate_limit_reset_at']})" if record["rate_limit_reset_at"] else ""
    lines.append(f"  {'rate limit left':<{width}}  {'unknown' if left is None else left}{reset}")
    if record["stopped_early"]:
        where = record["resume_cursor"].get("stopped_at") or "the start"
        lines.append(
            f"Stopped at the rate limit ({record['resume_cursor'].get('reason')}), at "
            f"{where}. The next run resumes there."
        )
    if record["errors"]:
        lines.append("Errors:")
        lines += [f"  {e['repository']}: {e['message']}" for e in record["errors"]]
    if record["error"]:
        lines.append(f"The run failed: {record['error']}")
    return lines


class Command(BaseCommand):
    help = "Harvest GitHub into the catalogue (every enabled source, or those chosen)."

    def add_arguments(self, parser):
        parser.add_argument("--source", type=int, action="append", metavar="ID", default=[])
        parser.add_argument("--org", action="append", metavar="NAME", default=[])
        parser.add_argument("--repo", action="append", metavar="OWNER/NAME", default=[])
        parser.add_argument("--dry-run", action="store_true", help="save nothing")
        parser.add_argument("--limit", type=int, metavar="N", help="read at most N repositories")
        parser.add_argument("--json", action="store_true", help="print the run as JSON")
        parser.add_argument("--no-progress", action="store_true")

    def handle(self, *args, **options):
        for repo in options["repo"]:
            owner, _, name = repo.partition("/")
            if not owner or not name or "/" in name:
                raise CommandError(f"--repo {repo}: give it as OWNER/NAME")
        if options["limit"] is not None and options["limit"] < 0:
            raise CommandError("--limit must be 0 or more")
        try:
            sources = harvest_sources_choose(
                source_ids=options["source"], orgs=options["org"], repos=options["repo"]
            )
        except HarvestSource.DoesNotExist as exc:
            raise CommandError(str(exc)) from exc
        bar = None
        if not options["json"] and not options["no_progress"]:
            # disable=None: only on a terminal, so cron mail gets no progress-bar noise.
            bar = tqdm(total=0, unit="repo", file=self.stderr._out, leave=False, disable=None)

        def progress(done: int, total: int) -> None:
            if bar is not None:
                bar.total = total
                bar.n = done
                bar.refresh()

        with _quiet(options["verbosity"]):
            run = harvest_run(
                sources=sources,
                dry_run=options["dry_run"],
                limit=options["limit"],
                progress=progress,
                options={"argv": sys.argv[1:]},
            )
        if bar is not None:
            bar.close()
        record = run_record(run)
        if options["json"]:
            self.stdout.write(json.dumps(record, sort_keys=True))
        else:
            self.stdout.write("\n".join(summary_lines(record)))
        if run.status == RunStatus.FAILED:
            raise CommandError(f"The harvest failed: {run.error}")
