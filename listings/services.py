"""The catalogue's own state changes: each solution's derived figures.

Adoptions and evidence (listings.adoptions) change what a solution's figures say; the
signal receivers in listings.signals call ``solution_refresh_figures`` after each change,
and bulk loads call ``solutions_refresh_all_figures``.
"""

from collections import defaultdict
from decimal import Decimal

from django.db import transaction

from listings.models import (
    Adoption,
    SavingsEvidence,
    SavingsKind,
    SavingsPeriod,
    SolutionPage,
)
from listings.models.choices import ADOPTING_STATUSES

#: Adoptions that count as "using" a solution for the adopter count.
MONEY_KINDS = (SavingsKind.CASHABLE, SavingsKind.COST_AVOIDANCE, SavingsKind.ADDITIONAL_INCOME)


def annual_savings(evidence: list[SavingsEvidence]) -> Decimal:
    """Evidenced savings per year: for each adoption and kind, its most recent yearly figure.

    One-off savings and staff hours are not annual money, so they do not count; older
    yearly figures are superseded by newer ones rather than added up.
    """
    latest: dict[tuple[int, str], SavingsEvidence] = {}
    for record in evidence:
        if record.period != SavingsPeriod.PER_YEAR or record.kind not in MONEY_KINDS:
            continue
        key = (record.adoption_id, record.kind)
        newest = (record.year_to, record.year_from, record.pk or 0)
        if key not in latest or newest > (
            latest[key].year_to,
            latest[key].year_from,
            latest[key].pk or 0,
        ):
            latest[key] = record
    return sum((record.amount_gbp for record in latest.values()), Decimal("0.00"))


def _figures(adoptions: list[Adoption], evidence: list[SavingsEvidence]) -> dict:
    """The derived figures from one solution's adoptions and their evidence.

    Only councils piloting or using a solution count: evidence from an adoption that is
    merely being explored (or was retired) does not make a tool look proven.
    """
    using = {a.pk for a in adoptions if a.status in ADOPTING_STATUSES}
    counted = [record for record in evidence if record.adoption_id in using]
    levels = [record.evidence_level for record in counted]
    return {
        "adopter_count": len(using),
        "annual_savings_gbp": annual_savings(counted),
        "best_evidence_level": max(levels) if levels else None,
        "has_verified_savings": any(r.verified_by_moderator and r.is_money for r in counted),
    }


@transaction.atomic
def solution_refresh_figures(*, solution_id: int) -> None:
    """Recompute a solution's adopter count, annual savings, best evidence and verification.

    The solution row is locked first, so two changes committing together cannot each
    miss the other's record and leave a stale total.
    """
    if not SolutionPage.objects.select_for_update().filter(pk=solution_id).exists():
        return
    adoptions = list(Adoption.objects.filter(solution_id=solution_id))
    evidence = list(SavingsEvidence.objects.filter(adoption__in=adoptions))
    SolutionPage.objects.filter(pk=solution_id).update(**_figures(adoptions, evidence))


def solutions_refresh_all_figures() -> int:
    """Recompute every solution's figures in bulk (used after imports and by the bench)."""
    adoptions_by_solution: dict[int, list[Adoption]] = defaultdict(list)
    for adoption in Adoption.objects.only("id", "solution_id", "status"):
        adoptions_by_solution[adoption.solution_id].append(adoption)
    evidence_by_adoption: dict[int, list[SavingsEvidence]] = defaultdict(list)
    for record in SavingsEvidence.objects.all():
        evidence_by_adoption[record.adoption_id].append(record)
    solutions = list(SolutionPage.objects.only("id"))
    for solution in solutions:
        adoptions = adoptions_by_solution.get(solution.id, [])
        evidence = [r for a in adoptions for r in evidence_by_adoption.get(a.id, [])]
        for field, value in _figures(adoptions, evidence).items():
            setattr(solution, field, value)
    SolutionPage.objects.bulk_update(solutions, SolutionPage.DERIVED_FIGURES, batch_size=500)
    return len(solutions)
