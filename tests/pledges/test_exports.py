"""Exports of funded campaigns: CSV, OCDS 1.1 release package and 360Giving, on a campaign
pledged to by several councils; every field the issue names is checked."""

import csv
import io
from decimal import Decimal

from django.test import override_settings

import pytest

from hub.factories import CouncilFactory, VendorFactory
from pledges.factories import CampaignFactory, PledgeFactory
from pledges.models import Bid, BidStatus, Commitment
from pledges.services.settlement import campaign_settle

pytestmark = pytest.mark.django_db
PREFIXES = {"PLEDGES_OCDS_OCID_PREFIX": "ocds-abc123", "PLEDGES_360GIVING_PREFIX": "GB-COH-0000"}


@pytest.fixture
def funded(db):
    camden = CouncilFactory(camden=True, website="https://www.camden.gov.uk/")
    cardiff = CouncilFactory(cardiff=True)
    brent = CouncilFactory(
        name="Brent",
        slug="brent",
        local_authority_code="BEN",
        gss_code="E09000005",
        region="London",
    )
    northern = CouncilFactory(
        name="Belfast",
        slug="belfast",
        local_authority_code="BFS",
        gss_code="N09000003",
        nation="Northern Ireland",
    )
    funder = VendorFactory(name="Greater London Authority", kind="public_body")
    campaign = CampaignFactory(
        title="Resident index together",
        slug="resident-index-together",
        lead_council=camden,
        target_gbp=Decimal("60000"),
        min_councils=3,
        match_funder=funder,
        match_cap_gbp=Decimal("20000"),
    )
    for council, amount in (
        (camden, "30000"),
        (cardiff, "20000.50"),
        (brent, "15000"),
        (northern, "5000"),
    ):
        PledgeFactory(campaign=campaign, council=council, amount_gbp=Decimal(amount))
    campaign_settle(campaign=campaign, now=campaign.closes_at)
    campaign.refresh_from_db()
    CampaignFactory(title="Still open, not exported")
    return campaign


def test_the_csv_has_one_row_per_pledging_council(client, funded):
    response = client.get("/api/v1/campaigns/export.csv")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert len(rows) == 4
    assert {row["Council"] for row in rows} == {"Camden", "Cardiff", "Brent", "Belfast"}
    camden = next(row for row in rows if row["Council"] == "Camden")
    assert camden["Amount GBP"] == "30000.00"
    assert camden["Council GSS code"] == "E09000007"
    assert camden["Council org-id"] == "GB-LAE-CMD"
    assert camden["Commitment status"] == "Committed"
    assert camden["Match funding GBP"] == "20000.00"
    assert all(row["Campaign"] == "Resident index together" for row in rows)


@override_settings(**PREFIXES)
def test_the_ocds_release_package(client, funded):
    package = client.get("/api/v1/campaigns/ocds.json").json()

    assert {"uri", "publisher", "publishedDate", "version", "releases"} <= set(package)
    assert package["version"] == "1.1"
    assert package["uri"].endswith("/api/v1/campaigns/ocds.json")
    assert package["publisher"]["name"] == "Council Solutions Hub"
    (release,) = package["releases"]
    assert release["ocid"] == "ocds-abc123-resident-index-together"
    assert {"id", "date", "tag"} <= set(release)
    assert release["initiationType"] == "tender"
    assert "buyer" not in release
    buyers = [party for party in release["parties"] if "buyer" in party["roles"]]
    assert {party["name"] for party in buyers} == {
        "Camden Council",
        "Cardiff Council",
        "Brent Council",
        "Belfast Council",
    }
    assert {party["id"] for party in buyers} >= {"GB-LAE-CMD", "GB-PLA-CRF", "GB-LAE-BEN"}
    lead = release["tender"]["procuringEntity"]
    assert lead == {"id": "GB-LAE-CMD", "name": "Camden Council"}
    assert (
        "procuringEntity" in next(p for p in release["parties"] if p["id"] == lead["id"])["roles"]
    )
    breakdown = release["planning"]["budget"]["budgetBreakdown"]
    assert len(breakdown) == 4
    for share in breakdown:
        assert {"id", "amount", "sourceParty"} <= set(share)
        assert share["amount"]["currency"] == "GBP"
        assert share["sourceParty"]["id"] in {party["id"] for party in buyers}
    cardiff = next(s for s in breakdown if s["sourceParty"]["id"] == "GB-PLA-CRF")
    assert cardiff["amount"] == {"amount": 20000.5, "currency": "GBP"}
    assert release["planning"]["budget"]["amount"] == {"amount": 70000.5, "currency": "GBP"}
    assert release["tender"]["value"] == {"amount": 60000.0, "currency": "GBP"}
    funder = next(p for p in release["parties"] if p["roles"] == ["funder"])
    assert funder["name"] == "Greater London Authority"


