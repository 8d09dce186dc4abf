"""Read queries for one solution page."""

from listings.models import SolutionPage


def solution_detail_context(*, solution: SolutionPage, user) -> dict:
    adoptions = solution.adoptions.with_council().prefetch_related("evidence")
    return {"adoptions": adoptions}
