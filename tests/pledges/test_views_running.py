"""Proposing, running, following the money and the bake-off, through their pages."""

from datetime import timedelta
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

import pytest

from hub.factories import CouncilFactory, MembershipFactory, UserFactory, VendorFactory
from listings.factories import SolutionPageFactory
from pledges.factories import CampaignFactory, PledgeFactory, procurement_lead
from pledges.models import (
    Bid,
    BidStatus,
    Campaign,
    CampaignState,
    CampaignUpdate,
    Commitment,
    CommitmentStatus,
    Criterion,
    Score,
)
from pledges.services import bakeoff
from pledges.services.bakeoff import CriterionSpec
from pledges.services.settlement import campaign_settle

pytestmark = pytest.mark.django_db


# Proposing


@pytest.fixture
def proposer(client):
    camden = CouncilFactory(camden=True)
    lead = procurement_lead(camden)
    client.force_login(lead)
    return lead


def test_a_procurement_lead_proposes_through_the_question_pages(client, proposer):
    solution = SolutionPageFactory(slug="resident-index")
    today = timezone.localdate()
    start = client.get("/campaigns/propose/")
    base = "/campaigns/propose/camden/"
    about = client.post(
        f"{base}about/",
        {
            "title": "Shared resident index",
            "kind": "co_development",
            "pitch": "One index for five boroughs.",
            "problem": "Records are scattered.",
            "outcomes": "Sublets found.",
            "business_case": "Camden reported £3.4 million on track.",
            "service_areas": ["housing"],
            "listing": "/solutions/resident-index/",
        },
    )
    money = client.post(
        f"{base}money/",
        {"target_gbp": "150000", "min_councils": "3", "funding_model": "all_or_nothing"},
    )
    timing = client.post(
        f"{base}timing/",
        {
            "opens_on": today.isoformat(),
            "closes_on": (today + timedelta(days=60)).isoformat(),
            "budget_year": "2026/27",
            "procurement_route": "G-Cloud 14, Lot 2",
            "lead_user": proposer.pk,
        },
    )
    check = client.get(f"{base}check/")
    sent = client.post(f"{base}check/")

    assert start["Location"] == f"{base}about/"
    assert [about["Location"], money["Location"], timing["Location"]] == [
        f"{base}money/",
        f"{base}timing/",
        f"{base}check/",
    ]
    assert "£150,000.00" in check.content.decode()
    campaign = Campaign.objects.get()
    assert sent["Location"] == f"/campaigns/{campaign.slug}/sent/"
    assert campaign.state == CampaignState.SUBMITTED
    assert campaign.solution == solution
    assert campaign.target_gbp == Decimal("150000") and campaign.min_councils == 3
    assert list(campaign.service_areas.values_list("slug", flat=True)) == ["housing"]
    assert timezone.localtime(campaign.closes_at).date() == today + timedelta(days=61)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"target_gbp": "0", "min_councils": "3"}, "Enter an amount above £0."),
        ({"target_gbp": "100", "min_councils": "0"}, "At least 1 council must pledge"),
        (
            {"target_gbp": "100", "min_councils": "1", "match_cap_gbp": "50"},
            "Select the match funder",
        ),
        (
            {
                "target_gbp": "100",
                "min_councils": "1",
                "min_pledge_gbp": "50",
                "max_pledge_gbp": "10",
            },
            "must not be below the minimum",
        ),
    ],
)
def test_the_money_page_refuses_zero_targets_and_inconsistent_limits(
    client, proposer, data, message
):
    response = client.post(
        "/campaigns/propose/camden/money/", {"funding_model": "all_or_nothing", **data}
    )

    assert message in response.content.decode()
    assert "govuk-error-summary" in response.content.decode()


def test_only_procurement_leads_propose(client):
    client.force_login(UserFactory())

    response = client.get("/campaigns/propose/")

    assert response.status_code == 403
    assert "Only procurement leads propose campaigns" in response.content.decode()


# Running


@pytest.fixture
def lead_client(client, campaign):
    client.force_login(campaign.lead_user)
    return client


def manage(campaign):
    return f"{campaign.get_absolute_url()}manage/"


def test_the_lead_posts_an_update(lead_client, campaign):
    response = lead_client.post(
        manage(campaign), {"action": "update", "update-text": "Brent joined."}
    )

    assert response.status_code == 302
    assert CampaignUpdate.objects.get().text == "Brent joined."
    assert "Brent joined." in lead_client.get(campaign.get_absolute_url()).content.decode()


def test_an_empty_update_is_a_form_error(lead_client, campaign):
    response = lead_client.post(manage(campaign), {"action": "update", "update-text": ""})

    assert "Write the update" in response.content.decode()
    assert not CampaignUpdate.objects.exists()


def test_only_the_lead_runs_the_campaign(client, campaign):
    client.force_login(UserFactory())

    assert client.get(manage(campaign)).status_code == 403


