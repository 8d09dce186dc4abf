"""Every permission predicate, each allowed path and each refused one."""

from datetime import UTC, datetime, timedelta
from decimal import Decimal

from django.contrib.auth.models import AnonymousUser, Group
from django.utils import timezone

import pytest

from hub.factories import CouncilFactory, MembershipFactory, UserFactory, VendorFactory
from hub.models import Membership, MembershipRole, MembershipStatus
from pledges import permissions as p
from pledges.factories import BidFactory, CampaignFactory, PledgeFactory, procurement_lead
from pledges.models import (
    BidStatus,
    CampaignState,
    Commitment,
    Pledge,
    PledgeStatus,
)

pytestmark = pytest.mark.django_db
ANONYMOUS = AnonymousUser()


@pytest.fixture
def moderator(db):
    user = UserFactory()
    user.groups.add(Group.objects.get(name="Moderators"))
    return user


def member(council, role=MembershipRole.MEMBER, status=MembershipStatus.APPROVED):
    return MembershipFactory(organisation=council, role=role, status=status).user


# Helpers


def test_is_procurement_lead(council, lead, plain_member):
    assert p.is_procurement_lead(user=lead, council=council)
    assert not p.is_procurement_lead(user=plain_member, council=council)
    assert not p.is_procurement_lead(user=lead, council=CouncilFactory())
    assert not p.is_procurement_lead(user=lead, council=None)
    assert not p.is_procurement_lead(user=ANONYMOUS, council=council)
    pending = member(council, MembershipRole.PROCUREMENT_LEAD, MembershipStatus.PENDING)
    assert not p.is_procurement_lead(user=pending, council=council)


def test_a_vendors_procurement_lead_is_not_a_councils():
    vendor = VendorFactory()

    assert not p.is_procurement_lead(
        user=member(vendor, MembershipRole.PROCUREMENT_LEAD), council=vendor
    )


def test_a_vendors_procurement_lead_proposes_nothing():
    vendor = VendorFactory()

    assert not p.user_can_propose(user=member(vendor, MembershipRole.PROCUREMENT_LEAD))


def test_is_lead(campaign):
    assert p.is_lead(user=campaign.lead_user, campaign=campaign)
    assert not p.is_lead(user=UserFactory(), campaign=campaign)
    assert not p.is_lead(user=ANONYMOUS, campaign=campaign)


# Proposing


def test_user_can_propose(council, lead, plain_member):
    assert p.user_can_propose(user=lead, council=council)
    assert p.user_can_propose(user=lead)
    assert not p.user_can_propose(user=plain_member, council=council)
    assert not p.user_can_propose(user=plain_member)
    assert not p.user_can_propose(user=lead, council=CouncilFactory())
    assert not p.user_can_propose(user=ANONYMOUS)
    assert not p.user_can_propose(user=ANONYMOUS, council=council)


def test_a_former_council_cannot_propose():
    former = CouncilFactory(is_current=False)
    lead = procurement_lead(former)

    assert not p.user_can_propose(user=lead, council=former)
    assert not p.user_can_propose(user=lead)


def test_user_can_edit_draft():
    draft = CampaignFactory(state=CampaignState.DRAFT)
    proposer = procurement_lead(draft.lead_council)
    draft.proposed_by = proposer
    draft.save()

    assert p.user_can_edit_draft(user=draft.lead_user, campaign=draft)
    assert p.user_can_edit_draft(user=proposer, campaign=draft)
    assert not p.user_can_edit_draft(user=UserFactory(), campaign=draft)
    assert not p.user_can_edit_draft(user=ANONYMOUS, campaign=draft)
    draft.state = CampaignState.SUBMITTED
    assert not p.user_can_edit_draft(user=draft.lead_user, campaign=draft)


def test_user_can_approve(moderator):
    submitted = CampaignFactory(state=CampaignState.SUBMITTED)

    assert p.user_can_approve(user=moderator, campaign=submitted)
    assert not p.user_can_approve(user=submitted.lead_user, campaign=submitted)
    assert not p.user_can_approve(user=ANONYMOUS, campaign=submitted)
    submitted.state = CampaignState.OPEN
    assert not p.user_can_approve(user=moderator, campaign=submitted)


