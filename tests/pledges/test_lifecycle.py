"""A campaign's states: every service, from every state, allowed or refused as the table says.

Each case puts a campaign in a state with every other precondition of the service met,
runs the service, and checks the outcome against ``TRANSITIONS``: the new state when the
move is allowed; when it is refused, a ValidationError and nothing changed.
"""

from datetime import datetime, timedelta
from decimal import Decimal

from django.contrib.auth.models import Group
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

import pytest

from hub.factories import CouncilFactory, UserFactory
from listings.factories import SolutionPageFactory
from pledges.factories import CampaignFactory, PledgeFactory
from pledges.models import (
    Campaign,
    CampaignKind,
    CampaignState,
    Commitment,
    CommitmentStatus,
    DeliveryStage,
    FundingModel,
    LedgerEntry,
)
from pledges.services.commitments import commitment_invoice, commitment_pay, commitment_raise_order
from pledges.services.delivery import campaign_deliver, campaign_start_delivery
from pledges.services.lifecycle import (
    TRANSITIONS,
    campaign_approve,
    campaign_cancel,
    campaign_propose,
    campaign_revise,
    campaign_send_back,
    campaign_submit,
)
from pledges.services.settlement import campaign_close_early, campaign_settle

pytestmark = pytest.mark.django_db
S = CampaignState


def moderator():
    user = UserFactory()
    user.groups.add(Group.objects.get(name="Moderators"))
    return user


def in_state(state):
    """A campaign with two pledges (enough to be funded) moved straight to ``state``."""
    campaign = CampaignFactory(target_gbp=Decimal("20000"), min_councils=2)
    PledgeFactory(campaign=campaign)
    PledgeFactory(campaign=campaign)
    Campaign.objects.filter(pk=campaign.pk).update(
        state=state,
        delivery_stage=DeliveryStage.LIVE if state in (S.IN_DELIVERY, S.DELIVERED) else "",
        solution=SolutionPageFactory(),
    )
    return Campaign.objects.get(pk=campaign.pk)


def after_deadline(campaign):
    return campaign.closes_at + timedelta(seconds=1)


#: service name -> (the state it moves to, how to call it)
SERVICES = {
    "submit": (S.SUBMITTED, lambda c: campaign_submit(user=c.lead_user, campaign=c)),
    "approve": (S.OPEN, lambda c: campaign_approve(user=moderator(), campaign=c)),
    "send_back": (
        S.DRAFT,
        lambda c: campaign_send_back(user=moderator(), campaign=c, comment="Add a business case"),
    ),
    "settle": (S.FUNDED, lambda c: campaign_settle(campaign=c, now=after_deadline(c))),
    "close_early": (S.FUNDED, lambda c: campaign_close_early(user=c.lead_user, campaign=c)),
    "start_delivery": (
        S.IN_DELIVERY,
        lambda c: campaign_start_delivery(user=c.lead_user, campaign=c),
    ),
    "deliver": (S.DELIVERED, lambda c: campaign_deliver(user=c.lead_user, campaign=c)),
    "cancel": (
        S.CANCELLED,
        lambda c: campaign_cancel(user=c.lead_user, campaign=c, reason="No longer needed"),
    ),
}
CASES = [(state, name) for state in S for name in SERVICES]


@pytest.mark.parametrize(("state", "service"), CASES, ids=[f"{s}-{n}" for s, n in CASES])
def test_every_service_from_every_state(state, service):
    target, call = SERVICES[service]
    campaign = in_state(state)
    ledger_before = LedgerEntry.objects.count()
    allowed = target in TRANSITIONS[state]

    if allowed:
        call(campaign)
        campaign.refresh_from_db()
        assert campaign.state == target
    elif service == "settle":
        # Settling is idempotent: anything but an open campaign is left as it is.
        assert call(campaign).settled is False
        campaign.refresh_from_db()
        assert campaign.state == state
        assert LedgerEntry.objects.count() == ledger_before
    else:
        with pytest.raises(ValidationError):
            call(campaign)
        campaign.refresh_from_db()
        assert campaign.state == state
        assert LedgerEntry.objects.count() == ledger_before


def test_the_table_names_every_state():
    assert set(TRANSITIONS) == set(S.values)
    assert all(targets <= set(S.values) for targets in TRANSITIONS.values())
    assert TRANSITIONS[S.DELIVERED] == TRANSITIONS[S.CANCELLED] == frozenset()


