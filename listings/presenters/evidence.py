"""A solution's adopters and savings as its page shows them: grouped by region, the
evidence table and the savings chart, all computed in Python from one fetch of the
adoptions (``listings.selectors.detail.solution_adoptions``), so they cost no queries.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from hub.formatting import format_gbp
from hub.models.organisations import Organisation
from listings.models.choices import EVIDENCE_NAMES, NESTA_STANDARDS, EvidenceLevel, SavingsPeriod
from listings.models.records import Adoption, SavingsEvidence
from listings.presenters.facts import evidence_level_label, evidence_measure_label, years_label

REGION_NOT_RECORDED = "Region not recorded"

#: Nesta's Standards of Evidence as the page explains them: (level, name, meaning).
EVIDENCE_LEVELS = [
    (level, EVIDENCE_NAMES[level], NESTA_STANDARDS[level]) for level in EvidenceLevel.values
]


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
