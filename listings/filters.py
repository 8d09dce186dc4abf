"""The catalogue's filters, shared by /solutions/ and /api/v1/solutions/ so both agree.

Every filter is a query-string parameter; repeated parameters (``?type=a&type=b``) mean
"any of". Filters on adopters (council type, nation, region) use EXISTS subqueries so a
solution is never repeated and the query count does not grow with the results.

``q`` is declared here (so it is validated, capped and documented like every filter)
but applied by ``listings.selectors.search.solution_search`` through
``listings.search``, which chooses all-words or any-word matching and ranks. An invalid
value leaves its filter out of ``form.cleaned_data``, so ``SolutionFilter.qs`` ignores
it (the website shows the rest; the API answers 400).
"""

from django.core.exceptions import ValidationError
from django.db.models import Exists, OuterRef, QuerySet
from django.shortcuts import get_object_or_404

import django_filters

from hub.filters import BooleanFilter, MultipleChoiceFilter, TextFilter
from hub.models import Organisation, ServiceArea
from hub.models.organisations import Nation
from listings.models.choices import (
    CostModel,
    DevelopmentStatus,
    EvidenceLevel,
    Hosting,
    MaintenanceSignal,
    SolutionType,
)
from listings.models.records import Adoption
from listings.models.solutions import SolutionPage
from listings.search.query import MAX_QUERY_LENGTH, QueryRejected, parse_query

SORT_CHOICES = [
    ("relevance", "Relevance"),
    ("most_adopted", "Most adopted"),
    ("highest_savings", "Highest evidenced annual savings"),
    ("recently_updated", "Recently updated"),
]
DEFAULT_SORT = "relevance"
SORT_ORDERINGS = {
    "most_adopted": ["-adopter_count", "title", "pk"],
    "highest_savings": ["-annual_savings_gbp", "title", "pk"],
    "recently_updated": ["-last_published_at", "title", "pk"],
    "relevance": ["title", "pk"],  # without a search term, relevance is alphabetical
}
#: Longer search terms are refused by the API (the page searches the first part).
SEARCH_MAX_LENGTH = MAX_QUERY_LENGTH


def live_solutions() -> QuerySet[SolutionPage]:
    return SolutionPage.objects.live().public().select_related("provider")


def live_solution_or_404(page_id: int) -> SolutionPage:
    """The live, public solution ``page_id``; anything else (a draft, a private page, another
    kind of page or none) is a 404."""
    return get_object_or_404(live_solutions(), pk=page_id)


def validate_search(value: str) -> None:
    """The API's 400 for a search past the caps (length, number of words)."""
    try:
        parse_query(value, strict=True)
    except QueryRejected as error:
        raise ValidationError(str(error)) from error


def _adopted_by(queryset, **council_filters):
    adoptions = Adoption.objects.adopting().filter(
        solution_id=OuterRef("pk"),
        **{f"council__{key}": value for key, value in council_filters.items()},
    )
    return queryset.filter(Exists(adoptions))


def _max_length(model, field_name: str) -> int:
    """A text filter's limit: a longer value than the column it matches cannot match."""
    return model._meta.get_field(field_name).max_length


def service_area_choices() -> list[tuple[str, str]]:
    return list(ServiceArea.objects.values_list("slug", "name"))


class SolutionFilter(django_filters.FilterSet):
    q = TextFilter(
        method="filter_search",
        label="Search",
        max_length=SEARCH_MAX_LENGTH,
        what="Search",
        validators=[validate_search],
    )
    # Callable choices: read per form, so schema generation (which builds the filter
    # class once) cannot freeze them empty for every later request.
    service_area = MultipleChoiceFilter(
        method="filter_service_area", label="Service area", choices=service_area_choices
    )
    type = MultipleChoiceFilter(
        field_name="solution_type",
        choices=SolutionType.choices,
        label="Solution type",
        distinct=False,  # no joins, so no duplicates: DISTINCT would only cost time
    )
    status = MultipleChoiceFilter(
        field_name="development_status",
        choices=DevelopmentStatus.choices,
        label="Development status",
        distinct=False,
    )
    open_source = BooleanFilter(field_name="is_open_source", label="Open source")
    licence = TextFilter(
        field_name="licence",
        lookup_expr="iexact",
        label="Licence",
        max_length=_max_length(SolutionPage, "licence"),
        what="Licence",
    )
    cost = MultipleChoiceFilter(
        field_name="cost_model", choices=CostModel.choices, label="Cost model", distinct=False
    )
    hosting = MultipleChoiceFilter(choices=Hosting.choices, label="Hosting", distinct=False)
    min_evidence = django_filters.TypedChoiceFilter(
        field_name="best_evidence_level",
        lookup_expr="gte",
        choices=EvidenceLevel.choices,
        coerce=int,
        label="Minimum evidence level",
    )
    council_type = TextFilter(
        method="filter_council_type",
        label="Adopted by councils of type (e.g. LBO)",
        max_length=_max_length(Organisation, "council_type"),
        what="Council type",
    )
    nation = django_filters.ChoiceFilter(
        method="filter_nation", choices=Nation.choices, label="Adopted by councils in nation"
    )
    region = TextFilter(
        method="filter_region",
        label="Adopted by councils in region",
        max_length=_max_length(Organisation, "region"),
        what="Region",
    )
    maintenance = MultipleChoiceFilter(
        field_name="maintenance_signal",
        choices=MaintenanceSignal.choices,
        label="Maintenance (from GitHub)",
        distinct=False,
    )
    verified_savings = BooleanFilter(
        field_name="has_verified_savings", label="Has verified savings"
    )
    sort = django_filters.ChoiceFilter(
        method="filter_sort", choices=SORT_CHOICES, label="Sort by", empty_label=None
    )

    class Meta:
        model = SolutionPage
        fields: list[str] = []

    def filter_search(self, queryset, name, value):
        return queryset  # matched and ranked by solution_search (listings.search)

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
        return SORT_ORDERINGS[self.current_sort]

    @property
    def current_sort(self) -> str:
        """The sort in force: a valid ``sort`` parameter, else relevance (other invalid
        parameters do not matter: each filter is judged on its own)."""
        return self.cleaned_data.get("sort") or DEFAULT_SORT

    @property
    def cleaned_data(self) -> dict:
        """The valid parameters only, cleaned; the ones ``qs`` applies."""
        if not self.is_bound:
            return {}
        self.errors  # noqa: B018 - validates the form, filling cleaned_data
        return self.form.cleaned_data
