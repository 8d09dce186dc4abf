"""Tending a campaign: the lead's updates, and people following it.

An update goes to the campaign's followers in their next digest (``reminders``) and, if
the campaign is linked to a listed solution, to that solution's followers through the
catalogue's follows hook (``listings.follows.services.solution_update_record``).
"""

from __future__ import annotations

from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from listings.follows.services import solution_update_record
from listings.models import SolutionUpdateKind
from pledges.models import Campaign, CampaignFollow, CampaignUpdate
from pledges.permissions import user_can_follow, user_can_post_update
from pledges.services.common import lock_campaign, require

UPDATE_MAX_LENGTH = 2000


def update_post(
    *,
    campaign: Campaign,
    author,
    text: str,
    stage: str = "",
    now: datetime,
    tell_solution_followers: bool = True,
) -> CampaignUpdate:
    """Record an update on a locked campaign (the callers check who may post)."""
    text = (text or "").strip()
    if not text:
        raise ValidationError({"text": "Write the update."})
    if len(text) > UPDATE_MAX_LENGTH:
        raise ValidationError({"text": f"Keep the update to {UPDATE_MAX_LENGTH} characters."})
    update = CampaignUpdate.objects.create(
        campaign=campaign, author=author, text=text, stage=stage, created_at=now
    )
    campaign.last_update_at = now
    campaign.save(update_fields=["last_update_at"])
    if tell_solution_followers and campaign.solution_id is not None:
        solution_update_record(
            solution=campaign.solution,
            kind=SolutionUpdateKind.NEW_CAMPAIGN,
            text=f"Update on the co-funding campaign “{campaign.title}”: {text}",
        )
    return update


@transaction.atomic
def campaign_post_update(
    *, user, campaign: Campaign, text: str, now: datetime | None = None
) -> CampaignUpdate:
    """The lead tells followers how the campaign is going."""
    campaign = lock_campaign(campaign)
    require(
        user_can_post_update(user=user, campaign=campaign),
        "Only the campaign's lead posts updates, while it is running.",
    )
    return update_post(campaign=campaign, author=user, text=text, now=now or timezone.now())


@transaction.atomic
def campaign_follow(*, user, campaign: Campaign) -> CampaignFollow:
    """Follow from now on: updates already posted are not sent."""
    require(user_can_follow(user=user, campaign=campaign), "Sign in to follow a campaign.")
    latest = campaign.updates.aggregate(latest=Max("pk"))["latest"] or 0
    follow, _ = CampaignFollow.objects.get_or_create(
        user=user, campaign=campaign, defaults={"last_update_sent_id": latest}
    )
    return follow


@transaction.atomic
def campaign_unfollow(*, user, campaign: Campaign) -> bool:
    deleted, _ = CampaignFollow.objects.filter(user=user, campaign=campaign).delete()
    return bool(deleted)
