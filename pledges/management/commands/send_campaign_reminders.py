"""Send the co-funding reminders and update digests that are due. Run it from cron.

The lead after 30 quiet days; followers and councils following the linked solution (but
not pledging) 7 days and 1 day before the deadline; followers' digests of new updates.
Each is sent once, however often this runs.
"""

from django.core.management.base import BaseCommand

from pledges.services.reminders import reminders_send


class Command(BaseCommand):
    help = "Send due campaign reminders and update digests (never the same one twice)."

    def handle(self, *args, **options):
        stats = reminders_send()
        self.stdout.write(
            self.style.SUCCESS(
                f"Reminders sent: {stats.lead_quiet} to quiet leads, {stats.deadline_7} a week "
                f"before a deadline, {stats.deadline_1} a day before; {stats.digests} update "
                f"digests; {stats.already_sent} already sent before."
            )
        )
