"""The bake-off services: criteria, bids, declarations, scores, decisions, in that order."""

from datetime import timedelta
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

import pytest

from hub.factories import CouncilFactory, MembershipFactory, UserFactory, VendorFactory
from pledges.factories import (
    BidFactory,
    CampaignFactory,
    CriterionFactory,
    PledgeFactory,
    procurement_lead,
)
from pledges.models import (
    Bid,
    BidStatus,
    CampaignState,
    ConflictDeclaration,
    Criterion,
    Decision,
    DecisionKind,
    Score,
)
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


def test_criteria_are_saved_trimmed_with_their_descriptions(funded):
    bakeoff.criteria_set(
        user=funded.lead_user,
        campaign=funded,
        criteria=[
            CriterionSpec("  Approach ", 1, " How it is built "),
            CriterionSpec("Price", 100),
        ],
    )

    assert list(
        Criterion.objects.filter(campaign=funded).values_list(
            "name", "weight", "description", "position"
        )
    ) == [("Approach", 1, "How it is built", 0), ("Price", 100, "", 1)]


def test_criteria_can_be_replaced_until_published(funded):
    bakeoff.criteria_set(user=funded.lead_user, campaign=funded, criteria=CRITERIA)
    bakeoff.criteria_set(user=funded.lead_user, campaign=funded, criteria=[CriterionSpec("X", 1)])
    assert list(Criterion.objects.values_list("name", flat=True)) == ["X"]
    bakeoff.criteria_publish(user=funded.lead_user, campaign=funded)

    with pytest.raises(ValidationError) as refused:
        bakeoff.criteria_set(user=funded.lead_user, campaign=funded, criteria=CRITERIA)
    assert refused.value.messages == ["The criteria are published, so they cannot change."]


@pytest.mark.parametrize(
    ("criteria", "message"),
    [
        ([], "Give at least one criterion."),
        ([CriterionSpec(" ", 10)], "Give every criterion a name."),
        ([CriterionSpec("A", 10), CriterionSpec("", 20)], "Give every criterion a name."),
        ([CriterionSpec("A", 0)], "Give each criterion a weight from 1 to 100."),
        ([CriterionSpec("A", 101)], "Give each criterion a weight from 1 to 100."),
        ([CriterionSpec("A", 50.0)], "Give each criterion a weight from 1 to 100."),
        (
            [CriterionSpec("A", 10), CriterionSpec(" A ", 20)],
            "Give each criterion a different name.",
        ),
    ],
)
def test_bad_criteria_are_refused(funded, criteria, message):
    with pytest.raises(ValidationError) as refused:
        bakeoff.criteria_set(user=funded.lead_user, campaign=funded, criteria=criteria)
    assert refused.value.message_dict == {"criteria": [message]}
    assert not Criterion.objects.exists()


def test_only_the_lead_sets_criteria(funded):
    with pytest.raises(PermissionDenied) as refused:
        bakeoff.criteria_set(user=funded.scorers[0], campaign=funded, criteria=CRITERIA)
    assert str(refused.value) == "Only the lead sets the criteria."


def test_criteria_are_not_set_before_the_campaign_opens():
    campaign = CampaignFactory(state=CampaignState.DRAFT)

    with pytest.raises(ValidationError) as refused:
        bakeoff.criteria_set(user=campaign.lead_user, campaign=campaign, criteria=CRITERIA)
    assert refused.value.messages == ["Criteria are set while the campaign is open or funded."]
    assert not Criterion.objects.exists()


def test_publishing_needs_criteria(funded):
    with pytest.raises(ValidationError) as refused:
        bakeoff.criteria_publish(user=funded.lead_user, campaign=funded)
    assert refused.value.messages == ["Set the criteria before publishing them."]


