"""The bake-off services: criteria, bids, declarations, scores, decisions, in that order."""

from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

import pytest

from hub.factories import CouncilFactory, MembershipFactory, UserFactory, VendorFactory
from pledges.factories import CampaignFactory, PledgeFactory, procurement_lead
from pledges.models import Bid, BidStatus, CampaignState, Criterion, Decision, Score
from pledges.models.bids import ATTACHMENT_MAX_BYTES
from pledges.selectors import bid_results, scoring_complete
from pledges.services import bakeoff
from pledges.services.bakeoff import CriterionSpec
from pledges.services.settlement import campaign_settle

pytestmark = pytest.mark.django_db
CRITERIA = [CriterionSpec("Approach", 60), CriterionSpec("Price", 40, "Value for money")]


@pytest.fixture
def funded(db):
    campaign = CampaignFactory(target_gbp=Decimal("20000"), min_councils=2)
    councils = [CouncilFactory(camden=True), CouncilFactory(cardiff=True)]
    leads = [procurement_lead(council) for council in councils]
    for council, lead in zip(councils, leads, strict=True):
        PledgeFactory(campaign=campaign, council=council, user=lead)
    campaign_settle(campaign=campaign, now=campaign.closes_at)
    campaign.refresh_from_db()
    campaign.councils, campaign.scorers = councils, leads
    return campaign


def vendor_member(name):
    vendor = VendorFactory(name=name)
    return vendor, MembershipFactory(organisation=vendor, user=UserFactory()).user


def bid(campaign, name="Civic Data Co", **kwargs):
    vendor, user = vendor_member(name)
    fields = {
        "approach": "Discovery then alpha.",
        "price_gbp": Decimal("18000"),
        "timeline": "12 weeks",
        "team": "Three people",
    }
    fields.update(kwargs)
    return bakeoff.bid_submit(user=user, campaign=campaign, vendor=vendor, **fields)


@pytest.fixture
def bidding(funded):
    bakeoff.criteria_set(user=funded.lead_user, campaign=funded, criteria=CRITERIA)
    bakeoff.criteria_publish(user=funded.lead_user, campaign=funded)
    funded.refresh_from_db()
    return funded


@pytest.fixture
def scoring(bidding):
    bidding.bids_made = [bid(bidding, "Civic Data Co"), bid(bidding, "Roundwise GIS")]
    bakeoff.bidding_close(user=bidding.lead_user, campaign=bidding)
    bidding.refresh_from_db()
    return bidding


def score_all(campaign, council, lead, value=4, skip=()):
    bakeoff.conflict_declare(
        user=lead,
        campaign=campaign,
        council=council,
        conflicted_bids=[b for b in campaign.bids_made if b.pk in skip],
        details="Our former employee leads this bid." if skip else "",
    )
    scores = {
        (b.pk, c.pk): (value, "")
        for b in campaign.bids_made
        if b.pk not in skip
        for c in Criterion.objects.filter(campaign=campaign)
    }
    return bakeoff.scores_record(user=lead, campaign=campaign, council=council, scores=scores)


# Criteria


def test_the_lead_sets_and_publishes_weighted_criteria(funded):
    criteria = bakeoff.criteria_set(user=funded.lead_user, campaign=funded, criteria=CRITERIA)
    bakeoff.criteria_publish(user=funded.lead_user, campaign=funded)

    assert [(c.name, c.weight, c.position) for c in criteria] == [
        ("Approach", 60, 0),
        ("Price", 40, 1),
    ]
    funded.refresh_from_db()
    assert funded.criteria_published_at is not None


def test_criteria_can_be_replaced_until_published(funded):
    bakeoff.criteria_set(user=funded.lead_user, campaign=funded, criteria=CRITERIA)
    bakeoff.criteria_set(user=funded.lead_user, campaign=funded, criteria=[CriterionSpec("X", 1)])
    assert list(Criterion.objects.values_list("name", flat=True)) == ["X"]
    bakeoff.criteria_publish(user=funded.lead_user, campaign=funded)

    with pytest.raises(ValidationError, match="published"):
        bakeoff.criteria_set(user=funded.lead_user, campaign=funded, criteria=CRITERIA)


