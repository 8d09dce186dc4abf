"""Delivery: stage gates, linking the listing, and every pledging council becoming an adopter."""

from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError

import pytest

from hub.factories import UserFactory
from listings.factories import AdoptionFactory, SolutionPageFactory
from listings.models import Adoption, AdoptionStatus
from pledges.factories import BidFactory, CampaignFactory, PledgeFactory
from pledges.models import Campaign, CampaignState, CampaignUpdate, DeliveryStage
from pledges.services.delivery import (
    campaign_deliver,
    campaign_link_solution,
    campaign_pass_stage_gate,
    campaign_start_delivery,
)
from pledges.services.lifecycle import unique_campaign_slug
from pledges.services.settlement import campaign_settle

pytestmark = pytest.mark.django_db


@pytest.fixture
def funded(db):
    """Funded by two councils, no bake-off (a direct award)."""
    campaign = CampaignFactory(target_gbp=Decimal("20000"), min_councils=2)
    PledgeFactory(campaign=campaign)
    PledgeFactory(campaign=campaign)
    campaign_settle(campaign=campaign, now=campaign.closes_at)
    campaign.refresh_from_db()
    assert campaign.state == CampaignState.FUNDED
    return campaign


def through_the_gates(campaign):
    lead = campaign.lead_user
    campaign_start_delivery(user=lead, campaign=campaign)
    for stage in ("alpha", "beta", "live"):
        campaign_pass_stage_gate(user=lead, campaign=campaign, stage=stage, text=f"{stage} done")
    campaign.refresh_from_db()
    return campaign


def test_delivery_starts_at_discovery_with_an_update(funded):
    campaign_start_delivery(user=funded.lead_user, campaign=funded)

    funded.refresh_from_db()
    assert funded.state == CampaignState.IN_DELIVERY
    assert funded.delivery_stage == DeliveryStage.DISCOVERY
    assert CampaignUpdate.objects.get(campaign=funded).stage == DeliveryStage.DISCOVERY
    assert funded.last_update_at is not None


def test_after_a_bake_off_the_winner_comes_before_delivery(funded):
    BidFactory(campaign=funded)

    with pytest.raises(ValidationError, match="winning bid"):
        campaign_start_delivery(user=funded.lead_user, campaign=funded)


def test_stage_gates_pass_in_order_each_with_an_update(funded):
    campaign = through_the_gates(funded)

    assert campaign.delivery_stage == DeliveryStage.LIVE
    stages = list(
        CampaignUpdate.objects.filter(campaign=campaign).order_by("pk").values_list("stage", "text")
    )
    assert [stage for stage, _ in stages] == ["discovery", "alpha", "beta", "live"]
    assert stages[1][1] == "alpha done"


@pytest.mark.parametrize("stage", ["discovery", "beta", "live", "gamma"])
def test_a_stage_gate_out_of_order_is_refused(funded, stage):
    campaign_start_delivery(user=funded.lead_user, campaign=funded)

    with pytest.raises(ValidationError, match="next stage is Alpha"):
        campaign_pass_stage_gate(user=funded.lead_user, campaign=funded, stage=stage, text="x")


def test_a_stage_gate_needs_its_update(funded):
    campaign_start_delivery(user=funded.lead_user, campaign=funded)

    with pytest.raises(ValidationError):
        campaign_pass_stage_gate(user=funded.lead_user, campaign=funded, stage="alpha", text=" ")


def test_no_stage_after_live(funded):
    campaign = through_the_gates(funded)

    with pytest.raises(ValidationError, match="Delivery is live"):
        campaign_pass_stage_gate(user=campaign.lead_user, campaign=campaign, stage="live", text="x")