def test_publishing_records_the_time_given(funded):
    bakeoff.criteria_set(user=funded.lead_user, campaign=funded, criteria=CRITERIA)
    when = funded.closes_at + timedelta(hours=1)

    bakeoff.criteria_publish(user=funded.lead_user, campaign=funded, now=when)

    funded.refresh_from_db()
    assert funded.criteria_published_at == when


def test_only_the_lead_publishes_criteria(funded):
    bakeoff.criteria_set(user=funded.lead_user, campaign=funded, criteria=CRITERIA)

    with pytest.raises(PermissionDenied) as refused:
        bakeoff.criteria_publish(user=funded.scorers[0], campaign=funded)
    assert str(refused.value) == "Only the lead publishes criteria."
    funded.refresh_from_db()
    assert funded.criteria_published_at is None


def test_criteria_are_not_published_after_the_campaign_fails():
    campaign = CampaignFactory()
    CriterionFactory(campaign=campaign)
    campaign.state = CampaignState.UNSUCCESSFUL
    campaign.save()

    with pytest.raises(ValidationError) as refused:
        bakeoff.criteria_publish(user=campaign.lead_user, campaign=campaign)
    assert refused.value.messages == [
        "Criteria are published while the campaign is open or funded."
    ]


def test_criteria_are_published_once(bidding):
    first = bidding.criteria_published_at

    with pytest.raises(ValidationError) as refused:
        bakeoff.criteria_publish(user=bidding.lead_user, campaign=bidding)
    assert refused.value.messages == ["The criteria are already published."]
    bidding.refresh_from_db()
    assert bidding.criteria_published_at == first


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


def test_a_vendor_that_bid_for_another_campaign_may_bid_for_this_one(bidding):
    earlier = BidFactory()

    made = bakeoff.bid_submit(
        user=earlier.submitted_by,
        campaign=bidding,
        vendor=earlier.vendor,
        approach="Reuse what we built.",
        price_gbp=Decimal("9000"),
        timeline="6 weeks",
        team="Two people",
    )

    assert set(Bid.objects.filter(vendor=earlier.vendor)) == {earlier, made}


def test_a_bid_keeps_its_answers_trimmed(bidding):
    made = bid(
        bidding,
        approach="  Discovery then alpha. ",
        price_gbp=Decimal("18000.5"),
        timeline=" 12 weeks\n",
        team="\tThree people ",
    )

    made.refresh_from_db()
    assert (made.approach, made.price_gbp, made.timeline, made.team) == (
        "Discovery then alpha.",
        Decimal("18000.50"),
        "12 weeks",
        "Three people",
    )
    assert made.attachment.name == ""


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("plan.exe", b"MZ", "The attachment must be a PDF, ODT, DOCX or TXT."),
        ("pdf", b"%PDF-1.7", "The attachment must be a PDF, ODT, DOCX or TXT."),
        ("plan.pdf", b"not a pdf", "The attachment is not a PDF file."),
        ("plan.docx", b"%PDF-", "The attachment is not a DOCX file."),
        ("notes.txt", b"\xff\xfe\x00", "A TXT attachment must be UTF-8 text."),
        (
            "big.pdf",
            b"%PDF-" + b"0" * ATTACHMENT_MAX_BYTES,
            "The attachment must be smaller than 5 MB.",
        ),
    ],
)
def test_attachments_are_checked(bidding, name, content, message):
    with pytest.raises(ValidationError) as refused:
        bid(bidding, attachment=SimpleUploadedFile(name, content))
    assert refused.value.message_dict == {"attachment": [message]}
    assert not Bid.objects.exists()


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("max.pdf", b"%PDF-" + b"0" * (ATTACHMENT_MAX_BYTES - 5)),
        ("my.plan.odt", b"PK\x03\x04 odt"),
        ("PLAN.PDF", b"%PDF-1.7"),
        ("notes.txt", "École: notes".encode()),
    ],
)
def test_allowed_attachments_are_kept_whole(bidding, name, content):
    made = bid(bidding, attachment=SimpleUploadedFile(name, content))

    made.refresh_from_db()
    with made.attachment.open("rb") as saved:
        assert saved.read() == content


