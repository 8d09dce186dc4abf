"""Time /solutions/ (browse, facets, search) and one solution page on a large catalogue.

Usage: .venv/bin/python bench/catalogue.py [--solutions 10000] [--requests 200] [--fresh]
                                           [--skip-compare]

Builds (once; --fresh rebuilds) a SQLite database under bench/results/ (or uses
DATABASE_URL when set) with every UK council, a few hundred vendors and N published
solutions with adoptions and savings evidence, written in bulk (pages get their tree
paths computed here, as listings/migrations/0002 does, rather than a treebeard
add_child per page). Then refreshes every solution's figures, builds the search index
and times requests through django.test.Client with DEBUG off, printing p50, p95 and
database queries per request. Finally it shows that the query count does not grow:
page size 10 against 50, and (unless --skip-compare) 1,000 solutions against N, by
running itself on a second, smaller database.
Only the local database is touched; nothing is contacted over the network.
"""

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import time
import uuid
from datetime import timedelta
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
sys.path.insert(0, str(ROOT))

THREE_FACETS = [
    "/solutions/?service_area=housing&type=data_matching&min_evidence=2",
    "/solutions/?service_area=revenues-and-benefits&status=stable&open_source=true",
    "/solutions/?service_area=waste-and-environment&cost=free&nation=England",
    "/solutions/?type=predictive_model&hosting=saas&min_evidence=3",
]
SEARCHES = [
    "/solutions/?q=fraud",
    "/solutions/?q=bulky+waste",
    "/solutions/?q=address+matching",
    "/solutions/?q=inspection",
]

WORDS = {
    "housing": ["tenancy fraud", "empty homes", "homelessness", "housing repairs", "allocations"],
    "revenues-and-benefits": ["council tax", "single person discount", "fraud", "business rates"],
    "waste-and-environment": ["bulky waste", "missed bins", "collection rounds", "fly-tipping"],
    "licensing-and-food-safety": ["food safety", "inspection targeting", "licensing"],
    "adult-social-care": ["care assessments", "hospital discharge", "home care"],
    "childrens-services": ["early help", "school places", "SEND transport"],
    "highways-and-transport": ["potholes", "parking", "street lighting"],
    "data-and-infrastructure": ["address matching", "UPRN", "resident index", "data linking"],
    "customer-services": ["contact centre", "chatbot", "online forms"],
    "public-health": ["health inequalities", "smoking cessation"],
    "planning-and-building-control": ["planning applications", "building control"],
    "corporate-services": ["procurement", "invoices", "HR analytics"],
    "democracy-and-elections": ["electoral registration", "committee papers"],
}
VERBS = ["predicts", "matches", "maps", "finds", "targets", "schedules", "reports on"]
LICENCES = ["MIT", "Apache-2.0", "AGPL-3.0-or-later", "GPL-3.0-only", "OGL-UK-3.0", "Proprietary"]
TAGS = sorted({w for words in WORDS.values() for w in words} | {"GIS", "machine learning"})


def setup_django(database: Path) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hub.settings.production")
    os.environ["DEBUG"] = "false"
    os.environ.setdefault("SECRET_KEY", "bench-only-secret-key-not-used-anywhere-else-0123456789")
    os.environ["SECURE_SSL_REDIRECT"] = "false"
    os.environ["STATIC_MANIFEST"] = "false"
    os.environ["ALLOWED_HOSTS"] = "testserver,localhost,127.0.0.1"
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    # The views themselves are timed here: the whole-page cache is bench/load.py's subject.
    # (The unfiltered facet counts stay cached, as in production.)
    os.environ.setdefault("CATALOGUE_PAGE_CACHE_SECONDS", "0")
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{database}")
    import django

    django.setup()


