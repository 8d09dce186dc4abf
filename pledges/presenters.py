"""How campaigns read on pages and in emails: progress, days left, staleness, money.

Selectors fetch; this module turns what they fetched into words and numbers for people.
Money is formatted by the hub's one formatter (``format_gbp``).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal

from django.utils import timezone
from django.utils.formats import date_format

from hub.formatting import format_gbp, format_staff_days, share
from pledges.models import BidStatus, Campaign, CampaignFollow, CampaignState
from pledges.models.choices import FUNDED_STATES
from pledges.permissions import (
    user_can_amend,
    user_can_bid,
    user_can_edit_draft,
    user_can_follow,
    user_can_manage,
    user_can_pledge,
    user_can_score,
    user_can_see_ledger,
)
from pledges.selectors import (
    bid_results,
    campaign_updates,
    criteria_for,
    live_pledges,
    money_followed,
    procurement_councils,
    released_pledges,
    vendor_organisations,
)
from pledges.services.reminders import QUIET_DAYS, last_activity
from pledges.services.settlement import match_amount

STATE_TAG_COLOURS = {
    CampaignState.DRAFT: "grey",
    CampaignState.SUBMITTED: "yellow",
    CampaignState.OPEN: "blue",
    CampaignState.FUNDED: "green",
    CampaignState.UNSUCCESSFUL: "red",
    CampaignState.IN_DELIVERY: "purple",
    CampaignState.DELIVERED: "turquoise",
    CampaignState.CANCELLED: "grey",
}


def _date(value: datetime) -> str:
    return date_format(timezone.localtime(value), "j F Y")


def days_left_label(campaign: Campaign, now: datetime | None = None) -> str:
    """ "12 days left", "Closes today", "Opens on 1 May 2026", "Closed on 3 March 2026"."""
    now = now or timezone.now()
    if campaign.state in (CampaignState.DRAFT, CampaignState.SUBMITTED):
        return f"Would close on {_date(campaign.closes_at)}"
    if campaign.state == CampaignState.OPEN and now < campaign.opens_at:
        return f"Opens on {_date(campaign.opens_at)}"
    if campaign.state != CampaignState.OPEN or now >= campaign.closes_at:
        return f"Closed on {_date(campaign.closes_at)}"
    if timezone.localdate(campaign.closes_at) == timezone.localdate(now):
        return "Closes today"
    days = math.ceil((campaign.closes_at - now) / timedelta(days=1))
    return f"{days} day{'s' if days != 1 else ''} left"


def stale_label(campaign: Campaign, now: datetime | None = None) -> str:
    """ "Last update 34 days ago" once the lead has been quiet for 30 days, else ""."""
    if campaign.state not in (
        CampaignState.OPEN,
        CampaignState.FUNDED,
        CampaignState.IN_DELIVERY,
    ):
        return ""
    since = last_activity(campaign)
    if since is None:
        return ""
    days = ((now or timezone.now()) - since).days
    return f"Last update {days} days ago" if days >= QUIET_DAYS else ""


@dataclass(frozen=True)
class Progress:
    """One target: how far it has got, as numbers and a percentage for the bar."""

    label: str
    value_text: str
    target_text: str
    percent: int
    reached: bool


@dataclass(frozen=True)
class CampaignSummary:
    campaign: Campaign
    state_label: str
    state_colour: str
    days_left: str
    stale: str
    money: Progress
    councils: Progress
    staff_days: str
    match_text: str


def money_counted(campaign: Campaign) -> Decimal:
    """The councils' money to show: the live total, or what was pledged at settlement
    for a campaign whose pledges were released."""
    if campaign.state == CampaignState.UNSUCCESSFUL and campaign.settled_gbp is not None:
        return campaign.settled_gbp
    return campaign.pledged_gbp


def councils_counted(campaign: Campaign) -> int:
    if campaign.state == CampaignState.UNSUCCESSFUL and campaign.settled_council_count is not None:
        return campaign.settled_council_count
    return campaign.council_count


def match_text(campaign: Campaign) -> str:
    """The match funder, apart from the councils' money (it counts only if funded)."""
    if campaign.match_funder_id is None:
        return ""
    name, cap = campaign.match_funder.name, format_gbp(campaign.match_cap_gbp)
    if campaign.match_gbp is not None:
        return f"{name} adds {format_gbp(campaign.match_gbp)} in match funding (1:1, up to {cap})."
    if campaign.state == CampaignState.OPEN:
        would = format_gbp(match_amount(campaign))
        return (
            f"{name} matches councils' pledges 1:1 up to {cap}, if the campaign is funded: "
            f"{would} at today's pledges."
        )
    return f"{name} offered to match councils' pledges 1:1 up to {cap}."