def test_user_can_manage(campaign, moderator):
    assert p.user_can_manage(user=campaign.lead_user, campaign=campaign)
    assert not p.user_can_manage(user=moderator, campaign=campaign)
    assert not p.user_can_manage(user=procurement_lead(campaign.lead_council), campaign=campaign)


@pytest.mark.parametrize("state", list(CampaignState))
def test_user_can_post_update(state):
    campaign = CampaignFactory(state=state)

    assert p.user_can_post_update(user=campaign.lead_user, campaign=campaign) == (
        state in p.UPDATABLE_STATES
    )
    assert not p.user_can_post_update(user=UserFactory(), campaign=campaign)


@pytest.mark.parametrize("state", list(CampaignState))
def test_user_can_cancel(state, moderator):
    campaign = CampaignFactory(state=state)
    cancellable = state not in (CampaignState.DELIVERED, CampaignState.CANCELLED)

    assert p.user_can_cancel(user=campaign.lead_user, campaign=campaign) == cancellable
    assert p.user_can_cancel(user=moderator, campaign=campaign) == cancellable
    assert not p.user_can_cancel(user=UserFactory(), campaign=campaign)
    assert not p.user_can_cancel(user=ANONYMOUS, campaign=campaign)


@pytest.mark.parametrize("state", list(CampaignState))
def test_user_can_view(state, moderator):
    campaign = CampaignFactory(state=state)
    public = state not in (CampaignState.DRAFT, CampaignState.SUBMITTED)

    assert p.user_can_view(user=ANONYMOUS, campaign=campaign) == public
    assert p.user_can_view(user=UserFactory(), campaign=campaign) == public
    assert p.user_can_view(user=campaign.lead_user, campaign=campaign)
    assert p.user_can_view(user=moderator, campaign=campaign)


def test_the_proposer_sees_their_draft():
    draft = CampaignFactory(state=CampaignState.DRAFT)
    proposer = UserFactory()
    draft.proposed_by = proposer

    assert p.user_can_view(user=proposer, campaign=draft)


def test_user_can_follow(campaign):
    assert p.user_can_follow(user=UserFactory(), campaign=campaign)
    assert not p.user_can_follow(user=ANONYMOUS, campaign=campaign)
    assert not p.user_can_follow(
        user=UserFactory(), campaign=CampaignFactory(state=CampaignState.DRAFT)
    )


def test_user_can_see_ledger(campaign, moderator):
    pledged = PledgeFactory(campaign=campaign)
    colleague = member(pledged.council)

    assert p.user_can_see_ledger(user=campaign.lead_user, campaign=campaign)
    assert p.user_can_see_ledger(user=moderator, campaign=campaign)
    assert p.user_can_see_ledger(user=colleague, campaign=campaign)
    assert p.user_can_see_ledger(user=member(campaign.lead_council), campaign=campaign)
    assert not p.user_can_see_ledger(user=member(CouncilFactory()), campaign=campaign)
    assert not p.user_can_see_ledger(user=UserFactory(), campaign=campaign)
    assert not p.user_can_see_ledger(user=ANONYMOUS, campaign=campaign)
    pending = member(pledged.council, status=MembershipStatus.PENDING)
    assert not p.user_can_see_ledger(user=pending, campaign=campaign)


def test_a_council_that_withdrew_still_sees_the_ledger(campaign):
    pledged = PledgeFactory(campaign=campaign)
    Pledge.objects.filter(pk=pledged.pk).update(status=PledgeStatus.WITHDRAWN)

    assert p.user_can_see_ledger(user=member(pledged.council), campaign=campaign)


# Pledging


def test_user_can_pledge(campaign, council, lead, plain_member):
    assert p.user_can_pledge(user=lead, campaign=campaign, council=council)
    assert p.pledge_refusal(user=lead, campaign=campaign, council=council) is None


