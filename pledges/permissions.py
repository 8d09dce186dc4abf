"""Who may do what in co-funding: one predicate per action, called by everything.

Services, forms, views, the API and page context all ask these, so a page never offers
what the service behind it refuses. Each predicate is ``user_can_<action>(*, user, ...)``.
Actions whose refusal needs explaining (pledging, bidding, scoring) also have a
``*_refusal`` function returning a :class:`Refusal`: the reason, and whether it is about
*who* is asking (``forbidden``: 403) or about *when* (the campaign's state: 400).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.utils import timezone
from django.utils.formats import date_format

from hub.models import Membership, MembershipRole, Organisation
from hub.models.organisations import OrganisationKind
from hub.permissions import user_is_approved_member
from pledges.models import (
    Bid,
    BidStatus,
    Campaign,
    CampaignState,
    Commitment,
    Pledge,
    PledgeStatus,
)
from pledges.models.choices import FUNDED_STATES, PUBLIC_STATES

#: States in which the lead may still post updates.
UPDATABLE_STATES = (
    CampaignState.OPEN,
    CampaignState.FUNDED,
    CampaignState.IN_DELIVERY,
    CampaignState.DELIVERED,
)
#: States a campaign can still be cancelled from.
CANCELLABLE_STATES = tuple(
    state
    for state in CampaignState
    if state not in (CampaignState.DELIVERED, CampaignState.CANCELLED)
)


@dataclass(frozen=True)
class Refusal:
    message: str
    #: True: this person may not do it at all (403). False: not now, or not like this (400).
    forbidden: bool


def _signed_in(user) -> bool:
    return user is not None and user.is_authenticated


def _is_moderator(user) -> bool:
    return _signed_in(user) and bool(user.is_moderator)


def is_procurement_lead(*, user, council: Organisation | None) -> bool:
    """An approved procurement lead of ``council``, which must be a council."""
    if council is None or council.kind != OrganisationKind.COUNCIL:
        return False
    return user_is_approved_member(
        user=user, organisation=council, role=MembershipRole.PROCUREMENT_LEAD
    )


def is_lead(*, user, campaign: Campaign) -> bool:
    """The campaign's named lead."""
    return _signed_in(user) and campaign.lead_user_id == user.pk


def _pledging_council_ids(campaign: Campaign) -> set[int]:
    """Councils that ever pledged to the campaign (withdrawn and released included)."""
    return set(Pledge.objects.filter(campaign=campaign).values_list("council_id", flat=True))


def _committed_council_ids(campaign: Campaign) -> set[int]:
    return set(
        Pledge.objects.filter(campaign=campaign, status=PledgeStatus.COMMITTED).values_list(
            "council_id", flat=True
        )
    )


def _is_member_of_any(user, organisation_ids: set[int]) -> bool:
    if not _signed_in(user) or not organisation_ids:
        return False
    return (
        Membership.objects.approved()
        .filter(user=user, organisation_id__in=organisation_ids)
        .exists()
    )


# Proposing and running a campaign ---------------------------------------------------------


def user_can_propose(*, user, council: Organisation | None = None) -> bool:
    """Approved procurement leads of a current council propose campaigns (for ``council``,
    or for any council of theirs when none is named)."""
    if not _signed_in(user):
        return False
    if council is not None:
        return council.is_current and is_procurement_lead(user=user, council=council)
    return (
        Membership.objects.approved()
        .filter(
            user=user,
            role=MembershipRole.PROCUREMENT_LEAD,
            organisation__kind=OrganisationKind.COUNCIL,
            organisation__is_current=True,
        )
        .exists()
    )


def user_can_edit_draft(*, user, campaign: Campaign) -> bool:
    """The proposer or the lead changes a draft and sends it for approval."""
    if campaign.state != CampaignState.DRAFT or not _signed_in(user):
        return False
    return user.pk in (campaign.proposed_by_id, campaign.lead_user_id)


