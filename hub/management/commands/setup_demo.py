from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from hub.demo import (
    DEMO_ADMIN_EMAIL,
    DEMO_ADMIN_PASSWORD,
    demo_admin_ensure,
    demo_admin_memberships_ensure,
    demo_organisations_load,
)
from hub.links import absolute_url


class Command(BaseCommand):
    help = "Load councils, demo organisations, the demo catalogue and the demo admin (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument("--no-progress", action="store_true")
        parser.add_argument(
            "--allow-without-debug",
            action="store_true",
            help="Create the demo admin even when DEBUG is off (never on a public site).",
        )

    def handle(self, *args, no_progress: bool, allow_without_debug: bool, **options):
        if not settings.DEBUG and not allow_without_debug:
            raise CommandError(
                "setup_demo makes a well-known admin password; run it with DEBUG=true."
            )
        call_command(
            "load_councils", no_progress=no_progress, stdout=self.stdout, stderr=self.stderr
        )
        created = demo_organisations_load()
        self.stdout.write(f"Demo organisations: {created} created.")
        # By name: hub imports none of the apps. After the organisations, so the seeded
        # sources link to the councils and public bodies they belong to.
        call_command("seed_harvest_sources", stdout=self.stdout, stderr=self.stderr)
        admin_created = demo_admin_ensure()
        memberships = demo_admin_memberships_ensure()
        # The catalogue comes after the admin (its evidence is verified by that moderator)
        # and before the credentials, which stay the last thing printed.
        call_command(
            "load_demo_catalogue", no_progress=no_progress, stdout=self.stdout, stderr=self.stderr
        )
        # By name: hub imports none of the apps (the command lives in pledges).
        call_command(
            "load_demo_campaigns", no_progress=no_progress, stdout=self.stdout, stderr=self.stderr
        )
        state = "created" if admin_created else "already exists"
        self.stdout.write(
            self.style.SUCCESS(
                f"\nDemo admin {state}. Sign in at {absolute_url('/admin/')} with\n"
                f"  email:    {DEMO_ADMIN_EMAIL}\n"
                f"  password: {DEMO_ADMIN_PASSWORD}\n"
                f"It is a member of {' and '.join(memberships)}: submit a listing at "
                f"{absolute_url('/submit/')}\n"
            )
        )
