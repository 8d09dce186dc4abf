"""Read queries for /solutions/compare/ (``listings.presenters.compare``)."""

from listings.models.solutions import SolutionPage


def solutions_for_compare(slugs: list[str]) -> tuple[list[SolutionPage], list[str]]:
    """The live solutions named by ``slugs`` (in the order given) and the slugs not found."""
    wanted = list(dict.fromkeys(slug for slug in slugs if slug))
    found = {
        solution.slug: solution
        for solution in SolutionPage.objects.live()
        .public()
        .filter(slug__in=wanted)
        .select_related("provider")
    }
    return [found[slug] for slug in wanted if slug in found], [s for s in wanted if s not in found]
