"""Keeping a campaign tended: the lead's updates, followers, and reminders already sent.

The LocalGov Digital Pipeline's projects were "added and forgotten". Here the lead posts
updates (stage gates during delivery carry one each); followers get them in a digest;
and ``ReminderSent`` records every reminder so cron can run the reminder command as often
as it likes without sending one twice.
"""

from django.conf import settings
from django.db import models

from hub.models.constraints import valid_choice_constraint
from pledges.models.choices import DeliveryStage, ReminderKind


class CampaignUpdate(models.Model):
    campaign = models.ForeignKey(
        "pledges.Campaign", on_delete=models.PROTECT, related_name="updates"
    )
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    text = models.TextField(max_length=2000)
    stage = models.CharField(
        max_length=20,
        choices=DeliveryStage.choices,
        blank=True,
        help_text="The stage gate this update marks, if it marks one",
    )
    created_at = models.DateTimeField(db_index=True)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.campaign}: {self.text[:50]}"


class CampaignFollow(models.Model):
    """A user who wants the campaign's updates; the cursor says which were already sent."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="campaign_follows"
    )
    campaign = models.ForeignKey(
        "pledges.Campaign", on_delete=models.CASCADE, related_name="follows"
    )
    last_update_sent_id = models.PositiveBigIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "campaign"], name="one_follow_per_campaign"),
        ]

    def __str__(self) -> str:
        return f"{self.user} follows {self.campaign}"


class ReminderSent(models.Model):
    """One reminder email sent; unique, so a rerun of the command never sends it again.

    ``occasion`` tells reminders of one kind apart: the deadline for deadline reminders
    (a moved deadline is a new occasion), the quiet spell's start for the lead's.
    """

    campaign = models.ForeignKey("pledges.Campaign", on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=20, choices=ReminderKind.choices)
    occasion = models.CharField(max_length=40)
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["campaign", "user", "kind", "occasion"], name="one_reminder_per_occasion"
            ),
            valid_choice_constraint(field="kind", choices=ReminderKind, name="reminder_kind_valid"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} to {self.user} about {self.campaign}"