def test_user_can_pledge_asks_about_the_moment_given(campaign, council, lead):
    assert not p.user_can_pledge(
        user=lead, campaign=campaign, council=council, now=campaign.closes_at
    )


@pytest.mark.parametrize(
    ("who", "message"),
    [
        ("anonymous", "Sign in to pledge."),
        ("plain_member", "Only approved procurement leads of Camden can pledge for it."),
        ("other_council", "Only approved procurement leads of Cardiff can pledge for it."),
        ("vendor", "Only councils pledge."),
        ("no_council", "Only councils pledge."),
    ],
)
def test_who_may_not_pledge(campaign, council, lead, plain_member, who, message):
    user, target = {
        "anonymous": (ANONYMOUS, council),
        "plain_member": (plain_member, council),
        "other_council": (lead, CouncilFactory(cardiff=True)),
        "vendor": (lead, VendorFactory()),
        "no_council": (lead, None),
    }[who]

    refusal = p.pledge_refusal(user=user, campaign=campaign, council=target)

    assert refusal == p.Refusal(message, forbidden=True)
    assert not p.user_can_pledge(user=user, campaign=campaign, council=target)


def test_when_a_pledge_is_refused(campaign, council, lead):
    early = p.pledge_refusal(
        user=lead, campaign=campaign, council=council, now=campaign.opens_at - timedelta(hours=1)
    )
    late = p.pledge_refusal(user=lead, campaign=campaign, council=council, now=campaign.closes_at)
    at_opening = p.pledge_refusal(
        user=lead, campaign=campaign, council=council, now=campaign.opens_at
    )

    assert early.message.startswith("Pledges open on ") and not early.forbidden
    assert late == p.Refusal("The deadline for pledges has passed.", forbidden=False)
    assert at_opening is None


def test_the_opening_date_is_given_in_local_time(council, lead):
    opens_at = datetime(2026, 6, 30, 23, 30, tzinfo=UTC)  # 00:30 on 1 July in London
    campaign = CampaignFactory(opens_at=opens_at, closes_at=opens_at + timedelta(days=30))

    refusal = p.pledge_when_refusal(campaign=campaign, now=opens_at - timedelta(minutes=1))

    assert refusal == p.Refusal("Pledges open on 1 July 2026.", forbidden=False)


def test_a_campaign_not_open_refuses_pledges(council, lead):
    campaign = CampaignFactory(state=CampaignState.FUNDED)

    refusal = p.pledge_refusal(user=lead, campaign=campaign, council=council)

    assert refusal == p.Refusal(
        "This campaign is not open for pledges: it is funded.", forbidden=False
    )


def test_user_can_amend_and_withdraw(campaign, council, lead, plain_member):
    pledge = PledgeFactory(campaign=campaign, council=council, user=lead)

    for predicate in (p.user_can_amend, p.user_can_withdraw):
        assert predicate(user=lead, pledge=pledge)
        assert predicate(user=procurement_lead(council), pledge=pledge)
        assert not predicate(user=plain_member, pledge=pledge)
        assert not predicate(user=procurement_lead(CouncilFactory()), pledge=pledge)
        assert not predicate(user=ANONYMOUS, pledge=pledge)
        assert not predicate(user=lead, pledge=pledge, now=campaign.closes_at)


@pytest.mark.parametrize(
    "status", [PledgeStatus.WITHDRAWN, PledgeStatus.COMMITTED, PledgeStatus.RELEASED]
)
def test_only_a_pledged_pledge_changes(campaign, council, lead, status):
    pledge = PledgeFactory(campaign=campaign, council=council, user=lead)
    pledge.status = status

    refusal = p.pledge_change_refusal(user=lead, pledge=pledge)

    assert refusal == p.Refusal(
        f"This pledge is {status.label.lower()}, so it cannot be changed.", forbidden=False
    )


