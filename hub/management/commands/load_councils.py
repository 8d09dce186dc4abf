import sys
from pathlib import Path

from django.core.management.base import BaseCommand

from tqdm import tqdm

from hub.councils import COUNCILS_CSV, councils_load, read_council_rows


class Command(BaseCommand):
    help = "Load or refresh UK councils from mySociety's list of local authorities (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument("--path", type=Path, default=COUNCILS_CSV, help="CSV to load")
        parser.add_argument("--no-progress", action="store_true", help="Hide the progress bar")

    def handle(self, *args, path: Path, no_progress: bool, **options):
        rows = read_council_rows(path)

        def progress(items):
            return tqdm(
                items, desc="Councils", unit="council", disable=no_progress, file=sys.stderr
            )

        stats = councils_load(rows=rows, progress=progress)
        self.stdout.write(
            self.style.SUCCESS(
                f"Councils: {stats.created} created, {stats.updated} updated, "
                f"{stats.unchanged} unchanged ({stats.total} in {path.name})."
            )
        )
