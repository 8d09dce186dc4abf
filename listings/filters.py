"""The catalogue's filters, shared by /solutions/ and /api/v1/solutions/ so both agree.

Every filter is a query-string parameter; repeated parameters (``?type=a&type=b``) mean
"any of". Filters on adopters (council type, nation, region) use EXISTS subqueries so a
solution is never repeated and the query count does not grow with the results.
"""

from django.db.models import Exists, OuterRef, QuerySet

import django_filters

from hub.models import ServiceArea
from hub.models.organisations import Nation
from listings.models import (
    Adoption,
    AdoptionStatus,
    CostModel,
    DevelopmentStatus,
    EvidenceLevel,
    Hosting,
    SolutionPage,
    SolutionType,
)

SORT_CHOICES = [
    ("relevance", "Relevance"),
    ("most_adopted", "Most adopted"),
    ("highest_savings", "Highest evidenced annual savings"),
    ("recently_updated", "Recently updated"),
]
SORT_ORDERINGS = {
    "most_adopted": ["-adopter_count", "title"],
    "highest_savings": ["-annual_savings_gbp", "title"],
    "recently_updated": ["-last_published_at", "title"],
    "relevance": ["title"],  # without a search term, relevance is alphabetical
}


def live_solutions() -> QuerySet[SolutionPage]:
    return SolutionPage.objects.live().select_related("provider")


def _adopted_by(queryset, **council_filters):
    adoptions = Adoption.objects.filter(
        solution_id=OuterRef("pk"),
        status__in=[AdoptionStatus.PILOTING, AdoptionStatus.PRODUCTION],
        **{f"council__{key}": value for key, value in council_filters.items()},
    )
    return queryset.filter(Exists(adoptions))


class SolutionFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="filter_search", label="Search")
    service_area = django_filters.MultipleChoiceFilter(
        method="filter_service_area", label="Service area", choices=()
    )
    type = django_filters.MultipleChoiceFilter(
        field_name="solution_type", choices=SolutionType.choices, label="Solution type"
    )
    status = django_filters.MultipleChoiceFilter(
        field_name="development_status",
        choices=DevelopmentStatus.choices,
        label="Development status",
    )
    open_source = django_filters.BooleanFilter(field_name="is_open_source", label="Open source")
    licence = django_filters.CharFilter(field_name="licence", lookup_expr="iexact", label="Licence")
    cost = django_filters.MultipleChoiceFilter(
        field_name="cost_model", choices=CostModel.choices, label="Cost model"
    )
    hosting = django_filters.MultipleChoiceFilter(choices=Hosting.choices, label="Hosting")
    min_evidence = django_filters.TypedChoiceFilter(
        field_name="best_evidence_level",
        lookup_expr="gte",
        choices=EvidenceLevel.choices,
        coerce=int,
        label="Minimum evidence level",
    )
    council_type = django_filters.CharFilter(
        method="filter_council_type", label="Adopted by councils of type (e.g. LBO)"
    )
    nation = django_filters.ChoiceFilter(
        method="filter_nation", choices=Nation.choices, label="Adopted by councils in nation"
    )
    region = django_filters.CharFilter(
        method="filter_region", label="Adopted by councils in region"
    )
    verified_savings = django_filters.BooleanFilter(
        field_name="has_verified_savings", label="Has verified savings"
    )
    sort = django_filters.ChoiceFilter(
        method="filter_sort", choices=SORT_CHOICES, label="Sort by", empty_label=None
    )

    class Meta:
        model = SolutionPage
        fields: list[str] = []

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["service_area"].extra["choices"] = list(
            ServiceArea.objects.values_list("slug", "name")
        )

    def filter_search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        matches = SolutionPage.objects.live().search(value, operator="and").get_pks()
        return queryset.filter(pk__in=list(matches))

    def filter_service_area(self, queryset, name, values):
        if not values:
            return queryset
        through = SolutionPage.service_areas.through
        return queryset.filter(
            Exists(
                through.objects.filter(solutionpage_id=OuterRef("pk"), servicearea__slug__in=values)
            )
        )

    def filter_council_type(self, queryset, name, value):
        return _adopted_by(queryset, council_type__iexact=value) if value else queryset

    def filter_nation(self, queryset, name, value):
        return _adopted_by(queryset, nation=value) if value else queryset

    def filter_region(self, queryset, name, value):
        return _adopted_by(queryset, region__iexact=value) if value else queryset

    def filter_sort(self, queryset, name, value):
        return queryset  # ordering is applied last by solution_search, after every filter

    @property
    def ordering(self) -> list[str]:
        data = self.form.cleaned_data if self.is_bound and self.form.is_valid() else {}
        return SORT_ORDERINGS.get(data.get("sort") or "relevance", SORT_ORDERINGS["relevance"])
