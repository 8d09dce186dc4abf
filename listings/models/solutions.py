"""The solution page: one listing, its fields, invariants and what its page shows.

Its context comes from ``listings.presenters.solution_page``; those presenters and the
selectors under them import the models below the pages, never this module, so the
import runs one way. Related solutions are a query on the page itself, as tree queries
are in Wagtail's own examples.
"""

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Count, IntegerField, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce

from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from hub.models.constraints import valid_choice_constraint
from listings.blocks import RICH_TEXT_FEATURES, DescriptionBlock
from listings.models.choices import (
    MONEY_DECIMAL_PLACES,
    MONEY_MAX_DIGITS,
    CostModel,
    DevelopmentStatus,
    Hosting,
    MaintenanceSignal,
    RepositoryState,
    SolutionType,
)
from listings.models.publiccode_fields import PubliccodeFields
from listings.models.routing import slug_is_routed
from listings.panels import SubmissionSourcePanel
from listings.presenters.solution_page import solution_page_context
from listings.sanitise import sanitise_rich_text
from listings.search.caching import cached_by_version

SUMMARY_MAX_LENGTH = 150
RELATED_SOLUTIONS_LIMIT = 5


class SolutionPageTag(TaggedItemBase):
    content_object = ParentalKey(
        "listings.SolutionPage", related_name="tagged_items", on_delete=models.CASCADE
    )


