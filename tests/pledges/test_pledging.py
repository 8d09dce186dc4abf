"""Pledging services: pledge, amend, withdraw; each appends to the ledger, and totals are its sums.

The issue's list of bad input is covered at this level too: each is refused with a reason
and leaves the ledger as it was.
"""

from datetime import timedelta
from decimal import Decimal

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError

import pytest

from hub.factories import CouncilFactory, MembershipFactory, VendorFactory
from hub.models import MembershipRole, MembershipStatus
from pledges.factories import CampaignFactory, PledgeFactory, procurement_lead
from pledges.models import CampaignState, LedgerEntry, LedgerKind, Pledge, PledgeStatus, SignOff
from pledges.selectors import ledger_totals, live_pledge_totals
from pledges.services.common import lock_campaign
from pledges.services.pledging import (
    pledge_amend,
    pledge_create,
    pledge_withdraw,
    remaining_maximum,
)

pytestmark = pytest.mark.django_db


def pledge(campaign, council, user, amount="10000", **kwargs):
    kwargs.setdefault("budget_year", "2026/27")
    return pledge_create(
        user=user, campaign=campaign, council=council, amount_gbp=Decimal(amount), **kwargs
    )


def assert_totals_agree(campaign):
    campaign.refresh_from_db()
    from_ledger, from_pledges = ledger_totals(campaign), live_pledge_totals(campaign)
    assert from_ledger == from_pledges
    assert campaign.pledged_gbp == from_ledger.amount_gbp
    assert campaign.pledged_staff_days == from_ledger.staff_days
    assert campaign.council_count == from_ledger.councils


# Pledging


def test_a_procurement_lead_pledges_for_their_council(campaign, council, lead):
    made = pledge(
        campaign,
        council,
        lead,
        "25000.50",
        staff_days=Decimal("4.5"),
        conditions="Subject to cabinet approval",
        sign_off=SignOff.BUDGET_HOLDER,
    )

    assert made.status == PledgeStatus.PLEDGED
    assert (made.amount_gbp, made.staff_days) == (Decimal("25000.50"), Decimal("4.5"))
    assert made.conditions == "Subject to cabinet approval"
    assert made.created_by == lead
    campaign.refresh_from_db()
    assert campaign.pledged_gbp == Decimal("25000.50")
    assert campaign.pledged_staff_days == Decimal("4.5")
    assert campaign.council_count == 1


def test_pledging_appends_one_entry_saying_who_when_before_after(campaign, council, lead):
    made = pledge(campaign, council, lead, "25000", reason="Agreed at the digital board")

    entry = LedgerEntry.objects.get()
    assert entry.pledge == made
    assert entry.kind == LedgerKind.PLEDGED
    assert entry.actor == lead
    assert entry.council == council
    assert (entry.amount_before, entry.amount_after, entry.amount_delta) == (
        Decimal("0"),
        Decimal("25000"),
        Decimal("25000"),
    )
    assert entry.councils_delta == 1
    assert entry.reason == "Agreed at the digital board"
    assert entry.created_at is not None


def test_the_pledge_returned_carries_its_campaigns_new_totals(campaign, council, lead):
    """The ledger adds its deltas to the locked campaign in memory as well as in SQL."""
    PledgeFactory(campaign=campaign, amount_gbp=Decimal("1000"), staff_days=Decimal("1"))

    made = pledge(campaign, council, lead, "2500", staff_days=Decimal("3.5"))

    assert (
        made.campaign.pledged_gbp,
        made.campaign.pledged_staff_days,
        made.campaign.council_count,
    ) == (Decimal("3500"), Decimal("4.5"), 2)


def test_amending_staff_days_alone_moves_the_campaigns_staff_days(campaign, council, lead):
    made = pledge(campaign, council, lead, "1000", staff_days=Decimal("2"))

    pledge_amend(
        user=lead, pledge=made, amount_gbp=Decimal("1000"), staff_days=Decimal("5"), reason="More"
    )

    assert_totals_agree(campaign)
    assert (campaign.pledged_gbp, campaign.pledged_staff_days) == (Decimal("1000"), Decimal("5"))
    entry = LedgerEntry.objects.last()
    assert (entry.amount_delta, entry.staff_days_delta, entry.councils_delta) == (0, 3, 0)


