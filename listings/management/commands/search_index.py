"""``manage.py search_index --rebuild``: index every live solution and case study again.

The work is ``listings.search.indexing.rebuild`` (tests call it directly); this command
shows a progress bar and a summary. On the database backends the rebuild is one
transaction, so searches see the old index until it commits; on Elasticsearch it fills a
new index and then moves the alias onto it, so search keeps working throughout.
"""

import sys
import time

from django.core.management.base import BaseCommand, CommandError

from tqdm import tqdm

from listings.search import get_backend, indexing


class Command(BaseCommand):
    help = "Rebuild the catalogue's search index (listings.search) from the live pages."

    def add_arguments(self, parser):
        parser.add_argument("--rebuild", action="store_true", help="Rebuild the whole index")
        parser.add_argument("--no-progress", action="store_true", help="Hide the progress bar")

    def handle(self, *args, rebuild: bool = False, no_progress: bool = False, **options):
        if not rebuild:
            raise CommandError("Say what to do: --rebuild rebuilds the whole index.")
        backend = get_backend()
        total = sum(queryset.count() for queryset in indexing.live_pages_to_index())
        started = time.monotonic()
        with tqdm(
            total=total,
            unit="page",
            desc=f"Indexing ({backend.name})",
            disable=no_progress,
            file=sys.stderr,
        ) as bar:
            done = indexing.rebuild(bar.update)
        self.stdout.write(
            f"Indexed {done:,} pages with the {backend.name} backend "
            f"in {time.monotonic() - started:.1f} s."
        )
