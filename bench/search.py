"""Relevance and speed of the catalogue search, per backend, on the demo catalogue.

Usage: .venv/bin/python bench/search.py [--repeat 5]

Loads councils and the demo catalogue (idempotent) into a database of its own
(bench/results/search-demo.sqlite3, or DATABASE_URL when set), rebuilds the search
index, then runs the relevance set (``listings.search.relevance``) through /solutions/'s
selector and prints, for each query, where the expected listing came, then precision
at 1 and the mean reciprocal rank beside p50/p95 timings. Backends: the database's own
(SQLite FTS5 or PostgreSQL), and Elasticsearch when ELASTICSEARCH_URL is set.
Only local services are contacted.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
sys.path.insert(0, str(ROOT))


def setup_django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hub.settings.production")
    os.environ["DEBUG"] = "false"
    os.environ.setdefault("SECRET_KEY", "bench-only-secret-key-not-used-anywhere-else-0123456789")
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    RESULTS.mkdir(parents=True, exist_ok=True)
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{RESULTS / 'search-demo.sqlite3'}")
    import django

    django.setup()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5, help="timed runs of the whole set")
    args = parser.parse_args()
    setup_django()

    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection
    from django.http import QueryDict
    from django.test.utils import override_settings

    from hub.councils import councils_load, read_council_rows
    from listings.demo import demo_catalogue_load
    from listings.search import relevance
    from listings.selectors.search import solution_search

    call_command("migrate", verbosity=0)
    councils_load(rows=read_council_rows())
    demo_catalogue_load()

    backends = {connection.vendor: ""}
    if settings.ELASTICSEARCH_URL:
        backends["elasticsearch"] = "listings.search.backends.elasticsearch.ElasticsearchBackend"

    def run(query: str) -> list[str]:
        search = solution_search(QueryDict(f"q={query}"))
        return list(search.results.values_list("slug", flat=True)[:10])

    for name, path in backends.items():
        with override_settings(LISTINGS_SEARCH_BACKEND=path):
            call_command("search_index", rebuild=True, no_progress=True, verbosity=0)
            scores = relevance.evaluate(run)
            timings = []
            for _ in range(args.repeat):
                for judgement in relevance.RELEVANCE_SET:
                    started = time.perf_counter()
                    run(judgement.query)
                    timings.append((time.perf_counter() - started) * 1000)
        timings.sort()
        print(f"\n{name}: {len(scores)} queries")
        print(f"  {'query':<34}{'rank':>5}  first result")
        for score in scores:
            first = score.ranked[0] if score.ranked else "(nothing)"
            rank = str(score.rank) if score.rank else "-"
            print(f"  {score.judgement.query:<34}{rank:>5}  {first}")
        p95 = timings[max(0, int(len(timings) * 0.95) - 1)]
        print(
            f"  precision@1 {relevance.precision_at_1(scores):.2f}   "
            f"MRR {relevance.mean_reciprocal_rank(scores):.2f}   "
            f"search p50 {statistics.median(timings):.1f} ms, p95 {p95:.1f} ms "
            f"(selector and first page, {len(timings)} searches)"
        )


if __name__ == "__main__":
    main()
