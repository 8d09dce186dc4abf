"""Commitments: a funded campaign's pledges, followed until the money arrives.

A pledge is not a payment. When a campaign is funded each live pledge becomes one
``Commitment`` for the amount pledged, which then moves through purchase order raised
(with its number), invoiced and paid, so everyone can see whether the money arrived.
"""

from django.db import models
from django.db.models import Q

from hub.models.constraints import valid_choice_constraint
from pledges.models.choices import INVOICED_STATUSES, ORDERED_STATUSES, CommitmentStatus
from pledges.money import money_field, staff_days_field


class Commitment(models.Model):
    pledge = models.OneToOneField(
        "pledges.Pledge", on_delete=models.PROTECT, related_name="commitment"
    )
    campaign = models.ForeignKey(
        "pledges.Campaign", on_delete=models.PROTECT, related_name="commitments"
    )
    council = models.ForeignKey("hub.Organisation", on_delete=models.PROTECT, related_name="+")
    amount_gbp = money_field("amount committed")
    staff_days = staff_days_field()
    status = models.CharField(
        max_length=20, choices=CommitmentStatus.choices, default=CommitmentStatus.COMMITTED
    )
    po_number = models.CharField("purchase order number", max_length=100, blank=True)
    ordered_at = models.DateTimeField(null=True, blank=True)
    invoice_reference = models.CharField(max_length=100, blank=True)
    invoiced_at = models.DateTimeField(null=True, blank=True)
    paid_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["campaign", "council__name"]
        constraints = [
            valid_choice_constraint(
                field="status", choices=CommitmentStatus, name="commitment_status_valid"
            ),
            models.CheckConstraint(
                name="commitment_amounts_not_negative",
                condition=Q(amount_gbp__gte=0) & Q(staff_days__gte=0),
            ),
            models.CheckConstraint(
                name="ordered_commitment_has_a_po_number",
                condition=~Q(status__in=ORDERED_STATUSES)
                | (~Q(po_number="") & Q(ordered_at__isnull=False)),
            ),
            models.CheckConstraint(
                name="invoiced_commitment_has_an_invoice_date",
                condition=~Q(status__in=INVOICED_STATUSES) | Q(invoiced_at__isnull=False),
            ),
            models.CheckConstraint(
                name="paid_commitment_has_a_payment_date",
                condition=~Q(status=CommitmentStatus.PAID) | Q(paid_at__isnull=False),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.council}: {self.get_status_display()}"
