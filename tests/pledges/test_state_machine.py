"""A hypothesis state machine: random pledges, amendments, withdrawals, settlement, orders,
invoices and payments across four councils, with every invariant checked after each step.

The machine keeps its own model of what each council has pledged and predicts whether
each step should succeed; the database must agree with the model, and the ledger must
equal the live pledges and the campaign's totals, after every step.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule, run_state_machine_as_test

from hub.factories import CouncilFactory
from pledges.factories import CampaignFactory, procurement_lead
from pledges.models import (
    CampaignState,
    Commitment,
    CommitmentStatus,
    LedgerEntry,
    Pledge,
    PledgeStatus,
)
from pledges.selectors import ledger_totals, live_pledge_totals
from pledges.services.commitments import commitment_invoice, commitment_pay, commitment_raise_order
from pledges.services.pledging import pledge_amend, pledge_create, pledge_withdraw
from pledges.services.settlement import campaign_settle

COUNCILS = 4
MAX_TOTAL = Decimal("60000.00")
MIN_PLEDGE = Decimal("1000.00")
TARGET = Decimal("40000.00")
MIN_COUNCILS = 2

councils = st.integers(min_value=0, max_value=COUNCILS - 1)
amounts = st.one_of(
    st.decimals(min_value=0, max_value=30000, places=2, allow_nan=False, allow_infinity=False),
    st.sampled_from([Decimal("-1"), Decimal("0.001"), MIN_PLEDGE, Decimal("999.99")]),
)


@dataclass
class Expected:
    """The model's view of one council's live pledge."""

    amount: Decimal = Decimal("0")
    live: bool = False
    commitment: str = ""


class PledgingMachine(RuleBasedStateMachine):
    def __init__(self):
        super().__init__()
        self.atomic = transaction.atomic()
        self.atomic.__enter__()
        self.campaign = CampaignFactory(
            target_gbp=TARGET,
            min_councils=MIN_COUNCILS,
            max_total_gbp=MAX_TOTAL,
            min_pledge_gbp=MIN_PLEDGE,
        )
        self.councils = CouncilFactory.create_batch(COUNCILS)
        self.leads = [procurement_lead(council) for council in self.councils]
        self.model = [Expected() for _ in range(COUNCILS)]
        self.state = CampaignState.OPEN
        self.seen_entries: dict[int, tuple] = {}

    def teardown(self):
        transaction.set_rollback(True)
        self.atomic.__exit__(None, None, None)

    # helpers

    def total(self) -> Decimal:
        return sum((m.amount for m in self.model if m.live), Decimal("0"))

    def pledge_of(self, index):
        return (
            Pledge.objects.live()
            .filter(campaign=self.campaign, council=self.councils[index])
            .first()
        )

    def commitment_of(self, index):
        return Commitment.objects.filter(
            campaign=self.campaign, council=self.councils[index]
        ).first()

    def valid_amount(self, amount: Decimal, current: Decimal) -> bool:
        return (
            amount >= MIN_PLEDGE
            and amount == amount.quantize(Decimal("0.01"))
            and amount <= MAX_TOTAL - (self.total() - current)
        )

    def attempt(self, expected: bool, call):
        """Run a service; it must succeed exactly when the model says it should."""
        entries = LedgerEntry.objects.count()
        try:
            call()
        except ValidationError:
            assert not expected, "the service refused a change the model allows"
            assert LedgerEntry.objects.count() == entries, "a refusal changed the ledger"
            return False
        assert expected, "the service allowed a change the model refuses"
        return True

    # rules

    @rule(index=councils, amount=amounts)
    def pledge(self, index, amount):
        model = self.model[index]
        expected = self.state == CampaignState.OPEN and not model.live
        expected = expected and self.valid_amount(amount, Decimal("0"))
        done = self.attempt(
            expected,
            lambda: pledge_create(
                user=self.leads[index],
                campaign=self.campaign,
                council=self.councils[index],
                amount_gbp=amount,
                budget_year="2026/27",
            ),
        )
        if done:
            model.amount, model.live = amount, True

    @rule(index=councils, amount=amounts)
    def amend(self, index, amount):
        model, pledge = self.model[index], self.pledge_of(index)
        if pledge is None:
            return
        expected = self.state == CampaignState.OPEN and self.valid_amount(amount, model.amount)
        if self.attempt(
            expected,
            lambda: pledge_amend(
                user=self.leads[index],
                pledge=pledge,
                amount_gbp=amount,
                staff_days=Decimal("0"),
                reason="Revised budget",
            ),
        ):
            model.amount = amount

    @rule(index=councils)
    def withdraw(self, index):
        model, pledge = self.model[index], self.pledge_of(index)
        if pledge is None:
            return
        if self.attempt(
            self.state == CampaignState.OPEN,
            lambda: pledge_withdraw(user=self.leads[index], pledge=pledge, reason="No budget"),
        ):
            model.live, model.amount = False, Decimal("0")

    @rule()
    def settle(self):
        result = campaign_settle(campaign=self.campaign, now=self.campaign.closes_at)
        if self.state != CampaignState.OPEN:
            assert not result.settled
            return
        live = [m for m in self.model if m.live]
        funded = self.total() >= TARGET and len(live) >= MIN_COUNCILS
        assert result.settled and result.funded == funded
        self.state = CampaignState.FUNDED if funded else CampaignState.UNSUCCESSFUL
        for model in live:
            if funded:
                model.commitment = CommitmentStatus.COMMITTED
            else:
                model.live, model.amount = False, Decimal("0")

    def _step(self, index, needs, to, call):
        commitment = self.commitment_of(index)
        if commitment is None:
            return
        model = self.model[index]
        if self.attempt(model.commitment == needs, lambda: call(commitment)):
            model.commitment = to

    @rule(index=councils)
    def order(self, index):
        self._step(
            index,
            CommitmentStatus.COMMITTED,
            CommitmentStatus.ORDERED,
            lambda c: commitment_raise_order(
                user=self.leads[index], commitment=c, po_number="PO-1"
            ),
        )

    @rule(index=councils)
    def invoice(self, index):
        self._step(
            index,
            CommitmentStatus.ORDERED,
            CommitmentStatus.INVOICED,
            lambda c: commitment_invoice(
                user=self.leads[index], commitment=c, invoice_reference="INV-1"
            ),
        )

    @rule(index=councils)
    def pay(self, index):
        self._step(
            index,
            CommitmentStatus.INVOICED,
            CommitmentStatus.PAID,
            lambda c: commitment_pay(user=self.leads[index], commitment=c),
        )

    # invariants

    @invariant()
    def totals_are_the_ledger_and_the_live_pledges(self):
        self.campaign.refresh_from_db()
        ledger, live = ledger_totals(self.campaign), live_pledge_totals(self.campaign)
        assert ledger == live
        assert self.campaign.pledged_gbp == ledger.amount_gbp == self.total()
        assert self.campaign.council_count == ledger.councils == sum(m.live for m in self.model)
        assert Decimal("0") <= self.campaign.pledged_gbp <= MAX_TOTAL

    @invariant()
    def the_database_agrees_with_the_model(self):
        self.campaign.refresh_from_db()
        assert self.campaign.state == self.state
        for index, model in enumerate(self.model):
            pledge = self.pledge_of(index)
            assert (pledge is not None) == model.live
            if pledge is not None:
                assert pledge.amount_gbp == model.amount
                committed = self.state in (CampaignState.FUNDED,)
                assert pledge.status == (
                    PledgeStatus.COMMITTED if committed else PledgeStatus.PLEDGED
                )
            commitment = self.commitment_of(index)
            assert (commitment.status if commitment else "") == model.commitment

    @invariant()
    def one_live_pledge_per_council(self):
        for council in self.councils:
            assert (
                Pledge.objects.live().filter(campaign=self.campaign, council=council).count() <= 1
            )

    @invariant()
    def the_ledger_only_grows(self):
        entries = {
            entry.pk: (entry.kind, entry.amount_before, entry.amount_after, entry.reason)
            for entry in LedgerEntry.objects.filter(campaign=self.campaign)
        }
        for pk, seen in self.seen_entries.items():
            assert entries.get(pk) == seen, "a ledger entry changed or vanished"
        self.seen_entries = entries


@pytest.mark.django_db
def test_random_sequences_keep_every_invariant():
    run_state_machine_as_test(
        PledgingMachine,
        settings=settings(
            max_examples=30,
            stateful_step_count=25,
            deadline=None,
            database=None,
            derandomize=True,
            suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
        ),
    )