@pytest.mark.parametrize(
    ("name", "content"), [("plan.pdf", b"%PDF-1.7 plan"), ("notes.txt", b"Plain notes")]
)
def test_a_checked_attachment_is_left_to_read_from_its_start(name, content):
    upload = SimpleUploadedFile(name, content)

    bakeoff.check_attachment(upload)

    assert upload.read() == content


@pytest.mark.parametrize("price", [Decimal("0"), Decimal("-5"), Decimal("1.001")])
def test_a_bid_needs_a_proper_price(bidding, price):
    with pytest.raises(ValidationError):
        bid(bidding, price_gbp=price)


def test_a_price_in_fractions_of_a_penny_is_refused_as_the_price(bidding):
    with pytest.raises(ValidationError) as refused:
        bid(bidding, price_gbp=Decimal("1.001"))
    assert refused.value.message_dict == {
        "price_gbp": ["Enter the price in pounds and pence, like 1250.50."]
    }


@pytest.mark.parametrize(
    ("price", "message"),
    [
        (Decimal("0"), "Enter a price above £0."),
        (Decimal("10000000000.01"), "Enter a price below £10,000,000,000."),
    ],
)
def test_a_price_out_of_range_is_refused_in_plain_english(bidding, price, message):
    with pytest.raises(ValidationError) as refused:
        bid(bidding, price_gbp=price)
    assert refused.value.message_dict == {"price_gbp": [message]}


@pytest.mark.parametrize(
    ("field", "message"),
    [
        ("approach", "Enter your approach."),
        ("timeline", "Enter the timeline."),
        ("team", "Enter the team."),
    ],
)
def test_a_bid_needs_its_answers(bidding, field, message):
    with pytest.raises(ValidationError) as refused:
        bid(bidding, **{field: " "})
    assert refused.value.message_dict == {field: [message]}
    assert not Bid.objects.exists()


@pytest.mark.parametrize(
    ("field", "message"),
    [
        ("approach", "Keep your approach to 5000 characters."),
        ("timeline", "Keep the timeline to 5000 characters."),
        ("team", "Keep the team to 5000 characters."),
    ],
)
def test_a_bid_answer_longer_than_5000_characters_is_refused(bidding, field, message):
    with pytest.raises(ValidationError) as refused:
        bid(bidding, **{field: "x" * 5001})
    assert refused.value.message_dict == {field: [message]}


def test_a_bid_answer_of_5000_characters_is_kept(bidding):
    made = bid(bidding, approach="x" * 5000)

    made.refresh_from_db()
    assert made.approach == "x" * 5000


def test_closing_bidding_needs_a_bid(bidding):
    with pytest.raises(ValidationError) as refused:
        bakeoff.bidding_close(user=bidding.lead_user, campaign=bidding)
    assert refused.value.messages == ["No vendor has bid yet."]


def test_only_the_lead_closes_bidding(bidding):
    bid(bidding)

    with pytest.raises(PermissionDenied) as refused:
        bakeoff.bidding_close(user=bidding.scorers[0], campaign=bidding)
    assert str(refused.value) == "Only the lead closes bidding."
    bidding.refresh_from_db()
    assert bidding.bidding_closed_at is None


def test_bidding_does_not_close_before_the_criteria_are_published(funded):
    with pytest.raises(ValidationError) as refused:
        bakeoff.bidding_close(user=funded.lead_user, campaign=funded)
    assert refused.value.messages == [
        "Bidding is open only on a funded campaign with published criteria."
    ]


def test_bidding_closes_once(scoring):
    closed = scoring.bidding_closed_at

    with pytest.raises(ValidationError) as refused:
        bakeoff.bidding_close(user=scoring.lead_user, campaign=scoring)
    assert refused.value.messages == ["Bidding has already closed."]
    scoring.refresh_from_db()
    assert scoring.bidding_closed_at == closed


