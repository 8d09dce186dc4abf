"""Pledging: a council's procurement lead pledges, amends or withdraws, until the deadline.

Each service locks the campaign row first (``lock_campaign``), so concurrent pledges to
one campaign run one at a time: the remaining maximum is read and the total updated
under the same lock, so no update is lost and no maximum is overshot. Every change
appends a ledger entry; a refused pledge changes nothing.
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from hub.formatting import format_gbp
from hub.models import Organisation
from pledges.models import Campaign, LedgerKind, Pledge, PledgeStatus, SignOff
from pledges.models.campaigns import budget_year_validator
from pledges.money import ZERO, ZERO_DAYS
from pledges.permissions import (
    pledge_change_when_refusal,
    pledge_when_refusal,
    pledge_who_refusal,
)
from pledges.services.common import clean_money, clean_staff_days, lock_campaign, refuse
from pledges.services.ledger import ledger_append

CONDITIONS_MAX_LENGTH = 2000
REASON_MAX_LENGTH = 1000


def remaining_maximum(campaign: Campaign, *, current: Decimal = ZERO) -> Decimal | None:
    """The most a council may pledge now (``current``: its live pledge, which it replaces):
    the maximum pledge, and what is left under the campaign's maximum. None: no limit."""
    limits = []
    if campaign.max_pledge_gbp is not None:
        limits.append(campaign.max_pledge_gbp)
    if campaign.max_total_gbp is not None:
        limits.append(campaign.max_total_gbp - campaign.pledged_gbp + current)
    return max(min(limits), ZERO) if limits else None


def check_pledge_amounts(campaign: Campaign, amount: Decimal, days: Decimal, *, current: Decimal):
    """Refuse a pledge of nothing, below the minimum, or above the remaining maximum."""
    if amount == 0 and days == 0:
        raise ValidationError({"amount_gbp": "Pledge an amount of money, staff days, or both."})
    if campaign.min_pledge_gbp is not None and amount < campaign.min_pledge_gbp:
        raise ValidationError(
            {
                "amount_gbp": (
                    f"Pledge at least {format_gbp(campaign.min_pledge_gbp)}, this campaign's "
                    "minimum pledge."
                )
            }
        )
    most = remaining_maximum(campaign, current=current)
    if most is not None and amount > most:
        raise ValidationError(
            {
                "amount_gbp": (
                    f"Pledge at most {format_gbp(most)}: that is the remaining maximum "
                    "for this campaign."
                )
            }
        )


def _clean_text(value: str, *, field: str, label: str, max_length: int, required: bool) -> str:
    text = (value or "").strip()
    if required and not text:
        raise ValidationError({field: f"Say {label}."})
    if len(text) > max_length:
        raise ValidationError({field: f"Keep {label} to {max_length} characters."})
    return text


def _clean_terms(*, sign_off: str, budget_year: str, conditions: str) -> tuple[str, str, str]:
    if sign_off not in SignOff.values:
        raise ValidationError({"sign_off": "Say whether the budget holder has approved it."})
    try:
        budget_year_validator(budget_year or "")
    except ValidationError:
        raise ValidationError({"budget_year": "Enter a financial year like 2025/26."}) from None
    conditions = _clean_text(
        conditions,
        field="conditions",
        label="the conditions",
        max_length=CONDITIONS_MAX_LENGTH,
        required=False,
    )
    return sign_off, budget_year, conditions


@transaction.atomic
def pledge_create(
    *,
    user,
    campaign: Campaign,
    council: Organisation,
    amount_gbp: Decimal = ZERO,
    staff_days: Decimal = ZERO_DAYS,
    conditions: str = "",
    sign_off: str = SignOff.INDICATIVE,
    budget_year: str,
    reason: str = "",
    now: datetime | None = None,
) -> Pledge:
    """``council`` pledges to ``campaign``; ``user`` must be one of its procurement leads.

    Who may pledge, and the input, are checked before the campaign is locked (neither
    depends on it), so the lock is held only for what must be serialised: the campaign's
    state, its limits against its current total, and the write.
    """
    now = now or timezone.now()
    refuse(pledge_who_refusal(user=user, council=council))
    amount = clean_money(amount_gbp, field="amount_gbp")
    days = clean_staff_days(staff_days)
    sign_off, budget_year, conditions = _clean_terms(
        sign_off=sign_off, budget_year=budget_year, conditions=conditions
    )
    reason = _clean_text(
        reason, field="reason", label="why", max_length=REASON_MAX_LENGTH, required=False
    )
    campaign = lock_campaign(campaign)
    refuse(pledge_when_refusal(campaign=campaign, now=now))
    if Pledge.objects.live().filter(campaign=campaign, council=council).exists():
        raise ValidationError(f"{council.name} has already pledged: amend that pledge instead.")
    check_pledge_amounts(campaign, amount, days, current=ZERO)
    pledge = Pledge.objects.create(
        campaign=campaign,
        council=council,
        amount_gbp=amount,
        staff_days=days,
        conditions=conditions,
        sign_off=sign_off,
        budget_year=budget_year,
        created_by=user,
    )
    ledger_append(
        campaign=campaign,
        pledge=pledge,
        kind=LedgerKind.PLEDGED,
        amount_before=ZERO,
        amount_after=amount,
        staff_days_before=ZERO_DAYS,
        staff_days_after=days,
        actor=user,
        reason=reason,
        now=now,
    )
    return pledge


