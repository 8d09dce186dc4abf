"""Email each follower one digest of what changed on the solutions they follow.

Run it from cron (daily or weekly). It is idempotent: each follow remembers the last
update it was sent, so a second run straight after the first sends nothing.
"""

import sys

from django.core.management.base import BaseCommand

from tqdm import tqdm

from listings.follows.digest import follow_digests_send


class Command(BaseCommand):
    help = "Email every follower a digest of new adopters, evidence and campaigns since the last."

    def add_arguments(self, parser):
        parser.add_argument("--no-progress", action="store_true", help="Do not show a progress bar")

    def handle(self, *args, **options):
        show_progress = not options["no_progress"] and options["verbosity"] > 0

        def progress(users):
            # disable=None: a bar on a terminal, silence under cron or in tests.
            return tqdm(users, desc="Followers", unit="user", file=sys.stderr, disable=None)

        def on_error(user, error):
            self.stderr.write(f"Could not send the digest to user {user.pk}: {error}")

        stats = follow_digests_send(progress=progress if show_progress else None, on_error=on_error)
        self.stdout.write(
            f"Followers: {stats.followers}\n"
            f"Digests sent: {stats.sent} ({stats.updates_sent} update"
            f"{'' if stats.updates_sent == 1 else 's'})\n"
            f"Nothing new: {stats.nothing_new}\n"
            f"Failed: {stats.failed}"
        )
        style = self.style.ERROR if stats.failed else self.style.SUCCESS
        self.stdout.write(style(f"Sent {stats.sent} digest{'' if stats.sent == 1 else 's'}."))