# Declarations and scores


def test_councils_declare_then_score_and_scores_complete(scoring):
    for council, lead in zip(scoring.councils, scoring.scorers, strict=True):
        assert not scoring_complete(scoring)
        score_all(scoring, council, lead)

    assert scoring_complete(scoring)
    assert Score.objects.count() == 2 * 2 * 2


def full_sheet(campaign, value=3, comment=""):
    criteria = list(Criterion.objects.filter(campaign=campaign))
    return {(b.pk, c.pk): (value, comment) for b in campaign.bids_made for c in criteria}


def test_a_council_must_declare_before_scoring(scoring):
    with pytest.raises(ValidationError) as refused:
        bakeoff.scores_record(
            user=scoring.scorers[0], campaign=scoring, council=scoring.councils[0], scores={}
        )
    assert refused.value.messages == ["Declare any conflict of interest before scoring."]


def test_another_councils_declaration_does_not_let_a_council_score(scoring):
    (council, other), (lead, other_lead) = scoring.councils, scoring.scorers
    bakeoff.conflict_declare(user=other_lead, campaign=scoring, council=other)

    with pytest.raises(ValidationError) as refused:
        bakeoff.scores_record(
            user=lead, campaign=scoring, council=council, scores=full_sheet(scoring)
        )
    assert refused.value.messages == ["Declare any conflict of interest before scoring."]
    assert not Score.objects.exists()


def test_a_declaration_for_another_campaign_does_not_let_a_council_score(scoring):
    council, lead = scoring.councils[0], scoring.scorers[0]
    ConflictDeclaration.objects.create(
        campaign=CampaignFactory(), council=council, declared_by=lead
    )

    with pytest.raises(ValidationError) as refused:
        bakeoff.scores_record(
            user=lead, campaign=scoring, council=council, scores=full_sheet(scoring)
        )
    assert refused.value.messages == ["Declare any conflict of interest before scoring."]
    assert not Score.objects.exists()


def test_a_council_that_scored_another_campaign_scores_this_one(scoring):
    council, lead = scoring.councils[0], scoring.scorers[0]
    elsewhere = BidFactory()
    Score.objects.create(
        bid=elsewhere,
        criterion=CriterionFactory(campaign=elsewhere.campaign),
        council=council,
        scored_by=lead,
        score=1,
    )

    recorded = score_all(scoring, council, lead)

    assert len(recorded) == 4
    assert Score.objects.filter(bid__campaign=scoring, council=council).count() == 4


def test_a_council_that_did_not_pledge_cannot_record_scores(scoring):
    outsider = CouncilFactory()

    with pytest.raises(PermissionDenied) as refused:
        bakeoff.scores_record(
            user=procurement_lead(outsider),
            campaign=scoring,
            council=outsider,
            scores=full_sheet(scoring),
        )
    assert str(refused.value) == "Only councils that pledged to this campaign score its bids."


def test_a_council_scores_only_what_it_is_not_conflicted_on(scoring):
    conflicted = scoring.bids_made[0]

    score_all(scoring, scoring.councils[0], scoring.scorers[0], skip={conflicted.pk})

    assert not Score.objects.filter(bid=conflicted).exists()
    assert Score.objects.filter(bid=scoring.bids_made[1]).count() == 2


def test_a_conflict_needs_details(scoring):
    with pytest.raises(ValidationError) as refused:
        bakeoff.conflict_declare(
            user=scoring.scorers[0],
            campaign=scoring,
            council=scoring.councils[0],
            conflicted_bids=[scoring.bids_made[0]],
            details="  ",
        )
    assert refused.value.message_dict == {"details": ["Enter the conflict."]}
    assert not ConflictDeclaration.objects.exists()