class SolutionPage(PubliccodeFields, Page):
    """One listing: a council data tool and everything a council needs to judge it."""

    summary = models.CharField(
        max_length=SUMMARY_MAX_LENGTH,
        help_text="One line, at most 150 characters, like publiccode.yml's shortDescription",
    )
    problem = RichTextField(features=RICH_TEXT_FEATURES, help_text="The problem it solves")
    audience = models.CharField("for whom", max_length=255, blank=True)
    description = StreamField(DescriptionBlock(), blank=True, use_json_field=True)
    service_areas = ParentalManyToManyField("hub.ServiceArea", related_name="solutions", blank=True)
    solution_type = models.CharField(max_length=30, choices=SolutionType.choices, db_index=True)
    tags = ClusterTaggableManager(through=SolutionPageTag, blank=True)
    provider = models.ForeignKey(
        "hub.Organisation",
        on_delete=models.PROTECT,
        related_name="solutions",
        null=True,
        blank=True,
        limit_choices_to=Q(kind__in=["council", "vendor", "public_body"]),
    )
    licence = models.CharField(
        max_length=100, blank=True, help_text="SPDX identifier, e.g. MIT or AGPL-3.0-or-later"
    )
    is_open_source = models.BooleanField(default=False, db_index=True)
    repository_url = models.URLField(blank=True)
    website = models.URLField(blank=True)
    development_status = models.CharField(
        max_length=20,
        choices=DevelopmentStatus.choices,
        default=DevelopmentStatus.BETA,
        db_index=True,
    )
    cost_model = models.CharField(max_length=20, choices=CostModel.choices, db_index=True)
    price_min_gbp = models.DecimalField(
        "indicative price from (£)",
        max_digits=MONEY_MAX_DIGITS,
        decimal_places=MONEY_DECIMAL_PLACES,
        null=True,
        blank=True,
        validators=[MinValueValidator(0, "Enter a price of £0 or more.")],
    )
    price_max_gbp = models.DecimalField(
        "indicative price to (£)",
        max_digits=MONEY_MAX_DIGITS,
        decimal_places=MONEY_DECIMAL_PLACES,
        null=True,
        blank=True,
        validators=[MinValueValidator(0, "Enter a price of £0 or more.")],
    )
    hosting = models.CharField(max_length=20, choices=Hosting.choices, db_index=True)
    data_needed = models.TextField("datasets it needs", blank=True)
    data_standards = models.CharField(
        max_length=255, blank=True, help_text="Comma-separated, e.g. UPRN, USRN, BS7666"
    )
    dpia_template_available = models.BooleanField("DPIA template available", default=False)
    processes_personal_data = models.BooleanField(default=False)
    data_protection_notes = models.TextField(blank=True)
    accessibility_statement_url = models.URLField(blank=True)
    security_notes = models.TextField(blank=True)
    contact_name = models.CharField(max_length=200, blank=True)
    contact_email = models.EmailField(blank=True)
    owner_organisation = models.ForeignKey(
        "hub.Organisation",
        on_delete=models.SET_NULL,
        related_name="owned_solutions",
        null=True,
        blank=True,
        help_text="The organisation whose members may propose changes to this listing",
    )

    # Written on every harvest run by listings.harvested (harvest's one way in), straight to
    # the live page without moderation; shown read-only with metrics_harvested_at.
    github_stars = models.PositiveIntegerField(null=True, blank=True)
    github_forks = models.PositiveIntegerField(null=True, blank=True)
    github_pushed_at = models.DateTimeField("last push", null=True, blank=True)
    github_latest_release = models.CharField("latest release", max_length=100, blank=True)
    github_archived = models.BooleanField("archived", default=False)
    github_open_issues = models.PositiveIntegerField("open issues", null=True, blank=True)
    github_licence = models.CharField("licence on GitHub", max_length=100, blank=True)
    github_released_at = models.DateTimeField("latest release date", null=True, blank=True)
    metrics_harvested_at = models.DateTimeField(null=True, blank=True)
    #: From the harvested figures, by listings.maintenance; stored so the facet is cheap.
    maintenance_signal = models.CharField(
        max_length=10, choices=MaintenanceSignal.choices, blank=True, db_index=True
    )
    #: Set by the harvester (listings.harvested): where the listing came from and what it
    #: last found at the repository.
    is_harvested = models.BooleanField("harvested", default=False, db_index=True)
    repository_state = models.CharField(max_length=20, choices=RepositoryState.choices, blank=True)
    repository_state_detail = models.TextField(blank=True)
    repository_checked_at = models.DateTimeField(null=True, blank=True)

    # Derived from adoptions and evidence by listings.services.solution_refresh_figures.
    adopter_count = models.PositiveIntegerField(default=0, db_index=True, editable=False)
    annual_savings_gbp = models.DecimalField(
        max_digits=MONEY_MAX_DIGITS + 2,
        decimal_places=MONEY_DECIMAL_PLACES,
        default=0,
        db_index=True,
        editable=False,
    )
    best_evidence_level = models.PositiveSmallIntegerField(null=True, editable=False, db_index=True)
    has_verified_savings = models.BooleanField(default=False, editable=False, db_index=True)

    search_fields = [
        *Page.search_fields,
        index.SearchField("summary", boost=2),
        index.SearchField("problem"),
        index.SearchField("audience"),
        index.SearchField("description"),
        index.SearchField("long_description"),
        index.SearchField("data_standards"),
        index.RelatedFields("tags", [index.SearchField("name", boost=2)]),
        index.RelatedFields("service_areas", [index.SearchField("name")]),
        index.RelatedFields("provider", [index.SearchField("name")]),
        index.FilterField("solution_type"),
        index.FilterField("development_status"),
        index.FilterField("is_open_source"),
        index.FilterField("cost_model"),
        index.FilterField("hosting"),
        index.FilterField("licence"),
    ]

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        FieldPanel("problem"),
        FieldPanel("audience"),
        FieldPanel("description"),
        MultiFieldPanel(
            [
                FieldPanel("service_areas"),
                FieldPanel("solution_type"),
                FieldPanel("tags"),
                FieldPanel("provider"),
                FieldPanel("development_status"),
            ],
            heading="Classification",
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("licence"), FieldPanel("is_open_source")]),
                FieldRowPanel([FieldPanel("repository_url"), FieldPanel("website")]),
                FieldPanel("cost_model"),
                FieldRowPanel([FieldPanel("price_min_gbp"), FieldPanel("price_max_gbp")]),
                FieldPanel("hosting"),
            ],
            heading="Licence, cost and hosting",
        ),
        MultiFieldPanel(
            [FieldPanel("data_needed"), FieldPanel("data_standards")], heading="Data it needs"
        ),
        MultiFieldPanel(
            [
                FieldPanel("processes_personal_data"),
                FieldPanel("dpia_template_available"),
                FieldPanel("data_protection_notes"),
                FieldPanel("accessibility_statement_url"),
                FieldPanel("security_notes"),
            ],
            heading="Data protection, accessibility and security",
        ),
        MultiFieldPanel(
            [FieldPanel("contact_name"), FieldPanel("contact_email")], heading="Contact"
        ),
        *PubliccodeFields.publiccode_panels,
        FieldPanel("owner_organisation"),
        SubmissionSourcePanel(heading="Where this listing came from"),
        MultiFieldPanel(
            [
                FieldPanel("github_stars", read_only=True),
                FieldPanel("github_forks", read_only=True),
                FieldPanel("github_pushed_at", read_only=True),
                FieldPanel("github_latest_release", read_only=True),
                FieldPanel("github_archived", read_only=True),
                FieldPanel("github_open_issues", read_only=True),
                FieldPanel("github_licence", read_only=True),
                FieldPanel("github_released_at", read_only=True),
                FieldPanel("maintenance_signal", read_only=True),
                FieldPanel("metrics_harvested_at", read_only=True),
                FieldPanel("is_harvested", read_only=True),
                FieldPanel("repository_state", read_only=True),
                FieldPanel("repository_state_detail", read_only=True),
                FieldPanel("repository_checked_at", read_only=True),
            ],
            heading="Harvested from GitHub (read-only)",
        ),
    ]

    parent_page_types = ["listings.SolutionIndexPage"]
    subpage_types: list[str] = []
    template = "listings/solution_page.html"

    class Meta:
        constraints = [
            models.CheckConstraint(
                name="solution_price_not_negative",
                condition=(Q(price_min_gbp__isnull=True) | Q(price_min_gbp__gte=0))
                & (Q(price_max_gbp__isnull=True) | Q(price_max_gbp__gte=0)),
            ),
            models.CheckConstraint(
                name="solution_price_range_ordered",
                condition=Q(price_min_gbp__isnull=True)
                | Q(price_max_gbp__isnull=True)
                | Q(price_max_gbp__gte=models.F("price_min_gbp")),
            ),
            valid_choice_constraint(
                field="maintenance_signal",
                choices=MaintenanceSignal,
                name="solution_maintenance_signal_valid",
                blank=True,
            ),
            valid_choice_constraint(
                field="repository_state",
                choices=RepositoryState,
                name="solution_repository_state_valid",
                blank=True,
            ),
            models.CheckConstraint(
                name="solution_best_evidence_level_1_to_5",
                condition=Q(best_evidence_level__isnull=True)
                | Q(best_evidence_level__gte=1, best_evidence_level__lte=5),
            ),
        ]

    #: Figures owned by services and the harvester; publishing an older revision must not
    #: roll them back to what they were when the revision was saved.
    DERIVED_FIGURES = (
        "adopter_count",
        "annual_savings_gbp",
        "best_evidence_level",
        "has_verified_savings",
    )
    #: What the harvester last read at the repository, and the repository's state.
    GITHUB_FIGURES = (
        "github_stars",
        "github_forks",
        "github_pushed_at",
        "github_latest_release",
        "github_archived",
        "github_open_issues",
        "github_licence",
        "github_released_at",
        "metrics_harvested_at",
    )
    REPOSITORY_FIGURES = (
        "is_harvested",
        "repository_state",
        "repository_state_detail",
        "repository_checked_at",
    )
    FIELDS_NOT_FROM_REVISIONS = (
        *DERIVED_FIGURES,
        *GITHUB_FIGURES,
        "maintenance_signal",
        *REPOSITORY_FIGURES,
    )

    #: A copy has no adoptions of its own, so it starts from zero rather than the original's.
    exclude_fields_in_copy = list(DERIVED_FIGURES)

    def with_content_json(self, content):
        obj = super().with_content_json(content)
        for field in self.FIELDS_NOT_FROM_REVISIONS:
            setattr(obj, field, getattr(self, field))
        return obj

    def clean(self):
        super().clean()
        if any(slug_is_routed(parent, self.slug) for parent in self.allowed_parent_page_models()):
            raise ValidationError(
                {
                    "slug": f"Enter a different slug: “{self.slug}” is already the address of "
                    "a page of the solutions list"
                }
            )
        if (
            self.price_min_gbp is not None
            and self.price_max_gbp is not None
            and self.price_max_gbp < self.price_min_gbp
        ):
            raise ValidationError({"price_max_gbp": "The upper price must not be below the lower."})

    def full_clean(self, *args, **kwargs):
        # Wagtail's save_revision() calls full_clean() before it stores the revision, so
        # cleaning here keeps script out of drafts and previews as well as live pages.
        self.problem = sanitise_rich_text(self.problem)
        return super().full_clean(*args, **kwargs)

    def save(self, *args, **kwargs):
        self.problem = sanitise_rich_text(self.problem)
        update_fields = kwargs.get("update_fields")
        if self.pk and update_fields is None:
            # Services own the derived figures and the harvester its figures: a copy loaded
            # before they changed must not write the old values back.
            current = (
                SolutionPage.objects.filter(pk=self.pk)
                .values(*self.FIELDS_NOT_FROM_REVISIONS)
                .first()
            )
            for field, value in (current or {}).items():
                setattr(self, field, value)
        return super().save(*args, **kwargs)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(solution_page_context(solution=self, user=request.user, request=request))
        return context

    def related_solutions(
        self, *, limit: int = RELATED_SOLUTIONS_LIMIT, area_ids: list[int] | None = None
    ) -> list["SolutionPage"]:
        """Live solutions sharing a service area or the type, most shared areas first.

        Pass ``area_ids`` when the solution's areas are already loaded, to save a query.
        """
        if area_ids is None:
            area_ids = [area.pk for area in self.service_areas.all()]
        ids = cached_by_version(
            f"related:{self.pk}:{limit}:{self.solution_type}:{sorted(area_ids)}",
            lambda: self._related_solution_ids(limit, area_ids),
        )
        found = SolutionPage.objects.live().public().in_bulk(ids)
        return [found[pk] for pk in ids if pk in found]

    def _related_solution_ids(self, limit: int, area_ids: list[int]) -> list[int]:
        """Scores every live solution, so the answer is cached until the catalogue changes."""
        through = SolutionPage.service_areas.through
        shared = (
            through.objects.filter(solutionpage_id=OuterRef("pk"), servicearea_id__in=area_ids)
            .order_by()
            .values("solutionpage_id")
            .annotate(n=Count("pk"))
            .values("n")[:1]
        )
        return list(
            SolutionPage.objects.live()
            .public()
            .exclude(pk=self.pk)
            .annotate(shared_areas=Coalesce(Subquery(shared, output_field=IntegerField()), 0))
            .filter(Q(shared_areas__gt=0) | Q(solution_type=self.solution_type))
            .order_by("-shared_areas", "-adopter_count", "title")
            .values_list("pk", flat=True)[:limit]
        )

    @property
    def data_standard_list(self) -> list[str]:
        return [part.strip() for part in self.data_standards.split(",") if part.strip()]
