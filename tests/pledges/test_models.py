"""The database guards co-funding's invariants itself: checks, a conditional unique
constraint, and triggers that keep the ledger append-only on both engines."""

from decimal import Decimal

from django.core.management import call_command
from django.db import DatabaseError, IntegrityError, connection, transaction

import pytest

from hub.factories import CouncilFactory
from pledges.factories import CampaignFactory, PledgeFactory, procurement_lead
from pledges.models import (
    AppendOnlyError,
    Campaign,
    Commitment,
    LedgerEntry,
    LedgerKind,
    Pledge,
    PledgeStatus,
)

pytestmark = pytest.mark.django_db


def refused(query, *params):
    with (
        pytest.raises((IntegrityError, DatabaseError)),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute(query, params)


def update_campaign(campaign, **values):
    with transaction.atomic():
        Campaign.objects.filter(pk=campaign.pk).update(**values)


@pytest.mark.parametrize(
    "values",
    [
        {"state": "paused"},
        {"kind": "hackathon"},
        {"funding_model": "flexible"},
        {"delivery_stage": "gamma"},
        {"target_gbp": Decimal("0")},
        {"target_gbp": Decimal("-1")},
        {"min_councils": 0},
        {"min_pledge_gbp": Decimal("0")},
        {"min_pledge_gbp": Decimal("500"), "max_pledge_gbp": Decimal("100")},
        {"max_pledge_gbp": Decimal("0")},
        {"max_total_gbp": Decimal("99999.99")},
        {"match_cap_gbp": Decimal("1000")},
        {"pledged_gbp": Decimal("-0.01")},
        {"pledged_staff_days": Decimal("-1")},
    ],
    ids=lambda values: ",".join(values),
)
def test_the_database_refuses_an_invalid_campaign(campaign, values):
    with pytest.raises(IntegrityError):
        update_campaign(campaign, **values)


def test_the_deadline_must_come_after_the_opening(campaign):
    with pytest.raises(IntegrityError):
        update_campaign(campaign, closes_at=campaign.opens_at)


def test_a_match_funder_needs_a_cap(campaign):
    with pytest.raises(IntegrityError):
        update_campaign(campaign, match_funder=CouncilFactory())


def test_the_total_can_never_pass_the_campaigns_maximum(campaign):
    update_campaign(campaign, max_total_gbp=Decimal("150000"))

    with pytest.raises(IntegrityError):
        update_campaign(campaign, pledged_gbp=Decimal("150000.01"))


def test_one_live_pledge_per_council_per_campaign(campaign):
    pledge = PledgeFactory(campaign=campaign)

    with pytest.raises(IntegrityError), transaction.atomic():
        Pledge.objects.create(
            campaign=campaign,
            council=pledge.council,
            amount_gbp=Decimal("5"),
            budget_year="2026/27",
            created_by=pledge.created_by,
        )


def test_a_withdrawn_pledge_does_not_block_a_new_one(campaign):
    pledge = PledgeFactory(campaign=campaign)
    Pledge.objects.filter(pk=pledge.pk).update(status=PledgeStatus.WITHDRAWN)

    Pledge.objects.create(
        campaign=campaign,
        council=pledge.council,
        amount_gbp=Decimal("5"),
        budget_year="2026/27",
        created_by=pledge.created_by,
    )

    assert Pledge.objects.filter(campaign=campaign, council=pledge.council).count() == 2


def test_a_live_pledge_must_give_money_or_time(campaign):
    pledge = PledgeFactory(campaign=campaign)

    with pytest.raises(IntegrityError), transaction.atomic():
        Pledge.objects.filter(pk=pledge.pk).update(amount_gbp=0, staff_days=0)


@pytest.fixture
def entry(campaign):
    return PledgeFactory(campaign=campaign).ledger.get()


def test_the_ledger_refuses_an_update_in_sql(entry):
    refused("UPDATE pledges_ledgerentry SET amount_after = 1 WHERE id = %s", entry.pk)

    assert LedgerEntry.objects.get(pk=entry.pk).amount_after == entry.amount_after


def test_the_ledger_refuses_a_delete_in_sql(entry):
    refused("DELETE FROM pledges_ledgerentry WHERE id = %s", entry.pk)

    assert LedgerEntry.objects.filter(pk=entry.pk).exists()


def test_the_ledger_refuses_updates_and_deletes_through_the_orm(entry):
    with pytest.raises(AppendOnlyError):
        entry.save()
    with pytest.raises(AppendOnlyError):
        entry.delete()
    with pytest.raises(AppendOnlyError):
        LedgerEntry.objects.filter(pk=entry.pk).update(reason="rewritten")
    with pytest.raises(AppendOnlyError):
        LedgerEntry.objects.filter(pk=entry.pk).delete()


def new_entry(entry, **values):
    fields = {
        "campaign_id": entry.campaign_id,
        "pledge_id": entry.pledge_id,
        "council_id": entry.council_id,
        "kind": LedgerKind.AMENDED,
        "amount_before": Decimal("10000"),
        "amount_after": Decimal("12000"),
        "amount_delta": Decimal("2000"),
        "staff_days_before": Decimal("0"),
        "staff_days_after": Decimal("0"),
        "staff_days_delta": Decimal("0"),
        "councils_delta": 0,
        "created_at": entry.created_at,
    }
    fields.update(values)
    with transaction.atomic():
        return LedgerEntry.objects.create(**fields)


def test_a_well_formed_entry_is_accepted(entry):
    assert new_entry(entry).pk


@pytest.mark.parametrize(
    "values",
    [
        {"amount_delta": Decimal("2000.01")},
        {"staff_days_delta": Decimal("1")},
        {"amount_before": Decimal("-1"), "amount_delta": Decimal("12001")},
        {"kind": "refund"},
        {"councils_delta": 1},
        {"kind": LedgerKind.PLEDGED, "councils_delta": 1},  # a pledge starts from nothing
        {"kind": LedgerKind.WITHDRAWN, "councils_delta": -1},  # a withdrawal ends at nothing
        {"kind": LedgerKind.COMMITTED},  # a status step changes no amount
    ],
    ids=lambda values: ",".join(f"{k}={v}" for k, v in values.items()),
)
def test_the_database_refuses_a_malformed_entry(entry, values):
    with pytest.raises(IntegrityError):
        new_entry(entry, **values)


def test_an_ordered_commitment_needs_a_po_number(campaign):
    pledge = PledgeFactory(campaign=campaign)
    commitment = Commitment.objects.create(
        pledge=pledge, campaign=campaign, council=pledge.council, amount_gbp=1, staff_days=0
    )

    with pytest.raises(IntegrityError), transaction.atomic():
        Commitment.objects.filter(pk=commitment.pk).update(status="ordered")


def test_the_ledger_cannot_be_bypassed_by_deleting_its_campaign(entry):
    with pytest.raises((IntegrityError, DatabaseError, Exception)), transaction.atomic():
        Campaign.objects.filter(pk=entry.campaign_id).delete()

    assert LedgerEntry.objects.filter(pk=entry.pk).exists()


def test_a_procurement_lead_helper_makes_an_approved_lead():
    council = CouncilFactory()
    user = procurement_lead(council)

    assert user.memberships.get().role == "procurement_lead"
    assert CampaignFactory(lead_council=council, lead_user=user).lead_user == user


@pytest.mark.django_db(transaction=True)
def test_flush_is_the_one_thing_that_empties_the_ledger():
    PledgeFactory()
    assert LedgerEntry.objects.exists()

    call_command("flush", interactive=False, verbosity=0)

    assert not LedgerEntry.objects.exists()
    assert not Pledge.objects.exists()
