"""The catalogue's read-only API: solutions (with facets and a CSV export) and case studies.

Solutions are filtered by ``listings.selectors.solution_search``, the selector behind the
/solutions/ page, so the API and the website always agree on what a filter means and in
which order results come. The views still name the filterset (``SolutionAPIFilter``, which
is ``SolutionFilter`` typed for OpenAPI): the strict backend's check of parameter names uses
it, and drf-spectacular documents its filters as the operations' query parameters.

The CSV export is /api/v1/solutions/export.csv (rather than ``?format=csv`` on the list) so
its schema can say ``text/csv`` while every error stays JSON.
"""

from django.db.models import Prefetch, QuerySet
from django.http import Http404

import django_filters
from django_filters.utils import translate_validation
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiResponse,
    extend_schema,
    extend_schema_field,
    extend_schema_view,
)
from rest_framework import generics, viewsets
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response

from hub.api.docs import BAD_PARAMETERS, PAST_THE_END, SLUG_PATTERN
from hub.api.errors import ErrorSerializer
from hub.api.filters import list_parameters, validate_query_parameters
from hub.api.pagination import HubPagination
from hub.filters import MultipleChoiceFilter, TextFilter
from hub.links import page_absolute_url
from hub.models import Organisation
from listings.exports import HEADER as CSV_HEADER
from listings.exports import solutions_csv_response
from listings.filters import SolutionFilter, live_solutions
from listings.models import Adoption, CaseStudyPage, SavingsEvidence, SolutionPage
from listings.selectors.search import SolutionSearch, solution_search
from listings.serializers import (
    CaseStudySerializer,
    SolutionDetailSerializer,
    SolutionFacetsSerializer,
    SolutionListItemSerializer,
    SolutionSearchResponseSerializer,
)


class SolutionAPIFilter(SolutionFilter):
    """``SolutionFilter`` as the schema sees it: the service-area filter runs a method, so
    drf-spectacular cannot infer its type; this subclass declares it a string.
    Filtering and validation always run ``SolutionFilter`` (``solution_search``).
    """

    service_area = MultipleChoiceFilter(
        method="filter_service_area", label="Service area (slug, e.g. housing)", choices=()
    )

    @extend_schema_field(OpenApiTypes.STR)
    def filter_service_area(self, queryset, name, values):
        return super().filter_service_area(queryset, name, values)


def _search(view) -> SolutionSearch:
    """Validate the query string (names, then values) and run the catalogue's search."""
    request = view.request
    validate_query_parameters(request, list_parameters(view.filterset_class, view))
    search = solution_search(request.query_params)
    if not search.filterset.is_valid():
        raise translate_validation(search.filterset.errors)
    return search


def _first_by_slug(queryset: QuerySet, slug: str, what: str):
    """The page with this slug, or a JSON 404 (never a 500 should two pages share a slug)."""
    page = queryset.filter(slug=slug).order_by("path").first()
    if page is None:
        raise Http404(f"No live {what} has this slug.")
    return page


@extend_schema_view(
    list=extend_schema(
        summary="Search and filter live solutions, with facet counts",
        description=(
            "Takes the same filters as the /solutions/ page. Repeat a parameter "
            "(`type=a&type=b`) to mean any of them. `facets` counts, for each facet, how many "
            "of the filtered results have each option. The same filters export as CSV at "
            "/api/v1/solutions/export.csv."
        ),
        responses={
            200: SolutionSearchResponseSerializer,
            400: BAD_PARAMETERS,
            404: PAST_THE_END,
        },
    ),
    retrieve=extend_schema(
        summary="One live solution by slug, with its adoptions and savings evidence",
        responses={
            200: SolutionDetailSerializer,
            404: OpenApiResponse(ErrorSerializer, description="No live solution has this slug."),
        },
    ),
)
class SolutionViewSet(viewsets.ReadOnlyModelViewSet):
    """Live solutions: search, filter, sort, facet; one solution in full."""

    queryset = SolutionPage.objects.none()  # the real ones come from the selector
    serializer_class = SolutionListItemSerializer
    filterset_class = SolutionAPIFilter
    pagination_class = HubPagination
    lookup_field = "slug"
    lookup_value_regex = SLUG_PATTERN

    def get_serializer_class(self):
        if self.action == "retrieve":
            return SolutionDetailSerializer
        return SolutionListItemSerializer

    def list(self, request, *args, **kwargs):
        search = _search(self)
        # The facets query counts the results too, so the paginator is told the total.
        page = self.paginator.paginate_counted(
            search.results.prefetch_related("service_areas", "tags").select_related("provider"),
            request,
            self,
            count=search.total,
        )
        paginated = self.get_paginated_response(self.get_serializer(page, many=True).data).data
        snippets = search.snippets(page)
        return Response(
            {
                "count": paginated["count"],
                "next": paginated["next"],
                "previous": paginated["previous"],
                "facets": SolutionFacetsSerializer(search.facets).data,
                "search": {
                    "query": search.query,
                    "any_word": search.fallback,
                    "message": search.fallback_message if search.fallback else "",
                    "suggestion": search.suggestion,
                    "highlights": {s.slug: str(snippets[s.pk]) for s in page if s.pk in snippets},
                },
                "results": paginated["results"],
            }
        )

    def get_object(self):
        evidence = SavingsEvidence.objects.order_by("-year_to", "sort_order", "pk")
        adoptions = Adoption.objects.with_council().prefetch_related(
            Prefetch("evidence", queryset=evidence)
        )
        solutions = live_solutions().prefetch_related(
            "service_areas", "tags", Prefetch("adoptions", queryset=adoptions)
        )
        solution = _first_by_slug(solutions, self.kwargs["slug"], "solution")
        self.check_object_permissions(self.request, solution)
        return solution