def test_the_lead_closes_early_and_cancels(lead_client, campaign):
    lead_client.post(manage(campaign), {"action": "close"})
    campaign.refresh_from_db()
    assert campaign.state == CampaignState.UNSUCCESSFUL

    lead_client.post(manage(campaign), {"action": "cancel", "cancel-reason": "Merged"})
    campaign.refresh_from_db()
    assert campaign.state == CampaignState.CANCELLED


def test_a_refused_action_is_explained(lead_client, campaign):
    response = lead_client.post(manage(campaign), {"action": "start_delivery"})

    assert "cannot become in delivery" in response.content.decode()


def test_delivery_through_the_lead_page(lead_client, campaign):
    solution = SolutionPageFactory(slug="resident-index")
    PledgeFactory(campaign=campaign)
    campaign.min_councils, campaign.target_gbp = 1, Decimal("1000")
    campaign.save()
    lead_client.post(manage(campaign), {"action": "close"})
    lead_client.post(manage(campaign), {"action": "start_delivery"})
    for stage in ("alpha", "beta", "live"):
        lead_client.post(
            manage(campaign), {"action": "stage", "stage-stage": stage, "stage-text": f"{stage}."}
        )
    bad_link = lead_client.post(
        manage(campaign), {"action": "link", "link-listing": "/solutions/nope/"}
    )
    lead_client.post(
        manage(campaign), {"action": "link", "link-listing": "/solutions/resident-index/"}
    )
    lead_client.post(manage(campaign), {"action": "deliver"})

    campaign.refresh_from_db()
    assert "Enter the address of a published listing" in bad_link.content.decode()
    assert campaign.state == CampaignState.DELIVERED and campaign.solution == solution
    assert solution.adoptions.count() == 1


# My council's pledges and following the money


def test_my_councils_pledges_records_the_purchase_order_invoice_and_payment(client, campaign):
    camden = CouncilFactory(camden=True)
    lead = procurement_lead(camden)
    PledgeFactory(campaign=campaign, council=camden, user=lead, amount_gbp=Decimal("100000"))
    campaign.min_councils = 1
    campaign.save()
    campaign_settle(campaign=campaign, now=campaign.closes_at)
    commitment = Commitment.objects.get()
    client.force_login(lead)
    base = f"/account/pledges/commitments/{commitment.pk}"

    page = client.get("/account/pledges/").content.decode()
    missing = client.post(f"{base}/order/", {f"c{commitment.pk}-po_number": ""}, follow=True)
    client.post(f"{base}/order/", {f"c{commitment.pk}-po_number": "PO-77"})
    client.post(f"{base}/invoice/", {f"c{commitment.pk}-invoice_reference": "INV-1"})
    client.post(f"{base}/pay/")

    assert "Record the purchase order" in page and campaign.title in page
    assert "Enter the purchase order number" in missing.content.decode()
    commitment.refresh_from_db()
    assert (commitment.status, commitment.po_number) == (CommitmentStatus.PAID, "PO-77")
    shown = client.get(campaign.get_absolute_url()).content.decode()
    assert shown.count("£100,000.00") >= 4  # committed, ordered, invoiced, paid


def test_someone_else_cannot_record_a_commitment(client, campaign):
    PledgeFactory(campaign=campaign, amount_gbp=Decimal("100000"))
    campaign.min_councils = 1
    campaign.save()
    campaign_settle(campaign=campaign, now=campaign.closes_at)
    client.force_login(UserFactory())

    response = client.post(f"/account/pledges/commitments/{Commitment.objects.get().pk}/pay/")

    assert response.status_code == 403


def test_my_councils_pledges_is_empty_for_someone_without_a_council(client):
    client.force_login(UserFactory())

    assert (
        "have not pledged to any campaign yet" in client.get("/account/pledges/").content.decode()
    )


# The bake-off


@pytest.fixture
def bake_off(db):
    campaign = CampaignFactory(target_gbp=Decimal("20000"), min_councils=1)
    council = CouncilFactory(camden=True)
    scorer = procurement_lead(council)
    PledgeFactory(campaign=campaign, council=council, user=scorer, amount_gbp=Decimal("20000"))
    campaign_settle(campaign=campaign, now=campaign.closes_at)
    bakeoff.criteria_set(
        user=campaign.lead_user, campaign=campaign, criteria=[CriterionSpec("Approach", 100)]
    )
    bakeoff.criteria_publish(user=campaign.lead_user, campaign=campaign)
    campaign.refresh_from_db()
    campaign.scorer, campaign.council = scorer, council
    return campaign


def vendor_client(client):
    vendor = VendorFactory(name="Civic Data Co")
    client.force_login(MembershipFactory(organisation=vendor, user=UserFactory()).user)
    return vendor


