"""The issue's list of bad input through the API: each a clear 4xx, the ledger unchanged."""

from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

import pytest

from hub.factories import CouncilFactory, MembershipFactory, UserFactory, VendorFactory
from pledges.factories import CampaignFactory, PledgeFactory, procurement_lead
from pledges.models import CampaignState, LedgerEntry
from tests.pledges.test_api import KEY, post_pledge, token_client

pytestmark = pytest.mark.django_db


@pytest.fixture
def camden():
    return CouncilFactory(camden=True)


@pytest.fixture
def api(camden):
    return token_client(procurement_lead(camden))


@pytest.fixture
def ledger_unchanged(campaign):
    PledgeFactory(campaign=campaign, amount_gbp=Decimal("1000"))
    before = list(LedgerEntry.objects.values_list("pk", "amount_after"))
    yield
    assert list(LedgerEntry.objects.values_list("pk", "amount_after")) == before
    campaign.refresh_from_db()
    assert campaign.pledged_gbp == Decimal("1000")


def refused(response, status, text):
    assert response.status_code == status, response.content
    assert text in str(response.json())


def test_below_the_minimum(api, campaign, ledger_unchanged):
    campaign.min_pledge_gbp = Decimal("5000")
    campaign.save()

    refused(post_pledge(api, campaign, amount_gbp="4999.99"), 400, "at least £5,000.00")


def test_above_the_maximum_pledge(api, campaign, ledger_unchanged):
    campaign.max_pledge_gbp = Decimal("5000")
    campaign.save()

    refused(post_pledge(api, campaign, amount_gbp="5000.01"), 400, "at most £5,000.00")


def test_above_the_remaining_maximum(api, campaign, ledger_unchanged):
    campaign.max_total_gbp = Decimal("100000")
    campaign.save()

    refused(post_pledge(api, campaign, amount_gbp="99000.01"), 400, "remaining maximum")


def test_an_amendment_above_the_remaining_maximum(api, campaign):
    campaign.max_total_gbp = Decimal("100000")
    campaign.save()
    pledged = post_pledge(api, campaign, amount_gbp="50000").json()
    PledgeFactory(campaign=campaign, amount_gbp=Decimal("50000"))
    entries = LedgerEntry.objects.count()

    response = api.patch(
        pledged["url"], {"amount_gbp": "50000.01", "reason": "x"}, format="json", headers={KEY: "a"}
    )

    refused(response, 400, "remaining maximum")
    assert LedgerEntry.objects.count() == entries


def test_after_the_deadline(api, campaign, ledger_unchanged):
    campaign.opens_at = timezone.now() - timedelta(days=10)
    campaign.closes_at = timezone.now() - timedelta(seconds=1)
    campaign.save()

    refused(post_pledge(api, campaign), 400, "The deadline for pledges has passed.")


@pytest.mark.parametrize(
    "state", [CampaignState.FUNDED, CampaignState.UNSUCCESSFUL, CampaignState.CANCELLED]
)
def test_on_a_campaign_that_is_not_open(api, state):
    campaign = CampaignFactory(state=state)

    refused(post_pledge(api, campaign), 400, "not open for pledges")
    assert not LedgerEntry.objects.exists()


def test_before_it_opens(api, campaign, ledger_unchanged):
    campaign.opens_at = timezone.now() + timedelta(days=1)
    campaign.save()

    refused(post_pledge(api, campaign), 400, "Pledges open on")


def test_for_another_council(api, campaign, ledger_unchanged):
    CouncilFactory(cardiff=True)

    refused(post_pledge(api, campaign, council="cardiff"), 403, "procurement leads of Cardiff")


def test_for_an_unknown_council(api, campaign, ledger_unchanged):
    refused(post_pledge(api, campaign, council="atlantis"), 400, "No council has the slug")


def test_for_a_vendor(api, campaign, ledger_unchanged):
    VendorFactory(name="Acme", slug="acme")

    refused(post_pledge(api, campaign, council="acme"), 400, "No council has the slug")


def test_by_a_member_without_the_procurement_role(campaign, camden, ledger_unchanged):
    member = token_client(MembershipFactory(organisation=camden, user=UserFactory()).user)

    refused(post_pledge(member, campaign), 403, "procurement leads of Camden")


def test_amending_another_councils_pledge(api, campaign):
    theirs = PledgeFactory(campaign=campaign)
    lead_of_theirs = procurement_lead(CouncilFactory())
    assert lead_of_theirs

    response = api.patch(
        f"/api/v1/pledges/{theirs.public_id}/",
        {"amount_gbp": "1", "reason": "x"},
        format="json",
        headers={KEY: "a"},
    )

    assert response.status_code == 404
    assert LedgerEntry.objects.count() == 1


@pytest.mark.parametrize(
    ("amount", "text"),
    [
        ("-100", "above £0"),
        (-5, "above £0"),
        ("0", "money, staff days, or both"),
        ("abc", "as a number"),
        ("12,000", "as a number"),
        ("NaN", "as a number"),
        ("Infinity", "as a number"),
        ("10.001", "pounds and pence"),
        (10.005, "pounds and pence"),
        ([], "decimal string"),
        (True, "decimal string"),
        (None, "may not be null"),
    ],
)
def test_bad_amounts(api, campaign, ledger_unchanged, amount, text):
    refused(post_pledge(api, campaign, amount_gbp=amount), 400, text)


@pytest.mark.parametrize("currency", ["EUR", "USD", "gbp", ""])
def test_any_currency_but_gbp(api, campaign, ledger_unchanged, currency):
    refused(post_pledge(api, campaign, currency=currency), 400, "pounds sterling only")


def test_bad_staff_days_and_budget_year(api, campaign, ledger_unchanged):
    refused(post_pledge(api, campaign, staff_days="-1"), 400, "0 or more")
    refused(post_pledge(api, campaign, key="k2", staff_days="1.25"), 400, "one decimal")
    refused(post_pledge(api, campaign, key="k3", budget_year="2026"), 400, "financial year")


def test_an_amendment_needs_a_reason(api, campaign):
    pledged = post_pledge(api, campaign).json()

    response = api.patch(pledged["url"], {"amount_gbp": "1"}, format="json", headers={KEY: "a"})

    refused(response, 400, "reason")
    assert LedgerEntry.objects.count() == 1


def test_a_non_object_body(api, campaign, ledger_unchanged):
    response = api.post(
        f"/api/v1/campaigns/{campaign.slug}/pledges/", [1, 2], format="json", headers={KEY: "k"}
    )

    assert response.status_code == 400