@extend_schema_view(
    get=extend_schema(
        operation_id="solutions_export_csv",
        summary="Export the filtered solutions as CSV",
        description=(
            "The same filters and `sort` as /api/v1/solutions/, every matching row (not a page), "
            "streamed as CSV. Cells a spreadsheet would read as a formula start with `'`."
        ),
        responses={
            (200, "text/csv"): OpenApiResponse(
                OpenApiTypes.STR,
                description=f"Columns: {', '.join(CSV_HEADER)}.",
            ),
            400: BAD_PARAMETERS,
        },
    )
)
class SolutionExportView(generics.ListAPIView):
    """CSV of every live solution matching the filters, streamed as it is read."""

    queryset = SolutionPage.objects.none()
    filterset_class = SolutionAPIFilter
    pagination_class = None
    # Errors are JSON; a successful answer is the CSV stream, whatever the Accept header.
    renderer_classes = [JSONRenderer]

    def perform_content_negotiation(self, request, force=False):
        return super().perform_content_negotiation(request, force=True)

    def list(self, request, *args, **kwargs):
        search = _search(self)
        return solutions_csv_response(
            search.results, page_url=lambda page: page_absolute_url(page, request=request)
        )


class CaseStudyFilter(django_filters.FilterSet):
    council = TextFilter(
        field_name="council__slug",
        label="Council slug, e.g. camden",
        max_length=Organisation._meta.get_field("slug").max_length,
        what="Council",
    )
    solution = TextFilter(
        field_name="solutions__slug",
        distinct=True,
        label="Slug of a solution it covers",
        max_length=SolutionPage._meta.get_field("slug").max_length,
        what="Solution",
    )

    class Meta:
        model = CaseStudyPage
        fields = ["council", "solution"]


@extend_schema_view(
    list=extend_schema(
        summary="List live case studies, newest first",
        responses={
            200: CaseStudySerializer(many=True),
            400: BAD_PARAMETERS,
            404: PAST_THE_END,
        },
    ),
    retrieve=extend_schema(
        summary="One live case study by slug",
        responses={
            200: CaseStudySerializer,
            404: OpenApiResponse(ErrorSerializer, description="No live case study has this slug."),
        },
    ),
)
class CaseStudyViewSet(viewsets.ReadOnlyModelViewSet):
    """Councils' stories of using solutions: the problem, approach, outcomes and lessons."""

    serializer_class = CaseStudySerializer
    filterset_class = CaseStudyFilter
    lookup_field = "slug"
    lookup_value_regex = SLUG_PATTERN

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            # Schema generation (also run by `check --deploy`) must not touch the database:
            # .public() reads view restrictions when the queryset is built.
            return CaseStudyPage.objects.none()
        solutions = SolutionPage.objects.live().public().only("id", "slug").order_by("title")
        return (
            CaseStudyPage.objects.live()
            .public()
            .select_related("council")
            .prefetch_related(Prefetch("solutions", queryset=solutions))
            .order_by("-date", "title", "pk")
        )

    def get_object(self):
        case_study = _first_by_slug(self.get_queryset(), self.kwargs["slug"], "case study")
        self.check_object_permissions(self.request, case_study)
        return case_study
