"""Delivery: stage gates, linking the listing, and every pledging council becoming an adopter."""

from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

import pytest

from hub.factories import CouncilFactory, UserFactory
from listings.factories import AdoptionFactory, SolutionPageFactory
from listings.models import Adoption, AdoptionStatus
from pledges.factories import BidFactory, CampaignFactory, PledgeFactory, procurement_lead
from pledges.models import BidStatus, Campaign, CampaignState, CampaignUpdate, DeliveryStage
from pledges.services.delivery import (
    campaign_deliver,
    campaign_link_solution,
    campaign_pass_stage_gate,
    campaign_start_delivery,
)
from pledges.services.lifecycle import campaign_cancel, unique_campaign_slug
from pledges.services.pledging import pledge_withdraw
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


# Each refusal, asserted whole


def test_someone_else_is_told_only_the_lead_starts_delivery(funded):
    with pytest.raises(PermissionDenied) as error:
        campaign_start_delivery(user=UserFactory(), campaign=funded)

    assert str(error.value) == "Only the lead can start delivery."


def test_a_bake_off_without_a_winner_is_explained(funded):
    BidFactory(campaign=funded)

    with pytest.raises(ValidationError) as error:
        campaign_start_delivery(user=funded.lead_user, campaign=funded)

    assert error.value.messages == ["Choose the winning bid before delivery starts."]


def test_delivery_starts_once_the_bake_off_has_a_winner(funded):
    BidFactory(campaign=funded, status=BidStatus.WON)
    BidFactory(campaign=funded, status=BidStatus.NOT_SELECTED)

    campaign_start_delivery(user=funded.lead_user, campaign=funded)

    funded.refresh_from_db()
    assert funded.state == CampaignState.IN_DELIVERY


def test_starting_delivery_posts_its_update(funded):
    campaign_start_delivery(user=funded.lead_user, campaign=funded)

    assert CampaignUpdate.objects.get(campaign=funded).text == "Delivery has started, at discovery."


def test_someone_else_is_told_only_the_lead_passes_stage_gates(funded):
    campaign_start_delivery(user=funded.lead_user, campaign=funded)

    with pytest.raises(PermissionDenied) as error:
        campaign_pass_stage_gate(user=UserFactory(), campaign=funded, stage="alpha", text="x")

    assert str(error.value) == "Only the lead passes stage gates."


def test_a_stage_gate_before_delivery_is_explained(funded):
    with pytest.raises(ValidationError) as error:
        campaign_pass_stage_gate(user=funded.lead_user, campaign=funded, stage="alpha", text="x")

    assert error.value.messages == ["Stage gates are passed during delivery."]


def test_a_stage_gate_out_of_order_names_the_next_stage(funded):
    campaign_start_delivery(user=funded.lead_user, campaign=funded)
    for stage in ("alpha", "beta"):
        campaign_pass_stage_gate(user=funded.lead_user, campaign=funded, stage=stage, text="done")

    with pytest.raises(ValidationError) as error:
        campaign_pass_stage_gate(user=funded.lead_user, campaign=funded, stage="alpha", text="x")

    assert error.value.message_dict == {"stage": ["The next stage is Live."]}
    funded.refresh_from_db()
    assert funded.delivery_stage == DeliveryStage.BETA


def test_a_stage_gate_after_live_says_delivery_is_live(funded):
    campaign = through_the_gates(funded)

    with pytest.raises(ValidationError) as error:
        campaign_pass_stage_gate(user=campaign.lead_user, campaign=campaign, stage="live", text="x")

    assert error.value.message_dict == {"stage": ["Delivery is live."]}


def test_a_stage_gate_without_its_update_says_what_is_missing(funded):
    campaign_start_delivery(user=funded.lead_user, campaign=funded)

    with pytest.raises(ValidationError) as error:
        campaign_pass_stage_gate(user=funded.lead_user, campaign=funded, stage="alpha", text=" ")

    assert error.value.message_dict == {"text": ["Say what this stage found or delivered."]}
    funded.refresh_from_db()
    assert funded.delivery_stage == DeliveryStage.DISCOVERY


def test_someone_else_is_told_only_the_lead_links_the_listing(funded):
    with pytest.raises(PermissionDenied) as error:
        campaign_link_solution(user=UserFactory(), campaign=funded, solution=SolutionPageFactory())

    assert str(error.value) == "Only the lead links the listing."


def test_the_listing_of_a_cancelled_campaign_stays_and_says_so(funded):
    campaign_cancel(user=funded.lead_user, campaign=funded, reason="Supplier folded")

    with pytest.raises(ValidationError) as error:
        campaign_link_solution(
            user=funded.lead_user, campaign=funded, solution=SolutionPageFactory()
        )

    assert error.value.messages == [
        "The listing of a delivered or cancelled campaign stays as it is."
    ]
    funded.refresh_from_db()
    assert funded.solution is None