def test_cancellation_is_possible_from_every_state_before_delivered():
    cancellable = {state for state, targets in TRANSITIONS.items() if S.CANCELLED in targets}

    assert cancellable == set(S.values) - {S.DELIVERED, S.CANCELLED}


# Who may make each move (the state is right; the person is not)


@pytest.mark.parametrize(
    ("state", "call"),
    [
        (S.DRAFT, lambda c: campaign_submit(user=UserFactory(), campaign=c)),
        (S.SUBMITTED, lambda c: campaign_approve(user=c.lead_user, campaign=c)),
        (S.SUBMITTED, lambda c: campaign_send_back(user=c.lead_user, campaign=c, comment="x")),
        (S.OPEN, lambda c: campaign_close_early(user=UserFactory(), campaign=c)),
        (S.FUNDED, lambda c: campaign_start_delivery(user=UserFactory(), campaign=c)),
        (S.IN_DELIVERY, lambda c: campaign_deliver(user=UserFactory(), campaign=c)),
        (S.OPEN, lambda c: campaign_cancel(user=UserFactory(), campaign=c, reason="x")),
    ],
)
def test_the_wrong_person_is_refused(state, call):
    campaign = in_state(state)

    with pytest.raises(PermissionDenied):
        call(campaign)
    campaign.refresh_from_db()
    assert campaign.state == state


# Proposing, submitting, approving


@pytest.fixture
def proposal(council, lead):
    now = timezone.now()
    return {
        "user": lead,
        "council": council,
        "title": "Resident index for London boroughs",
        "pitch": "One resident index, shared.",
        "problem": "Records about one resident are scattered.",
        "outcomes": "Fewer illegal sublets missed.",
        "business_case": "Camden reported being on track to save £3.4 million.",
        "procurement_route": "G-Cloud 14, Lot 2",
        "budget_year": "2026/27",
        "target_gbp": Decimal("120000"),
        "min_councils": 4,
        "opens_at": now,
        "closes_at": now + timedelta(days=60),
    }


def test_a_procurement_lead_proposes_a_draft_they_lead(proposal, council, lead):
    campaign = campaign_propose(**proposal)

    assert campaign.state == S.DRAFT
    assert campaign.lead_council == council
    assert campaign.lead_user == campaign.proposed_by == lead
    assert campaign.slug == "resident-index-for-london-boroughs"
    assert campaign.funding_model == "all_or_nothing"


def test_proposing_refuses_a_zero_target_or_council_count(proposal):
    for field, value in (("target_gbp", Decimal("0")), ("min_councils", 0)):
        with pytest.raises(ValidationError) as error:
            campaign_propose(**{**proposal, field: value})
        assert field in error.value.message_dict
    assert not Campaign.objects.exists()


def test_proposing_refuses_a_deadline_in_the_past(proposal):
    with pytest.raises(ValidationError) as error:
        campaign_propose(
            **{
                **proposal,
                "opens_at": timezone.now() - timedelta(days=3),
                "closes_at": timezone.now() - timedelta(days=1),
            }
        )

    assert error.value.message_dict == {"closes_at": ["The deadline must be in the future."]}
    assert not Campaign.objects.exists()


def test_proposing_refuses_a_deadline_of_this_very_moment(proposal, monkeypatch):
    now = timezone.now()
    monkeypatch.setattr(timezone, "now", lambda: now)

    with pytest.raises(ValidationError) as error:
        campaign_propose(**{**proposal, "opens_at": now - timedelta(days=1), "closes_at": now})

    assert error.value.message_dict == {"closes_at": ["The deadline must be in the future."]}
    assert not Campaign.objects.exists()


def test_proposing_refuses_a_lead_from_another_organisation(proposal):
    with pytest.raises(ValidationError) as error:
        campaign_propose(**proposal, lead_user=UserFactory())

    assert error.value.message_dict == {
        "lead_user": ["The lead must be an approved member of Camden."]
    }


def test_proposing_refuses_an_unpublished_listing(proposal):
    with pytest.raises(ValidationError) as error:
        campaign_propose(**proposal, solution=SolutionPageFactory(live=False))

    assert error.value.message_dict == {"solution": ["Link a published listing."]}
    assert not Campaign.objects.exists()