def _lock_pledge(pledge: Pledge) -> tuple[Campaign, Pledge]:
    campaign = lock_campaign(pledge.campaign_id)
    locked = Pledge.objects.select_for_update().select_related("council").get(pk=pledge.pk)
    locked.campaign = campaign
    return campaign, locked


@transaction.atomic
def pledge_amend(
    *,
    user,
    pledge: Pledge,
    amount_gbp: Decimal,
    staff_days: Decimal,
    reason: str,
    conditions: str | None = None,
    sign_off: str | None = None,
    budget_year: str | None = None,
    now: datetime | None = None,
) -> Pledge:
    """Change a live pledge up or down (or its terms); the ledger records before, after, why.

    Terms left as None stay as they are. Nothing changed: nothing recorded.
    """
    now = now or timezone.now()
    refuse(pledge_who_refusal(user=user, council=pledge.council))
    amount = clean_money(amount_gbp, field="amount_gbp")
    days = clean_staff_days(staff_days)
    campaign, pledge = _lock_pledge(pledge)
    refuse(pledge_change_when_refusal(pledge=pledge, now=now))
    sign_off, budget_year, conditions = _clean_terms(
        sign_off=pledge.sign_off if sign_off is None else sign_off,
        budget_year=pledge.budget_year if budget_year is None else budget_year,
        conditions=pledge.conditions if conditions is None else conditions,
    )
    unchanged = (
        amount == pledge.amount_gbp
        and days == pledge.staff_days
        and (sign_off, budget_year, conditions)
        == (pledge.sign_off, pledge.budget_year, pledge.conditions)
    )
    if unchanged:
        return pledge
    reason = _clean_text(
        reason,
        field="reason",
        label="why you are changing it",
        max_length=REASON_MAX_LENGTH,
        required=True,
    )
    check_pledge_amounts(campaign, amount, days, current=pledge.amount_gbp)
    before_amount, before_days = pledge.amount_gbp, pledge.staff_days
    pledge.amount_gbp, pledge.staff_days = amount, days
    pledge.sign_off, pledge.budget_year, pledge.conditions = sign_off, budget_year, conditions
    pledge.save(
        update_fields=[
            "amount_gbp",
            "staff_days",
            "sign_off",
            "budget_year",
            "conditions",
            "updated_at",
        ]
    )
    ledger_append(
        campaign=campaign,
        pledge=pledge,
        kind=LedgerKind.AMENDED,
        amount_before=before_amount,
        amount_after=amount,
        staff_days_before=before_days,
        staff_days_after=days,
        actor=user,
        reason=reason,
        now=now,
    )
    return pledge


@transaction.atomic
def pledge_withdraw(*, user, pledge: Pledge, reason: str, now: datetime | None = None) -> Pledge:
    """Withdraw a live pledge before the deadline; the council may pledge again later."""
    now = now or timezone.now()
    refuse(pledge_who_refusal(user=user, council=pledge.council))
    campaign, pledge = _lock_pledge(pledge)
    refuse(pledge_change_when_refusal(pledge=pledge, now=now))
    reason = _clean_text(
        reason,
        field="reason",
        label="why you are withdrawing it",
        max_length=REASON_MAX_LENGTH,
        required=True,
    )
    pledge.status = PledgeStatus.WITHDRAWN
    pledge.save(update_fields=["status", "updated_at"])
    ledger_append(
        campaign=campaign,
        pledge=pledge,
        kind=LedgerKind.WITHDRAWN,
        amount_before=pledge.amount_gbp,
        amount_after=ZERO,
        staff_days_before=pledge.staff_days,
        staff_days_after=ZERO_DAYS,
        actor=user,
        reason=reason,
        now=now,
    )
    return pledge
