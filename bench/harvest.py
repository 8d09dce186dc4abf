"""Harvest speed against the stub GitHub: 1,000 repositories in 10 organisations, 20 ms a request.

Usage: .venv/bin/python bench/harvest.py [--postgres] [--repos 100] [--orgs 10] [--latency 0.02]

Runs, on a throwaway database (a temporary SQLite file; with ``--postgres``, Django's
test database beside ``DATABASE_URL``'s, dropped at the end):

1. a first run;
2. an unchanged rerun (target: no 200, and no more requests than list pages + 1);
3. a rerun after 10 repositories changed;
4. the same organisations again under other names, harvested with 1% of requests
   failing with 500 and a budget that runs out part-way, then resumed: the listings
   must end up the same as the clean run's.

Each run prints its time and its requests by HTTP status. The stub runs in a process of
its own (GitHub does not share the harvester's interpreter) and the two talk over
loopback only. Each run's CPU time (the harvester's process alone) shows how much of the
wall time the machine's other load added.
"""

import argparse
import multiprocessing
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
parser.add_argument("--postgres", action="store_true", help="use DATABASE_URL's PostgreSQL")
parser.add_argument("--orgs", type=int, default=10)
parser.add_argument("--repos", type=int, default=100, help="repositories per organisation")
parser.add_argument("--latency", type=float, default=0.02, help="seconds added per request")
args = parser.parse_args()

_tmp = tempfile.TemporaryDirectory(prefix="hub-bench-harvest-")
if not args.postgres:
    os.environ["DATABASE_URL"] = f"sqlite:///{_tmp.name}/bench.sqlite3"
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hub.settings.production")
os.environ["DEBUG"] = "false"  # DEBUG keeps every query in memory
os.environ.setdefault("SECRET_KEY", "bench-only-key-" + "x" * 40)
os.environ.setdefault("LOG_LEVEL", "WARNING")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402

from harvest.models import HarvestedRepository, HarvestSource, PublisherKind  # noqa: E402
from harvest.services import harvest_run  # noqa: E402
from listings.models import SolutionPage  # noqa: E402
from tests.harvest.conftest_data import BROKEN_PUBLICCODE, CLEAN_PUBLICCODE  # noqa: E402
from tests.harvest.github_stub import GitHubStub  # noqa: E402

README = "# {name}\n\nA council tool for {org}: it plans rounds and matches records.\n"


def populate(stub: GitHubStub, org: str, repos: int) -> None:
    """A mix like a council's organisation: a fifth with a publiccode.yml (one broken), a
    tenth forks, a twentieth empty, a sixth archived long ago, the rest plain."""
    for number in range(repos):
        name = f"tool-{number:03}"
        facts = {
            "readme": README.format(name=name, org=org),
            "stars": number % 17,
            "open_issues": number % 5,
            "pushed_at": f"2026-0{1 + number % 6}-1{number % 10}T10:00:00Z",
        }
        if number % 10 == 0:
            facts["release"] = {"tag": f"v1.{number}", "published_at": "2026-02-01T09:00:00Z"}
        if number % 5 == 0:
            # Each file names its own repository (a copy naming another is linked to it).
            own = CLEAN_PUBLICCODE.replace(
                b"name: Amsterdam Design System", f"name: {name} of {org}".encode()
            ).replace(b"Amsterdam/design-system.git", f"{org}/{name}".encode())
            broken = BROKEN_PUBLICCODE.replace(b"camden/broken", f"{org}/{name}".encode())
            files = {"publiccode.yml": broken if number == 5 else own}
            stub.add_repository(org, name, files=files, **facts)
        elif number % 10 == 1:
            stub.add_repository(org, name, fork=True, **facts)
        elif number % 20 == 2:
            stub.add_repository(org, name, size=0, **facts)
        elif number % 6 == 3:
            stub.add_repository(
                org, name, archived=True, **{**facts, "pushed_at": "2019-05-01T10:00:00Z"}
            )
        else:
            stub.add_repository(org, name, **facts)


def _serve_stub(conn, latency: float) -> None:
    """The stub GitHub in a child process, driven by (command, args, kwargs) messages."""
    stub = GitHubStub().start()
    stub.rate_limit_total = stub.rate_limit_remaining = 10**9
    stub.delay_seconds = latency
    conn.send(stub.url)
    while True:
        command, positional, named = conn.recv()
        result = None
        if command == "populate":
            populate(stub, *positional)
        elif command == "set":
            for name, value in named.items():
                setattr(stub, name, value)
        elif command == "statuses":
            result = stub.statuses()
        else:
            getattr(stub, command)(*positional, **named)
        conn.send(result)
        if command == "stop":
            return


class StubProcess:
    """Drives ``_serve_stub``: ``stub("change", owner, name, push=True)``."""

    def __init__(self, latency: float):
        self.conn, child = multiprocessing.Pipe()
        context = multiprocessing.get_context("fork")  # before any database connection
        self.process = context.Process(target=_serve_stub, args=(child, latency), daemon=True)
        self.process.start()
        self.url = self.conn.recv()

    def __call__(self, command: str, *positional, **named):
        self.conn.send((command, positional, named))
        return self.conn.recv()

    def stop(self) -> None:
        self("stop")
        self.process.join(timeout=10)


