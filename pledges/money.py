"""Money and staff time in the co-funding module: one precision, one currency.

Money is ``Decimal`` pounds sterling, pence-exact, in ``DecimalField(max_digits=12,
decimal_places=2)`` columns made by :func:`money_field`; never a float. Staff time is
days to one decimal place. Formatting is the hub's one formatter, ``hub.formatting``.
"""

from decimal import Decimal

from django.db import models

MONEY_DIGITS = 12
MONEY_PLACES = 2
STAFF_DAYS_DIGITS = 7
STAFF_DAYS_PLACES = 1
CURRENCY = "GBP"
ZERO = Decimal("0.00")
ZERO_DAYS = Decimal("0.0")
PENNY = Decimal("0.01")
#: The largest amount a money column holds (£9,999,999,999.99).
MONEY_MAX = Decimal("9999999999.99")

__all__ = [
    "CURRENCY",
    "MONEY_MAX",
    "ZERO",
    "money_field",
    "staff_days_field",
]


def money_field(verbose_name: str | None = None, **kwargs) -> models.DecimalField:
    return models.DecimalField(
        verbose_name, max_digits=MONEY_DIGITS, decimal_places=MONEY_PLACES, **kwargs
    )


def staff_days_field(verbose_name: str | None = None, **kwargs) -> models.DecimalField:
    return models.DecimalField(
        verbose_name, max_digits=STAFF_DAYS_DIGITS, decimal_places=STAFF_DAYS_PLACES, **kwargs
    )