def _councils(count: int) -> str:
    return f"{count} council{'s' if count != 1 else ''}"


def campaign_summary(campaign: Campaign, now: datetime | None = None) -> CampaignSummary:
    money, councils = money_counted(campaign), councils_counted(campaign)
    return CampaignSummary(
        campaign=campaign,
        state_label=campaign.get_state_display(),
        state_colour=STATE_TAG_COLOURS.get(campaign.state, "grey"),
        days_left=days_left_label(campaign, now),
        stale=stale_label(campaign, now),
        money=Progress(
            label="Money pledged by councils",
            value_text=format_gbp(money),
            target_text=format_gbp(campaign.target_gbp),
            percent=share(money, campaign.target_gbp),
            reached=money >= campaign.target_gbp,
        ),
        councils=Progress(
            label="Councils pledging",
            value_text=_councils(councils),
            target_text=_councils(campaign.min_councils),
            percent=share(Decimal(councils), Decimal(campaign.min_councils)),
            reached=councils >= campaign.min_councils,
        ),
        staff_days=format_staff_days(campaign.pledged_staff_days)
        if campaign.pledged_staff_days
        else "",
        match_text=match_text(campaign),
    )


@dataclass(frozen=True)
class CouncilAction:
    """What a procurement lead may do for one of their councils on this campaign."""

    council: object
    pledge: object | None
    can_pledge: bool
    can_change: bool


def council_actions(campaign: Campaign, user, councils, pledges_by_council, now=None):
    """For each council the user leads procurement for: pledge, or amend/withdraw its pledge."""
    actions = []
    for council in councils:
        pledge = pledges_by_council.get(council.pk)
        if pledge is None:
            allowed = user_can_pledge(user=user, campaign=campaign, council=council, now=now)
            actions.append(CouncilAction(council, None, allowed, False))
        else:
            pledge.campaign = campaign
            allowed = user_can_amend(user=user, pledge=pledge, now=now)
            actions.append(CouncilAction(council, pledge, False, allowed))
    return actions


def campaign_page(campaign: Campaign, user, now: datetime | None = None) -> dict:
    """Everything the campaign page shows, and what this viewer may do there."""
    now = now or timezone.now()
    pledges = list(live_pledges(campaign))
    by_council = {pledge.council_id: pledge for pledge in pledges}
    signed_in = user.is_authenticated
    followed = signed_in and CampaignFollow.objects.filter(user=user, campaign=campaign).exists()
    winner_chosen = campaign.bids.filter(status=BidStatus.WON).exists()
    return {
        "campaign": campaign,
        "summary": campaign_summary(campaign, now),
        "pledges": pledges,
        "released": list(released_pledges(campaign))
        if campaign.state == CampaignState.UNSUCCESSFUL
        else [],
        "money": money_followed(campaign) if campaign.state in FUNDED_STATES else None,
        "updates": list(campaign_updates(campaign)[:20]),
        "actions": council_actions(campaign, user, procurement_councils(user), by_council, now)
        if signed_in
        else [],
        "following": followed,
        "can_follow": user_can_follow(user=user, campaign=campaign),
        "can_see_ledger": user_can_see_ledger(user=user, campaign=campaign),
        "can_manage": user_can_manage(user=user, campaign=campaign),
        "can_edit_draft": user_can_edit_draft(user=user, campaign=campaign),
        "can_bid": any(
            user_can_bid(user=user, campaign=campaign, vendor=vendor)
            for vendor in vendor_organisations(user)
        ),
        "can_score": any(
            user_can_score(user=user, campaign=campaign, council=council)
            for council in procurement_councils(user)
        )
        if signed_in and campaign.bidding_closed_at
        else False,
        "criteria": criteria_for(campaign) if campaign.criteria_published_at else [],
        "results": bid_results(campaign) if winner_chosen else [],
        "winner_chosen": winner_chosen,
    }
