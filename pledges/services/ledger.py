"""Appending to the ledger, and the campaign totals that are its sums."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from django.db.models import F

from pledges.models import Campaign, LedgerEntry, LedgerKind, Pledge

#: How each kind of entry changes the count of councils with a live pledge.
COUNCILS_DELTA = {
    LedgerKind.PLEDGED: 1,
    LedgerKind.WITHDRAWN: -1,
    LedgerKind.RELEASED: -1,
}


def ledger_append(
    *,
    campaign: Campaign,
    pledge: Pledge,
    kind: str,
    amount_before: Decimal,
    amount_after: Decimal,
    staff_days_before: Decimal,
    staff_days_after: Decimal,
    actor,
    reason: str,
    now: datetime,
) -> LedgerEntry:
    """Append one entry and add its deltas to the campaign's totals.

    The caller holds the campaign's row lock (``lock_campaign``), so totals and ledger
    move together. The totals are updated in SQL (``F``), never written from a copy; the
    in-memory ``campaign`` was read under the same lock, so adding the deltas to it gives
    the caller exactly what the row now holds, without reading it again.
    """
    entry = LedgerEntry(
        campaign=campaign,
        pledge=pledge,
        council_id=pledge.council_id,
        kind=kind,
        amount_before=amount_before,
        amount_after=amount_after,
        amount_delta=amount_after - amount_before,
        staff_days_before=staff_days_before,
        staff_days_after=staff_days_after,
        staff_days_delta=staff_days_after - staff_days_before,
        councils_delta=COUNCILS_DELTA.get(kind, 0),
        reason=reason.strip(),
        actor=actor,
        created_at=now,
    )
    entry.save(force_insert=True)
    if entry.amount_delta or entry.staff_days_delta or entry.councils_delta:
        Campaign.objects.filter(pk=campaign.pk).update(
            pledged_gbp=F("pledged_gbp") + entry.amount_delta,
            pledged_staff_days=F("pledged_staff_days") + entry.staff_days_delta,
            council_count=F("council_count") + entry.councils_delta,
        )
        campaign.pledged_gbp += entry.amount_delta
        campaign.pledged_staff_days += entry.staff_days_delta
        campaign.council_count += entry.councils_delta
    return entry