def test_a_pledge_of_staff_days_only_is_accepted(campaign, council, lead):
    made = pledge(campaign, council, lead, "0", staff_days=Decimal("10"))

    assert made.amount_gbp == 0
    assert_totals_agree(campaign)
    assert campaign.council_count == 1


def test_several_councils_add_up(campaign):
    for amount in ("10000", "20000.25", "30000"):
        PledgeFactory(campaign=campaign, amount_gbp=Decimal(amount))

    assert_totals_agree(campaign)
    assert campaign.pledged_gbp == Decimal("60000.25")
    assert campaign.council_count == 3


def test_a_council_pledges_once_and_amends_after(campaign, council, lead):
    pledge(campaign, council, lead)

    with pytest.raises(ValidationError, match="already pledged: amend"):
        pledge(campaign, council, lead, "5000")
    assert LedgerEntry.objects.count() == 1


# Amending and withdrawing


def test_amending_up_and_down_records_each_change(campaign, council, lead):
    made = pledge(campaign, council, lead, "10000")

    pledge_amend(user=lead, pledge=made, amount_gbp=Decimal("15000"), staff_days=0, reason="More")
    pledge_amend(user=lead, pledge=made, amount_gbp=Decimal("12000"), staff_days=0, reason="Less")

    made.refresh_from_db()
    assert made.amount_gbp == Decimal("12000")
    entries = list(
        LedgerEntry.objects.values_list("kind", "amount_before", "amount_after", "reason")
    )
    assert entries == [
        (LedgerKind.PLEDGED, Decimal("0"), Decimal("10000"), ""),
        (LedgerKind.AMENDED, Decimal("10000"), Decimal("15000"), "More"),
        (LedgerKind.AMENDED, Decimal("15000"), Decimal("12000"), "Less"),
    ]
    assert_totals_agree(campaign)
    assert campaign.pledged_gbp == Decimal("12000")
    assert campaign.council_count == 1


def test_amending_the_terms_alone_is_a_recorded_change(campaign, council, lead):
    made = pledge(campaign, council, lead)

    pledge_amend(
        user=lead,
        pledge=made,
        amount_gbp=made.amount_gbp,
        staff_days=made.staff_days,
        sign_off=SignOff.BUDGET_HOLDER,
        reason="Budget holder signed it off",
    )

    entry = LedgerEntry.objects.last()
    assert entry.kind == LedgerKind.AMENDED and entry.amount_delta == 0
    assert Pledge.objects.get().sign_off == SignOff.BUDGET_HOLDER


def test_an_amendment_that_changes_nothing_records_nothing(campaign, council, lead):
    made = pledge(campaign, council, lead)

    pledge_amend(user=lead, pledge=made, amount_gbp=made.amount_gbp, staff_days=0, reason="")

    assert LedgerEntry.objects.count() == 1


def test_an_amendment_needs_a_reason(campaign, council, lead):
    made = pledge(campaign, council, lead)

    with pytest.raises(ValidationError, match="why you are changing it"):
        pledge_amend(user=lead, pledge=made, amount_gbp=Decimal("1"), staff_days=0, reason=" ")
    assert LedgerEntry.objects.count() == 1


def test_withdrawing_takes_the_pledge_off_the_total(campaign, council, lead):
    made = pledge(campaign, council, lead, "10000", staff_days=Decimal("2"))
    PledgeFactory(campaign=campaign, amount_gbp=Decimal("5000"))

    pledge_withdraw(user=lead, pledge=made, reason="Budget cut")

    made.refresh_from_db()
    assert made.status == PledgeStatus.WITHDRAWN
    entry = LedgerEntry.objects.filter(pledge=made).last()
    assert (entry.kind, entry.amount_after, entry.councils_delta) == (
        LedgerKind.WITHDRAWN,
        Decimal("0"),
        -1,
    )
    assert entry.reason == "Budget cut"
    assert_totals_agree(campaign)
    assert campaign.pledged_gbp == Decimal("5000")
    assert campaign.council_count == 1


