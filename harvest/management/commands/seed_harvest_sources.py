"""manage.py seed_harvest_sources: one source per organisation of the seed list (idempotent).

The list is ``harvest/data/council-github-orgs.csv`` (see the README beside it). Councils
and public bodies the hub knows are linked to their organisation, whose repositories
page then lists what the harvester found.
"""

from django.core.management.base import BaseCommand

from harvest.services import SEED_CSV, harvest_sources_seed


class Command(BaseCommand):
    help = "Create the default harvest sources from harvest/data/council-github-orgs.csv."

    def handle(self, *args, **options):
        created, linked = harvest_sources_seed(path=SEED_CSV)
        self.stdout.write(
            f"Harvest sources: {created} created, {linked} linked to a hub organisation."
        )
