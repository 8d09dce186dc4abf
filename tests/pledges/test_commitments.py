"""Following the money after funding: purchase order raised → invoiced → paid."""

from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError

import pytest

from hub.factories import UserFactory
from pledges.factories import CampaignFactory, PledgeFactory, procurement_lead
from pledges.models import Commitment, CommitmentStatus, LedgerEntry, LedgerKind
from pledges.selectors import ledger_totals, live_pledge_totals, money_followed
from pledges.services.commitments import commitment_invoice, commitment_pay, commitment_raise_order
from pledges.services.settlement import campaign_settle

pytestmark = pytest.mark.django_db


@pytest.fixture
def commitments(db):
    campaign = CampaignFactory(target_gbp=Decimal("30000"), min_councils=2)
    PledgeFactory(campaign=campaign, amount_gbp=Decimal("10000"))
    PledgeFactory(campaign=campaign, amount_gbp=Decimal("20000"))
    campaign_settle(campaign=campaign, now=campaign.closes_at)
    return list(Commitment.objects.filter(campaign=campaign).order_by("amount_gbp"))


def council_lead(commitment):
    return procurement_lead(commitment.council)


def test_a_commitment_is_followed_to_payment(commitments):
    commitment = commitments[0]
    lead = council_lead(commitment)

    commitment_raise_order(user=lead, commitment=commitment, po_number="PO-123")
    commitment_invoice(user=lead, commitment=commitment, invoice_reference="INV-9")
    commitment_pay(user=lead, commitment=commitment)

    commitment.refresh_from_db()
    assert commitment.status == CommitmentStatus.PAID
    assert commitment.po_number == "PO-123" and commitment.invoice_reference == "INV-9"
    assert commitment.ordered_at <= commitment.invoiced_at <= commitment.paid_at
    kinds = list(
        LedgerEntry.objects.filter(pledge=commitment.pledge)
        .order_by("pk")
        .values_list("kind", flat=True)
    )
    assert kinds[-3:] == [LedgerKind.ORDER_RAISED, LedgerKind.INVOICED, LedgerKind.PAID]
    assert ledger_totals(commitment.campaign) == live_pledge_totals(commitment.campaign)


def test_committed_ordered_and_paid_are_summed_side_by_side(commitments):
    small, large = commitments
    lead = small.campaign.lead_user
    commitment_raise_order(user=lead, commitment=small, po_number="PO-1")
    commitment_raise_order(user=lead, commitment=large, po_number="PO-2")
    commitment_invoice(user=lead, commitment=large, invoice_reference="INV-2")
    commitment_pay(user=lead, commitment=large)

    money = money_followed(small.campaign)

    assert (money.committed, money.ordered, money.invoiced, money.paid) == (
        Decimal("30000"),
        Decimal("30000"),
        Decimal("20000"),
        Decimal("20000"),
    )
    assert money.commitments == 2


@pytest.mark.parametrize(
    ("step", "needs"),
    [("invoice", "ordered"), ("pay", "ordered")],
)
def test_steps_happen_in_order(commitments, step, needs):
    commitment = commitments[0]
    lead = council_lead(commitment)

    with pytest.raises(ValidationError, match="cannot be"):
        if step == "invoice":
            commitment_invoice(user=lead, commitment=commitment, invoice_reference="INV")
        else:
            commitment_pay(user=lead, commitment=commitment)
    commitment.refresh_from_db()
    assert commitment.status == CommitmentStatus.COMMITTED


def test_an_order_is_raised_once(commitments):
    commitment = commitments[0]
    lead = council_lead(commitment)
    commitment_raise_order(user=lead, commitment=commitment, po_number="PO-1")

    with pytest.raises(ValidationError):
        commitment_raise_order(user=lead, commitment=commitment, po_number="PO-2")
    commitment.refresh_from_db()
    assert commitment.po_number == "PO-1"


@pytest.mark.parametrize("po_number", ["", "   ", "x" * 101])
def test_a_purchase_order_needs_a_number(commitments, po_number):
    commitment = commitments[0]

    with pytest.raises(ValidationError):
        commitment_raise_order(
            user=council_lead(commitment), commitment=commitment, po_number=po_number
        )


def test_an_invoice_needs_a_reference(commitments):
    commitment = commitments[0]
    lead = council_lead(commitment)
    commitment_raise_order(user=lead, commitment=commitment, po_number="PO-1")

    with pytest.raises(ValidationError):
        commitment_invoice(user=lead, commitment=commitment, invoice_reference="")


def test_only_the_council_or_the_lead_records_progress(commitments):
    commitment = commitments[0]
    other_council = procurement_lead(commitments[1].council)

    for user in (UserFactory(), other_council):
        with pytest.raises(PermissionDenied):
            commitment_raise_order(user=user, commitment=commitment, po_number="PO-1")
    commitment.refresh_from_db()
    assert commitment.status == CommitmentStatus.COMMITTED


