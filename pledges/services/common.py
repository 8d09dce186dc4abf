"""What every co-funding service shares: the campaign lock, refusals and input checks."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from pledges.models import Campaign
from pledges.money import MONEY_MAX, MONEY_PLACES, STAFF_DAYS_DIGITS, STAFF_DAYS_PLACES
from pledges.permissions import Refusal

STAFF_DAYS_MAX = Decimal(10 ** (STAFF_DAYS_DIGITS - STAFF_DAYS_PLACES)) - Decimal("0.1")


def lock_campaign(campaign: Campaign | int) -> Campaign:
    """The campaign's row, locked until the transaction ends, read fresh.

    Every change to a campaign, its pledges, ledger or commitments takes this lock first.
    """
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("lock_campaign needs a transaction")
    pk = campaign.pk if isinstance(campaign, Campaign) else campaign
    return Campaign.objects.select_for_update().select_related("lead_council").get(pk=pk)


def refuse(refusal: Refusal | None) -> None:
    """Raise the refusal: PermissionDenied for who is asking, ValidationError for when."""
    if refusal is None:
        return
    if refusal.forbidden:
        raise PermissionDenied(refusal.message)
    raise ValidationError(refusal.message)


def require(allowed: bool, message: str) -> None:
    if not allowed:
        raise PermissionDenied(message)


def _decimal(value, field: str, label: str) -> Decimal:
    if isinstance(value, float):
        raise ValidationError({field: f"Give the {label} as a decimal, not a float."})
    try:
        number = value if isinstance(value, Decimal) else Decimal(str(value).strip())
    except (InvalidOperation, ValueError):
        raise ValidationError({field: f"Enter the {label} as a number."}) from None
    if not number.is_finite():
        raise ValidationError({field: f"Enter the {label} as a number."})
    return number


def clean_money(value, *, field: str, label: str = "amount", allow_zero: bool = True) -> Decimal:
    """A pence-exact, non-negative Decimal amount, or a ValidationError saying why not."""
    amount = _decimal(value, field, label)
    a_label = f"{'an' if label[:1] in 'aeiou' else 'a'} {label}"
    if amount < 0 or (amount == 0 and not allow_zero):
        raise ValidationError({field: f"Enter {a_label} above £0."})
    if amount > MONEY_MAX:
        raise ValidationError({field: f"Enter {a_label} below £10,000,000,000."})
    if amount.as_tuple().exponent < -MONEY_PLACES and amount != amount.quantize(Decimal("0.01")):
        raise ValidationError({field: f"Enter the {label} in pounds and pence, like 1250.50."})
    return amount.quantize(Decimal("0.01"))


def clean_staff_days(value, *, field: str = "staff_days") -> Decimal:
    days = _decimal(value, field, "number of staff days")
    if days < 0:
        raise ValidationError({field: "Enter 0 or more staff days."})
    if days > STAFF_DAYS_MAX:
        raise ValidationError({field: "Enter fewer than 1,000,000 staff days."})
    if days != days.quantize(Decimal("0.1")):
        raise ValidationError({field: "Enter staff days to one decimal place, like 2.5."})
    return days.quantize(Decimal("0.1"))
