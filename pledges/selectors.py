"""Read queries for co-funding pages, the API and the exports.

Lists declare what they need (``select_related`` / ``prefetch_related``) so their query
count does not grow with the rows shown. Totals are sums the database computes.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Exists, F, OuterRef, Q, QuerySet, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone

from hub.models import Membership, MembershipRole, Organisation
from hub.models.organisations import OrganisationKind
from pledges.models import (
    Bid,
    Campaign,
    CampaignState,
    Commitment,
    CommitmentStatus,
    ConflictDeclaration,
    Criterion,
    Decision,
    LedgerEntry,
    Pledge,
    PledgeStatus,
    Score,
)
from pledges.models.choices import (
    FUNDED_STATES,
    INVOICED_STATUSES,
    LIVE_PLEDGE_STATUSES,
    ORDERED_STATUSES,
    PUBLIC_STATES,
)
from pledges.money import ZERO

#: States the public list filters by (drafts and those waiting for approval are not public).
LISTED_STATES = PUBLIC_STATES


def _money_sum(field: str, **filters):
    return Coalesce(Sum(field, filter=Q(**filters) if filters else None), ZERO)


def campaign_list(
    *, state: str = "", service_area: str = "", region: str = "", waiting: bool = False
) -> QuerySet[Campaign]:
    """Public campaigns, soonest deadline first; ``waiting``: open and still short of a target.

    ``region`` matches the lead council's region or any live pledger's.
    """
    campaigns = (
        Campaign.objects.public()
        .select_related("lead_council", "match_funder", "solution")
        .prefetch_related("service_areas")
    )
    if state:
        campaigns = campaigns.filter(state=state)
    if service_area:
        campaigns = campaigns.filter(service_areas__slug=service_area)
    if region:
        pledged_here = Pledge.objects.live().filter(campaign=OuterRef("pk"), council__region=region)
        campaigns = campaigns.filter(Q(lead_council__region=region) | Q(Exists(pledged_here)))
    if waiting:
        campaigns = campaigns.filter(state=CampaignState.OPEN, closes_at__gt=timezone.now()).filter(
            Q(pledged_gbp__lt=F("target_gbp")) | Q(council_count__lt=F("min_councils"))
        )
    return campaigns.order_by("closes_at", "pk")


def campaign_regions() -> list[str]:
    """Regions of the lead councils of public campaigns, for the filter."""
    return sorted(
        set(
            Campaign.objects.public()
            .exclude(lead_council__region="")
            .values_list("lead_council__region", flat=True)
        )
    )


def campaign_for_page(slug: str) -> Campaign | None:
    return (
        Campaign.objects.select_related(
            "lead_council", "lead_user", "match_funder", "solution", "proposed_by"
        )
        .prefetch_related("service_areas")
        .filter(slug=slug)
        .first()
    )


def live_pledges(campaign: Campaign) -> QuerySet[Pledge]:
    return (
        Pledge.objects.live()
        .filter(campaign=campaign)
        .select_related("council")
        .order_by("council__name")
    )


def released_pledges(campaign: Campaign) -> QuerySet[Pledge]:
    return (
        Pledge.objects.filter(campaign=campaign, status=PledgeStatus.RELEASED)
        .select_related("council")
        .order_by("council__name")
    )


def live_pledge_for(campaign: Campaign, council: Organisation) -> Pledge | None:
    return Pledge.objects.live().filter(campaign=campaign, council=council).first()


def ledger_entries(campaign: Campaign) -> QuerySet[LedgerEntry]:
    return (
        LedgerEntry.objects.filter(campaign=campaign)
        .select_related("council", "actor")
        .order_by("created_at", "pk")
    )


@dataclass(frozen=True)
class Totals:
    amount_gbp: Decimal
    staff_days: Decimal
    councils: int


def ledger_totals(campaign: Campaign) -> Totals:
    """The sums of the ledger: what the campaign's own totals must equal."""
    row = LedgerEntry.objects.filter(campaign=campaign).aggregate(
        amount=Coalesce(Sum("amount_delta"), ZERO),
        days=Coalesce(Sum("staff_days_delta"), Decimal("0.0")),
        councils=Coalesce(Sum("councils_delta"), 0),
    )
    return Totals(row["amount"], row["days"], row["councils"])


def live_pledge_totals(campaign: Campaign) -> Totals:
    """The sums of the live pledges: what the ledger's sums must equal."""
    row = (
        Pledge.objects.live()
        .filter(campaign=campaign)
        .aggregate(
            amount=Coalesce(Sum("amount_gbp"), ZERO),
            days=Coalesce(Sum("staff_days"), Decimal("0.0")),
            councils=Count("pk"),
        )
    )
    return Totals(row["amount"], row["days"], row["councils"])


@dataclass(frozen=True)
class MoneyFollowed:
    committed: Decimal
    ordered: Decimal
    invoiced: Decimal
    paid: Decimal
    commitments: int


def money_followed(campaign: Campaign) -> MoneyFollowed:
    """Committed, ordered, invoiced and paid for one campaign, in one query."""
    live = Commitment.objects.filter(campaign=campaign).exclude(status=CommitmentStatus.CANCELLED)
    row = live.aggregate(
        committed=_money_sum("amount_gbp"),
        ordered=_money_sum("amount_gbp", status__in=ORDERED_STATUSES),
        invoiced=_money_sum("amount_gbp", status__in=INVOICED_STATUSES),
        paid=_money_sum("amount_gbp", status=CommitmentStatus.PAID),
        commitments=Count("pk"),
    )
    return MoneyFollowed(**row)