def test_user_can_record_commitment(campaign, council, lead, plain_member):
    pledge = PledgeFactory(campaign=campaign, council=council, user=lead)
    commitment = Commitment(
        pledge=pledge, campaign=campaign, council=council, amount_gbp=Decimal(1), staff_days=0
    )

    assert p.user_can_record_commitment(user=lead, commitment=commitment)
    assert p.user_can_record_commitment(user=campaign.lead_user, commitment=commitment)
    assert not p.user_can_record_commitment(user=plain_member, commitment=commitment)
    assert not p.user_can_record_commitment(user=UserFactory(), commitment=commitment)
    assert not p.user_can_record_commitment(user=ANONYMOUS, commitment=commitment)


# The bake-off


@pytest.fixture
def bidding(db):
    """A funded campaign with published criteria: bidding is open."""
    return CampaignFactory(state=CampaignState.FUNDED, criteria_published_at=timezone.now())


@pytest.fixture
def vendor_member(db):
    vendor = VendorFactory(name="Civic Data Co")
    return vendor, member(vendor)


def test_user_can_bid(bidding, vendor_member):
    vendor, user = vendor_member

    assert p.user_can_bid(user=user, campaign=bidding, vendor=vendor)


@pytest.mark.parametrize(
    ("case", "message", "forbidden"),
    [
        ("anonymous", "Sign in to bid.", True),
        ("council", "Only vendors bid.", True),
        ("no_vendor", "Only vendors bid.", True),
        ("outsider", "Only approved members of Civic Data Co can bid for it.", True),
        ("not_funded", "Bids are taken only once a campaign is funded.", False),
        ("no_criteria", "Bidding opens when the lead publishes the scoring criteria.", False),
        ("closed", "Bidding has closed.", False),
    ],
)
def test_bid_refusals(bidding, vendor_member, case, message, forbidden):
    vendor, user = vendor_member
    target = vendor
    if case == "anonymous":
        user = ANONYMOUS
    elif case == "council":
        target = CouncilFactory()
        user = member(target)
    elif case == "no_vendor":
        target = None
    elif case == "outsider":
        user = UserFactory()
    elif case == "not_funded":
        bidding.state = CampaignState.OPEN
    elif case == "no_criteria":
        bidding.criteria_published_at = None
    elif case == "closed":
        bidding.bidding_closed_at = bidding.criteria_published_at

    refusal = p.bid_refusal(user=user, campaign=bidding, vendor=target)

    assert refusal == p.Refusal(message, forbidden=forbidden)
    assert not p.user_can_bid(user=user, campaign=bidding, vendor=target)


@pytest.fixture
def scoring(db):
    """A funded campaign whose bidding has closed, Camden having pledged; one bid."""
    campaign = CampaignFactory()
    council = CouncilFactory(camden=True)
    lead = procurement_lead(council)
    pledge = PledgeFactory(campaign=campaign, council=council, user=lead)
    Pledge.objects.filter(pk=pledge.pk).update(status=PledgeStatus.COMMITTED)
    campaign.state = CampaignState.FUNDED
    campaign.criteria_published_at = campaign.bidding_closed_at = timezone.now()
    campaign.save()
    BidFactory(campaign=campaign)
    return campaign, council, lead


def test_user_can_score(scoring):
    campaign, council, lead = scoring

    assert p.user_can_score(user=lead, campaign=campaign, council=council)


