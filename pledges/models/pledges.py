"""Pledges, and the append-only ledger of every change to them.

A pledge is a council's promise to raise a purchase order if the campaign is funded: not
a payment. It lives in its own table (Open Collective could not tell pledges from pending
orders once they shared one) and changes in place while the campaign is open. Every
change also appends a ``LedgerEntry`` recording who, when, the amount before and after,
and why; entries are never updated or deleted (a database trigger refuses it, see
migration 0002), and the campaign's totals are their sums.
"""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import F, Q

from hub.models.constraints import valid_choice_constraint
from pledges.models.campaigns import budget_year_field
from pledges.models.choices import LIVE_PLEDGE_STATUSES, LedgerKind, PledgeStatus, SignOff
from pledges.money import ZERO, money_field, staff_days_field


class PledgeQuerySet(models.QuerySet):
    def live(self):
        return self.filter(status__in=LIVE_PLEDGE_STATUSES)


class Pledge(models.Model):
    """One council's pledge to one campaign: money, staff days or both."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    campaign = models.ForeignKey(
        "pledges.Campaign", on_delete=models.PROTECT, related_name="pledges"
    )
    council = models.ForeignKey("hub.Organisation", on_delete=models.PROTECT, related_name="+")
    status = models.CharField(
        max_length=20, choices=PledgeStatus.choices, default=PledgeStatus.PLEDGED, db_index=True
    )
    amount_gbp = money_field("amount", default=ZERO)
    staff_days = staff_days_field(default=0)
    conditions = models.TextField(blank=True)
    sign_off = models.CharField(max_length=20, choices=SignOff.choices, default=SignOff.INDICATIVE)
    budget_year = budget_year_field()
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = PledgeQuerySet.as_manager()

    class Meta:
        ordering = ["campaign", "council__name", "-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["campaign", "council"],
                condition=Q(status__in=LIVE_PLEDGE_STATUSES),
                name="one_live_pledge_per_council_per_campaign",
            ),
            valid_choice_constraint(
                field="status", choices=PledgeStatus, name="pledge_status_valid"
            ),
            valid_choice_constraint(
                field="sign_off", choices=SignOff, name="pledge_sign_off_valid"
            ),
            models.CheckConstraint(
                name="pledge_amounts_not_negative",
                condition=Q(amount_gbp__gte=0) & Q(staff_days__gte=0),
            ),
            models.CheckConstraint(
                name="live_pledge_gives_money_or_time",
                condition=~Q(status__in=LIVE_PLEDGE_STATUSES)
                | Q(amount_gbp__gt=0)
                | Q(staff_days__gt=0),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.council} → {self.campaign}"

    @property
    def is_live(self) -> bool:
        return self.status in LIVE_PLEDGE_STATUSES


class AppendOnlyError(Exception):
    """The ledger is append-only: entries are never changed or deleted."""


class LedgerQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AppendOnlyError("Ledger entries are never updated.")

    def delete(self):
        raise AppendOnlyError("Ledger entries are never deleted.")


#: What each kind of entry may do to the amounts and the council count (the database checks).
_ENTRY_SHAPES = {
    LedgerKind.PLEDGED: Q(amount_before=0, staff_days_before=0, councils_delta=1),
    LedgerKind.AMENDED: Q(councils_delta=0),
    LedgerKind.WITHDRAWN: Q(amount_after=0, staff_days_after=0, councils_delta=-1),
    LedgerKind.RELEASED: Q(amount_after=0, staff_days_after=0, councils_delta=-1),
}
_STATUS_ONLY = Q(
    amount_before=F("amount_after"), staff_days_before=F("staff_days_after"), councils_delta=0
)


def _entry_shape_condition() -> Q:
    condition = Q()
    for kind in LedgerKind:
        shape = _ENTRY_SHAPES.get(kind, _STATUS_ONLY)
        condition |= Q(kind=kind) & shape
    return condition


class LedgerEntry(models.Model):
    """One change to one pledge: who, when, before, after and why. Never changed."""

    campaign = models.ForeignKey(
        "pledges.Campaign", on_delete=models.PROTECT, related_name="ledger"
    )
    pledge = models.ForeignKey(Pledge, on_delete=models.PROTECT, related_name="ledger")
    council = models.ForeignKey("hub.Organisation", on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(max_length=20, choices=LedgerKind.choices)
    amount_before = money_field()
    amount_after = money_field()
    amount_delta = money_field()
    staff_days_before = staff_days_field()
    staff_days_after = staff_days_field()
    staff_days_delta = staff_days_field()
    councils_delta = models.SmallIntegerField()
    reason = models.TextField(blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text="Who made the change; empty for the hub itself (settlement)",
    )
    created_at = models.DateTimeField(db_index=True)

    objects = LedgerQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name_plural = "ledger entries"
        constraints = [
            valid_choice_constraint(field="kind", choices=LedgerKind, name="ledger_kind_valid"),
            models.CheckConstraint(
                name="ledger_amounts_not_negative",
                condition=Q(amount_before__gte=0)
                & Q(amount_after__gte=0)
                & Q(staff_days_before__gte=0)
                & Q(staff_days_after__gte=0),
            ),
            models.CheckConstraint(
                name="ledger_deltas_are_after_minus_before",
                condition=Q(amount_delta=F("amount_after") - F("amount_before"))
                & Q(staff_days_delta=F("staff_days_after") - F("staff_days_before")),
            ),
            models.CheckConstraint(
                name="ledger_entry_shape_fits_its_kind", condition=_entry_shape_condition()
            ),
        ]

    def __str__(self) -> str:
        return (
            f"{self.get_kind_display()}: {self.council} {self.amount_before} → {self.amount_after}"
        )

    def save(self, *args, **kwargs):
        if self.pk is not None or not self._state.adding:
            raise AppendOnlyError("Ledger entries are never updated.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("Ledger entries are never deleted.")
