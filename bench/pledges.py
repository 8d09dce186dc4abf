"""Pledging under load through the real HTTP stack: gunicorn, 4 workers, PostgreSQL.

Usage: .venv/bin/python bench/pledges.py [--councils 50] [--requests 200] [--retries 0.2]
                                         [--postgres postgres://postgres@127.0.0.1:5432]
                                         [--database hub_pledges_bench] [--keep]

Creates a fresh PostgreSQL database (dropped at the end unless --keep), migrates it, and
seeds one open campaign with a maximum, N councils and a procurement lead (with an API
token) for each. Starts gunicorn with 4 sync workers on a random loopback port. Then every
council, in its own thread, at once: pledges, and amends until the requests are used
up (``--requests`` in all); a share of requests (``--retries``) is sent a second time
with the same ``Idempotency-Key``, as a client would after a timeout.

Prints throughput, p50, p95, the number of 5xx answers, then checks that the campaign's
total equals the ledger's sum and the sum of live pledges, that every retry got the
first answer, that the ledger has one entry per distinct successful write (no retry
pledged twice), and that the maximum was never overshot. Exits non-zero if any check fails.
Only loopback addresses are contacted.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
import uuid
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
SECRET = "bench-only-secret-key-not-used-anywhere-else-0123456789abcdef"  # noqa: S105


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def admin_sql(server: str, statement: str) -> None:
    import psycopg

    with psycopg.connect(f"{server}/postgres", autocommit=True) as conn:
        conn.execute(statement)


@dataclass
class Seeded:
    slug: str
    tokens: dict[str, str]  # council slug -> API token
    maximum: Decimal


def seed(councils: int) -> Seeded:
    """One open campaign with a maximum, and N councils each with a procurement lead."""
    import django

    django.setup()
    from rest_framework.authtoken.models import Token

    from hub.factories import CouncilFactory
    from pledges.factories import CampaignFactory, procurement_lead

    maximum = Decimal("1000000.00")
    campaign = CampaignFactory(
        slug="bench-campaign",
        target_gbp=Decimal("500000.00"),
        min_councils=10,
        max_total_gbp=maximum,
    )
    tokens = {}
    for council in CouncilFactory.create_batch(councils):
        user = procurement_lead(council)
        tokens[council.slug] = Token.objects.create(user=user).key
    return Seeded(slug=campaign.slug, tokens=tokens, maximum=maximum)


@dataclass
class Result:
    status: int
    seconds: float
    body: dict
    replayed: bool
    key: str
    retry_of: Result | None = None


@dataclass
class Tally:
    results: list[Result] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, result: Result) -> None:
        with self.lock:
            self.results.append(result)


def send(base: str, method: str, path: str, token: str, key: str, body: dict) -> Result:
    request = urllib.request.Request(  # noqa: S310 — loopback only
        f"{base}{path}",
        data=json.dumps(body).encode(),
        method=method,
        headers={
            "Authorization": f"Token {token}",
            "Content-Type": "application/json",
            "Idempotency-Key": key,
        },
    )
    started = time.perf_counter()
    try:
        with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310 — loopback
            status, raw, headers = response.status, response.read(), response.headers
    except urllib.error.HTTPError as error:
        status, raw, headers = error.code, error.read(), error.headers
    seconds = time.perf_counter() - started
    try:
        parsed = json.loads(raw or b"null")
    except ValueError:
        parsed = {"raw": raw.decode(errors="replace")}
    return Result(status, seconds, parsed, headers.get("Idempotent-Replayed") == "true", key)


def client_load(base, seeded, councils, requests, retry_share, tally, barrier, rng):
    """One client (thread): its councils one after another, starting with all the others."""
    barrier.wait()
    for slug, token in councils:
        council_load(base, seeded, slug, token, requests, retry_share, tally, rng)


def council_load(base, seeded, slug, token, requests, retry_share, tally, rng):
    """Pledge, then amend until this council's requests are used up; retry some."""
    url = None
    for number in range(requests):
        amount = f"{rng.randrange(1_000, 15_000)}.{rng.randrange(100):02d}"
        key = str(uuid.uuid4())
        if url is None:
            method, path, body = (
                "POST",
                f"/api/v1/campaigns/{seeded.slug}/pledges/",
                {
                    "council": slug,
                    "amount_gbp": amount,
                },
            )
        else:
            method, path, body = (
                "PATCH",
                url,
                {"amount_gbp": amount, "reason": f"Revision {number}"},
            )
        first = send(base, method, path, token, key, body)
        tally.add(first)
        if first.status == 201:
            url = first.body["url"].split("://", 1)[1].split("/", 1)[1]
            url = "/" + url
        if rng.random() < retry_share:
            retry = send(base, method, path, token, key, body)
            retry.retry_of = first
            tally.add(retry)


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def check(seeded: Seeded, tally: Tally) -> list[str]:
    """The money invariants after the load; returns the failures."""
    from pledges.models import Campaign, LedgerEntry, Pledge
    from pledges.selectors import ledger_totals, live_pledge_totals

    campaign = Campaign.objects.get(slug=seeded.slug)
    ledger, live = ledger_totals(campaign), live_pledge_totals(campaign)
    failures = []
    if not (campaign.pledged_gbp == ledger.amount_gbp == live.amount_gbp):
        failures.append(
            f"total {campaign.pledged_gbp} / ledger {ledger.amount_gbp} / live {live.amount_gbp}"
        )
    if campaign.council_count != ledger.councils or ledger.councils != live.councils:
        failures.append(f"councils {campaign.council_count} / {ledger.councils} / {live.councils}")
    if campaign.pledged_gbp > seeded.maximum:
        failures.append(f"maximum overshot: {campaign.pledged_gbp} > {seeded.maximum}")
    retries = [r for r in tally.results if r.retry_of is not None]
    mismatched = [r for r in retries if (r.status, r.body) != (r.retry_of.status, r.retry_of.body)]
    if mismatched:
        failures.append(f"{len(mismatched)} retries got a different answer from the first")
    writes = {r.key for r in tally.results if r.retry_of is None and r.status in (200, 201)}
    changed = [r for r in tally.results if r.retry_of is None and r.status in (200, 201)]
    if LedgerEntry.objects.filter(campaign=campaign).count() != len(changed):
        failures.append(
            f"ledger has {LedgerEntry.objects.filter(campaign=campaign).count()} entries for "
            f"{len(writes)} distinct successful writes"
        )
    if Pledge.objects.filter(campaign=campaign).count() != live.councils:
        failures.append("a council has more than one pledge")
    return failures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--councils", type=int, default=50)
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--retries", type=float, default=0.2)
    parser.add_argument(
        "--clients",
        type=int,
        default=0,
        help="Simultaneous clients (default: one per council, all at once)",
    )
    parser.add_argument("--postgres", default="postgres://postgres@127.0.0.1:5432")
    parser.add_argument("--database", default="hub_pledges_bench")
    parser.add_argument("--keep", action="store_true", help="Keep the database afterwards")
    args = parser.parse_args()

    database_url = f"{args.postgres}/{args.database}"
    admin_sql(args.postgres, f'DROP DATABASE IF EXISTS "{args.database}"')
    admin_sql(args.postgres, f'CREATE DATABASE "{args.database}"')
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "SECRET_KEY": SECRET,
        "DEBUG": "false",
        "SECURE_SSL_REDIRECT": "false",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "API_THROTTLE_USER": "1000000/minute",
        "API_THROTTLE_ANON": "1000000/minute",
        "STATIC_MANIFEST": "false",
        "WHITENOISE_AUTOREFRESH": "false",
        "LOG_LEVEL": "WARNING",
        # Persistent connections, as production would run: no new connection per request.
        "CONN_MAX_AGE": "60",
        "DJANGO_SETTINGS_MODULE": "hub.settings.production",
    }
    os.environ.update(env)
    server = None
    try:
        subprocess.run(
            [sys.executable, "manage.py", "migrate", "--no-input", "-v", "0"],
            cwd=ROOT,
            env=env,
            check=True,
        )
        seeded = seed(args.councils)
        port = free_port()
        server = subprocess.Popen(  # noqa: S603 — our own gunicorn, fixed arguments
            [
                str(Path(sys.executable).with_name("gunicorn")),
                "hub.wsgi",
                "--workers",
                "4",
                "--bind",
                f"127.0.0.1:{port}",
                "--log-level",
                "warning",
            ],
            cwd=ROOT,
            env=env,
        )
        base = f"http://127.0.0.1:{port}"
        for _ in range(100):
            try:
                urllib.request.urlopen(f"{base}/api/v1/campaigns/", timeout=2)  # noqa: S310
                break
            except OSError:
                time.sleep(0.2)
        per_council = max(1, args.requests // args.councils)
        rng = random.Random(7)
        tally = Tally()
        clients = args.clients or len(seeded.tokens)
        shares = [list(seeded.tokens.items())[n::clients] for n in range(clients)]
        barrier = threading.Barrier(clients)
        threads = [
            threading.Thread(
                target=client_load,
                args=(
                    base,
                    seeded,
                    share,
                    per_council,
                    args.retries,
                    tally,
                    barrier,
                    random.Random(rng.random()),
                ),
            )
            for share in shares
        ]
        started = time.perf_counter()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        elapsed = time.perf_counter() - started

        latencies = [r.seconds * 1000 for r in tally.results]
        statuses: dict[int, int] = {}
        for result in tally.results:
            statuses[result.status] = statuses.get(result.status, 0) + 1
        server_errors = sum(n for status, n in statuses.items() if status >= 500)
        retries = sum(1 for r in tally.results if r.retry_of is not None)
        print(f"gunicorn: 4 workers on 127.0.0.1:{port}; PostgreSQL database {args.database}")
        print(
            f"{len(tally.results)} requests ({retries} retries with the same Idempotency-Key) "
            f"from {len(seeded.tokens)} councils, {clients} clients at once, in {elapsed:.2f} s"
        )
        print(f"throughput: {len(tally.results) / elapsed:.1f} requests/s")
        p50, p95 = statistics.median(latencies), percentile(latencies, 0.95)
        print(f"latency: p50 {p50:.1f} ms, p95 {p95:.1f} ms, max {max(latencies):.1f} ms")
        print(f"statuses: {dict(sorted(statuses.items()))}; 5xx: {server_errors}")
        failures = check(seeded, tally)
        from pledges.models import Campaign

        campaign = Campaign.objects.get(slug=seeded.slug)
        print(
            f"final total £{campaign.pledged_gbp:,.2f} from {campaign.council_count} councils "
            f"(maximum £{seeded.maximum:,.2f})"
        )
        if failures or server_errors:
            for failure in failures:
                print(f"FAIL: {failure}")
            return 1
        print(
            "OK: total == ledger sum == sum of live pledges; every retry got the first answer; "
            "no retry pledged twice; the maximum was not overshot"
        )
        return 0
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=30)
        from django.db import connections

        connections.close_all()
        if not args.keep:
            admin_sql(args.postgres, f'DROP DATABASE IF EXISTS "{args.database}" WITH (FORCE)')


if __name__ == "__main__":
    sys.exit(main())
