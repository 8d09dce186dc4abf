"""The demo campaigns: four, one per outcome, real councils, clearly demo, safe to reload."""

import csv
import io

from django.core.management import call_command
from django.db import transaction

import pytest

from hub.councils import COUNCILS_CSV, councils_load, read_council_rows
from hub.demo import demo_admin_ensure, demo_organisations_load
from hub.models import User
from listings.models import Adoption, AdoptionStatus
from pledges.demo import DEMO_ADMIN_COUNCIL, DemoCampaignsError, demo_campaigns_load
from pledges.models import (
    Bid,
    BidStatus,
    Campaign,
    CampaignState,
    Commitment,
    LedgerEntry,
    PledgeStatus,
)
from pledges.permissions import user_can_pledge
from pledges.selectors import ledger_totals, live_pledge_totals


@pytest.fixture(scope="module")
def loaded(django_db_setup, django_db_blocker):
    """Councils, the demo catalogue and the demo campaigns, loaded once for the module."""
    with django_db_blocker.unblock(), transaction.atomic():
        councils_load(rows=read_council_rows())
        demo_organisations_load()
        demo_admin_ensure()
        call_command("load_demo_catalogue", no_progress=True, stdout=io.StringIO())
        output = io.StringIO()
        call_command("load_demo_campaigns", stdout=output)
        yield output.getvalue()
        transaction.set_rollback(True)


@pytest.fixture
def demo(loaded, db):
    return loaded


def by_state(state):
    return Campaign.objects.get(state=state)


def test_four_campaigns_one_per_outcome_all_marked_demo(demo):
    campaigns = Campaign.objects.all()

    assert sorted(campaigns.values_list("state", flat=True)) == sorted(
        [
            CampaignState.OPEN,
            CampaignState.FUNDED,
            CampaignState.DELIVERED,
            CampaignState.UNSUCCESSFUL,
        ]
    )
    assert all(c.is_demo and c.title.startswith("Demo:") for c in campaigns)
    assert "4 created" in demo


def test_the_councils_are_real_with_their_gss_codes(demo):
    with COUNCILS_CSV.open(newline="", encoding="utf-8") as handle:
        real = {row["nice-name"]: row["gss-code"] for row in csv.DictReader(handle)}
    for entry in LedgerEntry.objects.select_related("council"):
        assert entry.council.gss_code == real[entry.council.name]


def test_the_open_campaign_has_pledges_and_a_match_funder(demo, client):
    campaign = by_state(CampaignState.OPEN)

    assert campaign.council_count >= 3 and campaign.match_funder is not None
    page = client.get(campaign.get_absolute_url()).content.decode()
    assert "Demo campaign" in page and "Greater London Authority" in page


def test_the_funded_campaign_is_in_its_bake_off(demo):
    campaign = by_state(CampaignState.FUNDED)

    assert campaign.criteria_published_at is not None and campaign.bidding_closed_at is None
    assert Bid.objects.filter(campaign=campaign, status=BidStatus.SUBMITTED).count() == 2
    assert Commitment.objects.filter(campaign=campaign).count() == campaign.council_count


def test_the_delivered_campaigns_councils_are_adopters(demo, client):
    campaign = by_state(CampaignState.DELIVERED)
    councils = set(
        campaign.pledges.filter(status=PledgeStatus.COMMITTED).values_list("council", flat=True)
    )

    adoptions = Adoption.objects.filter(solution=campaign.solution, council__in=councils)
    assert set(adoptions.values_list("council", flat=True)) == councils
    assert all(a.status in (AdoptionStatus.PILOTING, AdoptionStatus.PRODUCTION) for a in adoptions)
    assert Bid.objects.get(campaign=campaign, status=BidStatus.WON)
    page = client.get(campaign.get_absolute_url()).content.decode()
    assert "The result" in page and "Following the money" in page


def test_the_unsuccessful_campaign_released_its_pledges(demo):
    campaign = by_state(CampaignState.UNSUCCESSFUL)

    assert campaign.settled_gbp > 0 and campaign.pledged_gbp == 0
    assert set(campaign.pledges.values_list("status", flat=True)) == {PledgeStatus.RELEASED}


def test_every_demo_ledger_adds_up(demo):
    for campaign in Campaign.objects.all():
        assert ledger_totals(campaign) == live_pledge_totals(campaign)


def test_the_demo_admin_can_pledge_to_the_open_campaign(demo):
    admin = User.objects.get(email="admin@example.com")
    islington = admin.memberships.get(organisation__name=DEMO_ADMIN_COUNCIL).organisation

    assert user_can_pledge(user=admin, campaign=by_state(CampaignState.OPEN), council=islington)


def test_loading_again_creates_nothing(demo):
    before = (Campaign.objects.count(), LedgerEntry.objects.count(), Adoption.objects.count())

    stats = demo_campaigns_load()

    assert stats.created == [] and len(stats.existing) == 4
    assert (
        Campaign.objects.count(),
        LedgerEntry.objects.count(),
        Adoption.objects.count(),
    ) == before


def test_a_council_that_is_not_loaded_is_named(demo, tmp_path):
    data = tmp_path / "campaigns.yaml"
    data.write_text("campaigns:\n  - {slug: x, lead_council: Atlantis, pledges: []}\n")

    with pytest.raises(DemoCampaignsError, match="Councils not loaded: Atlantis"):
        demo_campaigns_load(path=data)
