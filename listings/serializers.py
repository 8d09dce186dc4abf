"""Output serializers for the catalogue API (/api/v1/solutions/, /api/v1/case-studies/).

Read-only by design: listings change through Wagtail's moderation, not through these.
Money is always a decimal *string* (DRF's ``COERCE_DECIMAL_TO_STRING``), never a float.
URL-ish fields are declared as plain strings: most may be blank, and the schema must not
promise a URI (or an email address) where the answer is often "".
"""

from wagtail.rich_text import expand_db_html

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field, extend_schema_serializer
from rest_framework import serializers

from hub.links import page_absolute_url
from listings.models import (
    Adoption,
    AdoptionStatus,
    CaseStudyPage,
    EvidenceLevel,
    SavingsEvidence,
    SavingsKind,
    SavingsPeriod,
    SolutionPage,
)
from listings.models.choices import MaintenanceSignal, RepositoryState
from listings.selectors.search import FACETS


@extend_schema_field(OpenApiTypes.STR)
class RichTextHTMLField(serializers.Field):
    """A Wagtail rich-text field as front-end HTML (internal page and document links expanded)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("read_only", True)
        kwargs.setdefault("help_text", "HTML.")
        super().__init__(**kwargs)

    def to_representation(self, value):
        return expand_db_html(value) if value else ""


@extend_schema_field(OpenApiTypes.STR)
class PageURLField(serializers.Field):
    """The page's full address on the website (like the API's own hyperlinks)."""

    def __init__(self, **kwargs):
        kwargs.update(source="*", read_only=True)
        kwargs.setdefault("help_text", "The page on the website.")
        super().__init__(**kwargs)

    def to_representation(self, page):
        return page_absolute_url(page, request=self.context.get("request"))


class ServiceAreaRefSerializer(serializers.Serializer):
    slug = serializers.CharField(read_only=True)
    name = serializers.CharField(read_only=True)


class OrganisationRefSerializer(serializers.Serializer):
    slug = serializers.CharField(read_only=True)
    name = serializers.CharField(read_only=True)


class CouncilRefSerializer(OrganisationRefSerializer):
    gss_code = serializers.CharField(read_only=True, allow_null=True, help_text="ONS GSS code.")


class SolutionListItemSerializer(serializers.ModelSerializer):
    """One solution in a list: what it is, who provides it, who uses it, what it saved."""

    url = PageURLField()
    api_url = serializers.HyperlinkedIdentityField(
        view_name="api:solution-detail", lookup_field="slug"
    )
    service_areas = ServiceAreaRefSerializer(many=True, read_only=True)
    tags = serializers.SlugRelatedField(many=True, slug_field="name", read_only=True)
    provider = OrganisationRefSerializer(read_only=True, allow_null=True)
    best_evidence_level = serializers.ChoiceField(
        choices=EvidenceLevel.choices,
        read_only=True,
        allow_null=True,
        help_text="The highest level, on Nesta's Standards of Evidence, of any savings record.",
    )
    maintenance_signal = serializers.ChoiceField(
        choices=MaintenanceSignal.choices,
        read_only=True,
        allow_blank=True,
        help_text="From the code repository's activity on GitHub (archived; active: a push "
        "or release in 6 months; quiet: 6 to 18 months, under 25 open issues; dormant). "
        "Empty when the listing is not harvested.",
    )

    class Meta:
        model = SolutionPage
        fields = [
            "slug",
            "title",
            "url",
            "api_url",
            "summary",
            "solution_type",
            "development_status",
            "licence",
            "is_open_source",
            "cost_model",
            "price_min_gbp",
            "price_max_gbp",
            "hosting",
            "service_areas",
            "tags",
            "provider",
            "adopter_count",
            "annual_savings_gbp",
            "best_evidence_level",
            "has_verified_savings",
            "maintenance_signal",
            "last_published_at",
        ]
        read_only_fields = fields
        extra_kwargs = {
            "annual_savings_gbp": {
                "help_text": "Evidenced savings per year in GBP (a decimal string)."
            },
            "adopter_count": {"help_text": "Councils piloting or using it in production."},
        }


class SavingsEvidenceSerializer(serializers.ModelSerializer):
    kind = serializers.ChoiceField(choices=SavingsKind.choices, read_only=True)
    period = serializers.ChoiceField(choices=SavingsPeriod.choices, read_only=True)
    evidence_level = serializers.ChoiceField(choices=EvidenceLevel.choices, read_only=True)
    source_url = serializers.CharField(read_only=True, help_text="Where the figure is published.")
    attested = serializers.BooleanField(
        source="attested_by_council", read_only=True, help_text="Attested by the council."
    )
    verified = serializers.BooleanField(
        source="verified_by_moderator", read_only=True, help_text="Checked by a moderator."
    )

    class Meta:
        model = SavingsEvidence
        fields = [*SavingsEvidence.CLAIM_FIELDS, "attested", "verified"]
        read_only_fields = fields
        extra_kwargs = {
            "amount_gbp": {"help_text": "GBP as a decimal string; null for staff hours."},
            "hours": {"help_text": "Staff hours released; null for money."},
        }


class AdoptionSerializer(serializers.ModelSerializer):
    council = CouncilRefSerializer(read_only=True)
    status = serializers.ChoiceField(choices=AdoptionStatus.choices, read_only=True)
    verification = serializers.ChoiceField(
        choices=[("confirmed", "Confirmed"), ("reported", "Reported")],
        read_only=True,
        help_text="`confirmed` when recorded by the council itself, else `reported`.",
    )
    evidence = SavingsEvidenceSerializer(many=True, read_only=True)

    class Meta:
        model = Adoption
        fields = ["council", "status", "since", "verification", "evidence"]
        read_only_fields = fields


class SolutionDetailSerializer(SolutionListItemSerializer):
    """One solution with everything a council needs to judge it, and who uses it."""

    problem = RichTextHTMLField(help_text="The problem it solves, as HTML.")
    repository_url = serializers.CharField(read_only=True)
    website = serializers.CharField(read_only=True)
    accessibility_statement_url = serializers.CharField(read_only=True)
    adoptions = AdoptionSerializer(many=True, read_only=True)
    repository_state = serializers.ChoiceField(
        choices=RepositoryState.choices,
        read_only=True,
        allow_blank=True,
        help_text="What the harvester last found at the code repository; empty when the "
        "listing is not harvested.",
    )

    class Meta(SolutionListItemSerializer.Meta):
        fields = [
            *SolutionListItemSerializer.Meta.fields,
            "problem",
            "audience",
            "data_needed",
            "data_standards",
            "processes_personal_data",
            "dpia_template_available",
            "data_protection_notes",
            "accessibility_statement_url",
            "security_notes",
            "repository_url",
            "website",
            *SolutionPage.GITHUB_FIGURES,
            *SolutionPage.REPOSITORY_FIGURES,
            "adoptions",
        ]
        read_only_fields = fields


class CaseStudySerializer(serializers.ModelSerializer):
    """One council's story of using one or more solutions."""

    url = PageURLField()
    api_url = serializers.HyperlinkedIdentityField(
        view_name="api:case-study-detail", lookup_field="slug"
    )
    council = CouncilRefSerializer(read_only=True)
    solutions = serializers.SlugRelatedField(
        many=True,
        slug_field="slug",
        read_only=True,
        help_text="Slugs of the live solutions it covers.",
    )
    problem = RichTextHTMLField()
    approach = RichTextHTMLField()
    outcomes = RichTextHTMLField()
    figures = RichTextHTMLField(help_text="Key numbers with their sources, as HTML.")
    lessons = RichTextHTMLField(help_text="Lessons learned, as HTML.")

    class Meta:
        model = CaseStudyPage
        fields = [
            "slug",
            "title",
            "url",
            "api_url",
            "council",
            "date",
            "solutions",
            "problem",
            "approach",
            "outcomes",
            "figures",
            "lessons",
            "last_published_at",
        ]
        read_only_fields = fields