def test_only_a_procurement_lead_proposes(proposal, plain_member):
    with pytest.raises(PermissionDenied):
        campaign_propose(**{**proposal, "user": plain_member})
    with pytest.raises(PermissionDenied):
        campaign_propose(**{**proposal, "council": CouncilFactory()})


def test_a_member_who_is_not_a_procurement_lead_is_told_who_may_propose(proposal, plain_member):
    with pytest.raises(PermissionDenied) as error:
        campaign_propose(**{**proposal, "user": plain_member})

    assert str(error.value) == (
        "Only approved procurement leads of Camden can propose campaigns for it."
    )


def test_a_proposal_keeps_its_kind_funding_model_and_pledge_limits(proposal):
    campaign = campaign_propose(
        **proposal,
        kind=CampaignKind.CO_DEVELOPMENT,
        funding_model=FundingModel.KEEP_WHAT_IS_PLEDGED,
        min_pledge_gbp=Decimal("5000"),
        max_pledge_gbp=Decimal("40000"),
        max_total_gbp=Decimal("150000"),
    )

    campaign.refresh_from_db()
    assert (
        campaign.kind,
        campaign.funding_model,
        campaign.min_pledge_gbp,
        campaign.max_pledge_gbp,
        campaign.max_total_gbp,
    ) == (
        "co_development",
        "keep_what_is_pledged",
        Decimal("5000"),
        Decimal("40000"),
        Decimal("150000"),
    )


def test_a_proposal_is_not_demo_data(proposal):
    campaign = campaign_propose(**proposal)

    campaign.refresh_from_db()
    assert campaign.is_demo is False


def test_a_demo_proposal_is_marked_as_demo_data(proposal):
    campaign = campaign_propose(**proposal, is_demo=True)

    campaign.refresh_from_db()
    assert campaign.is_demo is True


def test_proposals_with_the_same_title_get_numbered_addresses(proposal):
    slugs = [campaign_propose(**proposal).slug for _ in range(3)]

    base = "resident-index-for-london-boroughs"
    assert slugs == [base, f"{base}-2", f"{base}-3"]


def test_a_long_title_gives_an_address_of_100_characters(proposal):
    campaign = campaign_propose(**{**proposal, "title": "a" * 150})

    assert campaign.slug == "a" * 100


def test_a_title_without_letters_or_digits_gives_the_address_campaign(proposal):
    campaign = campaign_propose(**{**proposal, "title": "???"})

    assert campaign.slug == "campaign"


def test_a_proposal_with_a_match_funder_keeps_it(proposal):
    funder = CouncilFactory(name="Greater London Authority", kind="public_body")

    campaign = campaign_propose(**proposal, match_funder=funder, match_cap_gbp=Decimal("50000"))

    assert (campaign.match_funder, campaign.match_cap_gbp) == (funder, Decimal("50000"))


def test_submitting_records_when(proposal):
    campaign = campaign_propose(**proposal)

    campaign = campaign_submit(user=proposal["user"], campaign=campaign)

    assert campaign.state == S.SUBMITTED and campaign.submitted_at is not None


def test_approval_opens_it_and_tells_the_listings_followers(proposal):
    solution = SolutionPageFactory()
    campaign = campaign_submit(
        user=proposal["user"], campaign=campaign_propose(**proposal, solution=solution)
    )
    approver = moderator()

    campaign = campaign_approve(user=approver, campaign=campaign)

    assert campaign.state == S.OPEN
    assert campaign.approved_by == approver and campaign.approved_at is not None
    update = solution.updates.get()
    assert update.kind == "new_campaign"
    assert "Camden is leading a co-funding campaign" in update.text


def test_a_campaign_past_its_deadline_cannot_be_approved():
    campaign = in_state(S.SUBMITTED)

    with pytest.raises(ValidationError, match="deadline has passed"):
        campaign_approve(user=moderator(), campaign=campaign, now=after_deadline(campaign))


def test_sending_back_needs_a_comment_and_keeps_it():
    campaign = in_state(S.SUBMITTED)
    with pytest.raises(ValidationError):
        campaign_send_back(user=moderator(), campaign=campaign, comment=" ")

    campaign = campaign_send_back(user=moderator(), campaign=campaign, comment="Name the lot")

    assert campaign.state == S.DRAFT and campaign.moderator_comment == "Name the lot"


