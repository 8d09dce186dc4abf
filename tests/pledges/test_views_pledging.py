"""Pledging through the question pages, as a procurement lead does it: real forms, real posts.

Also the issue's list of bad input through the form: each is a form error (or a refusal
page) and leaves the ledger as it was.
"""

from datetime import timedelta
from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.utils import timezone

import pytest

from hub.factories import CouncilFactory, MembershipFactory, UserFactory
from hub.models import MembershipRole
from pledges.factories import CampaignFactory, PledgeFactory, procurement_lead
from pledges.models import CampaignState, LedgerEntry, LedgerKind, Pledge, PledgeStatus
from pledges.services.pledging import pledge_amend, pledge_create, pledge_withdraw

pytestmark = pytest.mark.django_db


@pytest.fixture
def camden():
    return CouncilFactory(camden=True)


@pytest.fixture
def signed_in(client, camden):
    lead = procurement_lead(camden)
    client.force_login(lead)
    return lead


def url(campaign, step, council="camden"):
    return f"/campaigns/{campaign.slug}/pledge/{council}/{step}/"


def answer(
    client,
    campaign,
    *,
    amount="25000",
    staff_days="",
    conditions="",
    sign_off="budget_holder",
    budget_year="2026/27",
    reason=None,
):
    responses = [
        client.post(url(campaign, "amount"), {"amount_gbp": amount, "staff_days": staff_days}),
        client.post(
            url(campaign, "terms"),
            {"conditions": conditions, "sign_off": sign_off, "budget_year": budget_year},
        ),
    ]
    if reason is not None:
        responses.append(client.post(url(campaign, "reason"), {"reason": reason}))
    return responses


def test_a_procurement_lead_pledges_through_the_question_pages(client, campaign, signed_in):
    start = client.get(f"/campaigns/{campaign.slug}/pledge/")
    amount_page = client.get(url(campaign, "amount"))
    responses = answer(client, campaign, amount="25,000.50", staff_days="3", conditions="Cabinet")
    check = client.get(url(campaign, "check"))

    assert start.status_code == 302 and start["Location"] == url(campaign, "amount")
    assert "How much will your council pledge?" in amount_page.content.decode()
    assert [r["Location"] for r in responses] == [url(campaign, "terms"), url(campaign, "check")]
    page = check.content.decode()
    assert "Check your answers before pledging" in page
    assert "£25,000.50" in page and "3 staff days" in page and "Cabinet" in page
    assert "Approved by the budget holder" in page
    assert not Pledge.objects.exists()  # nothing is saved before confirming

    confirmed = client.post(url(campaign, "check"))

    assert confirmed["Location"] == url(campaign, "done")
    pledge = Pledge.objects.get()
    assert (pledge.amount_gbp, pledge.staff_days, pledge.conditions) == (
        Decimal("25000.50"),
        Decimal("3"),
        "Cabinet",
    )
    assert pledge.created_by == signed_in
    done = client.get(url(campaign, "done")).content.decode()
    assert "Pledge recorded" in done and "£25,000.50" in done


def test_check_your_answers_links_back_to_each_question(client, campaign, signed_in):
    answer(client, campaign)

    page = client.get(url(campaign, "check")).content.decode()

    assert f'href="{url(campaign, "amount")}?return=check"' in page
    assert f'href="{url(campaign, "terms")}?return=check"' in page
    changed = client.post(f"{url(campaign, 'amount')}?return=check", {"amount_gbp": "30000"})
    assert changed["Location"] == url(campaign, "check")
    assert "£30,000.00" in client.get(url(campaign, "check")).content.decode()


def test_the_check_page_sends_you_to_the_first_unanswered_question(client, campaign, signed_in):
    assert client.get(url(campaign, "check"))["Location"] == url(campaign, "amount")


def test_amending_goes_through_the_same_pages_with_a_reason(client, campaign, camden, signed_in):
    PledgeFactory(campaign=campaign, council=camden, amount_gbp=Decimal("10000"), user=signed_in)

    amount_page = client.get(url(campaign, "amount")).content.decode()
    responses = answer(client, campaign, amount="12000", reason="Budget grew")
    check = client.get(url(campaign, "check")).content.decode()
    client.post(url(campaign, "check"))

    assert 'value="10000.00"' in amount_page  # the pledge as it stands
    assert responses[1]["Location"] == url(campaign, "reason")
    assert "Check your answers before changing the pledge" in check and "Budget grew" in check
    entry = LedgerEntry.objects.order_by("pk").last()
    assert (entry.kind, entry.amount_before, entry.amount_after, entry.reason) == (
        LedgerKind.AMENDED,
        Decimal("10000"),
        Decimal("12000"),
        "Budget grew",
    )


