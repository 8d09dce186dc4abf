"""What /solutions/compare/?s=<slug>&s=<slug> shows: two to four solutions side by side
(``SolutionIndexPage.compare`` renders it).

The selector finds the solutions, ``solution_facts`` formats each column. Unknown slugs
are left out with a message; fewer than two or more than four known solutions is a
client error (400) that explains itself and offers a way forward, and so is a name
longer than any solution's slug.
"""

from dataclasses import dataclass
from http import HTTPStatus

from django.http import QueryDict

from hub.filters import too_long_message
from listings.models.solutions import SolutionPage
from listings.presenters.facts import solution_facts
from listings.selectors.compare import solutions_for_compare

COMPARE_MIN = 2
COMPARE_MAX = 4
COMPARE_PARAM = "s"
#: A longer ``s`` cannot be a solution's slug: refused with the reason, never looked up.
COMPARE_SLUG_MAX_LENGTH = SolutionPage._meta.get_field("slug").max_length


@dataclass(frozen=True)
class Comparison:
    """The compare page's context and the status it answers with."""

    context: dict
    status: int = HTTPStatus.OK


def _query_without(slugs: list[str], slug: str) -> str:
    query = QueryDict(mutable=True)
    query.setlist(COMPARE_PARAM, [other for other in slugs if other != slug])
    return query.urlencode()


def solution_comparison(params: QueryDict) -> Comparison:
    requested = params.getlist(COMPARE_PARAM)
    if any(len(slug) > COMPARE_SLUG_MAX_LENGTH for slug in requested):
        context = {"solutions": [], "min": COMPARE_MIN, "max": COMPARE_MAX}
        context["error"] = too_long_message(
            "The name of each solution to compare", COMPARE_SLUG_MAX_LENGTH
        )
        return Comparison(context, HTTPStatus.BAD_REQUEST)
    solutions, unknown = solutions_for_compare(requested)
    slugs = [solution.slug for solution in solutions]
    context = {"solutions": solutions, "unknown": unknown, "min": COMPARE_MIN, "max": COMPARE_MAX}
    if len(solutions) < COMPARE_MIN:
        context["error"] = f"Choose at least {COMPARE_MIN} solutions to compare"
        # Offer the neighbours of the one chosen so far, so "Compare with…" is one step.
        context["candidates"] = solutions[0].related_solutions() if solutions else []
        return Comparison(context, HTTPStatus.BAD_REQUEST)
    if len(solutions) > COMPARE_MAX:
        context["error"] = f"Choose no more than {COMPARE_MAX} solutions to compare"
        context["remove_links"] = [(s, _query_without(slugs, s.slug)) for s in solutions]
        return Comparison(context, HTTPStatus.BAD_REQUEST)
    context["columns"] = [
        (
            solution,
            solution_facts(solution),
            _query_without(slugs, solution.slug) if len(solutions) > COMPARE_MIN else "",
        )
        for solution in solutions
    ]
    return Comparison(context)
