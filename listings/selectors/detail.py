"""Read queries for one solution page and its neighbours (compare, case studies, feed).

Everything the solution page shows is gathered here in a fixed number of queries:
adoptions come with their councils and evidence (and its source documents) in three
queries whatever the number of adopters, and the grouping by region, the savings chart,
the evidence table and "councils like mine" are all computed in Python from that one
fetch. The figures in the summary card (adopter count, annual savings, best evidence)
are the solution's own derived columns, kept current by
``listings.services.solution_refresh_figures``.

What the viewer may do (record, confirm, attest, propose changes) comes from one query
for their approved memberships, and none for an anonymous visitor; the publiccode.yml
features and technical details are read from the page's own row.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, IntegerField, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce

from hub.formatting import format_gbp, format_hours
from hub.models import Membership, Organisation
from hub.models.organisations import OrganisationKind
from listings.jsonld import json_ld_script, solution_json_ld
from listings.maintenance import RULE as MAINTENANCE_RULE
from listings.models import (
    Adoption,
    AdoptionStatus,
    CaseStudyPage,
    EvidenceLevel,
    SavingsEvidence,
    SavingsPeriod,
    SolutionFollow,
    SolutionPage,
)
from listings.models.choices import EVIDENCE_NAMES, NESTA_STANDARDS
from listings.permissions import user_can_propose_changes
from listings.search.caching import cached_by_version
from listings.selectors.technical import solution_features, solution_technical_details

RELATED_SOLUTIONS_LIMIT = 5
#: "Councils like mine": same type of council, population within this share of the viewer's.
LIKE_MINE_POPULATION_SPREAD = Decimal("0.5")
REGION_NOT_RECORDED = "Region not recorded"

#: Nesta's Standards of Evidence as the page explains them: (level, name, meaning).
EVIDENCE_LEVELS = [
    (level, EVIDENCE_NAMES[level], NESTA_STANDARDS[level]) for level in EvidenceLevel.values
]


# Formatting shared by the page, the compare table, update texts and emails -------------


def evidence_level_label(level: int | None) -> str:
    """ "Level 3 of 5: causation", the way every page names an evidence level."""
    if level not in EVIDENCE_NAMES:
        return "No evidence yet"
    return f"Level {level} of {max(EvidenceLevel.values)}: {EVIDENCE_NAMES[level]}"


def price_range_label(solution: SolutionPage) -> str:
    low, high = solution.price_min_gbp, solution.price_max_gbp
    if low is not None and high is not None:
        return format_gbp(low) if low == high else f"{format_gbp(low)} to {format_gbp(high)}"
    if low is not None:
        return f"From {format_gbp(low)}"
    if high is not None:
        return f"Up to {format_gbp(high)}"
    return ""


def years_label(year_from: int, year_to: int) -> str:
    return str(year_from) if year_from == year_to else f"{year_from} to {year_to}"


def evidence_measure_label(record: SavingsEvidence) -> str:
    return format_gbp(record.amount_gbp) if record.is_money else format_hours(record.hours)


# The summary card (and the compare table's columns) -------------------------------------


@dataclass(frozen=True)
class SolutionFacts:
    """The headline facts about one solution, formatted, from its own row only (no queries)."""

    development_status: str
    licence: str
    licence_kind: str
    cost_model: str
    price_range: str
    hosting: str
    adopter_count: int
    annual_savings: str
    best_evidence: str
    best_evidence_meaning: str


def solution_facts(solution: SolutionPage) -> SolutionFacts:
    return SolutionFacts(
        development_status=solution.get_development_status_display(),
        licence=solution.licence or "Not stated",
        licence_kind="Open source" if solution.is_open_source else "Proprietary",
        cost_model=solution.get_cost_model_display(),
        price_range=price_range_label(solution),
        hosting=solution.get_hosting_display(),
        adopter_count=solution.adopter_count,
        annual_savings=format_gbp(solution.annual_savings_gbp or Decimal("0")),
        best_evidence=evidence_level_label(solution.best_evidence_level),
        best_evidence_meaning=NESTA_STANDARDS.get(solution.best_evidence_level, ""),
    )


# Adopters, evidence and the savings chart ------------------------------------------------


def solution_adoptions(solution: SolutionPage) -> list[Adoption]:
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


@dataclass
class RegionGroup:
    name: str
    adoptions: list[Adoption]


def adopters_by_region(adoptions: list[Adoption]) -> list[RegionGroup]:
    """Adopters grouped by region (or nation outside England), regions A to Z, unknown last."""
    groups: dict[str, list[Adoption]] = defaultdict(list)
    for adoption in adoptions:
        council = adoption.council
        groups[council.region or council.nation or REGION_NOT_RECORDED].append(adoption)
    names = sorted(groups, key=lambda name: (name == REGION_NOT_RECORDED, name))
    return [RegionGroup(name, sorted(groups[name], key=lambda a: a.council.name)) for name in names]


@dataclass
class EvidenceRow:
    """One row of the savings table under the chart."""

    record: SavingsEvidence
    council: Organisation
    years: str
    kind: str
    measure: str
    period: str
    evidence_level: str
    attested: bool
    verified: bool
    source_url: str


def evidence_rows(adoptions: list[Adoption]) -> list[EvidenceRow]:
    rows = []
    for adoption in adoptions:
        for record in adoption.evidence.all():
            source_url = record.source_url
            if not source_url and record.source_document is not None:
                source_url = record.source_document.url
            rows.append(
                EvidenceRow(
                    record=record,
                    council=adoption.council,
                    years=years_label(record.year_from, record.year_to),
                    kind=record.get_kind_display(),
                    measure=evidence_measure_label(record),
                    period=record.get_period_display(),
                    evidence_level=evidence_level_label(record.evidence_level),
                    attested=record.attested_by_council,
                    verified=record.verified_by_moderator,
                    source_url=source_url,
                )
            )
    return rows


@dataclass
class ChartBar:
    year: int
    amount: Decimal
    percent: int

    @property
    def label(self) -> str:
        return format_gbp(self.amount)


@dataclass
class ChartGroup:
    council: Organisation
    bars: list[ChartBar] = field(default_factory=list)


def savings_chart(adoptions: list[Adoption]) -> list[ChartGroup]:
    """Evidenced savings in pounds by council and year, as bars scaled to the largest.

    A yearly figure counts in every year it covers; a one-off saving counts in the last
    year it covers. Staff hours are not money, so they appear in the table only.
    """
    totals: dict[int, dict[int, Decimal]] = {}
    councils: dict[int, Organisation] = {}
    for adoption in adoptions:
        for record in adoption.evidence.all():
            if not record.is_money:  # staff hours (the database allows no other kind in hours)
                continue
            if record.period == SavingsPeriod.PER_YEAR:
                years = range(record.year_from, record.year_to + 1)
            else:
                years = range(record.year_to, record.year_to + 1)
            by_year = totals.setdefault(adoption.council_id, defaultdict(Decimal))
            councils[adoption.council_id] = adoption.council
            for year in years:
                by_year[year] += record.amount_gbp
    largest = max((amount for by_year in totals.values() for amount in by_year.values()), default=0)
    groups = []
    for council_id, by_year in totals.items():
        bars = [
            ChartBar(
                year=year,
                amount=amount,
                percent=max(1, round(amount * 100 / largest)) if amount and largest else 0,
            )
            for year, amount in sorted(by_year.items())
        ]
        groups.append(ChartGroup(council=councils[council_id], bars=bars))
    return sorted(groups, key=lambda group: group.council.name)


# Councils like mine -----------------------------------------------------------------------


@dataclass(frozen=True)
class Viewer:
    """Who is looking at the page and the organisations they speak for (approved only).

    Templates test ``adoption.council_id in viewer.council_ids`` to offer Confirm and
    Attest, so the buttons cost no query per adoption.
    """

    signed_in: bool = False
    organisations: tuple[Organisation, ...] = ()

    @property
    def organisation_ids(self) -> frozenset[int]:
        return frozenset(organisation.pk for organisation in self.organisations)

    @property
    def councils(self) -> list[Organisation]:
        return [org for org in self.organisations if org.kind == OrganisationKind.COUNCIL]

    @property
    def council_ids(self) -> frozenset[int]:
        return frozenset(council.pk for council in self.councils)

    @property
    def council(self) -> Organisation | None:
        """The council used for "councils like mine": the first one they joined."""
        councils = self.councils
        return councils[0] if councils else None

    @property
    def can_record_adoptions(self) -> bool:
        """A member of a current council (with a GSS code) may record its adoptions."""
        return any(council.is_current and council.gss_code for council in self.councils)


ANONYMOUS_VIEWER = Viewer()


def viewer_of(user) -> Viewer:
    """The viewer's approved memberships, in the order they joined: one query, or none."""
    if user is None or not user.is_authenticated:
        return ANONYMOUS_VIEWER
    memberships = (
        Membership.objects.approved()
        .filter(user=user)
        .select_related("organisation")
        .order_by("requested_at", "pk")
    )
    return Viewer(
        signed_in=True,
        organisations=tuple(membership.organisation for membership in memberships),
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


# Neighbours: case studies and related solutions --------------------------------------------


def solution_case_studies(solution: SolutionPage) -> QuerySet[CaseStudyPage]:
    return (
        CaseStudyPage.objects.live()
        .public()
        .filter(solutions=solution)
        .select_related("council")
        .order_by("-date", "title")
    )


def related_solutions(
    solution: SolutionPage,
    *,
    limit: int = RELATED_SOLUTIONS_LIMIT,
    area_ids: list[int] | None = None,
) -> list[SolutionPage]:
    """Live solutions sharing a service area or the type, most shared areas first.

    Pass ``area_ids`` when the solution's areas are already loaded, to save a query.
    """
    if area_ids is None:
        area_ids = [area.pk for area in solution.service_areas.all()]
    ids = cached_by_version(
        f"related:{solution.pk}:{limit}:{solution.solution_type}:{sorted(area_ids)}",
        lambda: _related_solution_ids(solution, limit, area_ids),
    )
    found = SolutionPage.objects.live().public().in_bulk(ids)
    return [found[pk] for pk in ids if pk in found]


def _related_solution_ids(solution: SolutionPage, limit: int, area_ids: list[int]) -> list[int]:
    """Scores every live solution, so the answer is cached until the catalogue changes."""
    through = SolutionPage.service_areas.through
    shared = (
        through.objects.filter(solutionpage_id=OuterRef("pk"), servicearea_id__in=area_ids)
        .order_by()
        .values("solutionpage_id")
        .annotate(n=Count("pk"))
        .values("n")[:1]
    )
    return list(
        SolutionPage.objects.live()
        .public()
        .exclude(pk=solution.pk)
        .annotate(shared_areas=Coalesce(Subquery(shared, output_field=IntegerField()), 0))
        .filter(Q(shared_areas__gt=0) | Q(solution_type=solution.solution_type))
        .order_by("-shared_areas", "-adopter_count", "title")
        .values_list("pk", flat=True)[:limit]
    )


# publiccode.yml details: features and technical details ------------------------------------


def solution_detail_context(*, solution: SolutionPage, user, request=None) -> dict:
    """Everything templates/listings/solution_page.html shows, in a fixed number of queries.

    A page being previewed before its first save has no adoptions, case studies or
    followers yet (and cannot be used in related filters), so those parts are empty.
    """
    saved = solution.pk is not None
    adoptions = solution_adoptions(solution) if saved else []
    viewer = viewer_of(user)
    is_following = bool(
        saved
        and user is not None
        and user.is_authenticated
        and SolutionFollow.objects.filter(user=user, solution=solution).exists()
    )
    service_areas = list(solution.service_areas.all())
    return {
        "facts": solution_facts(solution),
        "adoptions": adoptions,
        "adopter_groups": adopters_by_region(adoptions),
        "evidence_rows": evidence_rows(adoptions),
        "savings_chart": savings_chart(adoptions),
        "evidence_levels": EVIDENCE_LEVELS,
        "like_mine": councils_like_mine(adoptions=adoptions, council=viewer.council),
        "case_studies": list(solution_case_studies(solution)) if saved else [],
        "related_solutions": related_solutions(
            solution, area_ids=[area.pk for area in service_areas]
        ),
        "service_areas": service_areas,
        "tags": list(solution.tags.all()),
        "is_following": is_following,
        "viewer": viewer,
        # The same rule as the service that takes the proposal (moderators included).
        "can_propose_changes": saved and user_can_propose_changes(user=user, page=solution),
        "features": solution_features(solution),
        "technical_details": solution_technical_details(solution),
        "json_ld": json_ld_script(solution_json_ld(solution, request=request)),
        "maintenance_rule": MAINTENANCE_RULE,
    }


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