# Cancelling


def test_cancelling_an_open_campaign_releases_its_pledges():
    campaign = in_state(S.OPEN)

    campaign_cancel(user=campaign.lead_user, campaign=campaign, reason="Merged with another")

    campaign.refresh_from_db()
    assert campaign.pledged_gbp == 0 and campaign.council_count == 0
    assert campaign.cancel_reason == "Merged with another"
    released = LedgerEntry.objects.filter(campaign=campaign, kind="released")
    assert released.count() == 2
    assert all("Merged with another" in entry.reason for entry in released)


def test_the_ledger_records_the_cancellation_reason_without_its_padding():
    campaign = in_state(S.OPEN)

    campaign_cancel(user=campaign.lead_user, campaign=campaign, reason="  Merged with another\n")

    campaign.refresh_from_db()
    assert campaign.cancel_reason == "Merged with another"
    reasons = LedgerEntry.objects.filter(campaign=campaign, kind="released").values_list(
        "reason", flat=True
    )
    assert list(reasons) == ["Campaign cancelled: Merged with another"] * 2


def test_cancelling_needs_a_reason():
    campaign = in_state(S.OPEN)

    with pytest.raises(ValidationError):
        campaign_cancel(user=campaign.lead_user, campaign=campaign, reason="")


def test_a_moderator_may_cancel():
    campaign = in_state(S.FUNDED)

    campaign_cancel(user=moderator(), campaign=campaign, reason="Duplicate")

    campaign.refresh_from_db()
    assert campaign.state == S.CANCELLED


def test_a_stale_copy_of_a_campaign_never_overwrites_its_totals(campaign):
    stale = Campaign.objects.get(pk=campaign.pk)
    PledgeFactory(campaign=campaign, amount_gbp=Decimal("1234.56"))

    stale.title = "Renamed"
    stale.save()

    campaign.refresh_from_db()
    assert campaign.title == "Renamed"
    assert campaign.pledged_gbp == Decimal("1234.56") and campaign.council_count == 1


def test_a_draft_is_revised_by_its_proposer_only(proposal):
    campaign = campaign_propose(**proposal)

    revised = campaign_revise(
        user=proposal["user"], campaign=campaign, title="Renamed", target_gbp=Decimal("90000")
    )

    assert (revised.title, revised.target_gbp) == ("Renamed", Decimal("90000"))
    with pytest.raises(PermissionDenied):
        campaign_revise(user=UserFactory(), campaign=campaign, title="Hijacked")
    with pytest.raises(ValidationError):
        campaign_revise(user=proposal["user"], campaign=campaign, target_gbp=Decimal("0"))
    with pytest.raises(TypeError):
        campaign_revise(user=proposal["user"], campaign=campaign, state="open")
    campaign.refresh_from_db()
    assert campaign.title == "Renamed" and campaign.state == S.DRAFT


def test_revising_names_every_field_that_cannot_be_revised(proposal):
    campaign = campaign_propose(**proposal)

    with pytest.raises(TypeError) as error:
        campaign_revise(user=proposal["user"], campaign=campaign, state="open", slug="x")

    assert str(error.value) == "Not revisable: slug, state"


def test_someone_else_is_told_who_may_change_a_draft(proposal):
    campaign = campaign_propose(**proposal)

    with pytest.raises(PermissionDenied) as error:
        campaign_revise(user=UserFactory(), campaign=campaign, title="Hijacked")

    assert str(error.value) == "Only the proposer or the lead can change this draft."


def test_revising_strips_the_padding_from_text(proposal):
    campaign = campaign_propose(**proposal)

    campaign_revise(user=proposal["user"], campaign=campaign, title="  Renamed\n")

    campaign.refresh_from_db()
    assert campaign.title == "Renamed"


def test_revising_refuses_an_unpublished_listing(proposal):
    campaign = campaign_propose(**proposal)

    with pytest.raises(ValidationError) as error:
        campaign_revise(
            user=proposal["user"], campaign=campaign, solution=SolutionPageFactory(live=False)
        )

    assert error.value.message_dict == {"solution": ["Link a published listing."]}
    campaign.refresh_from_db()
    assert campaign.solution is None


