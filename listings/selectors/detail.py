"""Read queries for one solution page: its adoptions, case studies, and its viewer.

Adoptions come with their councils and evidence (and its source documents) in three
queries whatever the number of adopters; ``listings.presenters`` computes the grouping by
region, the savings chart, the evidence table and "councils like mine" from that one
fetch. The viewer's approved memberships are one query, and none for an anonymous
visitor. Related solutions are a query on the page itself (``SolutionPage.related_solutions``).

These selectors import the models below the pages (``listings.models.records``,
``listings.models.follows``), never ``listings.models``, whose pages call them.
"""

from django.db.models import Prefetch, QuerySet

from hub.models.organisations import Membership, Organisation
from listings.models.follows import SolutionFollow
from listings.models.records import Adoption, SavingsEvidence


def solution_adoptions(solution) -> list[Adoption]:
    """Every adoption with its council and evidence: three queries, however many there are."""
    evidence = SavingsEvidence.objects.select_related("source_document").order_by(
        "-year_to", "-year_from", "sort_order", "pk"
    )
    return list(
        Adoption.objects.filter(solution=solution)
        .with_council()
        .prefetch_related(Prefetch("evidence", queryset=evidence))
        .order_by("council__name")
    )


def solution_case_studies(solution) -> QuerySet:
    """The live, public case studies of ``solution``, newest first, with their councils."""
    return (
        solution.case_studies.live().public().select_related("council").order_by("-date", "title")
    )


def viewer_organisations(user) -> list[Organisation]:
    """The organisations ``user`` is an approved member of, in the order they joined."""
    if user is None or not user.is_authenticated:
        return []
    memberships = (
        Membership.objects.approved()
        .filter(user=user)
        .select_related("organisation")
        .order_by("requested_at", "pk")
    )
    return [membership.organisation for membership in memberships]


def user_follows(*, user, solution) -> bool:
    if user is None or not user.is_authenticated:
        return False
    return SolutionFollow.objects.filter(user=user, solution=solution).exists()