def generate(solutions: int, seed: int = 20240601) -> None:
    """Councils, vendors, N live solutions with service areas, tags, adoptions, evidence."""
    from django.contrib.contenttypes.models import ContentType
    from django.db import transaction
    from django.utils import timezone
    from django.utils.text import slugify

    from taggit.models import Tag
    from wagtail.models import Page

    from hub.councils import councils_load, read_council_rows
    from hub.models import Organisation, ServiceArea
    from hub.models.organisations import OrganisationKind
    from listings.models import (
        Adoption,
        AdoptionStatus,
        CostModel,
        DevelopmentStatus,
        Hosting,
        SavingsEvidence,
        SavingsKind,
        SavingsPeriod,
        SolutionIndexPage,
        SolutionPage,
        SolutionPageTag,
        SolutionType,
    )

    rng = random.Random(seed)
    started = time.monotonic()
    councils_load(rows=read_council_rows())
    councils = list(
        Organisation.objects.councils().current().filter(gss_code__isnull=False).only("id")
    )
    with transaction.atomic():
        vendors = Organisation.objects.bulk_create(
            [
                Organisation(kind=OrganisationKind.VENDOR, name=f"Bench Vendor {i}", slug=f"bv-{i}")
                for i in range(300)
            ]
        )
        providers = vendors + councils[:100]
        areas = {area.slug: area for area in ServiceArea.objects.all()}
        tags = {name: Tag.objects.get_or_create(name=name)[0] for name in TAGS}

        index = SolutionIndexPage.objects.get()
        content_type = ContentType.objects.get_for_model(SolutionPage)
        now = timezone.now()
        pages, details, area_links, tag_links = [], [], [], []
        for n in range(1, solutions + 1):
            slugs = rng.sample(sorted(areas), k=rng.choice([1, 1, 2, 3]))
            phrase = rng.choice(WORDS[slugs[0]])
            title = f"{phrase.capitalize()} {rng.choice(['Insight', 'Finder', 'Tool', 'Hub'])} {n}"
            slug = slugify(title)
            published = now - timedelta(days=rng.randint(0, 1500), minutes=n)
            pages.append(
                Page(
                    title=title,
                    draft_title=title,
                    slug=slug,
                    content_type=content_type,
                    path=Page._get_path(index.path, index.depth + 1, n),
                    depth=index.depth + 1,
                    numchild=0,
                    url_path=f"{index.url_path}{slug}/",
                    locale_id=index.locale_id,
                    translation_key=uuid.uuid4(),
                    live=True,
                    first_published_at=published,
                    last_published_at=published,
                    latest_revision_created_at=published,
                )
            )
            details.append(
                {
                    "summary": f"{title} {rng.choice(VERBS)} {phrase} for councils."[:150],
                    "problem": f"<p>Councils struggle with {phrase} and "
                    f"{rng.choice(WORDS[rng.choice(slugs)])}.</p>",
                    "solution_type": rng.choice(SolutionType.values),
                    "development_status": rng.choice(DevelopmentStatus.values),
                    "cost_model": rng.choice(CostModel.values),
                    "hosting": rng.choice(Hosting.values),
                    "licence": (licence := rng.choice(LICENCES)),
                    "is_open_source": licence != "Proprietary",
                    "provider": rng.choice(providers),
                    "areas": [areas[s] for s in slugs],
                    "tags": rng.sample(TAGS, k=rng.randint(0, 3)),
                }
            )
        Page.objects.bulk_create(pages, batch_size=500)
        Page.objects.filter(pk=index.pk).update(numchild=solutions)
        rows = []
        for page, detail in zip(pages, details, strict=True):
            rows.append(
                SolutionPage(
                    page_ptr_id=page.pk,
                    summary=detail["summary"],
                    problem=detail["problem"],
                    description=[],
                    solution_type=detail["solution_type"],
                    development_status=detail["development_status"],
                    cost_model=detail["cost_model"],
                    hosting=detail["hosting"],
                    licence=detail["licence"],
                    is_open_source=detail["is_open_source"],
                    provider=detail["provider"],
                )
            )
            area_links += [
                SolutionPage.service_areas.through(solutionpage_id=page.pk, servicearea_id=a.pk)
                for a in detail["areas"]
            ]
            tag_links += [
                SolutionPageTag(content_object_id=page.pk, tag_id=tags[name].pk)
                for name in detail["tags"]
            ]
        # Multi-table inheritance: the parent rows exist, so insert only the child table.
        fields = SolutionPage._meta.local_concrete_fields
        for start in range(0, len(rows), 500):
            SolutionPage.objects._insert(rows[start : start + 500], fields=fields)
        SolutionPage.service_areas.through.objects.bulk_create(area_links, batch_size=1000)
        SolutionPageTag.objects.bulk_create(tag_links, batch_size=1000)

        adoptions = []
        for page in pages:
            for council in rng.sample(councils, k=rng.choice([0, 0, 1, 2, 3, 5, 8])):
                adoptions.append(
                    Adoption(
                        solution_id=page.pk,
                        council=council,
                        status=rng.choice(AdoptionStatus.values + [AdoptionStatus.PRODUCTION] * 3),
                        confirmed=rng.random() < 0.5,
                    )
                )
        Adoption.objects.bulk_create(adoptions, batch_size=1000)
        evidence = []
        for adoption in adoptions:
            if rng.random() < 0.5:
                year = rng.randint(2018, 2024)
                evidence.append(
                    SavingsEvidence(
                        adoption=adoption,
                        kind=rng.choice(
                            [SavingsKind.CASHABLE, SavingsKind.COST_AVOIDANCE, SavingsKind.CASHABLE]
                        ),
                        amount_gbp=Decimal(rng.randint(1_000, 900_000)),
                        period=SavingsPeriod.PER_YEAR,
                        year_from=year,
                        year_to=year,
                        baseline="The year before.",
                        method="Finance comparison.",
                        evidence_level=rng.randint(1, 5),
                        verified_by_moderator=rng.random() < 0.3,
                        sort_order=0,
                    )
                )
        SavingsEvidence.objects.bulk_create(evidence, batch_size=1000)
    generated = time.monotonic() - started
    print(
        f"generated {solutions:,} solutions, {len(adoptions):,} adoptions, "
        f"{len(evidence):,} evidence records in {generated:.1f} s"
    )