@pytest.mark.parametrize(
    "criteria",
    [
        [],
        [CriterionSpec("", 10)],
        [CriterionSpec("A", 0)],
        [CriterionSpec("A", 101)],
        [CriterionSpec("A", 10), CriterionSpec("A", 20)],
    ],
)
def test_bad_criteria_are_refused(funded, criteria):
    with pytest.raises(ValidationError):
        bakeoff.criteria_set(user=funded.lead_user, campaign=funded, criteria=criteria)
    assert not Criterion.objects.exists()


def test_only_the_lead_sets_criteria(funded):
    with pytest.raises(PermissionDenied):
        bakeoff.criteria_set(user=funded.scorers[0], campaign=funded, criteria=CRITERIA)


def test_publishing_needs_criteria(funded):
    with pytest.raises(ValidationError, match="Set the criteria"):
        bakeoff.criteria_publish(user=funded.lead_user, campaign=funded)


# Bids


def test_a_vendor_bids_once(bidding):
    made = bid(bidding, attachment=SimpleUploadedFile("plan.pdf", b"%PDF-1.7 plan"))

    assert made.status == BidStatus.SUBMITTED and made.attachment.name.endswith(".pdf")
    with pytest.raises(ValidationError, match="already bid"):
        bakeoff.bid_submit(
            user=made.submitted_by,
            campaign=bidding,
            vendor=made.vendor,
            approach="Again",
            price_gbp=Decimal("1"),
            timeline="x",
            team="x",
        )


def test_a_bid_from_a_non_vendor_is_refused(bidding):
    council = bidding.councils[0]

    with pytest.raises(PermissionDenied, match="Only vendors bid"):
        bakeoff.bid_submit(
            user=bidding.scorers[0],
            campaign=bidding,
            vendor=council,
            approach="x",
            price_gbp=Decimal("1"),
            timeline="x",
            team="x",
        )
    assert not Bid.objects.exists()


def test_bids_wait_for_funding_and_published_criteria():
    campaign = CampaignFactory(state=CampaignState.OPEN)

    with pytest.raises(ValidationError, match="funded"):
        bid(campaign)


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("plan.exe", b"MZ", "PDF, ODT, DOCX or TXT"),
        ("plan.pdf", b"not a pdf", "not a PDF"),
        ("plan.docx", b"%PDF-", "not a DOCX"),
        ("notes.txt", b"\xff\xfe\x00", "UTF-8"),
        ("big.pdf", b"%PDF-" + b"0" * ATTACHMENT_MAX_BYTES, "smaller than 5 MB"),
    ],
)
def test_attachments_are_checked(bidding, name, content, message):
    with pytest.raises(ValidationError, match=message):
        bid(bidding, attachment=SimpleUploadedFile(name, content))
    assert not Bid.objects.exists()


@pytest.mark.parametrize("price", [Decimal("0"), Decimal("-5"), Decimal("1.001")])
def test_a_bid_needs_a_proper_price(bidding, price):
    with pytest.raises(ValidationError):
        bid(bidding, price_gbp=price)


def test_a_bid_needs_its_answers(bidding):
    with pytest.raises(ValidationError, match="approach"):
        bid(bidding, approach=" ")


def test_closing_bidding_needs_a_bid(bidding):
    with pytest.raises(ValidationError, match="No vendor"):
        bakeoff.bidding_close(user=bidding.lead_user, campaign=bidding)


# Declarations and scores


def test_councils_declare_then_score_and_scores_complete(scoring):
    for council, lead in zip(scoring.councils, scoring.scorers, strict=True):
        assert not scoring_complete(scoring)
        score_all(scoring, council, lead)

    assert scoring_complete(scoring)
    assert Score.objects.count() == 2 * 2 * 2


def test_a_council_must_declare_before_scoring(scoring):
    with pytest.raises(ValidationError, match="Declare"):
        bakeoff.scores_record(
            user=scoring.scorers[0], campaign=scoring, council=scoring.councils[0], scores={}
        )


def test_a_council_scores_only_what_it_is_not_conflicted_on(scoring):
    conflicted = scoring.bids_made[0]

    score_all(scoring, scoring.councils[0], scoring.scorers[0], skip={conflicted.pk})

    assert not Score.objects.filter(bid=conflicted).exists()
    assert Score.objects.filter(bid=scoring.bids_made[1]).count() == 2


def test_a_conflict_needs_details(scoring):
    with pytest.raises(ValidationError, match="conflict"):
        bakeoff.conflict_declare(
            user=scoring.scorers[0],
            campaign=scoring,
            council=scoring.councils[0],
            conflicted_bids=[scoring.bids_made[0]],
        )