@pytest.mark.parametrize(
    ("case", "message", "forbidden"),
    [
        ("anonymous", "Sign in to score bids.", True),
        ("did_not_pledge", "Only councils that pledged to this campaign score its bids.", True),
        ("no_council", "Only councils that pledged to this campaign score its bids.", True),
        ("plain_member", "Only approved procurement leads of Camden can score for it.", True),
        ("bidding_open", "Scoring opens when bidding has closed.", False),
        ("not_funded", "Scoring opens when bidding has closed.", False),
        ("winner_chosen", "The winner has been chosen, so scoring has ended.", False),
    ],
)
def test_score_refusals(scoring, case, message, forbidden):
    campaign, council, user = scoring
    if case == "anonymous":
        user = ANONYMOUS
    elif case == "did_not_pledge":
        council = CouncilFactory()
        user = procurement_lead(council)
    elif case == "no_council":
        council = None
    elif case == "plain_member":
        user = member(council)
    elif case == "bidding_open":
        campaign.bidding_closed_at = None
    elif case == "not_funded":
        campaign.state = CampaignState.IN_DELIVERY
    elif case == "winner_chosen":
        campaign.bids.update(status=BidStatus.WON)

    refusal = p.score_refusal(user=user, campaign=campaign, council=council)

    assert refusal == p.Refusal(message, forbidden=forbidden)
    assert not p.user_can_score(user=user, campaign=campaign, council=council)


def test_a_council_that_withdrew_before_funding_does_not_score(scoring):
    campaign, _, _ = scoring
    withdrawn = CouncilFactory()
    pledge = PledgeFactory(campaign=CampaignFactory(), council=withdrawn)
    Pledge.objects.filter(pk=pledge.pk).update(campaign=campaign, status=PledgeStatus.WITHDRAWN)

    assert not p.user_can_score(
        user=procurement_lead(withdrawn), campaign=campaign, council=withdrawn
    )


def test_a_council_committed_to_another_campaign_does_not_score_this_one(scoring):
    campaign, _, _ = scoring
    elsewhere = CouncilFactory()
    pledge = PledgeFactory(campaign=CampaignFactory(), council=elsewhere)
    Pledge.objects.filter(pk=pledge.pk).update(status=PledgeStatus.COMMITTED)

    assert not p.user_can_score(
        user=procurement_lead(elsewhere), campaign=campaign, council=elsewhere
    )
    assert not p.user_can_see_bids(user=member(elsewhere), campaign=campaign)


def test_a_winner_chosen_on_another_campaign_does_not_end_scoring_here(scoring):
    campaign, council, lead = scoring
    BidFactory(campaign=CampaignFactory(state=CampaignState.FUNDED), status=BidStatus.WON)

    assert p.score_refusal(user=lead, campaign=campaign, council=council) is None


def test_user_can_decide(scoring, moderator):
    campaign, _, lead = scoring

    assert p.user_can_decide(user=campaign.lead_user, campaign=campaign)
    assert not p.user_can_decide(user=lead, campaign=campaign)
    assert not p.user_can_decide(user=moderator, campaign=campaign)
    campaign.bidding_closed_at = None
    assert not p.user_can_decide(user=campaign.lead_user, campaign=campaign)
    campaign.bidding_closed_at = campaign.criteria_published_at
    campaign.state = CampaignState.IN_DELIVERY
    assert not p.user_can_decide(user=campaign.lead_user, campaign=campaign)


def test_user_can_see_bids(scoring, moderator):
    campaign, council, _ = scoring

    assert p.user_can_see_bids(user=campaign.lead_user, campaign=campaign)
    assert p.user_can_see_bids(user=moderator, campaign=campaign)
    assert p.user_can_see_bids(user=member(council), campaign=campaign)
    assert not p.user_can_see_bids(user=UserFactory(), campaign=campaign)
    assert not p.user_can_see_bids(user=ANONYMOUS, campaign=campaign)
    campaign.state = CampaignState.OPEN
    assert not p.user_can_see_bids(user=campaign.lead_user, campaign=campaign)


def test_nobody_but_the_lead_and_moderators_sees_bids_when_no_council_committed(moderator):
    campaign = CampaignFactory(state=CampaignState.FUNDED)

    assert p.user_can_see_bids(user=campaign.lead_user, campaign=campaign)
    assert p.user_can_see_bids(user=moderator, campaign=campaign)
    assert not p.user_can_see_bids(user=UserFactory(), campaign=campaign)


def test_the_lead_sees_the_ledger_even_without_a_membership(campaign):
    Membership.objects.filter(user=campaign.lead_user).delete()

    assert p.user_can_see_ledger(user=campaign.lead_user, campaign=campaign)