def test_withdrawing_asks_why(client, campaign, camden, signed_in):
    PledgeFactory(campaign=campaign, council=camden, user=signed_in)

    empty = client.post(url(campaign, "withdraw"), {"reason": ""})
    done = client.post(url(campaign, "withdraw"), {"reason": "Budget cut"})

    assert "Enter why your council is withdrawing" in empty.content.decode()
    assert done.status_code == 302
    assert Pledge.objects.get().status == PledgeStatus.WITHDRAWN


def test_a_lead_of_several_councils_chooses_which(client, campaign, camden):
    lead = procurement_lead(camden)
    MembershipFactory(
        user=lead, organisation=CouncilFactory(cardiff=True), role=MembershipRole.PROCUREMENT_LEAD
    )
    client.force_login(lead)

    page = client.get(f"/campaigns/{campaign.slug}/pledge/")
    unchosen = client.post(f"/campaigns/{campaign.slug}/pledge/", {})
    chosen = client.post(
        f"/campaigns/{campaign.slug}/pledge/",
        {"council": lead.memberships.get(organisation__slug="cardiff").organisation_id},
    )

    assert "Which council are you pledging for?" in page.content.decode()
    assert "Select the council you are pledging for" in unchosen.content.decode()
    assert chosen["Location"] == url(campaign, "amount", council="cardiff")


def test_pledging_needs_signing_in(client, campaign):
    response = client.get(url(campaign, "amount"))

    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


# Bad input through the form: a form error or a refusal page, and the ledger unchanged


@pytest.fixture
def ledger_unchanged(campaign):
    PledgeFactory(campaign=campaign, amount_gbp=Decimal("1000"))
    before = list(LedgerEntry.objects.values_list("pk", "amount_after"))
    yield
    assert list(LedgerEntry.objects.values_list("pk", "amount_after")) == before


def error_summary(response) -> str:
    page = response.content.decode()
    assert 'class="govuk-error-summary"' in page
    assert "<title>Error: " in page
    return page


@pytest.mark.parametrize(
    ("amount", "message"),
    [
        ("-5", "Enter an amount above £0."),
        ("abc", "Enter the amount as a number."),
        ("12.345", "Enter the amount in pounds and pence, like 1250.50."),
        ("0", "Pledge an amount of money, staff days, or both."),
        ("", "Pledge an amount of money, staff days, or both."),
        ("€500", "Enter the amount as a number."),
        ("EUR 500", "Enter the amount as a number."),
    ],
)
def test_bad_amounts_are_form_errors(
    client, campaign, signed_in, ledger_unchanged, amount, message
):
    response = client.post(url(campaign, "amount"), {"amount_gbp": amount})

    page = error_summary(response)
    assert message in page
    assert 'href="#id_amount_gbp"' in page


def test_a_pledge_below_the_minimum_is_a_form_error(client, signed_in, ledger_unchanged):
    campaign = Pledge.objects.get().campaign
    campaign.min_pledge_gbp = Decimal("5000")
    campaign.save()

    page = error_summary(client.post(url(campaign, "amount"), {"amount_gbp": "4999"}))

    assert "Pledge at least £5,000.00" in page


def test_a_pledge_above_the_remaining_maximum_is_a_form_error(client, signed_in, ledger_unchanged):
    campaign = Pledge.objects.get().campaign
    campaign.max_total_gbp = campaign.target_gbp
    campaign.save()

    page = error_summary(client.post(url(campaign, "amount"), {"amount_gbp": "99000.01"}))

    assert "Pledge at most £99,000.00: that is the remaining maximum" in page


def test_a_maximum_reached_between_the_questions_is_caught_on_the_check_page(
    client, campaign, signed_in
):
    campaign.max_total_gbp = campaign.target_gbp
    campaign.save()
    answer(client, campaign, amount="60000")
    PledgeFactory(campaign=campaign, amount_gbp=Decimal("50000"))

    page = error_summary(client.get(url(campaign, "check")))
    client.post(url(campaign, "check"))

    assert "Pledge at most £50,000.00" in page
    assert Pledge.objects.count() == 1


