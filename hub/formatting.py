"""The hub's one formatter of money and numbers, used by every app's pages, emails and forms.

Money is ``Decimal`` pounds sterling; pence are always shown, so figures line up and read
the same everywhere.
"""

from decimal import ROUND_HALF_UP, Decimal


def format_gbp(amount: Decimal | None) -> str:
    """£1,234.56 (pence always shown, so figures line up and read the same everywhere)."""
    if amount is None:
        return ""
    return f"£{amount:,.2f}"


def format_hours(hours: Decimal | None) -> str:
    """1 hour, 2.5 hours, 1,200 hours."""
    if hours is None:
        return ""
    number = f"{hours:,.1f}".removesuffix(".0")
    return f"{number} hour{'' if hours == 1 else 's'}"


def format_staff_days(days: Decimal | None) -> str:
    """1 staff day, 2.5 staff days."""
    if days is None:
        return ""
    number = f"{days:,.1f}".removesuffix(".0")
    return f"{number} staff day{'' if days == 1 else 's'}"


def share(part: Decimal, whole: Decimal) -> int:
    """``part`` as a whole percentage of ``whole`` (0 to 100), for progress bars."""
    if whole <= 0:
        return 0
    percent = (Decimal(part) * 100 / Decimal(whole)).quantize(Decimal("1"), ROUND_HALF_UP)
    return int(min(max(percent, Decimal(0)), Decimal(100)))
