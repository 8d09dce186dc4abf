"""Read queries for /solutions/ and /api/v1/solutions/: filtered, sorted search with facets.

The interface (kept stable; the page and the API both call it):

* ``solution_search(params) -> SolutionSearch``: ``params`` is a ``QueryDict`` (or any
  mapping with ``getlist``). ``SolutionSearch.results`` is a lazy ``QuerySet`` of live
  ``SolutionPage`` objects, filtered and ordered, ready for a paginator (callers may add
  ``select_related``/``prefetch_related``). ``SolutionSearch.facets`` is
  ``solution_facets`` over those results with each option's ``selected`` flag set, and
  ``SolutionSearch.total`` their number (from the same query). ``SolutionSearch.applied``
  is the valid parameters as ``(name, value)`` pairs: the search's canonical query string.
* ``solution_facets(results, applied=()) -> dict[str, list[FacetOption]]``: for each
  facet (the keys of ``FACETS``, in that order), its options and how many of ``results``
  have each.

Invalid parameter values are left out (``SolutionFilter`` judges each on its own); the
filterset's ``errors`` name them for callers that must refuse them (the API).

Cost: a constant number of queries however large the catalogue or the page. Results are
one statement (plus the paginator's COUNT, which the page takes from the facets). Facets
are six aggregates over the results' pks as a subquery: one for every fixed-choice facet
and licence (conditional counts grouped by licence), one GROUP BY for service areas (plus
the short list of areas) and one GROUP BY for each adopter facet (council type, nation,
region).

Search: ``q`` goes through ``listings.search`` (``text_search``): the matches of every
word, or of any word when none has them all (``SolutionSearch.fallback``), with "did you
mean" (``suggestion``) and highlighted ``snippets``. Sorted by relevance (the default),
the results follow the backend's ranking; any other sort orders the matches by that
field. Facet counts (above all the unfiltered ones) are kept in the cache, per search,
until the catalogue changes (``listings.search.caching``).
"""

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property
from urllib.parse import urlencode

from django.db.models import Count, Q, QuerySet

from hub.models import ServiceArea
from hub.models.organisations import Nation
from listings.filters import DEFAULT_SORT, SolutionFilter, live_solutions
from listings.models.choices import (
    CostModel,
    DevelopmentStatus,
    EvidenceLevel,
    Hosting,
    MaintenanceSignal,
    SolutionType,
)
from listings.models.solutions import SolutionPage
from listings.search import get_backend
from listings.search.caching import cached_by_version
from listings.search.facets import adopter_facet_counts
from listings.search.models import SearchDocumentKind
from listings.search.text import FALLBACK_MESSAGE, TextSearch, text_search

#: Every facet, in the order the page shows them, with its heading.
FACETS = {
    "service_area": "Service area",
    "type": "Solution type",
    "status": "Development status",
    "open_source": "Open source",
    "licence": "Licence",
    "cost": "Cost model",
    "hosting": "Hosting",
    "min_evidence": "Evidence of savings",
    "maintenance": "Maintenance",
    "council_type": "Used by councils of type",
    "nation": "Used by councils in",
    "region": "Used by councils in region",
    "verified_savings": "Verified savings",
}
#: Facets whose parameter may repeat (``?type=a&type=b`` means either).
MULTIPLE_CHOICE_FACETS = frozenset(
    {"service_area", "type", "status", "cost", "hosting", "maintenance"}
)

#: (parameter, model field, choices) for facets counted by conditional aggregates.
_CHOICE_FACETS = (
    ("type", "solution_type", SolutionType.choices),
    ("status", "development_status", DevelopmentStatus.choices),
    ("cost", "cost_model", CostModel.choices),
    ("hosting", "hosting", Hosting.choices),
    ("maintenance", "maintenance_signal", MaintenanceSignal.choices),
)
_BOOLEAN_FACETS = (
    ("open_source", "is_open_source", "Open source", "Not open source"),
    ("verified_savings", "has_verified_savings", "Has verified savings", "No verified savings"),
)
_TOTAL = "__total__"


@dataclass(frozen=True)
class FacetOption:
    """One option of a facet: the parameter value, its label, how many results have it
    and whether the current search applies it."""

    value: str
    label: str
    count: int
    selected: bool = False