def user_can_approve(*, user, campaign: Campaign) -> bool:
    """Moderators approve (or send back) a campaign waiting for approval."""
    return campaign.state == CampaignState.SUBMITTED and _is_moderator(user)


def user_can_manage(*, user, campaign: Campaign) -> bool:
    """The named lead runs the campaign: closes it, delivers it, runs the bake-off."""
    return is_lead(user=user, campaign=campaign)


def user_can_post_update(*, user, campaign: Campaign) -> bool:
    return campaign.state in UPDATABLE_STATES and is_lead(user=user, campaign=campaign)


def user_can_cancel(*, user, campaign: Campaign) -> bool:
    if campaign.state not in CANCELLABLE_STATES:
        return False
    return is_lead(user=user, campaign=campaign) or _is_moderator(user)


def user_can_view(*, user, campaign: Campaign) -> bool:
    """Anyone sees a campaign once approved; before that, its proposer, lead and moderators."""
    if campaign.state in PUBLIC_STATES:
        return True
    if not _signed_in(user):
        return False
    return user.pk in (campaign.proposed_by_id, campaign.lead_user_id) or _is_moderator(user)


def user_can_follow(*, user, campaign: Campaign) -> bool:
    return _signed_in(user) and campaign.state in PUBLIC_STATES


def user_can_see_ledger(*, user, campaign: Campaign) -> bool:
    """Participants read the ledger: members of the lead council or of any council that
    pledged, the lead, and moderators."""
    if not _signed_in(user):
        return False
    if is_lead(user=user, campaign=campaign) or _is_moderator(user):
        return True
    return _is_member_of_any(user, _pledging_council_ids(campaign) | {campaign.lead_council_id})


# Pledging ----------------------------------------------------------------------------------


def pledge_who_refusal(*, user, council: Organisation | None) -> Refusal | None:
    """Why ``user`` may not pledge for ``council`` at all (whatever the campaign), or None."""
    if not _signed_in(user):
        return Refusal("Sign in to pledge.", forbidden=True)
    if council is None or council.kind != OrganisationKind.COUNCIL:
        return Refusal("Only councils pledge.", forbidden=True)
    if not is_procurement_lead(user=user, council=council):
        return Refusal(
            f"Only approved procurement leads of {council.name} can pledge for it.",
            forbidden=True,
        )
    return None


def pledge_when_refusal(*, campaign: Campaign, now: datetime) -> Refusal | None:
    """Why ``campaign`` takes no pledges at ``now`` (its state, its dates), or None."""
    if campaign.state != CampaignState.OPEN:
        return Refusal(
            f"This campaign is not open for pledges: it is {campaign.get_state_display().lower()}.",
            forbidden=False,
        )
    if now < campaign.opens_at:
        opens = date_format(timezone.localtime(campaign.opens_at), "j F Y")
        return Refusal(f"Pledges open on {opens}.", forbidden=False)
    if now >= campaign.closes_at:
        return Refusal("The deadline for pledges has passed.", forbidden=False)
    return None


def pledge_refusal(
    *, user, campaign: Campaign, council: Organisation | None, now: datetime | None = None
) -> Refusal | None:
    """Why ``user`` may not pledge to ``campaign`` for ``council`` now, or None if they may."""
    return pledge_who_refusal(user=user, council=council) or pledge_when_refusal(
        campaign=campaign, now=now or timezone.now()
    )


def user_can_pledge(
    *, user, campaign: Campaign, council: Organisation | None, now: datetime | None = None
) -> bool:
    return pledge_refusal(user=user, campaign=campaign, council=council, now=now) is None


def pledge_change_refusal(*, user, pledge: Pledge, now: datetime | None = None) -> Refusal | None:
    """Why ``user`` may not amend or withdraw ``pledge`` now, or None if they may."""
    return pledge_who_refusal(user=user, council=pledge.council) or pledge_change_when_refusal(
        pledge=pledge, now=now
    )


