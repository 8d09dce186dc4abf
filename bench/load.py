"""Requests per second under load: gunicorn with 2 workers on the demo catalogue (SQLite).

Usage: .venv/bin/python bench/load.py [--duration 15] [--connections 16]

Needs wrk (Debian: ``apt-get install wrk``; the script says so if it is missing).
Builds (once) a SQLite database under bench/results/ with every council and the demo
catalogue, then for each mode starts ``gunicorn hub.wsgi -w 2`` on a free loopback port
with DEBUG off and runs ``wrk -t2 -c<connections> -d<duration>s`` against /solutions/,
one facet combination and one solution page:

* uncached: ``CATALOGUE_PAGE_CACHE_SECONDS=0``, every request renders the view (the
  unfiltered facet counts are still cached, as in production);
* cached: the anonymous page cache on (local memory per worker, or Redis when
  REDIS_URL is set), as a site with no CDN in front serves anonymous visitors.

Prints requests/s and non-2xx answers per path and mode. Only 127.0.0.1 is contacted;
every wrk run is bounded in time and the server is stopped at the end.
"""

import argparse
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
DATABASE = RESULTS / "load-demo.sqlite3"
PYTHON = Path(sys.executable)
FACETS = "/solutions/?service_area=housing&type=data_matching&open_source=true"


def environment(cache_seconds: int) -> dict:
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    env.update(
        DJANGO_SETTINGS_MODULE="hub.settings.production",
        DEBUG="false",
        SECRET_KEY=env.get("SECRET_KEY", "bench-only-secret-key-not-used-anywhere-else-0123"),
        ALLOWED_HOSTS="127.0.0.1,localhost",
        SECURE_SSL_REDIRECT="false",
        STATIC_MANIFEST="false",
        LOG_LEVEL="WARNING",
        DATABASE_URL=f"sqlite:///{DATABASE}",
        CATALOGUE_PAGE_CACHE_SECONDS=str(cache_seconds),
    )
    return env


def prepare() -> str:
    """Migrate, load councils and the demo catalogue, index it (idempotent)."""
    RESULTS.mkdir(parents=True, exist_ok=True)
    code = (
        "import django; django.setup()\n"
        "from django.core.management import call_command, get_commands\n"
        "from hub.councils import councils_load, read_council_rows\n"
        "from listings.demo import demo_catalogue_load\n"
        "call_command('migrate', verbosity=0)\n"
        "councils_load(rows=read_council_rows())\n"
        "demo_catalogue_load()\n"
        "if 'search_index' in get_commands():\n"
        "    call_command('search_index', rebuild=True, no_progress=True, verbosity=0)\n"
        "from listings.models import SolutionPage\n"
        "print(SolutionPage.objects.live().order_by('-adopter_count', 'pk').first().url)\n"
    )
    result = subprocess.run(  # noqa: S603 - this interpreter, fixed code
        [str(PYTHON), "-c", code],
        cwd=ROOT,
        env=environment(0),
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout.strip().splitlines()[-1]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def serve(cache_seconds: int):
    port = free_port()
    gunicorn = PYTHON.parent / "gunicorn"
    server = subprocess.Popen(  # noqa: S603 - the project's gunicorn, fixed arguments
        [str(gunicorn), "hub.wsgi", "-w", "2", "-b", f"127.0.0.1:{port}", "--log-level", "warning"],
        cwd=ROOT,
        env=environment(cache_seconds),
    )
    base = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            with urllib.request.urlopen(f"{base}/solutions/", timeout=5):  # noqa: S310 - loopback
                return server, base
        except OSError:
            time.sleep(0.2)
    server.terminate()
    raise SystemExit("gunicorn did not answer on 127.0.0.1")


def wrk(url: str, *, duration: int, connections: int) -> tuple[float, int]:
    output = subprocess.run(  # noqa: S603 - wrk with fixed arguments, loopback only
        [
            shutil.which("wrk") or "wrk",
            "-t2",
            f"-c{connections}",
            f"-d{duration}s",
            "--timeout",
            "10s",
            url,
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", output)[1])
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    return rate, int(errors[1]) if errors else 0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=int, default=15, help="seconds per wrk run")
    parser.add_argument("--connections", type=int, default=16)
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        raise SystemExit("wrk is not installed: apt-get install wrk (Debian), then run again.")

    solution_url = prepare()
    paths = {
        "/solutions/": "/solutions/",
        "one facet combination": FACETS,
        "a solution page": solution_url,
    }
    rows = []
    for mode, seconds in (("uncached", 0), ("cached", 600)):
        server, base = serve(seconds)
        try:
            for name, path in paths.items():
                for _ in range(3):  # warm each worker
                    urllib.request.urlopen(f"{base}{path}", timeout=10).read()  # noqa: S310
                rate, errors = wrk(
                    f"{base}{path}", duration=args.duration, connections=args.connections
                )
                rows.append((name, mode, rate, errors))
        finally:
            server.terminate()
            server.wait(timeout=30)
    cache = "Redis" if os.environ.get("REDIS_URL") else "local memory per worker"
    print(
        f"\ngunicorn -w 2, SQLite, DEBUG off, demo catalogue; wrk -t2 -c{args.connections} "
        f"-d{args.duration}s; page cache: {cache}"
    )
    print(f"{'path':<24}{'mode':<10}{'requests/s':>12}{'non-2xx':>9}")
    for name, mode, rate, errors in rows:
        print(f"{name:<24}{mode:<10}{rate:>12.1f}{errors:>9}")


if __name__ == "__main__":
    main()