def test_linking_an_unpublished_listing_says_so(funded):
    with pytest.raises(ValidationError) as error:
        campaign_link_solution(
            user=funded.lead_user, campaign=funded, solution=SolutionPageFactory(live=False)
        )

    assert error.value.message_dict == {"solution": ["Link a published listing."]}
    funded.refresh_from_db()
    assert funded.solution is None


def test_someone_else_is_told_only_the_lead_marks_it_delivered(funded):
    campaign = through_the_gates(funded)

    with pytest.raises(PermissionDenied) as error:
        campaign_deliver(user=UserFactory(), campaign=campaign)

    assert str(error.value) == "Only the lead can mark it delivered."


def test_delivering_before_the_live_stage_is_explained(funded):
    campaign_start_delivery(user=funded.lead_user, campaign=funded)
    campaign_link_solution(user=funded.lead_user, campaign=funded, solution=SolutionPageFactory())

    with pytest.raises(ValidationError) as error:
        campaign_deliver(user=funded.lead_user, campaign=funded)

    assert error.value.messages == ["Pass the live stage gate before marking it delivered."]


def test_delivering_without_a_listing_says_what_to_link(funded):
    campaign = through_the_gates(funded)

    with pytest.raises(ValidationError) as error:
        campaign_deliver(user=campaign.lead_user, campaign=campaign)

    assert error.value.message_dict == {
        "solution": ["Link the listing of what was delivered before marking it delivered."]
    }


# What delivery records


def delivered(campaign, solution):
    campaign = through_the_gates(campaign)
    campaign_link_solution(user=campaign.lead_user, campaign=campaign, solution=solution)
    campaign_deliver(user=campaign.lead_user, campaign=campaign)
    campaign.refresh_from_db()
    return campaign


def funded_by(*councils):
    campaign = CampaignFactory(target_gbp=Decimal("10000"), min_councils=1)
    for council in councils:
        PledgeFactory(campaign=campaign, council=council)
    campaign_settle(campaign=campaign, now=campaign.closes_at)
    campaign.refresh_from_db()
    return campaign


def test_the_listings_followers_hear_once_which_councils_now_pilot_it():
    campaign = funded_by(CouncilFactory(cardiff=True), CouncilFactory(camden=True))
    solution = SolutionPageFactory()

    delivered(campaign, solution)

    assert list(solution.updates.filter(kind="new_campaign").values_list("text", flat=True)) == [
        f"The co-funded campaign “{campaign.title}” has delivered: Camden, Cardiff now pilot it."
    ]


def test_the_listings_followers_hear_of_a_delivery_that_adds_no_adopter(funded):
    solution = SolutionPageFactory()
    for pledge in funded.pledges.all():
        AdoptionFactory(solution=solution, council=pledge.council)

    delivered(funded, solution)

    assert list(solution.updates.filter(kind="new_campaign").values_list("text", flat=True)) == [
        f"The co-funded campaign “{funded.title}” has delivered."
    ]


def test_delivery_posts_its_update_on_the_campaign(funded):
    campaign = delivered(funded, SolutionPageFactory())

    assert CampaignUpdate.objects.filter(campaign=campaign).latest("pk").text == (
        "Delivered. Every council that pledged is now piloting the solution."
    )


def test_adopters_pilot_the_solution_from_the_day_of_delivery(funded):
    solution = SolutionPageFactory()

    delivered(funded, solution)

    assert {a.since for a in Adoption.objects.filter(solution=solution)} == {timezone.localdate()}


def test_a_council_that_withdrew_its_pledge_does_not_become_an_adopter():
    stays, leaves = CouncilFactory(camden=True), CouncilFactory(cardiff=True)
    campaign = CampaignFactory(target_gbp=Decimal("10000"), min_councils=1)
    PledgeFactory(campaign=campaign, council=stays)
    withdrawn = PledgeFactory(campaign=campaign, council=leaves)
    pledge_withdraw(user=procurement_lead(leaves), pledge=withdrawn, reason="No budget")
    campaign_settle(campaign=campaign, now=campaign.closes_at)
    solution = SolutionPageFactory()

    delivered(campaign, solution)

    assert list(Adoption.objects.filter(solution=solution).values_list("council", flat=True)) == [
        stays.pk
    ]


def test_councils_of_another_campaign_do_not_become_adopters():
    ours, theirs = CouncilFactory(camden=True), CouncilFactory(cardiff=True)
    campaign = funded_by(ours)
    funded_by(theirs)
    solution = SolutionPageFactory()

    delivered(campaign, solution)

    assert list(Adoption.objects.filter(solution=solution).values_list("council", flat=True)) == [
        ours.pk
    ]


def test_a_council_using_another_solution_still_becomes_an_adopter_of_this_one(funded):
    solution = SolutionPageFactory()
    councils = {pledge.council_id for pledge in funded.pledges.all()}
    for pledge in funded.pledges.all():
        AdoptionFactory(solution=SolutionPageFactory(), council=pledge.council)

    delivered(funded, solution)

    adoptions = Adoption.objects.filter(solution=solution)
    assert {(a.council_id, a.status) for a in adoptions} == {
        (council, AdoptionStatus.PILOTING) for council in councils
    }