def test_a_withdrawal_needs_a_reason(campaign, council, lead):
    made = pledge(campaign, council, lead)

    with pytest.raises(ValidationError):
        pledge_withdraw(user=lead, pledge=made, reason="")
    assert Pledge.objects.get().status == PledgeStatus.PLEDGED


def test_a_council_that_withdrew_may_pledge_again(campaign, council, lead):
    first = pledge(campaign, council, lead)
    pledge_withdraw(user=lead, pledge=first, reason="Wrong budget year")

    second = pledge(campaign, council, lead, "8000")

    assert second.pk != first.pk
    assert_totals_agree(campaign)
    assert campaign.pledged_gbp == Decimal("8000")
    assert campaign.council_count == 1


def test_a_withdrawn_pledge_cannot_be_amended_or_withdrawn_again(campaign, council, lead):
    made = pledge(campaign, council, lead)
    pledge_withdraw(user=lead, pledge=made, reason="No")

    with pytest.raises(ValidationError, match="withdrawn"):
        pledge_amend(user=lead, pledge=made, amount_gbp=Decimal("5"), staff_days=0, reason="x")
    with pytest.raises(ValidationError, match="withdrawn"):
        pledge_withdraw(user=lead, pledge=made, reason="again")
    assert LedgerEntry.objects.count() == 2


def test_another_procurement_lead_of_the_same_council_may_amend(campaign, council, lead):
    made = pledge(campaign, council, lead)
    colleague = procurement_lead(council)

    pledge_amend(user=colleague, pledge=made, amount_gbp=Decimal("500"), staff_days=0, reason="x")

    assert LedgerEntry.objects.last().actor == colleague


# Limits


def test_the_remaining_maximum_is_the_tighter_of_the_two_limits(campaign):
    campaign.max_pledge_gbp = Decimal("40000")
    campaign.max_total_gbp = Decimal("120000")
    campaign.pledged_gbp = Decimal("100000")

    assert remaining_maximum(campaign) == Decimal("20000")
    assert remaining_maximum(campaign, current=Decimal("30000")) == Decimal("40000")
    campaign.max_total_gbp = None
    assert remaining_maximum(campaign) == Decimal("40000")
    campaign.max_pledge_gbp = None
    assert remaining_maximum(campaign) is None


def test_a_pledge_may_fill_exactly_what_is_left(council, lead):
    campaign = CampaignFactory(max_total_gbp=Decimal("100000"))
    PledgeFactory(campaign=campaign, amount_gbp=Decimal("90000"))

    pledge(campaign, council, lead, "10000")

    assert_totals_agree(campaign)
    assert campaign.pledged_gbp == campaign.max_total_gbp


def test_an_amendment_counts_the_pledge_it_replaces(council, lead):
    campaign = CampaignFactory(max_total_gbp=Decimal("100000"))
    made = pledge(campaign, council, lead, "60000")
    PledgeFactory(campaign=campaign, amount_gbp=Decimal("30000"))

    pledge_amend(user=lead, pledge=made, amount_gbp=Decimal("70000"), staff_days=0, reason="x")

    assert_totals_agree(campaign)
    assert campaign.pledged_gbp == Decimal("100000")


# Bad input: each is refused with a reason and leaves the ledger unchanged


@pytest.fixture
def ledger_unchanged(campaign):
    PledgeFactory(campaign=campaign, amount_gbp=Decimal("1000"))
    before = list(LedgerEntry.objects.values_list("pk", "amount_after"))
    yield
    assert list(LedgerEntry.objects.values_list("pk", "amount_after")) == before
    assert_totals_agree(campaign)


def test_a_pledge_below_the_minimum(campaign, council, lead, ledger_unchanged):
    campaign.min_pledge_gbp = Decimal("5000")
    campaign.save()

    with pytest.raises(ValidationError, match=r"at least £5,000.00"):
        pledge(campaign, council, lead, "4999.99")


def test_a_pledge_above_the_maximum_pledge(campaign, council, lead, ledger_unchanged):
    campaign.max_pledge_gbp = Decimal("20000")
    campaign.save()

    with pytest.raises(ValidationError, match=r"at most £20,000.00"):
        pledge(campaign, council, lead, "20000.01")