def pledge_change_when_refusal(*, pledge: Pledge, now: datetime | None = None) -> Refusal | None:
    """Why ``pledge`` cannot change now (its status, its campaign's state and dates)."""
    if pledge.status != PledgeStatus.PLEDGED:
        return Refusal(
            f"This pledge is {pledge.get_status_display().lower()}, so it cannot be changed.",
            forbidden=False,
        )
    return pledge_when_refusal(campaign=pledge.campaign, now=now or timezone.now())


def user_can_amend(*, user, pledge: Pledge, now: datetime | None = None) -> bool:
    return pledge_change_refusal(user=user, pledge=pledge, now=now) is None


def user_can_withdraw(*, user, pledge: Pledge, now: datetime | None = None) -> bool:
    return pledge_change_refusal(user=user, pledge=pledge, now=now) is None


def user_can_record_commitment(*, user, commitment: Commitment) -> bool:
    """The paying council's procurement leads, or the campaign's lead, follow the money."""
    if is_lead(user=user, campaign=commitment.campaign):
        return True
    return is_procurement_lead(user=user, council=commitment.council)


# The bake-off ------------------------------------------------------------------------------


def bid_refusal(*, user, campaign: Campaign, vendor: Organisation | None) -> Refusal | None:
    """Why ``user`` may not bid for ``vendor`` on ``campaign``, or None if they may."""
    if not _signed_in(user):
        return Refusal("Sign in to bid.", forbidden=True)
    if vendor is None or vendor.kind != OrganisationKind.VENDOR:
        return Refusal("Only vendors bid.", forbidden=True)
    if not user_is_approved_member(user=user, organisation=vendor):
        return Refusal(f"Only approved members of {vendor.name} can bid for it.", forbidden=True)
    if campaign.state != CampaignState.FUNDED:
        return Refusal("Bids are taken only once a campaign is funded.", forbidden=False)
    if campaign.criteria_published_at is None:
        return Refusal(
            "Bidding opens when the lead publishes the scoring criteria.", forbidden=False
        )
    if campaign.bidding_closed_at is not None:
        return Refusal("Bidding has closed.", forbidden=False)
    return None


def user_can_bid(*, user, campaign: Campaign, vendor: Organisation | None) -> bool:
    return bid_refusal(user=user, campaign=campaign, vendor=vendor) is None


def _winner_chosen(campaign: Campaign) -> bool:
    return Bid.objects.filter(campaign=campaign, status=BidStatus.WON).exists()


def score_refusal(*, user, campaign: Campaign, council: Organisation | None) -> Refusal | None:
    """Why ``user`` may not score bids for ``council``, or None if they may."""
    if not _signed_in(user):
        return Refusal("Sign in to score bids.", forbidden=True)
    if council is None or council.pk not in _committed_council_ids(campaign):
        return Refusal(
            "Only councils that pledged to this campaign score its bids.", forbidden=True
        )
    if not is_procurement_lead(user=user, council=council):
        return Refusal(
            f"Only approved procurement leads of {council.name} can score for it.",
            forbidden=True,
        )
    if campaign.state != CampaignState.FUNDED or campaign.bidding_closed_at is None:
        return Refusal("Scoring opens when bidding has closed.", forbidden=False)
    if _winner_chosen(campaign):
        return Refusal("The winner has been chosen, so scoring has ended.", forbidden=False)
    return None


def user_can_score(*, user, campaign: Campaign, council: Organisation | None) -> bool:
    return score_refusal(user=user, campaign=campaign, council=council) is None


def user_can_decide(*, user, campaign: Campaign) -> bool:
    """The lead selects bids and the winner once bidding has closed."""
    return (
        campaign.state == CampaignState.FUNDED
        and campaign.bidding_closed_at is not None
        and is_lead(user=user, campaign=campaign)
    )


def user_can_see_bids(*, user, campaign: Campaign) -> bool:
    """Every bid, in full: the lead, moderators and the councils that score."""
    if campaign.state not in FUNDED_STATES or not _signed_in(user):
        return False
    if is_lead(user=user, campaign=campaign) or _is_moderator(user):
        return True
    return _is_member_of_any(user, _committed_council_ids(campaign))
