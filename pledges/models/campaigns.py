"""A campaign: councils pooling money behind one joint proof of concept or co-development."""

from django.conf import settings
from django.core.validators import MinValueValidator, RegexValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse

from hub.models.constraints import valid_choice_constraint
from pledges.models.choices import (
    PUBLIC_STATES,
    CampaignKind,
    CampaignState,
    DeliveryStage,
    FundingModel,
)
from pledges.money import PENNY, ZERO, money_field, staff_days_field

BUDGET_YEAR_PATTERN = r"^20\d{2}/\d{2}$"
budget_year_validator = RegexValidator(BUDGET_YEAR_PATTERN, "Enter a financial year like 2025/26.")


def budget_year_field(**kwargs) -> models.CharField:
    return models.CharField(
        max_length=7,
        validators=[budget_year_validator],
        help_text="The financial year, e.g. 2025/26",
        **kwargs,
    )


class CampaignQuerySet(models.QuerySet):
    def public(self):
        return self.filter(state__in=PUBLIC_STATES)


class Campaign(models.Model):
    """One pitch, one money target and council target, one deadline, one named lead.

    ``pledged_gbp``, ``pledged_staff_days`` and ``council_count`` are derived from the
    ledger: every ledger entry adds its deltas to them in the same transaction, under
    this row's lock, so they always equal the ledger's sums and the sum of live pledges.
    """

    slug = models.SlugField(max_length=120, unique=True)
    title = models.CharField(max_length=150)
    kind = models.CharField(
        max_length=20, choices=CampaignKind.choices, default=CampaignKind.PROOF_OF_CONCEPT
    )
    pitch = models.CharField(max_length=300, help_text="One or two sentences")
    problem = models.TextField()
    outcomes = models.TextField("expected outcomes")
    business_case = models.TextField()
    procurement_route = models.CharField(
        max_length=255, help_text="e.g. a named framework and lot, or a direct award"
    )
    budget_year = budget_year_field()
    solution = models.ForeignKey(
        "listings.SolutionPage",
        # A listing deleted from the catalogue unlinks its campaigns rather than being
        # refused: the campaign, its pledges and its ledger stay.
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text="The listed solution this campaign co-develops or delivers, if there is one",
    )
    service_areas = models.ManyToManyField("hub.ServiceArea", blank=True, related_name="+")

    target_gbp = money_field("money target", validators=[MinValueValidator(PENNY)])
    min_councils = models.PositiveSmallIntegerField(
        "minimum number of councils", validators=[MinValueValidator(1)]
    )
    min_pledge_gbp = money_field(
        "minimum pledge", null=True, blank=True, validators=[MinValueValidator(PENNY)]
    )
    max_pledge_gbp = money_field(
        "maximum pledge", null=True, blank=True, validators=[MinValueValidator(PENNY)]
    )
    max_total_gbp = money_field(
        "most the campaign accepts",
        null=True,
        blank=True,
        validators=[MinValueValidator(PENNY)],
        help_text="Pledges stop at this total",
    )
    funding_model = models.CharField(
        max_length=30, choices=FundingModel.choices, default=FundingModel.ALL_OR_NOTHING
    )
    opens_at = models.DateTimeField()
    closes_at = models.DateTimeField("deadline")

    lead_council = models.ForeignKey("hub.Organisation", on_delete=models.PROTECT, related_name="+")
    lead_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name="lead"
    )
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    match_funder = models.ForeignKey(
        "hub.Organisation", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    match_cap_gbp = money_field(
        "match funding cap", null=True, blank=True, validators=[MinValueValidator(PENNY)]
    )

    state = models.CharField(
        max_length=20, choices=CampaignState.choices, default=CampaignState.DRAFT, db_index=True
    )
    delivery_stage = models.CharField(max_length=20, choices=DeliveryStage.choices, blank=True)
    is_demo = models.BooleanField(default=False)

    # Derived from the ledger (see the class docstring).
    pledged_gbp = money_field(default=ZERO, editable=False)
    pledged_staff_days = staff_days_field(default=0, editable=False)
    council_count = models.PositiveIntegerField(default=0, editable=False)

    # What settlement found at the deadline.
    settled_at = models.DateTimeField(null=True, blank=True, editable=False)
    settled_gbp = money_field(null=True, blank=True, editable=False)
    settled_council_count = models.PositiveIntegerField(null=True, blank=True, editable=False)
    match_gbp = money_field("match funding counted", null=True, blank=True, editable=False)

    # The bake-off.
    criteria_published_at = models.DateTimeField(null=True, blank=True, editable=False)
    bidding_closed_at = models.DateTimeField(null=True, blank=True, editable=False)

    submitted_at = models.DateTimeField(null=True, blank=True, editable=False)
    approved_at = models.DateTimeField(null=True, blank=True, editable=False)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )
    moderator_comment = models.TextField(blank=True)
    delivered_at = models.DateTimeField(null=True, blank=True, editable=False)
    cancelled_at = models.DateTimeField(null=True, blank=True, editable=False)
    cancel_reason = models.TextField(blank=True)
    last_update_at = models.DateTimeField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = CampaignQuerySet.as_manager()

    class Meta:
        ordering = ["closes_at", "pk"]
        constraints = [
            valid_choice_constraint(
                field="state", choices=CampaignState, name="campaign_state_valid"
            ),
            valid_choice_constraint(field="kind", choices=CampaignKind, name="campaign_kind_valid"),
            valid_choice_constraint(
                field="funding_model", choices=FundingModel, name="campaign_funding_model_valid"
            ),
            models.CheckConstraint(
                name="campaign_delivery_stage_valid",
                condition=Q(delivery_stage="") | Q(delivery_stage__in=DeliveryStage.values),
            ),
            models.CheckConstraint(
                name="campaign_target_above_zero", condition=Q(target_gbp__gt=0)
            ),
            models.CheckConstraint(
                name="campaign_min_councils_above_zero", condition=Q(min_councils__gt=0)
            ),
            models.CheckConstraint(
                name="campaign_min_pledge_above_zero",
                condition=Q(min_pledge_gbp__isnull=True) | Q(min_pledge_gbp__gt=0),
            ),
            # NULL never fails a CHECK, so each nullable comparison is its own constraint.
            models.CheckConstraint(
                name="campaign_max_pledge_above_zero",
                condition=Q(max_pledge_gbp__isnull=True) | Q(max_pledge_gbp__gt=0),
            ),
            models.CheckConstraint(
                name="campaign_max_pledge_not_below_min",
                condition=Q(max_pledge_gbp__isnull=True)
                | Q(min_pledge_gbp__isnull=True)
                | Q(max_pledge_gbp__gte=F("min_pledge_gbp")),
            ),
            models.CheckConstraint(
                name="campaign_max_total_not_below_target",
                condition=Q(max_total_gbp__isnull=True) | Q(max_total_gbp__gte=F("target_gbp")),
            ),
            models.CheckConstraint(
                name="campaign_closes_after_it_opens", condition=Q(closes_at__gt=F("opens_at"))
            ),
            models.CheckConstraint(
                name="campaign_match_funder_has_a_cap",
                condition=(Q(match_funder__isnull=True) & Q(match_cap_gbp__isnull=True))
                | (
                    Q(match_funder__isnull=False)
                    & Q(match_cap_gbp__isnull=False)
                    & Q(match_cap_gbp__gt=0)
                ),
            ),
            models.CheckConstraint(
                name="campaign_totals_not_negative",
                condition=Q(pledged_gbp__gte=0) & Q(pledged_staff_days__gte=0),
            ),
            models.CheckConstraint(
                name="campaign_total_within_its_maximum",
                condition=Q(max_total_gbp__isnull=True) | Q(pledged_gbp__lte=F("max_total_gbp")),
            ),
        ]

    #: Columns only the ledger writes (``pledges.services.ledger.ledger_append``).
    DERIVED_FIELDS = ("pledged_gbp", "pledged_staff_days", "council_count")

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs):
        """Never write the ledger's totals from what may be a stale copy of the row.

        A save of an existing campaign writes every column except the derived totals,
        which only ``ledger_append`` changes (in SQL, under the row lock).
        """
        if not self._state.adding and kwargs.get("update_fields") is None:
            kwargs["update_fields"] = [
                field.name
                for field in self._meta.concrete_fields
                if not field.primary_key and field.name not in self.DERIVED_FIELDS
            ]
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("pledges:campaign_detail", kwargs={"slug": self.slug})

    @property
    def is_all_or_nothing(self) -> bool:
        return self.funding_model == FundingModel.ALL_OR_NOTHING
