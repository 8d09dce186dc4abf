"""Following the money after funding: purchase order raised → invoiced → paid.

Each step is recorded on the commitment and appended to the ledger (with no change of
amount), so the campaign page can show committed, ordered and paid side by side.
"""

from __future__ import annotations

from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from pledges.models import Commitment, CommitmentStatus, LedgerKind
from pledges.permissions import user_can_record_commitment
from pledges.services.common import lock_campaign, require
from pledges.services.ledger import ledger_append

REFERENCE_MAX_LENGTH = 100


def _locked(commitment: Commitment):
    campaign = lock_campaign(commitment.campaign_id)
    locked = (
        Commitment.objects.select_for_update()
        .select_related("pledge", "council")
        .get(pk=commitment.pk)
    )
    locked.campaign = campaign
    return campaign, locked


def _reference(value: str, *, field: str, label: str) -> str:
    value = (value or "").strip()
    if not value:
        raise ValidationError({field: f"Enter the {label}."})
    if len(value) > REFERENCE_MAX_LENGTH:
        raise ValidationError({field: f"Keep the {label} to {REFERENCE_MAX_LENGTH} characters."})
    return value


def _step(campaign, commitment: Commitment, *, user, kind: str, reason: str, now):
    ledger_append(
        campaign=campaign,
        pledge=commitment.pledge,
        kind=kind,
        amount_before=commitment.amount_gbp,
        amount_after=commitment.amount_gbp,
        staff_days_before=commitment.staff_days,
        staff_days_after=commitment.staff_days,
        actor=user,
        reason=reason,
        now=now,
    )


def _require_status(commitment: Commitment, status: str, step: str) -> None:
    if commitment.status != status:
        raise ValidationError(
            f"This commitment is {commitment.get_status_display().lower()}: it cannot be "
            f"{step} now."
        )


@transaction.atomic
def commitment_raise_order(
    *, user, commitment: Commitment, po_number: str, now: datetime | None = None
) -> Commitment:
    now = now or timezone.now()
    campaign, commitment = _locked(commitment)
    require(
        user_can_record_commitment(user=user, commitment=commitment),
        "Only the council's procurement leads or the campaign's lead record this.",
    )
    _require_status(commitment, CommitmentStatus.COMMITTED, "ordered")
    commitment.po_number = _reference(po_number, field="po_number", label="purchase order number")
    commitment.status, commitment.ordered_at = CommitmentStatus.ORDERED, now
    commitment.save(update_fields=["po_number", "status", "ordered_at"])
    _step(
        campaign,
        commitment,
        user=user,
        kind=LedgerKind.ORDER_RAISED,
        reason=f"Purchase order {commitment.po_number} raised.",
        now=now,
    )
    return commitment


@transaction.atomic
def commitment_invoice(
    *, user, commitment: Commitment, invoice_reference: str, now: datetime | None = None
) -> Commitment:
    now = now or timezone.now()
    campaign, commitment = _locked(commitment)
    require(
        user_can_record_commitment(user=user, commitment=commitment),
        "Only the council's procurement leads or the campaign's lead record this.",
    )
    _require_status(commitment, CommitmentStatus.ORDERED, "invoiced")
    commitment.invoice_reference = _reference(
        invoice_reference, field="invoice_reference", label="invoice reference"
    )
    commitment.status, commitment.invoiced_at = CommitmentStatus.INVOICED, now
    commitment.save(update_fields=["invoice_reference", "status", "invoiced_at"])
    _step(
        campaign,
        commitment,
        user=user,
        kind=LedgerKind.INVOICED,
        reason=f"Invoice {commitment.invoice_reference} received.",
        now=now,
    )
    return commitment


@transaction.atomic
def commitment_pay(*, user, commitment: Commitment, now: datetime | None = None) -> Commitment:
    now = now or timezone.now()
    campaign, commitment = _locked(commitment)
    require(
        user_can_record_commitment(user=user, commitment=commitment),
        "Only the council's procurement leads or the campaign's lead record this.",
    )
    _require_status(commitment, CommitmentStatus.INVOICED, "paid")
    commitment.status, commitment.paid_at = CommitmentStatus.PAID, now
    commitment.save(update_fields=["status", "paid_at"])
    _step(campaign, commitment, user=user, kind=LedgerKind.PAID, reason="Paid.", now=now)
    return commitment
