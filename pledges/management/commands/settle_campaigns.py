"""Settle every open campaign past its deadline (funded or unsuccessful). Run it from cron.

Idempotent and safe to run twice at once: each campaign is settled under its row lock,
and only if it is still open.
"""

import sys

from django.core.management.base import BaseCommand

from tqdm import tqdm

from pledges.services.settlement import campaigns_settle_due


class Command(BaseCommand):
    help = "Settle open campaigns past their deadline: funded or unsuccessful (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument("--no-progress", action="store_true", help="Hide the progress bar")

    def handle(self, *args, no_progress: bool, **options):
        def progress(items):
            return tqdm(
                items, desc="Settling", unit="campaign", disable=no_progress, file=sys.stderr
            )

        stats = campaigns_settle_due(progress=progress)
        self.stdout.write(
            self.style.SUCCESS(
                f"{stats.due} campaigns due: {stats.funded} funded, {stats.unsuccessful} "
                f"unsuccessful, {stats.skipped} already settled by another run."
            )
        )
