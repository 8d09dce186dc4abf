"""50 councils pledging and amending at once, in real threads: no lost update, no overshoot.

Each thread has its own database connection, as each web worker would; the campaign's
row lock makes their changes run one at a time. Runs on PostgreSQL (see
``tests.concurrency`` for why SQLite's in-memory test database cannot).
"""

import contextlib
import random
from decimal import Decimal

from django.core.exceptions import ValidationError

import pytest

from hub.factories import CouncilFactory
from pledges.factories import CampaignFactory, procurement_lead
from pledges.models import Campaign, LedgerEntry, Pledge
from pledges.selectors import ledger_totals, live_pledge_totals
from pledges.services.pledging import pledge_amend, pledge_create
from tests.concurrency import run_at_once, skip_unless_threads_can_share_the_test_database

pytestmark = pytest.mark.django_db(transaction=True)
COUNCILS = 50


def councils_with_leads(count):
    return [(council, procurement_lead(council)) for council in CouncilFactory.create_batch(count)]


def assert_invariants(campaign):
    campaign.refresh_from_db()
    ledger, live = ledger_totals(campaign), live_pledge_totals(campaign)
    assert ledger == live
    assert (campaign.pledged_gbp, campaign.pledged_staff_days, campaign.council_count) == (
        ledger.amount_gbp,
        ledger.staff_days,
        ledger.councils,
    )


def test_fifty_councils_pledging_and_amending_at_once_lose_no_update():
    skip_unless_threads_can_share_the_test_database()
    campaign = CampaignFactory(target_gbp=Decimal("500000"), max_total_gbp=Decimal("600000"))
    people = councils_with_leads(COUNCILS)
    rng = random.Random(11)
    plans = [
        (
            council,
            lead,
            Decimal(rng.randrange(2_000, 12_000)),
            Decimal(rng.randrange(2_000, 12_000)),
        )
        for council, lead in people
    ]
    final = {}

    def job(council, lead, first, second):
        def pledge_then_amend():
            pledge = pledge_create(
                user=lead,
                campaign=campaign,
                council=council,
                amount_gbp=first,
                budget_year="2026/27",
            )
            pledge_amend(
                user=lead,
                pledge=pledge,
                amount_gbp=second,
                staff_days=Decimal("1"),
                reason="Revised",
            )
            final[council.pk] = (second, Decimal("1"))

        return pledge_then_amend

    run_at_once([job(*plan) for plan in plans])

    assert len(final) == COUNCILS
    assert_invariants(campaign)
    assert campaign.pledged_gbp == sum(amount for amount, _ in final.values())
    assert campaign.pledged_staff_days == COUNCILS
    assert campaign.council_count == COUNCILS
    assert LedgerEntry.objects.filter(campaign=campaign).count() == 2 * COUNCILS
    for pledge in Pledge.objects.filter(campaign=campaign):
        assert pledge.amount_gbp == final[pledge.council_id][0]


def test_fifty_councils_racing_for_the_last_of_a_maximum_never_overshoot_it():
    skip_unless_threads_can_share_the_test_database()
    campaign = CampaignFactory(target_gbp=Decimal("100000"), max_total_gbp=Decimal("100000"))
    people = councils_with_leads(COUNCILS)
    accepted, refused = [], []

    def job(council, lead):
        def pledge():
            try:
                pledge_create(
                    user=lead,
                    campaign=campaign,
                    council=council,
                    amount_gbp=Decimal("4500"),
                    budget_year="2026/27",
                )
            except ValidationError as error:
                assert "remaining maximum" in error.messages[0]
                refused.append(council.pk)
            else:
                accepted.append(council.pk)

        return pledge

    run_at_once([job(council, lead) for council, lead in people])

    assert len(accepted) == 22  # 22 x £4,500 = £99,000; a 23rd would pass £100,000
    assert len(refused) == COUNCILS - 22
    assert_invariants(campaign)
    assert campaign.pledged_gbp == Decimal("99000")
    assert Campaign.objects.get(pk=campaign.pk).pledged_gbp <= campaign.max_total_gbp


def test_amendments_racing_upwards_never_overshoot_the_maximum():
    skip_unless_threads_can_share_the_test_database()
    campaign = CampaignFactory(target_gbp=Decimal("100000"), max_total_gbp=Decimal("150000"))
    people = councils_with_leads(COUNCILS)
    pledges = [
        pledge_create(
            user=lead,
            campaign=campaign,
            council=council,
            amount_gbp=Decimal("2000"),
            budget_year="2026/27",
        )
        for council, lead in people
    ]  # £100,000 pledged; £50,000 left, and each wants £3,000 more

    def job(pledge, lead):
        def amend():
            with contextlib.suppress(ValidationError):
                pledge_amend(
                    user=lead, pledge=pledge, amount_gbp=Decimal("5000"), staff_days=0, reason="Up"
                )

        return amend

    run_at_once([job(pledge, lead) for pledge, (_, lead) in zip(pledges, people, strict=True)])

    assert_invariants(campaign)
    raised = Pledge.objects.filter(campaign=campaign, amount_gbp=Decimal("5000")).count()
    assert raised == 16  # 16 x £3,000 = £48,000 more; a 17th would pass £150,000
    assert campaign.pledged_gbp == Decimal("148000")