@dataclass
class SolutionSearch:
    """A search of the catalogue: the bound filterset, ordered results and their facets."""

    filterset: SolutionFilter
    results: QuerySet[SolutionPage]
    applied: list[tuple[str, str]] = field(default_factory=list)
    text: TextSearch | None = None

    @property
    def query(self) -> str:
        """The search term in force, as searched ("" when none)."""
        return self.text.text if self.text else ""

    @property
    def fallback(self) -> bool:
        """Nothing had every word, so these are the results for any of them."""
        return bool(self.text and self.text.fallback)

    fallback_message = FALLBACK_MESSAGE

    @property
    def suggestion(self) -> str:
        """ "Did you mean": the query with misspelt words corrected ("" when none)."""
        return self.text.suggestion if self.text else ""

    @property
    def truncated(self) -> bool:
        """The query was longer than the caps and only its start was searched."""
        return bool(self.text and self.text.parsed.truncated)

    def snippets(self, solutions) -> dict:
        """Highlighted extracts for ``solutions`` (one query; empty without a search)."""
        return self.text.snippets(solutions) if self.text else {}

    @property
    def sort(self) -> str:
        return self.filterset.current_sort

    @cached_property
    def _counted(self) -> tuple[int, dict[str, list[FacetOption]]]:
        backend = get_backend()
        if backend.counts_facets:  # Elasticsearch: one faceted request
            areas = list(
                ServiceArea.objects.order_by("sort_order", "name").values_list("slug", "name")
            )
            total, rows = backend.facet_rows(
                self.text.query if self.text else None, self.applied, areas=list(areas)
            )
            rows["min_evidence"] = [
                (value, _evidence_label(int(value)), n) for value, _label, n in rows["min_evidence"]
            ]
            chosen = {(name, value.casefold()): value for name, value in self.applied}
            return total, {name: _options(name, rows[name], chosen) for name in FACETS}
        # Counted once per catalogue change for each search (the unfiltered catalogue above
        # all): every publish, unpublish or adoption change starts them afresh.
        key = "solution-facets:" + hashlib.sha256(urlencode(self.applied).encode()).hexdigest()
        return cached_by_version(key, lambda: _facets_and_total(self.results, self.applied))

    @property
    def facets(self) -> dict[str, list[FacetOption]]:
        return self._counted[1]

    @property
    def total(self) -> int:
        """How many results there are (counted with the facets, so no extra query)."""
        return self._counted[0]


def solution_search(params) -> SolutionSearch:
    """Apply the query-string filters and the chosen ordering to live solutions."""
    filterset = SolutionFilter(params, queryset=live_solutions())
    # A refused search (too long, say) is left out like any invalid filter: the rest apply.
    query = None if "q" in filterset.errors else params.get("q")
    text = text_search(SearchDocumentKind.SOLUTION, query)
    results = text.filter(filterset.qs)
    if text and filterset.current_sort == DEFAULT_SORT:
        results = text.order(results)
    else:
        results = results.order_by(*filterset.ordering)
    return SolutionSearch(
        filterset=filterset,
        results=results,
        applied=applied_parameters(filterset, query=text.text),
        text=text,
    )


def applied_parameters(filterset: SolutionFilter, query: str = "") -> list[tuple[str, str]]:
    """The valid, non-empty parameters as (name, value) pairs, in the filters' order.

    ``urlencode()`` of them is the search's canonical query string; the default sort is
    left out so equal searches have equal URLs. ``q`` is the query as searched (cleaned
    and capped by ``listings.search``), even when the raw one was too long.
    """
    data = filterset.cleaned_data
    pairs: list[tuple[str, str]] = []
    for name in filterset.filters:
        value = query if name == "q" else data.get(name)
        if name == "sort" and value == DEFAULT_SORT:
            continue
        values = value if isinstance(value, list | tuple) else [value]
        for item in values:
            if item is None or item == "":
                continue
            text = ("true" if item else "false") if isinstance(item, bool) else str(item)
            if (name, text) not in pairs:
                pairs.append((name, text))
    return pairs


def solution_facets(
    results: QuerySet[SolutionPage], applied: Iterable[tuple[str, str]] = ()
) -> dict[str, list[FacetOption]]:
    """For each facet, its options with how many of ``results`` have each.

    ``results`` is any queryset of solutions (normally ``SolutionSearch.results``); only
    its pks are used, as a subquery, so its ordering costs nothing. ``applied``
    (``SolutionSearch.applied``) marks options ``selected``; an applied option is listed
    even when no result has it, so it can be seen and removed.

    Options: every choice of a fixed-choice facet (type, status, cost, hosting, nation,
    open_source, verified_savings, min_evidence 1-5) and every service area, with zero
    counts included; for licence, council type and region, the values present in the
    results (most common licence first). ``min_evidence`` n counts results whose best
    evidence is at level n or above; the adopter facets count distinct results adopted
    (piloting or in production) by at least one council of that type, nation or region.
    """
    return _facets_and_total(results, applied)[1]