def test_stage_gates_only_during_delivery_and_only_by_the_lead(funded):
    with pytest.raises(ValidationError, match="during delivery"):
        campaign_pass_stage_gate(user=funded.lead_user, campaign=funded, stage="alpha", text="x")
    campaign_start_delivery(user=funded.lead_user, campaign=funded)

    with pytest.raises(PermissionDenied):
        campaign_pass_stage_gate(user=UserFactory(), campaign=funded, stage="alpha", text="x")


def test_a_campaign_for_a_need_is_delivered_only_once_its_listing_is_linked(funded):
    campaign = through_the_gates(funded)

    with pytest.raises(ValidationError, match="Link the listing"):
        campaign_deliver(user=campaign.lead_user, campaign=campaign)
    assert Campaign.objects.get(pk=campaign.pk).state == CampaignState.IN_DELIVERY


def test_delivery_needs_the_live_stage(funded):
    campaign_start_delivery(user=funded.lead_user, campaign=funded)
    campaign_link_solution(user=funded.lead_user, campaign=funded, solution=SolutionPageFactory())

    with pytest.raises(ValidationError, match="live stage gate"):
        campaign_deliver(user=funded.lead_user, campaign=funded)


def test_delivered_councils_become_adopters_piloting_the_solution(funded):
    solution = SolutionPageFactory()
    campaign = through_the_gates(funded)
    campaign_link_solution(user=campaign.lead_user, campaign=campaign, solution=solution)

    campaign_deliver(user=campaign.lead_user, campaign=campaign)

    campaign.refresh_from_db()
    assert campaign.state == CampaignState.DELIVERED and campaign.delivered_at is not None
    councils = {p.council_id for p in campaign.pledges.all()}
    adoptions = Adoption.objects.filter(solution=solution)
    assert {a.council_id for a in adoptions} == councils
    assert {a.status for a in adoptions} == {AdoptionStatus.PILOTING}
    assert all(a.confirmed and campaign.title in a.notes for a in adoptions)
    solution.refresh_from_db()
    assert solution.adopter_count == 2
    (news,) = solution.updates.filter(kind="new_campaign", text__contains="has delivered")
    assert "now pilot it" in news.text


def test_a_council_already_using_the_solution_is_not_downgraded(funded):
    solution = SolutionPageFactory()
    council = funded.pledges.first().council
    AdoptionFactory(solution=solution, council=council, status=AdoptionStatus.PRODUCTION)
    campaign = through_the_gates(funded)
    campaign_link_solution(user=campaign.lead_user, campaign=campaign, solution=solution)

    campaign_deliver(user=campaign.lead_user, campaign=campaign)

    assert Adoption.objects.get(solution=solution, council=council).status == "production"
    assert Adoption.objects.filter(solution=solution).count() == 2


def test_only_a_published_listing_is_linked(funded):
    with pytest.raises(ValidationError, match="published listing"):
        campaign_link_solution(
            user=funded.lead_user, campaign=funded, solution=SolutionPageFactory(live=False)
        )


def test_the_listing_of_a_delivered_campaign_stays(funded):
    solution = SolutionPageFactory()
    campaign = through_the_gates(funded)
    campaign_link_solution(user=campaign.lead_user, campaign=campaign, solution=solution)
    campaign_deliver(user=campaign.lead_user, campaign=campaign)

    with pytest.raises(ValidationError):
        campaign_link_solution(
            user=campaign.lead_user, campaign=campaign, solution=SolutionPageFactory()
        )


def test_campaign_slugs_avoid_the_pages_under_campaigns():
    assert unique_campaign_slug("Propose") == "propose-2"
    assert unique_campaign_slug("Waiting") == "waiting-2"
    CampaignFactory(slug="resident-index")
    assert unique_campaign_slug("Resident index") == "resident-index-2"


def test_deleting_a_linked_listing_unlinks_its_campaign(funded):
    solution = SolutionPageFactory()
    campaign_link_solution(user=funded.lead_user, campaign=funded, solution=solution)

    solution.delete()

    funded.refresh_from_db()
    assert funded.solution is None and funded.state == CampaignState.FUNDED
