"""Delivery: a funded campaign is built through stage gates, then delivered and adopted.

When a campaign is delivered every council that pledged becomes an adopter (piloting) of
the solution, through ``listings.adoptions.services.adoption_record``, and the solution's
followers hear of it. A campaign for a need that has no listing yet cannot be delivered
until its lead links the listing of what was built (submitted at /submit/ and published
through moderation like any other): adoptions always belong to a listed solution, and the
catalogue never gets a listing no moderator has seen.
"""

from __future__ import annotations

from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from listings.adoptions.services import adoption_record
from listings.follows.services import solution_update_record
from listings.models import Adoption, AdoptionStatus, SolutionPage, SolutionUpdateKind
from listings.models.choices import ADOPTING_STATUSES
from pledges.models import (
    Bid,
    BidStatus,
    Campaign,
    CampaignState,
    CampaignUpdate,
    DeliveryStage,
    Pledge,
    PledgeStatus,
)
from pledges.permissions import user_can_manage
from pledges.services.common import lock_campaign, require
from pledges.services.lifecycle import campaign_move, check_transition
from pledges.services.tending import update_post

STAGES = list(DeliveryStage)


@transaction.atomic
def campaign_start_delivery(*, user, campaign: Campaign, now: datetime | None = None) -> Campaign:
    """The lead starts delivery (at discovery). After a bake-off, the winner comes first."""
    now = now or timezone.now()
    campaign = lock_campaign(campaign)
    check_transition(campaign, CampaignState.IN_DELIVERY)
    require(user_can_manage(user=user, campaign=campaign), "Only the lead can start delivery.")
    bids = Bid.objects.filter(campaign=campaign)
    if bids.exists() and not bids.filter(status=BidStatus.WON).exists():
        raise ValidationError("Choose the winning bid before delivery starts.")
    campaign_move(campaign, CampaignState.IN_DELIVERY)
    campaign.delivery_stage = DeliveryStage.DISCOVERY
    campaign.save(update_fields=["delivery_stage"])
    update_post(
        campaign=campaign,
        author=user,
        text="Delivery has started, at discovery.",
        stage=DeliveryStage.DISCOVERY,
        now=now,
    )
    return campaign


@transaction.atomic
def campaign_pass_stage_gate(
    *, user, campaign: Campaign, stage: str, text: str, now: datetime | None = None
) -> CampaignUpdate:
    """The lead moves delivery to the next stage (discovery, alpha, beta, live) with an update."""
    now = now or timezone.now()
    campaign = lock_campaign(campaign)
    require(user_can_manage(user=user, campaign=campaign), "Only the lead passes stage gates.")
    if campaign.state != CampaignState.IN_DELIVERY:
        raise ValidationError("Stage gates are passed during delivery.")
    current = STAGES.index(DeliveryStage(campaign.delivery_stage))
    if stage not in DeliveryStage.values or STAGES.index(DeliveryStage(stage)) != current + 1:
        following = STAGES[current + 1].label if current + 1 < len(STAGES) else None
        raise ValidationError(
            {"stage": f"The next stage is {following}." if following else "Delivery is live."}
        )
    if not text.strip():
        raise ValidationError({"text": "Say what this stage found or delivered."})
    campaign.delivery_stage = stage
    campaign.save(update_fields=["delivery_stage", "updated_at"])
    return update_post(campaign=campaign, author=user, text=text, stage=stage, now=now)


@transaction.atomic
def campaign_link_solution(*, user, campaign: Campaign, solution: SolutionPage) -> Campaign:
    """The lead links the listed solution the campaign co-develops or delivered."""
    campaign = lock_campaign(campaign)
    require(user_can_manage(user=user, campaign=campaign), "Only the lead links the listing.")
    if campaign.state in (CampaignState.DELIVERED, CampaignState.CANCELLED):
        raise ValidationError("The listing of a delivered or cancelled campaign stays as it is.")
    if not solution.live:
        raise ValidationError({"solution": "Link a published listing."})
    campaign.solution = solution
    campaign.save(update_fields=["solution", "updated_at"])
    return campaign


def _record_adopters(campaign: Campaign, solution: SolutionPage) -> list[str]:
    """Each pledging council pilots the solution, unless it already uses it."""
    councils = [
        pledge.council
        for pledge in Pledge.objects.filter(
            campaign=campaign, status=PledgeStatus.COMMITTED
        ).select_related("council")
    ]
    existing = {
        adoption.council_id: adoption
        for adoption in Adoption.objects.filter(solution=solution, council__in=councils)
    }
    recorded = []
    for council in councils:
        adoption = existing.get(council.pk)
        if adoption is not None and adoption.status in ADOPTING_STATUSES:
            continue  # already piloting or using it: never downgrade
        adoption_record(
            solution=solution,
            council=council,
            status=AdoptionStatus.PILOTING,
            confirmed=True,
            since=timezone.localdate(),
            notes=f"Co-funded through the campaign “{campaign.title}” on the hub.",
        )
        recorded.append(council.name)
    return recorded


@transaction.atomic
def campaign_deliver(*, user, campaign: Campaign, now: datetime | None = None) -> Campaign:
    """The lead marks a live campaign delivered: its councils become adopters (piloting)."""
    now = now or timezone.now()
    campaign = lock_campaign(campaign)
    check_transition(campaign, CampaignState.DELIVERED)
    require(user_can_manage(user=user, campaign=campaign), "Only the lead can mark it delivered.")
    if campaign.delivery_stage != DeliveryStage.LIVE:
        raise ValidationError("Pass the live stage gate before marking it delivered.")
    if campaign.solution_id is None:
        raise ValidationError(
            {"solution": "Link the listing of what was delivered before marking it delivered."}
        )
    campaign_move(campaign, CampaignState.DELIVERED)
    campaign.delivered_at = now
    campaign.save(update_fields=["delivered_at"])
    solution = SolutionPage.objects.get(pk=campaign.solution_id)
    adopters = _record_adopters(campaign, solution)
    solution_update_record(
        solution=solution,
        kind=SolutionUpdateKind.NEW_CAMPAIGN,
        text=(
            f"The co-funded campaign “{campaign.title}” has delivered"
            + (f": {', '.join(adopters)} now pilot it." if adopters else ".")
        ),
    )
    update_post(
        campaign=campaign,
        author=user,
        text="Delivered. Every council that pledged is now piloting the solution.",
        now=now,
        tell_solution_followers=False,  # they hear of it once, with the councils named
    )
    return campaign