def prepare(solutions: int, database: Path) -> None:
    from django.core.management import call_command

    from listings.models import SearchDocument, SolutionPage
    from listings.services import solutions_refresh_all_figures

    started = time.monotonic()
    call_command("migrate", verbosity=0)
    existing = SolutionPage.objects.count()
    if existing == solutions:
        print(f"reusing the database: {existing:,} solutions (--fresh rebuilds it)")
        if SearchDocument.objects.count() < solutions:  # made before listings.search
            call_command("search_index", rebuild=True, no_progress=True, verbosity=0)
        return
    if existing:
        raise SystemExit(f"The database holds {existing:,} solutions, not {solutions:,}: --fresh")
    print(f"migrated in {time.monotonic() - started:.1f} s")
    generate(solutions)
    started = time.monotonic()
    solutions_refresh_all_figures()
    print(f"refreshed figures in {time.monotonic() - started:.1f} s")
    # Wagtail's own index (the admin's search) is not built: no catalogue view reads it.
    started = time.monotonic()
    call_command("search_index", rebuild=True, no_progress=True, verbosity=0)
    print(f"built the catalogue's search index in {time.monotonic() - started:.1f} s")


def measure(paths: list[str], requests: int, *, cold: bool = False) -> dict:
    """Time ``requests`` GETs cycling through ``paths``; p50/p95 in ms and queries each.

    ``cold`` empties the cache before each request (untimed), so facet counts are
    counted afresh every time, as on the first request after a catalogue change.
    """
    from django.core.cache import cache
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client()
    for path in paths:  # warm caches (site root paths, templates) before timing
        response = client.get(path)
        assert response.status_code == 200, (path, response.status_code)
    timings, queries = [], set()
    for i in range(requests):
        path = paths[i % len(paths)]
        if cold:
            cache.clear()
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            response = client.get(path)
            timings.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, (path, response.status_code)
        queries.add(len(captured.captured_queries))
    timings.sort()
    return {
        "p50": statistics.median(timings),
        "p95": timings[max(0, int(len(timings) * 0.95) - 1)],
        "queries": sorted(queries),
    }