@pytest.mark.parametrize("budget_year", ["2026", "26/27", ""])
def test_a_bad_budget_year_is_a_form_error(client, campaign, signed_in, budget_year):
    client.post(url(campaign, "amount"), {"amount_gbp": "100"})

    response = client.post(
        url(campaign, "terms"), {"sign_off": "indicative", "budget_year": budget_year}
    )

    assert "Enter the budget year" in error_summary(response)


def test_a_missing_sign_off_links_to_the_first_radio(client, campaign, signed_in):
    page = error_summary(client.post(url(campaign, "terms"), {"budget_year": "2026/27"}))

    assert 'href="#id_sign_off_0"' in page


def test_a_pledge_after_the_deadline_is_refused_with_a_reason(client, signed_in, ledger_unchanged):
    campaign = Pledge.objects.get().campaign
    campaign.opens_at = timezone.now() - timedelta(days=10)
    campaign.closes_at = timezone.now() - timedelta(days=1)
    campaign.save()

    response = client.get(url(campaign, "amount"))

    assert response.status_code == 400
    assert "The deadline for pledges has passed." in response.content.decode()


@pytest.mark.parametrize(
    "state", [CampaignState.FUNDED, CampaignState.UNSUCCESSFUL, CampaignState.CANCELLED]
)
def test_a_pledge_on_a_campaign_that_is_not_open_is_refused(client, signed_in, state):
    campaign = CampaignFactory(state=state)

    response = client.post(url(campaign, "amount"), {"amount_gbp": "100"})

    assert response.status_code == 400
    assert "not open for pledges" in response.content.decode()
    assert not LedgerEntry.objects.exists()


def test_a_pledge_for_another_council_is_refused(client, campaign, signed_in, ledger_unchanged):
    CouncilFactory(cardiff=True)

    response = client.post(url(campaign, "amount", council="cardiff"), {"amount_gbp": "100"})
    check = client.post(url(campaign, "check", council="cardiff"))

    assert response.status_code == check.status_code == 403
    assert (
        "Only approved procurement leads of Cardiff can pledge for it." in response.content.decode()
    )


def test_a_member_without_the_procurement_role_is_refused(
    client, campaign, camden, ledger_unchanged
):
    client.force_login(MembershipFactory(organisation=camden, user=UserFactory()).user)

    start = client.get(f"/campaigns/{campaign.slug}/pledge/")
    step = client.post(url(campaign, "amount"), {"amount_gbp": "100"})

    assert start.status_code == step.status_code == 403
    assert "procurement lead" in start.content.decode()


# The services check who is asking too, whatever page calls them


@pytest.fixture
def camden_member(camden):
    member = MembershipFactory(organisation=camden, user=UserFactory(), role=MembershipRole.MEMBER)
    return member.user


def test_only_a_procurement_lead_of_its_council_may_withdraw_a_pledge(
    campaign, camden, camden_member
):
    made = PledgeFactory(campaign=campaign, council=camden)

    with pytest.raises(PermissionDenied) as error:
        pledge_withdraw(user=camden_member, pledge=made, reason="Budget cut")

    assert str(error.value) == "Only approved procurement leads of Camden can pledge for it."
    made.refresh_from_db()
    assert made.status == PledgeStatus.PLEDGED


def test_only_a_procurement_lead_of_its_council_may_amend_a_pledge(campaign, camden, camden_member):
    made = PledgeFactory(campaign=campaign, council=camden, amount_gbp=Decimal("10000"))

    with pytest.raises(PermissionDenied) as error:
        pledge_amend(
            user=camden_member, pledge=made, amount_gbp="20000", staff_days="0", reason="More"
        )

    assert str(error.value) == "Only approved procurement leads of Camden can pledge for it."
    made.refresh_from_db()
    assert made.amount_gbp == Decimal("10000")


def test_a_pledge_made_without_conditions_or_a_reason_records_neither(campaign, camden):
    lead = procurement_lead(camden)

    made = pledge_create(
        user=lead, campaign=campaign, council=camden, amount_gbp="5000", budget_year="2026/27"
    )

    entry = LedgerEntry.objects.get(pledge=made)
    assert (made.conditions, entry.reason) == ("", "")