class FacetOptionSerializer(serializers.Serializer):
    value = serializers.CharField(
        read_only=True, help_text="Pass it as the facet's query parameter to filter by it."
    )
    label = serializers.CharField(read_only=True)
    count = serializers.IntegerField(read_only=True, help_text="How many of the results have it.")
    selected = serializers.BooleanField(read_only=True, help_text="The search applies it.")


#: One list of options per facet, keyed by the facet's query parameter (``FACETS``).
SolutionFacetsSerializer = type(
    "SolutionFacetsSerializer",
    (serializers.Serializer,),
    {
        "__doc__": "Facet counts over the filtered results, keyed by query parameter.",
        "__module__": __name__,
        **{
            name: FacetOptionSerializer(many=True, read_only=True, help_text=heading)
            for name, heading in FACETS.items()
        },
    },
)


class SearchInfoSerializer(serializers.Serializer):
    """How ``q`` was searched (listings.search): every word, or any when none had them all."""

    query = serializers.CharField(read_only=True, help_text="The search as run (cleaned).")
    any_word = serializers.BooleanField(
        read_only=True, help_text="No result had every word, so these match any of them."
    )
    message = serializers.CharField(read_only=True, help_text="What to tell the reader, or ''.")
    suggestion = serializers.CharField(
        read_only=True, help_text="'Did you mean': the query with misspellings corrected, or ''."
    )
    highlights = serializers.DictField(
        child=serializers.CharField(),
        read_only=True,
        help_text="For each result's slug, an HTML extract with matches in <mark> (escaped).",
    )


@extend_schema_serializer(many=False)
class SolutionSearchResponseSerializer(serializers.Serializer):
    """Only documents the list's answer: a page of results with facet counts beside it."""

    count = serializers.IntegerField(read_only=True)
    next = serializers.URLField(read_only=True, allow_null=True)
    previous = serializers.URLField(read_only=True, allow_null=True)
    facets = SolutionFacetsSerializer(read_only=True)
    search = SearchInfoSerializer(read_only=True)
    results = SolutionListItemSerializer(many=True, read_only=True)