def _facets_and_total(
    results: QuerySet[SolutionPage], applied: Iterable[tuple[str, str]]
) -> tuple[int, dict[str, list[FacetOption]]]:
    pks = results.order_by().values("pk")
    total, counts, licences = _fixed_choice_counts(SolutionPage.objects.filter(pk__in=pks))
    rows: dict[str, list[tuple[str, str, int]]] = {"service_area": _service_area_counts(pks)}
    for name, _field_name, choices in _CHOICE_FACETS:
        rows[name] = [(value, label, counts[f"{name}:{value}"]) for value, label in choices]
    for name, _field_name, yes, no in _BOOLEAN_FACETS:
        rows[name] = [("true", yes, counts[f"{name}:true"]), ("false", no, counts[f"{name}:false"])]
    rows["min_evidence"] = [
        (str(level), _evidence_label(level), counts[f"min_evidence:{level}"])
        for level in EvidenceLevel.values
    ]
    rows["licence"] = [(licence, licence, n) for licence, n in licences]
    rows.update(_adopter_counts(pks))
    chosen = {(name, value.casefold()): value for name, value in applied}
    return total, {name: _options(name, rows[name], chosen) for name in FACETS}


def _fixed_choice_counts(solutions: QuerySet[SolutionPage]):
    """One query: the total, a conditional count for every option of every fixed-choice
    facet, and the licences, by grouping the conditional counts by licence."""
    aggregates = {_TOTAL: Count("pk")}
    for name, field_name, choices in _CHOICE_FACETS:
        for value, _label in choices:
            aggregates[f"{name}:{value}"] = Count("pk", filter=Q(**{field_name: value}))
    for name, field_name, _yes, _no in _BOOLEAN_FACETS:
        aggregates[f"{name}:true"] = Count("pk", filter=Q(**{field_name: True}))
        aggregates[f"{name}:false"] = Count("pk", filter=Q(**{field_name: False}))
    for level in EvidenceLevel.values:
        aggregates[f"min_evidence:{level}"] = Count("pk", filter=Q(best_evidence_level__gte=level))
    by_licence = list(solutions.values("licence").annotate(**aggregates).order_by())
    counts = {key: sum(row[key] for row in by_licence) for key in aggregates}
    licences = sorted(
        ((row["licence"], row[_TOTAL]) for row in by_licence if row["licence"]),
        key=lambda pair: (-pair[1], pair[0].casefold()),
    )
    return counts[_TOTAL], counts, licences


def _service_area_counts(pks: QuerySet) -> list[tuple[str, str, int]]:
    """Every service area, in its editorial order, with its count of results: a GROUP BY
    driven from the results' links (so a narrow search reads few rows) and the short list
    of areas (so areas no result has are listed too)."""
    links = SolutionPage.service_areas.through.objects.filter(solutionpage_id__in=pks)
    counts = dict(
        links.values_list("servicearea_id").annotate(n=Count("servicearea_id")).order_by()
    )
    areas = ServiceArea.objects.order_by("sort_order", "name").values_list("pk", "slug", "name")
    return [(slug, name, counts.get(pk, 0)) for pk, slug, name in areas]


def _adopter_counts(pks: QuerySet) -> dict[str, list[tuple[str, str, int]]]:
    """One GROUP BY over the results' adopter facets (``listings.search.facets``)."""
    counts = adopter_facet_counts(pks)
    by_nation = {value: n for value, _label, n in counts["nation"]}
    return {
        "council_type": sorted(counts["council_type"], key=lambda row: (row[1], row[0])),
        "nation": [(value, label, by_nation.get(value, 0)) for value, label in Nation.choices],
        "region": counts["region"],
    }


def _options(
    name: str, rows: list[tuple[str, str, int]], chosen: dict[tuple[str, str], str]
) -> list[FacetOption]:
    options = [
        FacetOption(
            value=value,
            label=label or value,
            count=count,
            selected=(name, value.casefold()) in chosen,
        )
        for value, label, count in rows
    ]
    listed = {option.value.casefold() for option in options}
    options += [
        FacetOption(value=value, label=value, count=0, selected=True)
        for (facet, folded), value in chosen.items()
        if facet == name and folded not in listed
    ]
    return options


def _evidence_label(level: int) -> str:
    top = max(EvidenceLevel.values)
    return f"Level {top} of {top}" if level == top else f"Level {level} of {top} or higher"
