"""The public campaign pages: the list and its filters, waiting for co-funders, a campaign."""

from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

import pytest

from hub.factories import CouncilFactory, UserFactory, VendorFactory
from hub.models import ServiceArea
from listings.factories import SolutionPageFactory
from pledges.factories import CampaignFactory, PledgeFactory, procurement_lead
from pledges.models import CampaignState, CampaignUpdate
from pledges.services.settlement import campaign_settle

pytestmark = pytest.mark.django_db
LIST = "/campaigns/"


def test_the_list_shows_public_campaigns_with_progress(client):
    campaign = CampaignFactory(title="Resident index together", target_gbp=Decimal("100000"))
    PledgeFactory(campaign=campaign, amount_gbp=Decimal("25000"))
    CampaignFactory(title="A draft nobody sees", state=CampaignState.DRAFT)
    CampaignFactory(title="Waiting for a moderator", state=CampaignState.SUBMITTED)

    response = client.get(LIST)

    page = response.content.decode()
    assert response.status_code == 200
    assert "Resident index together" in page
    assert "A draft nobody sees" not in page and "Waiting for a moderator" not in page
    assert "<strong>£25,000.00</strong> of £100,000.00" in page
    assert 'value="25"' in page  # the progress bar
    assert "<strong>1</strong> campaign" in page


def test_the_list_and_a_campaign_set_no_cookies_for_visitors(client):
    campaign = CampaignFactory()

    assert not client.get(LIST).cookies
    assert not client.get(campaign.get_absolute_url()).cookies


@pytest.mark.parametrize("state", ["open", "funded", "delivered"])
def test_the_list_filters_by_state(client, state):
    for each in ("open", "funded", "delivered"):
        CampaignFactory(title=f"The {each} one", state=each)

    page = client.get(LIST, {"state": state}).content.decode()

    assert f"The {state} one" in page
    assert page.count("hub-campaign-card") == 1


def test_the_list_filters_by_service_area_and_region(client):
    housing = ServiceArea.objects.get(slug="housing")
    london = CampaignFactory(title="London housing", lead_council=CouncilFactory(region="London"))
    london.service_areas.add(housing)
    CampaignFactory(title="Welsh waste", lead_council=CouncilFactory(region="Wales"))
    pledged_from_wales = CampaignFactory(title="Pledged from Wales")
    PledgeFactory(campaign=pledged_from_wales, council=CouncilFactory(region="Wales"))

    by_area = client.get(LIST, {"service_area": "housing"}).content.decode()
    by_region = client.get(LIST, {"region": "Wales"}).content.decode()

    assert "London housing" in by_area and "Welsh waste" not in by_area
    assert "Welsh waste" in by_region and "Pledged from Wales" in by_region
    assert "London housing" not in by_region


def test_an_unknown_filter_value_is_a_400_that_still_lists(client):
    CampaignFactory(title="Still listed")

    response = client.get(LIST, {"state": "bogus", "region": "x" * 5000})

    assert response.status_code == 400
    assert "Still listed" in response.content.decode()


def test_the_list_paginates(client):
    for n in range(12):
        CampaignFactory(title=f"Campaign number {n:02d}")

    first = client.get(LIST).content.decode()
    second = client.get(LIST, {"page": 2}).content.decode()

    assert first.count("hub-campaign-card") == 10
    assert second.count("hub-campaign-card") == 2
    assert 'rel="next"' in first


def test_empty_states(client):
    assert "No campaigns yet" in client.get(LIST).content.decode()
    assert (
        "No campaign is waiting for co-funders"
        in client.get("/campaigns/waiting/").content.decode()
    )
    CampaignFactory()
    filtered = client.get(LIST, {"state": "delivered"}).content.decode()
    assert "No campaigns match these filters" in filtered


def test_waiting_for_co_funders_lists_open_campaigns_short_of_a_target(client):
    short = CampaignFactory(title="Short of money", target_gbp=Decimal("50000"), min_councils=1)
    PledgeFactory(campaign=short, amount_gbp=Decimal("10000"))
    met = CampaignFactory(title="Both targets met", target_gbp=Decimal("10000"), min_councils=1)
    PledgeFactory(campaign=met, amount_gbp=Decimal("10000"))
    CampaignFactory(title="Already funded", state=CampaignState.FUNDED)

    page = client.get("/campaigns/waiting/").content.decode()

    assert "Short of money" in page
    assert "Both targets met" not in page and "Already funded" not in page
    assert "Waiting for co-funders" in page


def test_the_navigation_links_co_funding(client):
    page = client.get(LIST).content.decode()

    assert 'href="/campaigns/" aria-current="page"' in page


# A campaign's page


@pytest.fixture
def running(db):
    funder = VendorFactory(name="Greater London Authority", kind="public_body")
    campaign = CampaignFactory(
        title="Resident index together",
        target_gbp=Decimal("100000"),
        min_councils=3,
        match_funder=funder,
        match_cap_gbp=Decimal("30000"),
    )
    PledgeFactory(
        campaign=campaign, council=CouncilFactory(camden=True), amount_gbp=Decimal("40000")
    )
    PledgeFactory(
        campaign=campaign,
        council=CouncilFactory(name="Brent"),
        amount_gbp=Decimal("20000"),
        staff_days=Decimal("5"),
        conditions="Subject to cabinet",
    )
    CampaignUpdate.objects.create(
        campaign=campaign, author=campaign.lead_user, text="Brent is in.", created_at=timezone.now()
    )
    return campaign


