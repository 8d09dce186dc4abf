"""Who is looking at a solution page, what the page may offer them, and "councils like mine".

What the viewer may do is asked of ``listings.permissions``, the same predicates the
adoption services call, once per organisation the viewer speaks for (never once per
adoption): templates then test ``adoption.council_id in viewer.confirm_council_ids``.
"""

from dataclasses import dataclass
from decimal import Decimal

from hub.models.organisations import Organisation
from listings.models.choices import AdoptionStatus
from listings.models.records import Adoption
from listings.permissions import (
    user_can_attest_evidence_for,
    user_can_confirm_reported_adoptions_for,
    user_can_record_adoption_for,
)

#: "Councils like mine": same type of council, population within this share of the viewer's.
LIKE_MINE_POPULATION_SPREAD = Decimal("0.5")


@dataclass(frozen=True)
class Viewer:
    """The viewer, the organisations they speak for (approved only) and what they may do."""

    signed_in: bool = False
    organisations: tuple[Organisation, ...] = ()
    #: Councils whose reported adoptions the viewer may confirm, and whose evidence attest.
    confirm_council_ids: frozenset[int] = frozenset()
    attest_council_ids: frozenset[int] = frozenset()
    #: Whether they may record that one of their councils uses the solution.
    can_record_adoptions: bool = False

    @property
    def councils(self) -> list[Organisation]:
        return [organisation for organisation in self.organisations if organisation.is_council]

    @property
    def council(self) -> Organisation | None:
        """The council used for "councils like mine": the first one they joined."""
        councils = self.councils
        return councils[0] if councils else None


ANONYMOUS_VIEWER = Viewer()


def viewer_of(user, *, organisations: list[Organisation]) -> Viewer:
    """``user`` with ``organisations``, their approved memberships in the order they joined
    (``listings.selectors.detail.viewer_organisations``)."""
    if user is None or not user.is_authenticated:
        return ANONYMOUS_VIEWER
    councils = [organisation for organisation in organisations if organisation.is_council]
    return Viewer(
        signed_in=True,
        organisations=tuple(organisations),
        confirm_council_ids=frozenset(
            council.pk
            for council in councils
            if user_can_confirm_reported_adoptions_for(user=user, council=council)
        ),
        attest_council_ids=frozenset(
            council.pk
            for council in councils
            if user_can_attest_evidence_for(user=user, council=council)
        ),
        can_record_adoptions=any(
            user_can_record_adoption_for(user=user, council=council) for council in councils
        ),
    )


@dataclass
class CouncilsLikeMine:
    council: Organisation | None
    adoptions: list[Adoption]
    own_adoption: Adoption | None = None

    @property
    def can_compare(self) -> bool:
        return bool(self.council and self.council.council_type and self.council.population)

    @property
    def population_range(self) -> tuple[int, int]:
        population = self.council.population if self.council else 0
        low = int(population * (1 - LIKE_MINE_POPULATION_SPREAD))
        high = int(population * (1 + LIKE_MINE_POPULATION_SPREAD))
        return low, high


def councils_like_mine(*, adoptions: list[Adoption], council: Organisation | None):
    """Current adopters of the same council type with a population within ±50% of the viewer's."""
    result = CouncilsLikeMine(council=council, adoptions=[])
    if council is None:
        return result
    result.own_adoption = next((a for a in adoptions if a.council_id == council.pk), None)
    if not result.can_compare:
        return result
    low, high = result.population_range
    result.adoptions = [
        adoption
        for adoption in adoptions
        if adoption.council_id != council.pk
        and adoption.status != AdoptionStatus.RETIRED
        and adoption.council.council_type == council.council_type
        and adoption.council.population is not None
        and low <= adoption.council.population <= high
    ]
    return result
