"""Read queries for the catalogue: search with facets, and a solution page's context."""

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


def solution_detail_context(*, solution: SolutionPage, user) -> dict:
    adoptions = solution.adoptions.with_council().prefetch_related("evidence")
    return {"adoptions": adoptions}
