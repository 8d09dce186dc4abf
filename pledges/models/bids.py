"""The bake-off: criteria, vendors' bids, conflict declarations, scores and decisions.

Once a campaign is funded its lead publishes weighted criteria; then vendors bid. Each
pledging council declares any conflict of interest and scores every bid it is not
conflicted on against every criterion. A council sees other councils' scores only once
every council has scored. The lead selects bids for a proof of concept, then a winner,
with reasons; every score and decision is kept.
"""

from django.conf import settings
from django.core.validators import FileExtensionValidator, MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q

from hub.models.constraints import valid_choice_constraint
from pledges.models.choices import MAX_SCORE, BidStatus, DecisionKind
from pledges.money import money_field

#: Bid attachments: these types only, and at most this size (checked on upload).
ATTACHMENT_EXTENSIONS = ("pdf", "odt", "docx", "txt")
ATTACHMENT_MAX_BYTES = 5 * 1024 * 1024


class Criterion(models.Model):
    campaign = models.ForeignKey(
        "pledges.Campaign", on_delete=models.PROTECT, related_name="criteria"
    )
    name = models.CharField(max_length=150)
    description = models.TextField(blank=True)
    weight = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(1), MaxValueValidator(100)], help_text="1 to 100"
    )
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["campaign", "position", "pk"]
        verbose_name_plural = "criteria"
        constraints = [
            models.UniqueConstraint(fields=["campaign", "name"], name="criterion_names_unique"),
            models.CheckConstraint(
                name="criterion_weight_1_to_100", condition=Q(weight__gte=1, weight__lte=100)
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.weight})"


class Bid(models.Model):
    campaign = models.ForeignKey("pledges.Campaign", on_delete=models.PROTECT, related_name="bids")
    vendor = models.ForeignKey("hub.Organisation", on_delete=models.PROTECT, related_name="+")
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    approach = models.TextField()
    price_gbp = money_field("price")
    timeline = models.TextField()
    team = models.TextField()
    attachment = models.FileField(
        upload_to="bids/%Y/",
        blank=True,
        validators=[FileExtensionValidator(ATTACHMENT_EXTENSIONS)],
    )
    status = models.CharField(max_length=20, choices=BidStatus.choices, default=BidStatus.SUBMITTED)
    submitted_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["campaign", "submitted_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["campaign", "vendor"], name="one_bid_per_vendor"),
            models.CheckConstraint(name="bid_price_above_zero", condition=Q(price_gbp__gt=0)),
            valid_choice_constraint(field="status", choices=BidStatus, name="bid_status_valid"),
            models.UniqueConstraint(
                fields=["campaign"],
                condition=Q(status=BidStatus.WON),
                name="one_winning_bid_per_campaign",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.vendor} for {self.campaign}"


class ConflictDeclaration(models.Model):
    """A pledging council's statement, before it scores, of any conflict of interest."""

    campaign = models.ForeignKey(
        "pledges.Campaign", on_delete=models.PROTECT, related_name="declarations"
    )
    council = models.ForeignKey("hub.Organisation", on_delete=models.PROTECT, related_name="+")
    declared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    conflicted_bids = models.ManyToManyField(Bid, blank=True, related_name="+")
    details = models.TextField(blank=True)
    declared_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["campaign", "council"], name="one_declaration_per_council"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.council}'s declaration for {self.campaign}"


class Score(models.Model):
    bid = models.ForeignKey(Bid, on_delete=models.PROTECT, related_name="scores")
    criterion = models.ForeignKey(Criterion, on_delete=models.PROTECT, related_name="scores")
    council = models.ForeignKey("hub.Organisation", on_delete=models.PROTECT, related_name="+")
    scored_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    score = models.PositiveSmallIntegerField(validators=[MaxValueValidator(MAX_SCORE)])
    comment = models.TextField(blank=True)
    scored_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["bid", "criterion", "council__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["bid", "criterion", "council"], name="one_score_per_council_bid_criterion"
            ),
            models.CheckConstraint(
                name="score_within_range", condition=Q(score__gte=0, score__lte=MAX_SCORE)
            ),
        ]

    def __str__(self) -> str:
        return f"{self.council}: {self.score} for {self.bid} on {self.criterion.name}"


class Decision(models.Model):
    """The lead's choice of a bid, for a proof of concept or as the winner, with reasons."""

    campaign = models.ForeignKey(
        "pledges.Campaign", on_delete=models.PROTECT, related_name="decisions"
    )
    bid = models.ForeignKey(Bid, on_delete=models.PROTECT, related_name="decisions")
    kind = models.CharField(max_length=20, choices=DecisionKind.choices)
    reasons = models.TextField()
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["campaign", "decided_at", "pk"]
        constraints = [
            valid_choice_constraint(field="kind", choices=DecisionKind, name="decision_kind_valid"),
            models.UniqueConstraint(fields=["bid", "kind"], name="one_decision_per_bid_and_kind"),
            models.UniqueConstraint(
                fields=["campaign"],
                condition=Q(kind=DecisionKind.WINNER),
                name="one_winner_decision_per_campaign",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.bid}"
