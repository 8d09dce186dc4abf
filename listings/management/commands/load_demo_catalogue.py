import logging
import sys
import time
from contextlib import contextmanager

from django.core.management.base import BaseCommand, CommandError

from tqdm import tqdm

from listings.demo import DemoCatalogueError, demo_catalogue_load

#: Loggers that report every page created and every background task at INFO level: 55
#: pages would bury the progress bar and the summary. Shown again with --verbosity 2.
CHATTY_LOGGERS = ("wagtail", "django_tasks")


@contextmanager
def _quiet(logger_names, *, enabled: bool):
    loggers = [logging.getLogger(name) for name in logger_names] if enabled else []
    levels = [logger.level for logger in loggers]
    for logger in loggers:
        logger.setLevel(max(logger.getEffectiveLevel(), logging.WARNING))
    try:
        yield
    finally:
        for logger, level in zip(loggers, levels, strict=True):
            logger.setLevel(level)


class Command(BaseCommand):
    help = (
        "Load the demo catalogue: solutions, adoptions by real councils, savings evidence "
        "and case studies, all marked as demo content (idempotent). Needs councils loaded."
    )

    def add_arguments(self, parser):
        parser.add_argument("--no-progress", action="store_true", help="Hide the progress bar")

    def handle(self, *args, no_progress: bool, verbosity: int, **options):
        def progress(items):
            return tqdm(
                items, desc="Demo catalogue", unit="page", disable=no_progress, file=sys.stderr
            )

        started = time.monotonic()
        try:
            with _quiet(CHATTY_LOGGERS, enabled=verbosity < 2):
                stats = demo_catalogue_load(progress=progress)
        except DemoCatalogueError as error:
            raise CommandError(str(error)) from error
        seconds = time.monotonic() - started
        rows = [
            ("Solutions", stats.solutions_created, stats.solutions_existing),
            ("Adoptions", stats.adoptions_created, stats.adoptions_existing),
            ("Savings evidence", stats.evidence_created, stats.evidence_existing),
            ("Case studies", stats.case_studies_created, stats.case_studies_existing),
        ]
        self.stdout.write(f"{'Demo catalogue':<18}{'created':>9}{'already there':>15}")
        for label, created, existing in rows:
            self.stdout.write(f"{label:<18}{created:>9}{existing:>15}")
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo catalogue loaded in {seconds:.1f}s ({stats.created} created)."
            )
        )
