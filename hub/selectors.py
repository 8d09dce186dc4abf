"""Read queries for the hub's pages and API.

The home page (``hub.models.pages``) calls ``headline_figures``, so this module imports
the model modules it queries, never the ``hub.models`` package that holds the page.
"""

from django.db.models import Count, Q, QuerySet

from hub.accounts.models import User
from hub.models.organisations import Membership, Organisation, OrganisationKind
from hub.models.taxonomy import ServiceArea


def organisation_list(
    *,
    kind: str = "",
    nation: str = "",
    council_type: str = "",
    q: str = "",
    include_former: bool = False,
) -> QuerySet[Organisation]:
    organisations = Organisation.objects.all()
    if not include_former:
        organisations = organisations.current()
    if kind:
        organisations = organisations.filter(kind=kind)
    if nation:
        organisations = organisations.filter(nation=nation)
    if council_type:
        organisations = organisations.filter(council_type=council_type)
    return organisations.search(q).order_by("name")


def organisation_facets(organisations: QuerySet[Organisation]) -> dict[str, list[tuple[str, int]]]:
    """Counts for the filter panel, computed by the database over the filtered set."""

    def counts(field):
        return [
            (row[field], row["n"])
            for row in organisations.exclude(**{field: ""})
            .values(field)
            .annotate(n=Count("id"))
            .order_by(field)
        ]

    return {"kind": counts("kind"), "nation": counts("nation")}


def council_type_choices() -> list[tuple[str, str]]:
    return list(
        Organisation.objects.councils()
        .current()
        .exclude(council_type="")
        .values_list("council_type", "council_type_name")
        .distinct()
        .order_by("council_type_name")
    )


def organisation_members(organisation: Organisation) -> QuerySet[Membership]:
    return organisation.memberships.approved().select_related("user").order_by("user__email")


def user_memberships(user: User) -> QuerySet[Membership]:
    return user.memberships.select_related("organisation").order_by("organisation__name")


def headline_figures() -> dict[str, int]:
    """The home page's numbers; each is one aggregate query."""
    organisation_counts = Organisation.objects.current().aggregate(
        councils=Count("id", filter=Q(kind=OrganisationKind.COUNCIL)),
        vendors=Count("id", filter=Q(kind=OrganisationKind.VENDOR)),
    )
    return {
        "councils": organisation_counts["councils"],
        "vendors": organisation_counts["vendors"],
        "service_areas": ServiceArea.objects.count(),
    }