def test_each_step_is_in_the_ledger_with_who_recorded_it_and_why(commitments):
    commitment = commitments[0]
    lead = council_lead(commitment)

    commitment_raise_order(user=lead, commitment=commitment, po_number=" PO-123 ")
    commitment_invoice(user=lead, commitment=commitment, invoice_reference=" INV-9 ")
    commitment_pay(user=lead, commitment=commitment)

    entries = list(
        LedgerEntry.objects.filter(pledge=commitment.pledge)
        .order_by("pk")
        .values_list("kind", "actor", "reason", "amount_delta")
    )
    assert entries[-3:] == [
        (LedgerKind.ORDER_RAISED, lead.pk, "Purchase order PO-123 raised.", Decimal("0")),
        (LedgerKind.INVOICED, lead.pk, "Invoice INV-9 received.", Decimal("0")),
        (LedgerKind.PAID, lead.pk, "Paid.", Decimal("0")),
    ]


@pytest.mark.parametrize("step", ["order", "invoice", "pay"])
def test_someone_else_is_told_who_records_progress(commitments, step):
    commitment = commitments[0]
    lead = council_lead(commitment)
    if step != "order":
        commitment_raise_order(user=lead, commitment=commitment, po_number="PO-1")
    if step == "pay":
        commitment_invoice(user=lead, commitment=commitment, invoice_reference="INV-1")

    with pytest.raises(PermissionDenied) as refused:
        if step == "order":
            commitment_raise_order(user=UserFactory(), commitment=commitment, po_number="PO-2")
        elif step == "invoice":
            commitment_invoice(user=UserFactory(), commitment=commitment, invoice_reference="I")
        else:
            commitment_pay(user=UserFactory(), commitment=commitment)

    assert str(refused.value) == (
        "Only the council's procurement leads or the campaign's lead record this."
    )


def test_a_step_out_of_order_says_where_the_commitment_is(commitments):
    commitment = commitments[0]
    lead = council_lead(commitment)

    with pytest.raises(ValidationError) as invoiced:
        commitment_invoice(user=lead, commitment=commitment, invoice_reference="INV-1")
    with pytest.raises(ValidationError) as paid:
        commitment_pay(user=lead, commitment=commitment)
    commitment_raise_order(user=lead, commitment=commitment, po_number="PO-1")
    with pytest.raises(ValidationError) as ordered:
        commitment_raise_order(user=lead, commitment=commitment, po_number="PO-2")

    assert invoiced.value.messages == ["This commitment is committed: it cannot be invoiced now."]
    assert paid.value.messages == ["This commitment is committed: it cannot be paid now."]
    assert ordered.value.messages == [
        "This commitment is purchase order raised: it cannot be ordered now."
    ]


def test_a_missing_or_overlong_purchase_order_number_is_refused_on_its_field(commitments):
    commitment = commitments[0]
    lead = council_lead(commitment)

    with pytest.raises(ValidationError) as missing:
        commitment_raise_order(user=lead, commitment=commitment, po_number="  ")
    with pytest.raises(ValidationError) as overlong:
        commitment_raise_order(user=lead, commitment=commitment, po_number="x" * 101)

    assert missing.value.message_dict == {"po_number": ["Enter the purchase order number."]}
    assert overlong.value.message_dict == {
        "po_number": ["Keep the purchase order number to 100 characters."]
    }


def test_a_purchase_order_number_of_100_characters_is_kept(commitments):
    commitment = commitments[0]

    commitment_raise_order(
        user=council_lead(commitment), commitment=commitment, po_number="x" * 100
    )

    commitment.refresh_from_db()
    assert (commitment.po_number, commitment.status) == ("x" * 100, CommitmentStatus.ORDERED)


def test_a_missing_or_overlong_invoice_reference_is_refused_on_its_field(commitments):
    commitment = commitments[0]
    lead = council_lead(commitment)
    commitment_raise_order(user=lead, commitment=commitment, po_number="PO-1")

    with pytest.raises(ValidationError) as missing:
        commitment_invoice(user=lead, commitment=commitment, invoice_reference="")
    with pytest.raises(ValidationError) as overlong:
        commitment_invoice(user=lead, commitment=commitment, invoice_reference="x" * 101)

    assert missing.value.message_dict == {"invoice_reference": ["Enter the invoice reference."]}
    assert overlong.value.message_dict == {
        "invoice_reference": ["Keep the invoice reference to 100 characters."]
    }
    commitment.refresh_from_db()
    assert commitment.status == CommitmentStatus.ORDERED
