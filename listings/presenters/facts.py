"""How every page names a solution's facts: the summary card, the compare table's columns,
followers' update texts and emails all use these labels, so they read the same everywhere.

From the solution's own row only (its derived figures included): no queries.
"""

from dataclasses import dataclass
from decimal import Decimal

from hub.formatting import format_gbp, format_hours
from listings.models.choices import EVIDENCE_NAMES, NESTA_STANDARDS, EvidenceLevel


def evidence_level_label(level: int | None) -> str:
    """ "Level 3 of 5: causation", the way every page names an evidence level."""
    if level not in EVIDENCE_NAMES:
        return "No evidence yet"
    return f"Level {level} of {max(EvidenceLevel.values)}: {EVIDENCE_NAMES[level]}"


def price_range_label(solution) -> str:
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


def evidence_measure_label(record) -> str:
    """A savings record's amount: pounds, or staff hours."""
    return format_gbp(record.amount_gbp) if record.is_money else format_hours(record.hours)


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


def solution_facts(solution) -> SolutionFacts:
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