def commitments_for(campaign: Campaign) -> QuerySet[Commitment]:
    return Commitment.objects.filter(campaign=campaign).select_related("council", "pledge")


def procurement_councils(user) -> list[Organisation]:
    """Current councils the user is an approved procurement lead of."""
    if not user.is_authenticated:
        return []
    return list(
        Organisation.objects.filter(
            kind=OrganisationKind.COUNCIL,
            is_current=True,
            pk__in=Membership.objects.approved()
            .filter(user=user, role=MembershipRole.PROCUREMENT_LEAD)
            .values("organisation"),
        ).order_by("name")
    )


def vendor_organisations(user) -> list[Organisation]:
    """Vendors the user is an approved member of (who may bid for them)."""
    if not user.is_authenticated:
        return []
    return list(
        Organisation.objects.filter(
            kind=OrganisationKind.VENDOR,
            pk__in=Membership.objects.approved().filter(user=user).values("organisation"),
        ).order_by("name")
    )


def council_pledges_for(user) -> QuerySet[Pledge]:
    """Every pledge of every council the user is an approved member of, newest first."""
    councils = Membership.objects.approved().filter(
        user=user, organisation__kind=OrganisationKind.COUNCIL
    )
    return (
        Pledge.objects.filter(council__in=councils.values("organisation"))
        .select_related("campaign", "council", "commitment")
        .order_by("-updated_at", "-pk")
    )


def campaign_updates(campaign: Campaign):
    return campaign.updates.select_related("author").order_by("-created_at", "-pk")


# The bake-off ------------------------------------------------------------------------------


def criteria_for(campaign: Campaign) -> list[Criterion]:
    return list(Criterion.objects.filter(campaign=campaign).order_by("position", "pk"))


def bids_for(campaign: Campaign) -> QuerySet[Bid]:
    return (
        Bid.objects.filter(campaign=campaign)
        .select_related("vendor")
        .order_by("submitted_at", "pk")
    )


def scoring_councils(campaign: Campaign) -> list[Organisation]:
    """The councils that score: those whose pledges became commitments."""
    return list(
        Organisation.objects.filter(
            pk__in=Pledge.objects.filter(campaign=campaign, status=PledgeStatus.COMMITTED).values(
                "council"
            )
        ).order_by("name")
    )


def councils_that_scored(campaign: Campaign) -> set[int]:
    return set(Score.objects.filter(bid__campaign=campaign).values_list("council_id", flat=True))


def scoring_complete(campaign: Campaign) -> bool:
    """Every scoring council has declared and scored (so scores may be shown)."""
    councils = {council.pk for council in scoring_councils(campaign)}
    if not councils or not Bid.objects.filter(campaign=campaign).exists():
        return False
    declared = set(
        ConflictDeclaration.objects.filter(campaign=campaign).values_list("council_id", flat=True)
    )
    return councils <= declared and councils <= councils_that_scored(campaign)


@dataclass
class BidResult:
    bid: Bid
    weighted_score: Decimal | None
    scores_by_criterion: dict[int, list[Score]]
    decisions: list[Decision]


def bid_results(campaign: Campaign) -> list[BidResult]:
    """Each bid's weighted score (out of ``MAX_SCORE``), highest first, with every score.

    For each criterion the councils' scores are averaged; the averages are weighted by the
    criteria's weights. Callers decide who may see this (scores stay hidden from scorers
    until every council has scored).
    """
    criteria = criteria_for(campaign)
    total_weight = sum(criterion.weight for criterion in criteria)
    scores: dict[int, dict[int, list[Score]]] = defaultdict(lambda: defaultdict(list))
    for score in Score.objects.filter(bid__campaign=campaign).select_related("council"):
        scores[score.bid_id][score.criterion_id].append(score)
    decisions: dict[int, list[Decision]] = defaultdict(list)
    for decision in Decision.objects.filter(campaign=campaign).select_related("decided_by"):
        decisions[decision.bid_id].append(decision)
    results = []
    for bid in bids_for(campaign):
        by_criterion = scores.get(bid.pk, {})
        weighted = None
        if total_weight and all(by_criterion.get(c.pk) for c in criteria):
            weighted = sum(
                Decimal(c.weight)
                * Decimal(sum(s.score for s in by_criterion[c.pk]))
                / Decimal(len(by_criterion[c.pk]))
                for c in criteria
            ) / Decimal(total_weight)
            weighted = weighted.quantize(Decimal("0.01"))
        results.append(BidResult(bid, weighted, dict(by_criterion), decisions.get(bid.pk, [])))
    return sorted(
        results, key=lambda r: (r.weighted_score is None, -(r.weighted_score or 0), r.bid.pk)
    )


def funded_campaigns_for_export() -> QuerySet[Campaign]:
    """Funded, in delivery and delivered campaigns with what the exports name."""
    return (
        Campaign.objects.filter(state__in=FUNDED_STATES)
        .select_related("lead_council", "lead_user", "match_funder", "solution")
        .order_by("settled_at", "pk")
    )


def export_pledges(campaigns) -> dict[int, list[Pledge]]:
    """The live pledges of each campaign, with councils and commitments, in one query."""
    by_campaign: dict[int, list[Pledge]] = defaultdict(list)
    for pledge in (
        Pledge.objects.filter(campaign__in=campaigns, status__in=LIVE_PLEDGE_STATUSES)
        .select_related("council", "commitment")
        .order_by("council__name")
    ):
        by_campaign[pledge.campaign_id].append(pledge)
    return by_campaign