def test_a_campaign_page_shows_progress_councils_match_lead_and_updates(client, running):
    page = client.get(running.get_absolute_url()).content.decode()

    assert "<strong>£60,000.00</strong> of £100,000.00" in page
    assert "<strong>2 councils</strong> of 3 councils" in page
    assert '<progress class="hub-progress__bar" id="progress-money" max="100" value="60"' in page
    assert "days left" in page
    assert "Camden" in page and "Brent" in page and "Subject to cabinet" in page
    assert "Greater London Authority matches councils&#x27; pledges 1:1 up to £30,000.00" in page
    assert "£30,000.00 at today&#x27;s pledges" in page
    assert running.lead_user.email in page
    assert "Brent is in." in page
    assert "5 staff days" in page


def test_a_funded_campaign_shows_committed_ordered_and_paid(client, running):
    running.min_councils = 2
    running.target_gbp = Decimal("50000")
    running.save()
    campaign_settle(campaign=running, now=running.closes_at)

    page = client.get(running.get_absolute_url()).content.decode()

    assert "Following the money" in page
    assert "Purchase orders raised" in page and "Paid" in page
    assert "£60,000.00" in page
    assert "Greater London Authority adds £30,000.00 in match funding" in page


def test_an_unsuccessful_campaign_shows_what_was_pledged_and_released(client, running):
    campaign_settle(campaign=running, now=running.closes_at)

    page = client.get(running.get_absolute_url()).content.decode()

    assert "Unsuccessful" in page
    assert "<strong>£60,000.00</strong> of £100,000.00" in page
    assert "these pledges were released" in page


def test_a_draft_is_hidden_from_everyone_but_its_people(client):
    draft = CampaignFactory(state=CampaignState.DRAFT)

    assert client.get(draft.get_absolute_url()).status_code == 404
    client.force_login(UserFactory())
    assert client.get(draft.get_absolute_url()).status_code == 404
    client.force_login(draft.lead_user)
    assert client.get(draft.get_absolute_url()).status_code == 200


def test_a_procurement_lead_sees_the_pledge_button_for_their_council(client, running):
    council = CouncilFactory(name="Hackney")
    client.force_login(procurement_lead(council))

    page = client.get(running.get_absolute_url()).content.decode()

    assert f'href="/campaigns/{running.slug}/pledge/hackney/amount/"' in page
    assert "Pledge for Hackney" in page


def test_a_council_that_pledged_sees_change_and_withdraw(client, running):
    camden = running.pledges.get(council__slug="camden").council
    client.force_login(procurement_lead(camden))

    page = client.get(running.get_absolute_url()).content.decode()

    assert "Camden has pledged £40,000.00" in page
    assert "Change Camden's pledge" in page
    assert f"/campaigns/{running.slug}/pledge/camden/withdraw/" in page


def test_visitors_are_asked_to_sign_in_to_pledge(client, running):
    page = client.get(running.get_absolute_url()).content.decode()

    assert "Sign in</a> to pledge for your council" in page
    assert "Pledge for" not in page


def test_the_stale_signal_shows_after_30_quiet_days(client):
    campaign = CampaignFactory(approved_at=timezone.now() - timedelta(days=34, hours=1))

    page = client.get(campaign.get_absolute_url()).content.decode()

    assert "Last update 34 days ago" in page


def test_the_linked_listing_is_shown(client):
    solution = SolutionPageFactory(title="Residents Index")
    campaign = CampaignFactory(solution=solution)

    page = client.get(campaign.get_absolute_url()).content.decode()

    assert "Residents Index" in page and solution.url in page


def test_following_a_campaign(client, running):
    user = UserFactory()
    client.force_login(user)

    client.post(f"{running.get_absolute_url()}follow/")
    following = client.get(running.get_absolute_url()).content.decode()
    client.post(f"{running.get_absolute_url()}unfollow/")

    assert "Unfollow" in following
    assert not running.follows.exists()


def test_following_needs_signing_in(client, running):
    response = client.post(f"{running.get_absolute_url()}follow/")

    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


# The ledger page


def test_participants_read_the_ledger(client, running):
    camden = running.pledges.get(council__slug="camden").council
    client.force_login(procurement_lead(camden))

    page = client.get(f"{running.get_absolute_url()}ledger/").content.decode()

    assert "The ledger" in page
    assert page.count("Pledged</td>") == 2
    assert "£60,000.00 from 2 councils" in page


def test_outsiders_do_not_see_the_ledger(client, running):
    assert client.get(f"{running.get_absolute_url()}ledger/").status_code == 302
    client.force_login(UserFactory())
    assert client.get(f"{running.get_absolute_url()}ledger/").status_code == 403