def test_a_declaration_keeps_its_conflicts_and_details(scoring):
    conflicted = scoring.bids_made[0]

    bakeoff.conflict_declare(
        user=scoring.scorers[0],
        campaign=scoring,
        council=scoring.councils[0],
        conflicted_bids=[conflicted],
        details=" Our former employee leads this bid. ",
    )

    declaration = ConflictDeclaration.objects.get()
    assert declaration.details == "Our former employee leads this bid."
    assert list(declaration.conflicted_bids.all()) == [conflicted]
    assert (declaration.council, declaration.declared_by) == (
        scoring.councils[0],
        scoring.scorers[0],
    )


def test_a_conflict_with_another_campaigns_bid_is_refused(scoring):
    with pytest.raises(ValidationError) as refused:
        bakeoff.conflict_declare(
            user=scoring.scorers[0],
            campaign=scoring,
            council=scoring.councils[0],
            conflicted_bids=[BidFactory()],
            details="We know them.",
        )
    assert refused.value.message_dict == {"conflicted_bids": ["Choose bids for this campaign."]}
    assert not ConflictDeclaration.objects.exists()


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
    with pytest.raises(ValidationError) as refused:
        bakeoff.scores_record(user=lead, campaign=scoring, council=council, scores=partial)
    assert refused.value.message_dict == {
        "scores": ["Score every bid you have no conflict with against every criterion."]
    }
    for bad in (6, -1, "3", True):
        sheet = {**full, next(iter(full)): (bad, "")}
        with pytest.raises(ValidationError) as refused:
            bakeoff.scores_record(user=lead, campaign=scoring, council=council, scores=sheet)
        assert refused.value.message_dict == {
            "scores": ["Give each score as a whole number from 0 to 5."]
        }
    assert not Score.objects.exists()


def test_a_score_of_zero_is_recorded(scoring):
    score_all(scoring, scoring.councils[0], scoring.scorers[0], value=0)

    assert list(Score.objects.values_list("score", flat=True)) == [0, 0, 0, 0]


def test_score_comments_are_kept_trimmed(scoring):
    council, lead = scoring.councils[0], scoring.scorers[0]
    bakeoff.conflict_declare(user=lead, campaign=scoring, council=council)

    bakeoff.scores_record(
        user=lead,
        campaign=scoring,
        council=council,
        scores=full_sheet(scoring, value=4, comment="  Strong team. "),
    )

    assert set(Score.objects.values_list("score", "comment", "council", "scored_by")) == {
        (4, "Strong team.", council.pk, lead.pk)
    }


def test_a_score_comment_longer_than_5000_characters_is_refused(scoring):
    council, lead = scoring.councils[0], scoring.scorers[0]
    bakeoff.conflict_declare(user=lead, campaign=scoring, council=council)

    with pytest.raises(ValidationError) as refused:
        bakeoff.scores_record(
            user=lead,
            campaign=scoring,
            council=council,
            scores=full_sheet(scoring, comment="x" * 5001),
        )
    assert refused.value.message_dict == {"scores": ["Keep a comment to 5000 characters."]}
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

    with pytest.raises(ValidationError) as refused:
        bakeoff.bids_shortlist(
            user=scoring.lead_user, campaign=scoring, bids=scoring.bids_made, reasons="Both good"
        )
    assert refused.value.messages == ["Every pledging council must score the bids first."]
    assert not Decision.objects.exists()


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


def test_shortlisting_records_each_bid_and_the_reasons(scored):
    first, second = scored.bids_made

    bakeoff.bids_shortlist(
        user=scored.lead_user, campaign=scored, bids=[second], reasons="  Most credible. "
    )

    assert list(Decision.objects.values_list("bid", "kind", "reasons", "decided_by")) == [
        (second.pk, DecisionKind.SHORTLIST, "Most credible.", scored.lead_user.pk)
    ]
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.status, second.status) == (BidStatus.SUBMITTED, BidStatus.SHORTLISTED)


