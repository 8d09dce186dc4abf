"""Following a solution, and the updates its followers hear about.

* ``SolutionFollow`` joins a user to a solution they want news of. Its
  ``last_update_sent_id`` is a cursor: the highest ``SolutionUpdate`` id already
  included in a digest for that follow (or already in the past when they followed),
  so ``send_follow_digests`` can run as often as cron likes and never repeats itself.
* ``SolutionUpdate`` is one line of news about a solution: a new adopter, new evidence
  of savings or a new co-funding campaign. Updates are recorded by
  ``listings.follows.services.solution_update_record`` (signals call it for adoptions and
  evidence; the pledges app calls it for campaigns) and never edited.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone

from hub.models.constraints import valid_choice_constraint

UPDATE_TEXT_MAX_LENGTH = 500


class SolutionUpdateKind(models.TextChoices):
    NEW_ADOPTER = "new_adopter", "New adopter"
    NEW_EVIDENCE = "new_evidence", "New evidence of savings"
    NEW_CAMPAIGN = "new_campaign", "New co-funding campaign"


class SolutionFollow(models.Model):
    """A user who wants a digest of what changes on one solution."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="solution_follows"
    )
    solution = models.ForeignKey(
        "listings.SolutionPage", on_delete=models.CASCADE, related_name="follows"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    last_update_sent_id = models.PositiveBigIntegerField(
        default=0, help_text="Highest solution update already sent to (or before) this follower"
    )
    last_digest_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "solution"], name="one_follow_per_user_and_solution"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} follows {self.solution}"


class SolutionUpdate(models.Model):
    """One piece of news about a solution, for its followers' digests."""

    solution = models.ForeignKey(
        "listings.SolutionPage", on_delete=models.CASCADE, related_name="updates"
    )
    kind = models.CharField(max_length=20, choices=SolutionUpdateKind.choices)
    text = models.CharField(max_length=UPDATE_TEXT_MAX_LENGTH)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            valid_choice_constraint(
                field="kind", choices=SolutionUpdateKind, name="solution_update_kind_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.text}"