def test_a_vendor_bids_through_the_form_with_an_attachment(client, bake_off):
    vendor = vendor_client(client)
    bid_url = f"{bake_off.get_absolute_url()}bid/"

    page = client.get(bid_url).content.decode()
    response = client.post(
        bid_url,
        {
            "vendor": vendor.pk,
            "approach": "Two sprints.",
            "price_gbp": "18000",
            "timeline": "8 weeks",
            "team": "Three",
            "attachment": SimpleUploadedFile("plan.pdf", b"%PDF-1.7"),
        },
    )

    assert "Approach (weight 100)" in page
    assert response.status_code == 302
    assert Bid.objects.get().price_gbp == Decimal("18000")


def test_a_bad_attachment_is_a_form_error(client, bake_off):
    vendor = vendor_client(client)

    response = client.post(
        f"{bake_off.get_absolute_url()}bid/",
        {
            "vendor": vendor.pk,
            "approach": "x",
            "price_gbp": "1",
            "timeline": "x",
            "team": "x",
            "attachment": SimpleUploadedFile("plan.pdf", b"MZ not a pdf"),
        },
    )

    assert "The attachment is not a PDF file." in response.content.decode()
    assert not Bid.objects.exists()


def test_a_council_cannot_bid(client, bake_off):
    client.force_login(bake_off.scorer)

    response = client.get(f"{bake_off.get_absolute_url()}bid/")

    assert response.status_code == 403


def test_a_council_declares_scores_and_the_lead_decides(client, bake_off):
    vendor = vendor_client(client)
    client.post(
        f"{bake_off.get_absolute_url()}bid/",
        {"vendor": vendor.pk, "approach": "x", "price_gbp": "100", "timeline": "x", "team": "x"},
    )
    bakeoff.bidding_close(user=bake_off.lead_user, campaign=bake_off)
    bid = Bid.objects.get()
    criterion = Criterion.objects.get()
    client.force_login(bake_off.scorer)
    scoring_url = f"{bake_off.get_absolute_url()}scoring/"

    declaration_page = client.get(scoring_url).content.decode()
    unconfirmed = client.post(scoring_url, {})
    client.post(scoring_url, {"confirm": "on"})
    scores_page = client.get(scoring_url).content.decode()
    client.post(scoring_url, {f"score_{bid.pk}_{criterion.pk}": "4", f"comment_{bid.pk}": "Solid"})

    assert "Declare any conflict of interest" in declaration_page
    assert "Confirm the declaration is complete and true" in unconfirmed.content.decode()
    assert "Score the bids" in scores_page
    assert Score.objects.get().score == 4

    client.force_login(bake_off.lead_user)
    decision_url = f"{bake_off.get_absolute_url()}decision/"
    client.post(decision_url, {"action": "shortlist", "bids": [bid.pk], "reasons": "Credible"})
    client.post(decision_url, {"action": "winner", "bid": bid.pk, "reasons": "Best"})

    bid.refresh_from_db()
    assert bid.status == BidStatus.WON
    public = client.get(bake_off.get_absolute_url()).content.decode()
    assert "The result" in public and "Civic Data Co" in public and "Best" in public


def test_a_council_that_did_not_pledge_cannot_score(client, bake_off):
    client.force_login(procurement_lead(CouncilFactory()))

    response = client.get(f"{bake_off.get_absolute_url()}scoring/")

    assert response.status_code == 403


def test_a_draft_sent_back_is_changed_and_sent_again(client, proposer):
    draft = CampaignFactory(
        state=CampaignState.DRAFT,
        lead_council=proposer.memberships.get().organisation,
        lead_user=proposer,
        proposed_by=proposer,
        moderator_comment="Name the framework lot.",
        opens_at=timezone.now(),
        closes_at=timezone.now() + timedelta(days=30),
    )

    page = client.get(draft.get_absolute_url()).content.decode()
    start = client.get(f"{draft.get_absolute_url()}revise/")
    check = client.get(start["Location"]).content.decode()
    client.post(
        f"{draft.get_absolute_url()}revise/timing/?return=check",
        {
            "opens_on": timezone.localdate().isoformat(),
            "closes_on": (timezone.localdate() + timedelta(days=40)).isoformat(),
            "budget_year": "2026/27",
            "procurement_route": "G-Cloud 14, Lot 2",
            "lead_user": proposer.pk,
        },
    )
    sent = client.post(f"{draft.get_absolute_url()}revise/check/")

    assert "Name the framework lot." in page and "send it for approval again" in page
    assert draft.title in check and "Check your answers before sending" in check
    assert sent["Location"] == f"/campaigns/{draft.slug}/sent/"
    draft.refresh_from_db()
    assert draft.state == CampaignState.SUBMITTED
    assert draft.procurement_route == "G-Cloud 14, Lot 2"
    assert Campaign.objects.count() == 1


def test_someone_else_cannot_change_a_draft(client, proposer):
    draft = CampaignFactory(state=CampaignState.DRAFT)

    assert client.get(f"{draft.get_absolute_url()}revise/").status_code in (403, 404)