def test_a_pledge_above_the_remaining_maximum(campaign, council, lead, ledger_unchanged):
    campaign.max_total_gbp = Decimal("100000")
    campaign.save()

    with pytest.raises(ValidationError, match=r"at most £99,000.00: that is the remaining maximum"):
        pledge(campaign, council, lead, "99000.01")


def test_an_amendment_above_the_remaining_maximum(council, lead):
    campaign = CampaignFactory(max_total_gbp=Decimal("100000"))
    made = pledge(campaign, council, lead, "50000")
    PledgeFactory(campaign=campaign, amount_gbp=Decimal("40000"))
    entries = LedgerEntry.objects.count()

    with pytest.raises(ValidationError, match="remaining maximum"):
        pledge_amend(
            user=lead, pledge=made, amount_gbp=Decimal("60000.01"), staff_days=0, reason="x"
        )

    assert LedgerEntry.objects.count() == entries
    made.refresh_from_db()
    assert made.amount_gbp == Decimal("50000")


def test_a_pledge_after_the_deadline(campaign, council, lead, ledger_unchanged):
    with pytest.raises(ValidationError, match="deadline for pledges has passed"):
        pledge(campaign, council, lead, now=campaign.closes_at)


def test_an_amendment_after_the_deadline(campaign, council, lead):
    made = pledge(campaign, council, lead)

    with pytest.raises(ValidationError, match="deadline"):
        pledge_amend(
            user=lead,
            pledge=made,
            amount_gbp=Decimal("1"),
            staff_days=0,
            reason="late",
            now=campaign.closes_at + timedelta(minutes=1),
        )
    with pytest.raises(ValidationError, match="deadline"):
        pledge_withdraw(user=lead, pledge=made, reason="late", now=campaign.closes_at)
    assert LedgerEntry.objects.count() == 1


def test_a_pledge_before_the_campaign_opens(campaign, council, lead, ledger_unchanged):
    with pytest.raises(ValidationError, match="Pledges open on"):
        pledge(campaign, council, lead, now=campaign.opens_at - timedelta(seconds=1))


@pytest.mark.parametrize(
    "state",
    [
        CampaignState.DRAFT,
        CampaignState.SUBMITTED,
        CampaignState.FUNDED,
        CampaignState.UNSUCCESSFUL,
        CampaignState.IN_DELIVERY,
        CampaignState.DELIVERED,
        CampaignState.CANCELLED,
    ],
)
def test_a_pledge_on_a_campaign_that_is_not_open(council, lead, state):
    campaign = CampaignFactory(state=state)

    with pytest.raises(ValidationError, match="not open for pledges"):
        pledge(campaign, council, lead)
    assert not LedgerEntry.objects.exists()


def test_a_pledge_for_another_council(campaign, lead, ledger_unchanged):
    with pytest.raises(PermissionDenied, match="Only approved procurement leads of"):
        pledge(campaign, CouncilFactory(cardiff=True), lead)


def test_a_pledge_by_a_member_without_the_procurement_role(
    campaign, council, plain_member, ledger_unchanged
):
    with pytest.raises(PermissionDenied, match="procurement leads"):
        pledge(campaign, council, plain_member)


def test_a_pledge_by_a_procurement_lead_not_yet_approved(campaign, council, ledger_unchanged):
    pending = MembershipFactory(
        organisation=council,
        role=MembershipRole.PROCUREMENT_LEAD,
        status=MembershipStatus.PENDING,
    ).user

    with pytest.raises(PermissionDenied):
        pledge(campaign, council, pending)


def test_a_pledge_for_a_vendor(campaign, ledger_unchanged):
    vendor = VendorFactory()
    user = MembershipFactory(organisation=vendor, role=MembershipRole.PROCUREMENT_LEAD).user

    with pytest.raises(PermissionDenied, match="Only councils pledge"):
        pledge(campaign, vendor, user)


def test_a_pledge_by_someone_signed_out(campaign, council, ledger_unchanged):
    with pytest.raises(PermissionDenied, match="Sign in"):
        pledge(campaign, council, AnonymousUser())


def refused_fields(call) -> dict:
    with pytest.raises(ValidationError) as error:
        call()
    return error.value.message_dict


