"""The catalogue's filters, shared by /solutions/ and /api/v1/solutions/ so both agree.

Every filter is a query-string parameter; repeated parameters (``?type=a&type=b``) mean
"any of". Filters on adopters (council type, nation, region) use EXISTS subqueries so a
solution is never repeated and the query count does not grow with the results.

``q`` narrows the results to those the search backend matches; ordering them by
relevance is ``listings.selectors.search.solution_search``'s job, since only it knows the
chosen sort. An invalid value leaves its filter out of ``form.cleaned_data``, so
``SolutionFilter.qs`` simply ignores it (the website shows the rest; the API answers 400).
"""

from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.models import Exists, OuterRef, QuerySet
from django.db.models.expressions import RawSQL
from django.shortcuts import get_object_or_404

from wagtail.search.backends import get_search_backend

import django_filters

from hub.models import ServiceArea
from hub.models.organisations import Nation
from hub.search import search_words
from listings.models import (
    Adoption,
    CostModel,
    DevelopmentStatus,
    EvidenceLevel,
    Hosting,
    SolutionPage,
    SolutionType,
)
from listings.models.choices import MaintenanceSignal

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
#: Longer search terms are refused (and so ignored by the page): nobody types more.
SEARCH_MAX_LENGTH = 200
#: The most matches ranked by relevance; any further matches follow them, by title.
SEARCH_MAX_HITS = 10_000


def live_solutions() -> QuerySet[SolutionPage]:
    return SolutionPage.objects.live().public().select_related("provider")


def live_solution_or_404(page_id: int) -> SolutionPage:
    """The live, public solution ``page_id``; anything else (a draft, a private page, another
    kind of page or none) is a 404."""
    return get_object_or_404(live_solutions(), pk=page_id)


# Full-text search --------------------------------------------------------------------
#
# Wagtail's search backend does the matching. On SQLite its own queries join the FTS5
# table to the index entries in an order SQLite picks badly when the database has no
# statistics (it matches the FTS index once per indexed solution: 0.8 s at 10,000) and
# rank by a correlated subquery (seconds). So with the SQLite backend the two statements
# below are written here, FTS5 first, from the backend's own tables; every other backend
# (PostgreSQL, MySQL, Elasticsearch) goes through Wagtail's search API.


def search_match(term: str):
    """Live solutions matching every word of ``term``, as a value for ``pk__in``.

    A lazy subquery with the database backends (the match runs inside the caller's SQL);
    with others a list of at most ``SEARCH_MAX_HITS`` pks. ``None`` when ``term`` has no
    words.
    """
    words = search_words(term)
    if not words:
        return None
    sqlite = _sqlite_fts()
    if sqlite is not None:
        sql, params = sqlite.matches(words)
        return RawSQL(sql, params)  # noqa: S611 - table names from models; term is a param
    matches = SolutionPage.objects.live().search(
        " ".join(words), operator="and", order_by_relevance=False
    )
    if hasattr(matches, "get_queryset"):  # Wagtail's database backends build a queryset
        return matches.get_queryset().values("pk")
    return [page.pk for page in matches[:SEARCH_MAX_HITS]]


def search_ranking(term: str) -> list[int]:
    """Pks of solutions matching ``term``, most relevant first (at most SEARCH_MAX_HITS).

    One query. It may include pages that are not live: callers intersect it with their
    (live) results.
    """
    words = search_words(term)
    if not words:
        return []
    sqlite = _sqlite_fts()
    if sqlite is not None:
        sql, params = sqlite.ranking(words, limit=SEARCH_MAX_HITS)
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return [row[0] for row in cursor.fetchall()]
    ranked = SolutionPage.objects.live().search(" ".join(words), operator="and")
    if hasattr(ranked, "get_queryset"):
        return list(ranked.get_queryset().values_list("pk", flat=True)[:SEARCH_MAX_HITS])
    return [page.pk for page in ranked[:SEARCH_MAX_HITS]]