def sources_for(prefix: str, orgs: int) -> list[HarvestSource]:
    """A third of the organisations are councils' (as in the seed list): their plain
    repositories are listed too; the others list only those with a publiccode.yml."""
    return [
        HarvestSource.objects.create(
            kind="organisation",
            value=f"{prefix}-{n}",
            publisher_kind=PublisherKind.COUNCIL if n % 3 == 0 else PublisherKind.CIVIC_TECH,
        )
        for n in range(orgs)
    ]


def timed(label: str, sources, stub: StubProcess, **options):
    stub("clear_requests")
    start, cpu = time.perf_counter(), time.process_time()
    run = harvest_run(sources=sources, **options)
    elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu
    requests = dict(sorted((str(k), v) for k, v in stub("statuses").items()))
    print(
        f"{label:<40} {elapsed:6.1f} s (CPU {cpu:5.1f} s)  "
        f"requests {sum(requests.values()):>5}  by status "
        f"{requests}  seen {run.seen} new {run.new} changed {run.changed} "
        f"unchanged {run.unchanged} skipped {run.skipped} failed {run.failed}"
        + ("  STOPPED at the rate limit" if run.stopped_early else "")
    )
    return run, elapsed, requests


def listings_of(prefix: str) -> set[tuple]:
    """What the listings say, with the organisation's name taken out, to compare two sets."""
    rows = HarvestedRepository.objects.filter(
        full_name__startswith=f"{prefix}-", solution__isnull=False
    ).select_related("solution")
    out = set()
    for row in rows:
        page = row.solution.get_latest_revision_as_object()
        org = row.full_name.split("/")[0]
        out.add(
            (
                row.full_name.split("/", 1)[1],
                row.full_name.split("-", 2)[1].split("/")[0],
                page.title.replace(org, "ORG"),
                page.summary.replace(org, "ORG"),
                page.long_description.replace(org, "ORG"),
                page.github_stars,
                page.maintenance_signal,
                row.state,
            )
        )
    return out


def main() -> None:
    stub = StubProcess(args.latency)
    original = settings.DATABASES["default"]["NAME"]
    if args.postgres:
        name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
        print(f"Database: PostgreSQL, throwaway {name}")
    else:
        call_command("migrate", verbosity=0)
        print(f"Database: SQLite, throwaway {settings.DATABASES['default']['NAME']}")
    settings.GITHUB_API_URL = stub.url
    try:
        for n in range(args.orgs):
            stub("populate", f"clean-{n}", args.repos)
        sources = sources_for("clean", args.orgs)
        pages = args.orgs * -(-args.repos // 100)
        total = args.orgs * args.repos
        print(
            f"{total} repositories in {args.orgs} organisations, {args.latency * 1000:.0f} ms a "
            f"request, {settings.HARVEST_POOL_SIZE} at once; {pages} list pages\n"
        )
        _, first, _ = timed("first run", sources, stub)
        clean = listings_of("clean")  # what a clean run lists, before anything changes
        _, unchanged, requests = timed("unchanged rerun", sources, stub)
        for n in range(10):
            name = f"tool-{(n * 7 + 3) % args.repos:03}"
            stub("change", f"clean-{n % args.orgs}", name, push=True, stars=99)
        timed("rerun with 10 repositories changed", sources, stub)
        listed = SolutionPage.objects.filter(is_harvested=True).count()

        for n in range(args.orgs):
            stub("populate", f"chaos-{n}", args.repos)
        chaos = sources_for("chaos", args.orgs)
        stub(
            "set",
            fail_fraction=0.01,
            rate_limit_remaining=settings.HARVEST_RATE_LIMIT_RESERVE + total,  # runs out
            rate_limit_reset=int(time.time()) + 3600,
        )
        run, *_ = timed("1% 500s, budget runs out part-way", chaos, stub)
        stub("set", rate_limit_remaining=10**9)
        runs = 0
        while runs < 5 and (runs == 0 or run.failed or run.stopped_early):
            run, *_ = timed(f"  resume {runs + 1} (still 1% 500s)", chaos, stub)
            runs += 1
        after = listings_of("chaos")
        same = clean == after
        for differing in sorted(clean ^ after)[:6]:
            print("  differs:", differing, "(clean run)" if differing in clean else "(resumed)")
        print(
            f"\nfirst run {first:.1f} s (target < 30 s); unchanged rerun {unchanged:.1f} s "
            f"(target < 5 s) with {requests.get('200', 0)} 200s and "
            f"{sum(requests.values())} requests for {pages} list pages (target 0 and <= "
            f"{pages + 1}); {listed} listings drafted"
        )
        print(f"after the stop and the resume the listings are the same as a clean run's: {same}")
    finally:
        stub.stop()
        if args.postgres:
            connection.creation.destroy_test_db(original, verbosity=0)
        _tmp.cleanup()


if __name__ == "__main__":
    main()
