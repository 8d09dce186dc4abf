"""Load the four demo co-funding campaigns (idempotent). Needs councils and the demo catalogue."""

import logging
from contextlib import contextmanager

from django.core.management.base import BaseCommand, CommandError

from pledges.demo import DemoCampaignsError, demo_campaigns_load

#: Wagtail logs every background task at INFO; shown again with --verbosity 2.
CHATTY_LOGGERS = ("wagtail", "django_tasks")


@contextmanager
def _quiet(*, enabled: bool):
    loggers = [logging.getLogger(name) for name in CHATTY_LOGGERS] if enabled else []
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
        "Load the demo co-funding campaigns: open, funded in its bake-off, delivered and "
        "unsuccessful, with real council names, all marked as demo (idempotent)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--no-progress", action="store_true", help="Accepted for setup_demo")

    def handle(self, *args, verbosity: int, **options):
        try:
            with _quiet(enabled=verbosity < 2):
                stats = demo_campaigns_load()
        except DemoCampaignsError as error:
            raise CommandError(str(error)) from error
        for title in stats.created:
            self.stdout.write(f"  created: {title}")
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo campaigns: {len(stats.created)} created, "
                f"{len(stats.existing)} already there."
            )
        )
        if stats.admin_council:
            self.stdout.write(
                f"The demo admin is a procurement lead of {stats.admin_council}: "
                "pledge at /campaigns/"
            )