@dataclass(frozen=True)
class _SQLiteFTS:
    """SQL over the SQLite search backend's FTS5 table, FTS5 driving the join."""

    fts_table: str
    entry_table: str
    content_type_id: int

    def _match(self, words: list[str]) -> str:
        phrases = " AND ".join('"{}"'.format(word.replace('"', '""')) for word in words)
        return f"{{title body}} : ({phrases})"

    def _from(self) -> str:
        fts, entry = self.fts_table, self.entry_table
        return (
            f'FROM "{fts}" CROSS JOIN "{entry}" ON "{entry}"."id" = "{fts}"."rowid" '
            f'WHERE "{fts}" MATCH %s AND "{entry}"."content_type_id" = %s'
        )

    def matches(self, words: list[str]) -> tuple[str, list]:
        entry = self.entry_table
        sql = f'SELECT CAST("{entry}"."object_id" AS INTEGER) {self._from()}'
        return sql, [self._match(words), self.content_type_id]

    def ranking(self, words: list[str], *, limit: int) -> tuple[str, list]:
        """Ordered as the backend orders: BM25 weighted by the entry's title norm."""
        fts, entry = self.fts_table, self.entry_table
        score = f'bm25("{fts}") * "{entry}"."title_norm" + bm25("{fts}")'
        sql = (
            f'SELECT CAST("{entry}"."object_id" AS INTEGER) {self._from()} '
            f'ORDER BY {score}, "{entry}"."id" LIMIT %s'
        )
        return sql, [self._match(words), self.content_type_id, limit]


def _sqlite_fts() -> _SQLiteFTS | None:
    backend = get_search_backend()
    if type(backend).__name__ != "SQLiteSearchBackend":
        return None
    from wagtail.search.backends.database.sqlite.sqlite import IndexEntry, SQLiteFTSIndexEntry

    return _SQLiteFTS(
        fts_table=SQLiteFTSIndexEntry._meta.db_table,
        entry_table=IndexEntry._meta.db_table,
        content_type_id=ContentType.objects.get_for_model(SolutionPage).pk,
    )


def _adopted_by(queryset, **council_filters):
    adoptions = Adoption.objects.adopting().filter(
        solution_id=OuterRef("pk"),
        **{f"council__{key}": value for key, value in council_filters.items()},
    )
    return queryset.filter(Exists(adoptions))


def service_area_choices() -> list[tuple[str, str]]:
    return list(ServiceArea.objects.values_list("slug", "name"))


class SolutionFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        method="filter_search", label="Search", max_length=SEARCH_MAX_LENGTH
    )
    # Callable choices: read per form, so schema generation (which builds the filter
    # class once) cannot freeze them empty for every later request.
    service_area = django_filters.MultipleChoiceFilter(
        method="filter_service_area", label="Service area", choices=service_area_choices
    )
    type = django_filters.MultipleChoiceFilter(
        field_name="solution_type",
        choices=SolutionType.choices,
        label="Solution type",
        distinct=False,  # no joins, so no duplicates: DISTINCT would only cost time
    )
    status = django_filters.MultipleChoiceFilter(
        field_name="development_status",
        choices=DevelopmentStatus.choices,
        label="Development status",
        distinct=False,
    )
    open_source = django_filters.BooleanFilter(field_name="is_open_source", label="Open source")
    licence = django_filters.CharFilter(field_name="licence", lookup_expr="iexact", label="Licence")
    cost = django_filters.MultipleChoiceFilter(
        field_name="cost_model", choices=CostModel.choices, label="Cost model", distinct=False
    )
    hosting = django_filters.MultipleChoiceFilter(
        choices=Hosting.choices, label="Hosting", distinct=False
    )
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
    maintenance = django_filters.MultipleChoiceFilter(
        field_name="maintenance_signal",
        choices=MaintenanceSignal.choices,
        label="Maintenance (from GitHub)",
        distinct=False,
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

    def filter_search(self, queryset, name, value):
        matches = search_match(value)
        return queryset if matches is None else queryset.filter(pk__in=matches)

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