def test_a_council_declares_once_and_scores_once(scoring):
    score_all(scoring, scoring.councils[0], scoring.scorers[0])

    with pytest.raises(ValidationError, match="already"):
        bakeoff.conflict_declare(
            user=scoring.scorers[0], campaign=scoring, council=scoring.councils[0]
        )
    with pytest.raises(ValidationError, match="already scored"):
        bakeoff.scores_record(
            user=scoring.scorers[0], campaign=scoring, council=scoring.councils[0], scores={}
        )


def test_an_incomplete_or_out_of_range_score_sheet_is_refused(scoring):
    council, lead = scoring.councils[0], scoring.scorers[0]
    bakeoff.conflict_declare(user=lead, campaign=scoring, council=council)
    criteria = list(Criterion.objects.filter(campaign=scoring))
    full = {(b.pk, c.pk): (3, "") for b in scoring.bids_made for c in criteria}

    partial = dict(list(full.items())[1:])
    with pytest.raises(ValidationError, match="every bid"):
        bakeoff.scores_record(user=lead, campaign=scoring, council=council, scores=partial)
    for bad in (6, -1, "3", True):
        sheet = {**full, next(iter(full)): (bad, "")}
        with pytest.raises(ValidationError, match="0 to 5"):
            bakeoff.scores_record(user=lead, campaign=scoring, council=council, scores=sheet)
    assert not Score.objects.exists()


def test_a_score_from_a_council_that_did_not_pledge_is_refused(scoring):
    outsider = CouncilFactory()

    with pytest.raises(PermissionDenied, match="councils that pledged"):
        bakeoff.conflict_declare(
            user=procurement_lead(outsider), campaign=scoring, council=outsider
        )
    assert not Score.objects.exists()


# Decisions and results


@pytest.fixture
def scored(scoring):
    score_all(scoring, scoring.councils[0], scoring.scorers[0], value=5)
    score_all(scoring, scoring.councils[1], scoring.scorers[1], value=2)
    return scoring


def test_weighted_results_average_councils_and_weight_criteria(scored):
    Score.objects.filter(bid=scored.bids_made[1], criterion__name="Price").update(score=0)

    results = {r.bid.pk: r.weighted_score for r in bid_results(scored)}

    assert results[scored.bids_made[0].pk] == Decimal("3.50")
    # approach (60): (5 + 2) / 2 = 3.5; price (40): 0 -> (3.5 * 60) / 100
    assert results[scored.bids_made[1].pk] == Decimal("2.10")


def test_decisions_wait_for_every_council_to_score(scoring):
    score_all(scoring, scoring.councils[0], scoring.scorers[0])

    with pytest.raises(ValidationError, match="score the bids first"):
        bakeoff.bids_shortlist(
            user=scoring.lead_user, campaign=scoring, bids=scoring.bids_made, reasons="Both good"
        )


def test_the_lead_shortlists_then_chooses_a_winner_with_reasons(scored):
    first, second = scored.bids_made
    bakeoff.bids_shortlist(
        user=scored.lead_user, campaign=scored, bids=[first, second], reasons="Both credible"
    )

    decision = bakeoff.bid_choose_winner(
        user=scored.lead_user, campaign=scored, bid=first, reasons="Best approach"
    )

    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.status, second.status) == (BidStatus.WON, BidStatus.NOT_SELECTED)
    assert decision.reasons == "Best approach" and decision.decided_by == scored.lead_user
    assert Decision.objects.filter(campaign=scored).count() == 3


def test_the_winner_must_have_been_shortlisted(scored):
    with pytest.raises(ValidationError, match="selected for a proof of concept"):
        bakeoff.bid_choose_winner(
            user=scored.lead_user, campaign=scored, bid=scored.bids_made[0], reasons="x"
        )


def test_decisions_need_reasons_and_the_lead(scored):
    with pytest.raises(ValidationError):
        bakeoff.bids_shortlist(
            user=scored.lead_user, campaign=scored, bids=scored.bids_made, reasons=""
        )
    with pytest.raises(PermissionDenied):
        bakeoff.bids_shortlist(
            user=scored.scorers[0], campaign=scored, bids=scored.bids_made, reasons="x"
        )
    with pytest.raises(ValidationError, match="at least one"):
        bakeoff.bids_shortlist(user=scored.lead_user, campaign=scored, bids=[], reasons="x")