def query_counts(paths: list[str]) -> dict[str, int]:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client()
    counts = {}
    for path in paths:
        client.get(path)  # warm
        with CaptureQueriesContext(connection) as captured:
            assert client.get(path).status_code == 200
        counts[path] = len(captured.captured_queries)
    return counts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--solutions", type=int, default=10_000)
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--fresh", action="store_true", help="rebuild the database")
    parser.add_argument("--skip-compare", action="store_true", help="no 1,000-solution run")
    parser.add_argument("--counts-only", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()

    RESULTS.mkdir(parents=True, exist_ok=True)
    database = RESULTS / f"catalogue-{args.solutions}.sqlite3"
    if args.fresh and "DATABASE_URL" not in os.environ:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{database}{suffix}").unlink(missing_ok=True)
    setup_django(database)
    prepare(args.solutions, database)

    from listings.models import SolutionPage
    from listings.presenters import solution_index as views

    solution_url = SolutionPage.objects.live().order_by("-adopter_count").first().url
    scenarios = {
        "/solutions/ unfiltered": ["/solutions/"],
        "/solutions/ three facets": THREE_FACETS,
        "/solutions/ search": SEARCHES,
        "one solution page": [solution_url],
    }
    paths = [paths[0] for paths in scenarios.values()]
    if args.counts_only:
        print(json.dumps(query_counts(paths)))
        return

    from django.db import connection

    engine = connection.vendor.replace("postgresql", "PostgreSQL").replace("sqlite", "SQLite")
    print(f"\n{args.solutions:,} solutions, {args.requests} requests each (DEBUG off, {engine})")
    print("(cached: facet counts from the cache, as between two catalogue changes; cold: the")
    print(" cache emptied before every request, as on the first request after a change)")
    print(f"{'view':<28}{'p50 ms':>9}{'p95 ms':>9}{'cold p50':>10}{'cold p95':>10}   queries")
    for name, urls in scenarios.items():
        figures = measure(urls, args.requests)
        cold = measure(urls, args.requests, cold=True)
        queries = ", ".join(str(n) for n in sorted(set(figures["queries"] + cold["queries"])))
        print(
            f"{name:<28}{figures['p50']:>9.1f}{figures['p95']:>9.1f}"
            f"{cold['p50']:>10.1f}{cold['p95']:>10.1f}   {queries}"
        )

    print("\nqueries per request do not grow with the page size:")
    for size in (10, 50):
        views.SOLUTIONS_PER_PAGE = size
        counts = query_counts(paths[:3])
        print(f"  page size {size:>3}: " + ", ".join(str(n) for n in counts.values()))
    views.SOLUTIONS_PER_PAGE = 20

    if not args.skip_compare and args.solutions != 1_000:
        print("\n...nor with the catalogue (unfiltered, three facets, search, one page):")
        small = subprocess.run(  # noqa: S603 - this very script, with fixed arguments
            [sys.executable, __file__, "--solutions", "1000", "--counts-only"],
            capture_output=True,
            text=True,
            check=True,
            env={k: v for k, v in os.environ.items() if k != "DATABASE_URL"},
        )
        counts_small = json.loads(small.stdout.strip().splitlines()[-1])
        counts_large = query_counts(paths)
        print("  catalogue  1,000: " + ", ".join(str(n) for n in counts_small.values()))
        large = ", ".join(str(n) for n in counts_large.values())
        print(f"  catalogue {args.solutions:>6,}: {large}")


if __name__ == "__main__":
    main()