@override_settings(**PREFIXES)
def test_the_ocds_release_names_the_winner_once_chosen(client, funded):
    vendor = VendorFactory(name="Civic Data Co")
    Bid.objects.create(
        campaign=funded,
        vendor=vendor,
        submitted_by=funded.lead_user,
        approach="x",
        price_gbp=Decimal("55000"),
        timeline="x",
        team="x",
        status=BidStatus.WON,
    )

    (release,) = client.get("/api/v1/campaigns/ocds.json").json()["releases"]

    assert "award" in release["tag"]
    (award,) = release["awards"]
    assert award["value"] == {"amount": 55000.0, "currency": "GBP"}
    assert award["suppliers"][0]["name"] == "Civic Data Co"


@override_settings(**PREFIXES)
def test_360giving_has_one_grant_per_paying_council(client, funded):
    package = client.get("/api/v1/campaigns/360giving.json").json()

    grants = package["grants"]
    assert len(grants) == 4
    required = {
        "id",
        "title",
        "description",
        "currency",
        "amountAwarded",
        "awardDate",
        "fundingOrganization",
        "recipientOrganization",
    }
    for grant in grants:
        assert required <= set(grant)
        assert grant["id"].startswith("360G-GB-COH-0000-resident-index-together-")
        assert grant["currency"] == "GBP"
        assert grant["recipientOrganization"] == [{"id": "GB-LAE-CMD", "name": "Camden Council"}]
    by_funder = {grant["fundingOrganization"][0]["id"]: grant for grant in grants}
    assert by_funder["GB-PLA-CRF"]["amountAwarded"] == 20000.5
    assert by_funder["GB-LAE-BEN"]["amountAwarded"] == 15000.0
    # Belfast has no org-id.guide list: it is named under the hub's own prefix.
    assert "XI-HUB-GB-COH-0000-belfast" in by_funder
    assert len({grant["id"] for grant in grants}) == 4


def test_360giving_leaves_out_open_and_unsuccessful_campaigns(client):
    failing = CampaignFactory(target_gbp=Decimal("1000000"))
    PledgeFactory(campaign=failing)
    campaign_settle(campaign=failing, now=failing.closes_at)

    assert client.get("/api/v1/campaigns/360giving.json").json()["grants"] == []
    assert client.get("/api/v1/campaigns/ocds.json").json()["releases"] == []


def test_a_staff_time_only_commitment_is_not_a_grant(client, funded):
    Commitment.objects.filter(council__slug="brent").update(amount_gbp=0)

    grants = client.get("/api/v1/campaigns/360giving.json").json()["grants"]

    assert len(grants) == 3


def test_csv_cells_that_would_be_formulas_are_neutralised(client):
    council = CouncilFactory(name="=HYPERLINK(1)")
    campaign = CampaignFactory(min_councils=1, target_gbp=Decimal("1"))
    PledgeFactory(campaign=campaign, council=council)
    campaign_settle(campaign=campaign, now=campaign.closes_at)

    body = client.get("/api/v1/campaigns/export.csv").content.decode()

    assert "'=HYPERLINK(1)" in body


def test_exports_take_no_parameters(client):
    for path in ("export.csv", "ocds.json", "360giving.json"):
        assert client.get(f"/api/v1/campaigns/{path}", {"x": "1"}).status_code == 400
