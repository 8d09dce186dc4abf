"""/solutions/compare/?s=<slug>&s=<slug>: two to four solutions side by side.

Thin view: the selector finds the solutions, ``solution_facts`` formats each column.
Unknown slugs are left out with a message; fewer than two or more than four known
solutions is a client error (400) that explains itself and offers a way forward, and so
is a name longer than any solution's slug.
"""

from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import render

from hub.filters import too_long_message
from listings.models import SolutionPage
from listings.selectors.detail import related_solutions, solution_facts, solutions_for_compare

COMPARE_MIN = 2
COMPARE_MAX = 4
COMPARE_PARAM = "s"
#: A longer ``s`` cannot be a solution's slug: refused with the reason, never looked up.
COMPARE_SLUG_MAX_LENGTH = SolutionPage._meta.get_field("slug").max_length


def _query_without(slugs: list[str], slug: str) -> str:
    query = QueryDict(mutable=True)
    query.setlist(COMPARE_PARAM, [other for other in slugs if other != slug])
    return query.urlencode()


def solution_compare(request: HttpRequest) -> HttpResponse:
    requested = request.GET.getlist(COMPARE_PARAM)
    if any(len(slug) > COMPARE_SLUG_MAX_LENGTH for slug in requested):
        context = {"solutions": [], "min": COMPARE_MIN, "max": COMPARE_MAX}
        context["error"] = too_long_message(
            "The name of each solution to compare", COMPARE_SLUG_MAX_LENGTH
        )
        return render(request, "listings/compare.html", context, status=400)
    solutions, unknown = solutions_for_compare(requested)
    slugs = [solution.slug for solution in solutions]
    context = {"solutions": solutions, "unknown": unknown, "min": COMPARE_MIN, "max": COMPARE_MAX}
    if len(solutions) < COMPARE_MIN:
        context["error"] = f"Choose at least {COMPARE_MIN} solutions to compare"
        # Offer the neighbours of the one chosen so far, so "Compare with…" is one step.
        context["candidates"] = related_solutions(solutions[0]) if solutions else []
        return render(request, "listings/compare.html", context, status=400)
    if len(solutions) > COMPARE_MAX:
        context["error"] = f"Choose no more than {COMPARE_MAX} solutions to compare"
        context["remove_links"] = [(s, _query_without(slugs, s.slug)) for s in solutions]
        return render(request, "listings/compare.html", context, status=400)
    context["columns"] = [
        (
            solution,
            solution_facts(solution),
            _query_without(slugs, solution.slug) if len(solutions) > COMPARE_MIN else "",
        )
        for solution in solutions
    ]
    return render(request, "listings/compare.html", context)