@pytest.mark.parametrize(
    ("amount", "message"),
    [
        ("-1", "Enter an amount above £0."),
        ("-0.01", "Enter an amount above £0."),
        ("abc", "Enter the amount as a number."),
        ("", "Enter the amount as a number."),
        (None, "Enter the amount as a number."),
        ("NaN", "Enter the amount as a number."),
        ("Infinity", "Enter the amount as a number."),
        ("10.001", "Enter the amount in pounds and pence, like 1250.50."),
        ("0.005", "Enter the amount in pounds and pence, like 1250.50."),
        ("10000000000", "Enter an amount below £10,000,000,000."),
        ("1e20", "Enter an amount below £10,000,000,000."),
    ],
)
def test_a_bad_amount(campaign, council, lead, ledger_unchanged, amount, message):
    refused = refused_fields(
        lambda: pledge_create(
            user=lead, campaign=campaign, council=council, amount_gbp=amount, budget_year="2026/27"
        )
    )

    assert refused == {"amount_gbp": [message]}


@pytest.mark.parametrize(
    ("amount", "stored"),
    [
        (" 12.5 ", "12.50"),
        ("12.500", "12.50"),
        ("9999999999.99", "9999999999.99"),
        (Decimal("7"), "7.00"),
        (3, "3.00"),
    ],
)
def test_an_amount_is_stored_to_the_penny(campaign, council, lead, amount, stored):
    made = pledge_create(
        user=lead, campaign=campaign, council=council, amount_gbp=amount, budget_year="2026/27"
    )

    made.refresh_from_db()
    assert str(made.amount_gbp) == stored


def test_a_zero_pledge(campaign, council, lead, ledger_unchanged):
    refused = refused_fields(lambda: pledge(campaign, council, lead, "0"))

    assert refused == {"amount_gbp": ["Pledge an amount of money, staff days, or both."]}


def test_a_float_amount(campaign, council, lead, ledger_unchanged):
    refused = refused_fields(
        lambda: pledge_create(
            user=lead, campaign=campaign, council=council, amount_gbp=0.1, budget_year="2026/27"
        )
    )

    assert refused == {"amount_gbp": ["Give the amount as a decimal, not a float."]}


@pytest.mark.parametrize(
    ("days", "message"),
    [
        ("-1", "Enter 0 or more staff days."),
        ("-0.1", "Enter 0 or more staff days."),
        ("1.25", "Enter staff days to one decimal place, like 2.5."),
        ("1000000", "Enter fewer than 1,000,000 staff days."),
        ("999999.95", "Enter fewer than 1,000,000 staff days."),
        ("two", "Enter the number of staff days as a number."),
        (0.5, "Give the number of staff days as a decimal, not a float."),
    ],
)
def test_bad_staff_days(campaign, council, lead, ledger_unchanged, days, message):
    refused = refused_fields(lambda: pledge(campaign, council, lead, staff_days=days))

    assert refused == {"staff_days": [message]}


@pytest.mark.parametrize(
    ("days", "stored"), [("999999.9", "999999.9"), ("2.50", "2.5"), ("0", "0.0")]
)
def test_staff_days_are_stored_to_one_decimal_place(campaign, council, lead, days, stored):
    made = pledge(campaign, council, lead, staff_days=days)

    made.refresh_from_db()
    assert str(made.staff_days) == stored


@pytest.mark.parametrize("budget_year", ["2026", "26/27", "2026-27", ""])
def test_a_bad_budget_year(campaign, council, lead, ledger_unchanged, budget_year):
    with pytest.raises(ValidationError, match="financial year"):
        pledge(campaign, council, lead, budget_year=budget_year)


def test_a_bad_sign_off(campaign, council, lead, ledger_unchanged):
    with pytest.raises(ValidationError, match="budget holder"):
        pledge(campaign, council, lead, sign_off="maybe")


def test_conditions_that_are_too_long(campaign, council, lead, ledger_unchanged):
    with pytest.raises(ValidationError, match="2000 characters"):
        pledge(campaign, council, lead, conditions="x" * 2001)


@pytest.mark.django_db(transaction=True)
def test_a_campaign_is_never_locked_outside_a_transaction():
    with pytest.raises(RuntimeError) as error:
        lock_campaign(1)

    assert str(error.value) == "lock_campaign needs a transaction"