def test_a_bid_is_shortlisted_once(scored):
    first = scored.bids_made[0]
    bakeoff.bids_shortlist(user=scored.lead_user, campaign=scored, bids=[first], reasons="Good")
    first.refresh_from_db()

    with pytest.raises(ValidationError) as refused:
        bakeoff.bids_shortlist(
            user=scored.lead_user, campaign=scored, bids=[first], reasons="Again"
        )
    assert refused.value.message_dict == {
        "bids": ["Select bids for this campaign not already selected."]
    }
    assert Decision.objects.count() == 1


def test_a_bid_given_twice_is_shortlisted_once(scored):
    first = scored.bids_made[0]

    decisions = bakeoff.bids_shortlist(
        user=scored.lead_user, campaign=scored, bids=[first, first], reasons="Good"
    )

    assert [d.bid_id for d in decisions] == [first.pk]
    assert Decision.objects.filter(bid=first).count() == 1


def test_a_bid_read_before_it_was_shortlisted_is_not_shortlisted_again(scored):
    """The status is read under the lock, not taken from the caller's copy of the bid."""
    read_earlier = Bid.objects.get(pk=scored.bids_made[0].pk)
    bakeoff.bids_shortlist(
        user=scored.lead_user, campaign=scored, bids=scored.bids_made[:1], reasons="Good"
    )

    with pytest.raises(ValidationError) as refused:
        bakeoff.bids_shortlist(
            user=scored.lead_user, campaign=scored, bids=[read_earlier], reasons="Again"
        )
    assert refused.value.message_dict == {
        "bids": ["Select bids for this campaign not already selected."]
    }
    assert Decision.objects.count() == 1


def test_another_campaigns_bid_is_not_shortlisted(scored):
    elsewhere = BidFactory()

    with pytest.raises(ValidationError) as refused:
        bakeoff.bids_shortlist(
            user=scored.lead_user, campaign=scored, bids=[elsewhere], reasons="Good"
        )
    assert refused.value.message_dict == {
        "bids": ["Select bids for this campaign not already selected."]
    }
    elsewhere.refresh_from_db()
    assert elsewhere.status == BidStatus.SUBMITTED


def test_the_winner_must_have_been_shortlisted(scored):
    with pytest.raises(ValidationError) as refused:
        bakeoff.bid_choose_winner(
            user=scored.lead_user, campaign=scored, bid=scored.bids_made[0], reasons="x"
        )
    assert refused.value.message_dict == {
        "bid": ["Choose one of the bids selected for a proof of concept."]
    }


def test_the_winner_needs_reasons(scored):
    first = scored.bids_made[0]
    bakeoff.bids_shortlist(user=scored.lead_user, campaign=scored, bids=[first], reasons="Good")

    with pytest.raises(ValidationError) as refused:
        bakeoff.bid_choose_winner(user=scored.lead_user, campaign=scored, bid=first, reasons=" ")
    assert refused.value.message_dict == {"reasons": ["Enter your reasons."]}
    first.refresh_from_db()
    assert first.status == BidStatus.SHORTLISTED


def test_decisions_need_reasons_and_the_lead(scored):
    with pytest.raises(ValidationError) as refused:
        bakeoff.bids_shortlist(
            user=scored.lead_user, campaign=scored, bids=scored.bids_made, reasons=""
        )
    assert refused.value.message_dict == {"reasons": ["Enter your reasons."]}
    with pytest.raises(PermissionDenied) as forbidden:
        bakeoff.bids_shortlist(
            user=scored.scorers[0], campaign=scored, bids=scored.bids_made, reasons="x"
        )
    assert str(forbidden.value) == "Only the lead decides, after bidding."
    with pytest.raises(ValidationError) as refused:
        bakeoff.bids_shortlist(user=scored.lead_user, campaign=scored, bids=[], reasons="x")
    assert refused.value.message_dict == {"bids": ["Select at least one bid."]}
    assert not Decision.objects.exists()
