from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone

from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable, RevisionMixin

from hub.models.constraints import valid_choice_constraint
from listings.models.choices import (
    ADOPTING_STATUSES,
    EARLIEST_EVIDENCE_YEAR,
    MAX_HOURS,
    MAX_SAVING_GBP,
    MONEY_DECIMAL_PLACES,
    MONEY_MAX_DIGITS,
    AdoptionStatus,
    EvidenceLevel,
    SavingsKind,
    SavingsPeriod,
)


class AdoptionQuerySet(models.QuerySet):
    def current(self):
        return self.exclude(status=AdoptionStatus.RETIRED)

    def adopting(self):
        """Councils piloting or using the solution in production."""
        return self.filter(status__in=ADOPTING_STATUSES)

    def with_council(self):
        return self.select_related("council")


class Adoption(RevisionMixin, ClusterableModel):
    """A council that uses (or explored, piloted, retired) a solution."""

    solution = models.ForeignKey(
        "listings.SolutionPage", on_delete=models.CASCADE, related_name="adoptions"
    )
    council = models.ForeignKey(
        "hub.Organisation",
        on_delete=models.PROTECT,
        related_name="adoptions",
        limit_choices_to={"kind": "council", "gss_code__isnull": False},
    )
    status = models.CharField(
        max_length=20, choices=AdoptionStatus.choices, default=AdoptionStatus.PRODUCTION
    )
    since = models.DateField(null=True, blank=True)
    contact = models.CharField(max_length=200, blank=True)
    notes = models.TextField(blank=True)
    confirmed = models.BooleanField(
        default=False, help_text="Recorded or confirmed by the council itself, not reported"
    )
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = AdoptionQuerySet.as_manager()

    panels = [
        FieldPanel("solution"),
        FieldPanel("council"),
        FieldRowPanel([FieldPanel("status"), FieldPanel("since")]),
        FieldPanel("confirmed"),
        FieldPanel("contact"),
        FieldPanel("notes"),
        InlinePanel("evidence", heading="Savings evidence", label="Evidence"),
    ]

    class Meta:
        ordering = ["council__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["solution", "council"], name="one_adoption_per_council_and_solution"
            ),
            valid_choice_constraint(
                field="status", choices=AdoptionStatus, name="adoption_status_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.council} uses {self.solution}"

    def clean(self):
        super().clean()
        council = getattr(self, "council", None)
        if council is not None and (not council.is_council or not council.gss_code):
            raise ValidationError({"council": "Choose a council with a GSS code."})
        if self.since and self.since > timezone.localdate():
            raise ValidationError({"since": "The start date cannot be in the future."})

    @property
    def verification(self) -> str:
        return "confirmed" if self.confirmed else "reported"


class SavingsEvidence(Orderable):
    """One claim of savings for one adoption, graded on Nesta's Standards of Evidence."""

    #: What a person may say about a saving; attestation and verification have their own
    #: steps (services, forms and the API all use this one list).
    CLAIM_FIELDS = (
        "kind",
        "amount_gbp",
        "hours",
        "period",
        "year_from",
        "year_to",
        "baseline",
        "method",
        "evidence_level",
        "source_url",
    )

    adoption = ParentalKey(Adoption, on_delete=models.CASCADE, related_name="evidence")
    kind = models.CharField(max_length=20, choices=SavingsKind.choices)
    amount_gbp = models.DecimalField(
        "amount (£)",
        max_digits=MONEY_MAX_DIGITS,
        decimal_places=MONEY_DECIMAL_PLACES,
        null=True,
        blank=True,
    )
    hours = models.DecimalField(max_digits=10, decimal_places=1, null=True, blank=True)
    period = models.CharField(max_length=10, choices=SavingsPeriod.choices)
    year_from = models.PositiveSmallIntegerField(help_text="First year covered, e.g. 2023")
    year_to = models.PositiveSmallIntegerField(help_text="Last year covered")
    baseline = models.TextField(help_text="What it is compared with")
    method = models.TextField(help_text="How the saving was measured")
    evidence_level = models.PositiveSmallIntegerField(choices=EvidenceLevel.choices)
    source_url = models.URLField(blank=True)
    source_document = models.ForeignKey(
        "wagtaildocs.Document", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    attested_by_council = models.BooleanField(default=False)
    verified_by_moderator = models.BooleanField(default=False)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    panels = [
        FieldRowPanel([FieldPanel("kind"), FieldPanel("period")]),
        FieldRowPanel([FieldPanel("amount_gbp"), FieldPanel("hours")]),
        FieldRowPanel([FieldPanel("year_from"), FieldPanel("year_to")]),
        FieldPanel("baseline"),
        FieldPanel("method"),
        FieldPanel("evidence_level"),
        MultiFieldPanel(
            [FieldPanel("source_url"), FieldPanel("source_document")], heading="Source"
        ),
        FieldRowPanel([FieldPanel("attested_by_council"), FieldPanel("verified_by_moderator")]),
    ]

    class Meta(Orderable.Meta):
        verbose_name_plural = "savings evidence"
        constraints = [
            models.CheckConstraint(
                name="evidence_level_1_to_5",
                condition=Q(evidence_level__gte=1, evidence_level__lte=5),
            ),
            models.CheckConstraint(
                name="evidence_amount_in_range",
                condition=Q(amount_gbp__isnull=True)
                | Q(amount_gbp__gte=0, amount_gbp__lte=MAX_SAVING_GBP),
            ),
            models.CheckConstraint(
                name="evidence_hours_in_range",
                condition=Q(hours__isnull=True) | Q(hours__gt=0, hours__lte=MAX_HOURS),
            ),
            # Staff hours are counted in hours; every other kind in pounds.
            models.CheckConstraint(
                name="evidence_measure_matches_kind",
                condition=(
                    Q(kind="staff_hours") & Q(hours__isnull=False) & Q(amount_gbp__isnull=True)
                )
                | (~Q(kind="staff_hours") & Q(amount_gbp__isnull=False) & Q(hours__isnull=True)),
            ),
            models.CheckConstraint(
                name="evidence_years_ordered",
                condition=Q(year_from__gte=EARLIEST_EVIDENCE_YEAR)
                & Q(year_to__gte=models.F("year_from")),
            ),
            valid_choice_constraint(field="kind", choices=SavingsKind, name="evidence_kind_valid"),
            valid_choice_constraint(
                field="period", choices=SavingsPeriod, name="evidence_period_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} for {self.adoption}"

    def clean(self):
        super().clean()
        errors = {}
        if self.kind == SavingsKind.STAFF_HOURS:
            if self.hours is None:
                errors["hours"] = "Enter the staff hours released."
            if self.amount_gbp is not None:
                errors["amount_gbp"] = "Staff hours are recorded in hours, not pounds."
        else:
            if self.amount_gbp is None:
                errors["amount_gbp"] = "Enter the amount in pounds."
            if self.hours is not None:
                errors["hours"] = "Only staff hours released are recorded in hours."
        if self.amount_gbp is not None and not (0 <= self.amount_gbp <= MAX_SAVING_GBP):
            errors["amount_gbp"] = "Enter an amount between £0 and £1,000,000,000."
        if self.hours is not None and not (0 < self.hours <= MAX_HOURS):
            errors["hours"] = "Enter a number of hours between 0 and 10,000,000."
        this_year = timezone.localdate().year
        if self.year_to and self.year_to > this_year:
            errors["year_to"] = f"Evidence cannot cover years after {this_year}."
        if self.year_from and self.year_from < EARLIEST_EVIDENCE_YEAR:
            errors["year_from"] = f"Enter a year from {EARLIEST_EVIDENCE_YEAR} onwards."
        if self.year_from and self.year_to and self.year_to < self.year_from:
            errors["year_to"] = "The last year must not be before the first."
        if self.evidence_level is not None and self.evidence_level not in EvidenceLevel.values:
            errors["evidence_level"] = "Choose an evidence level from 1 to 5."
        if errors:
            raise ValidationError(errors)

    @property
    def is_money(self) -> bool:
        return self.amount_gbp is not None