def test_revising_refuses_a_deadline_in_the_past(proposal):
    campaign = campaign_propose(**proposal)

    with pytest.raises(ValidationError) as error:
        campaign_revise(
            user=proposal["user"],
            campaign=campaign,
            opens_at=timezone.now() - timedelta(days=3),
            closes_at=timezone.now() - timedelta(days=1),
        )

    assert error.value.message_dict == {"closes_at": ["The deadline must be in the future."]}
    campaign.refresh_from_db()
    assert campaign.closes_at == proposal["closes_at"]


def test_revising_refuses_a_deadline_of_this_very_moment(proposal, monkeypatch):
    campaign = campaign_propose(**proposal)
    now = timezone.now()
    monkeypatch.setattr(timezone, "now", lambda: now)

    with pytest.raises(ValidationError) as error:
        campaign_revise(user=proposal["user"], campaign=campaign, closes_at=now)

    assert error.value.message_dict == {"closes_at": ["The deadline must be in the future."]}
    campaign.refresh_from_db()
    assert campaign.closes_at == proposal["closes_at"]


def test_a_submitted_campaign_is_no_longer_revised(proposal):
    campaign = campaign_submit(user=proposal["user"], campaign=campaign_propose(**proposal))

    with pytest.raises(PermissionDenied):
        campaign_revise(user=proposal["user"], campaign=campaign, title="Late change")


def test_the_lead_hears_of_approval_and_of_changes_asked(django_capture_on_commit_callbacks):
    approved, sent_back = in_state(S.SUBMITTED), in_state(S.SUBMITTED)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        campaign_approve(user=moderator(), campaign=approved)
        campaign_send_back(user=moderator(), campaign=sent_back, comment="Name the lot.")

    by_subject = {message.subject: message for message in mail.outbox}
    assert by_subject[f"Approved: “{approved.title}” is open for pledges"].to == [
        approved.lead_user.email
    ]
    asked = by_subject[f"Changes asked for: “{sent_back.title}”"]
    assert "Name the lot." in asked.body and f"/campaigns/{sent_back.slug}/revise/" in asked.body


# Each refusal, asserted whole, and what each move records


def test_a_move_the_table_does_not_allow_is_explained():
    campaign = in_state(S.OPEN)

    with pytest.raises(ValidationError) as error:
        campaign_submit(user=campaign.lead_user, campaign=campaign)

    assert error.value.messages == [
        "A campaign that is open for pledges cannot become waiting for approval."
    ]


def test_someone_else_is_told_who_may_send_a_draft_for_approval():
    campaign = in_state(S.DRAFT)

    with pytest.raises(PermissionDenied) as error:
        campaign_submit(user=UserFactory(), campaign=campaign)

    assert str(error.value) == "Only the proposer or the lead can send this draft for approval."


def test_submitting_records_the_time_given():
    campaign = in_state(S.DRAFT)
    when = timezone.now() - timedelta(hours=2)

    campaign_submit(user=campaign.lead_user, campaign=campaign, now=when)

    campaign.refresh_from_db()
    assert campaign.submitted_at == when


def test_only_a_moderator_is_told_they_may_approve():
    campaign = in_state(S.SUBMITTED)

    with pytest.raises(PermissionDenied) as error:
        campaign_approve(user=campaign.lead_user, campaign=campaign)

    assert str(error.value) == "Only moderators approve campaigns."


def test_a_campaign_whose_deadline_is_this_very_moment_is_not_approved():
    campaign = in_state(S.SUBMITTED)

    with pytest.raises(ValidationError) as error:
        campaign_approve(user=moderator(), campaign=campaign, now=campaign.closes_at)

    assert error.value.messages == [
        "Its deadline has passed: send it back so the proposer can set a new one."
    ]
    campaign.refresh_from_db()
    assert campaign.state == S.SUBMITTED


def test_approval_records_the_time_given_and_clears_the_earlier_comment():
    campaign = in_state(S.SUBMITTED)
    campaign_send_back(user=moderator(), campaign=campaign, comment="Name the lot")
    campaign_submit(user=campaign.lead_user, campaign=campaign)
    when = timezone.now() - timedelta(minutes=5)

    campaign_approve(user=moderator(), campaign=campaign, now=when)

    campaign.refresh_from_db()
    assert (campaign.approved_at, campaign.moderator_comment) == (when, "")


