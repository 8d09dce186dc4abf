"""Read queries for /solutions/ and /api/v1/solutions/: filtered, sorted search with facets."""

from dataclasses import dataclass

from django.db.models import QuerySet

from listings.filters import SolutionFilter, live_solutions
from listings.models import SolutionPage


@dataclass
class SolutionSearch:
    filterset: SolutionFilter
    results: QuerySet[SolutionPage]


def solution_search(params) -> SolutionSearch:
    """Apply the query-string filters and the chosen ordering to live solutions."""
    filterset = SolutionFilter(params, queryset=live_solutions())
    results = filterset.qs.order_by(*filterset.ordering)
    return SolutionSearch(filterset=filterset, results=results)