def test_the_listings_followers_are_told_the_pledging_deadline():
    campaign = in_state(S.SUBMITTED)
    day = timezone.localdate() + timedelta(days=40)
    Campaign.objects.filter(pk=campaign.pk).update(
        closes_at=timezone.make_aware(datetime(day.year, day.month, day.day, 12))
    )

    campaign_approve(user=moderator(), campaign=campaign)

    update = campaign.solution.updates.get()
    assert update.text == (
        f"{campaign.lead_council.name} is leading a co-funding campaign, "
        f"“{campaign.title}”: councils can pledge until {day.day} {day:%B} {day.year}."
    )


def test_only_a_moderator_is_told_they_may_send_back():
    campaign = in_state(S.SUBMITTED)

    with pytest.raises(PermissionDenied) as error:
        campaign_send_back(user=campaign.lead_user, campaign=campaign, comment="x")

    assert str(error.value) == "Only moderators send campaigns back."


def test_sending_back_without_a_comment_says_what_is_missing():
    campaign = in_state(S.SUBMITTED)

    with pytest.raises(ValidationError) as error:
        campaign_send_back(user=moderator(), campaign=campaign, comment=" \n")

    assert error.value.message_dict == {"comment": ["Say what the proposer should change."]}
    campaign.refresh_from_db()
    assert campaign.state == S.SUBMITTED


def test_sending_back_keeps_the_comment_without_its_padding():
    campaign = in_state(S.SUBMITTED)

    campaign_send_back(user=moderator(), campaign=campaign, comment="  Name the lot\n")

    campaign.refresh_from_db()
    assert campaign.moderator_comment == "Name the lot"


def test_someone_else_is_told_who_may_cancel():
    campaign = in_state(S.OPEN)

    with pytest.raises(PermissionDenied) as error:
        campaign_cancel(user=UserFactory(), campaign=campaign, reason="x")

    assert str(error.value) == "Only the lead or a moderator can cancel this campaign."


def test_cancelling_without_a_reason_says_what_is_missing():
    campaign = in_state(S.OPEN)

    with pytest.raises(ValidationError) as error:
        campaign_cancel(user=campaign.lead_user, campaign=campaign, reason=" ")

    assert error.value.message_dict == {"reason": ["Say why the campaign is cancelled."]}
    campaign.refresh_from_db()
    assert campaign.state == S.OPEN


def test_cancelling_records_when_and_who_released_each_pledge():
    campaign = in_state(S.OPEN)
    when = timezone.now() - timedelta(minutes=5)

    campaign_cancel(user=campaign.lead_user, campaign=campaign, reason="Merged", now=when)

    campaign.refresh_from_db()
    assert campaign.cancelled_at == when
    released = LedgerEntry.objects.filter(campaign=campaign, kind="released")
    assert [(entry.created_at, entry.actor) for entry in released] == [
        (when, campaign.lead_user)
    ] * 2


def test_cancelling_records_the_time_it_happens():
    campaign = in_state(S.OPEN)
    before = timezone.now()

    campaign_cancel(user=campaign.lead_user, campaign=campaign, reason="Merged")

    campaign.refresh_from_db()
    assert before <= campaign.cancelled_at <= timezone.now()


def test_cancelling_a_funded_campaign_cancels_its_unpaid_commitments_only():
    campaign = CampaignFactory(target_gbp=Decimal("20000"), min_councils=2)
    PledgeFactory(campaign=campaign)
    PledgeFactory(campaign=campaign)
    campaign_settle(campaign=campaign, now=campaign.closes_at)
    paid, unpaid = Commitment.objects.filter(campaign=campaign).order_by("pk")
    commitment_raise_order(user=campaign.lead_user, commitment=paid, po_number="PO-1")
    commitment_invoice(user=campaign.lead_user, commitment=paid, invoice_reference="INV-1")
    commitment_pay(user=campaign.lead_user, commitment=paid)

    campaign_cancel(user=campaign.lead_user, campaign=campaign, reason="Supplier folded")

    paid.refresh_from_db()
    unpaid.refresh_from_db()
    assert (paid.status, unpaid.status) == (CommitmentStatus.PAID, CommitmentStatus.CANCELLED)
