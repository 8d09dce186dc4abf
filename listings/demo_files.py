"""Read the demo catalogue's data files (``listings/data/demo/*.yaml``) into plain specs.

The catalogue is data, not code, so anyone can edit a listing without reading Python;
``listings.demo`` turns the specs into pages and records through the same services as
real content. This module only checks each file's shape (known keys, required keys,
types and choices) so that a slip in a file stops the load with a message naming the
file and the entry, instead of a traceback from deep inside a service. Rules about
values (a year range, a saving's size) stay with the services, which apply them to
everyone.

Files are read in name order; solutions are created in that order, then case studies.
``listings/data/demo/README.md`` describes the format and where the content comes from.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path

import yaml

from listings.models.choices import (
    AdoptionStatus,
    CostModel,
    DevelopmentStatus,
    EvidenceLevel,
    Hosting,
    SavingsKind,
    SavingsPeriod,
    SolutionType,
)

DEMO_DIR = Path(__file__).resolve().parent / "data" / "demo"
DEMO_TAG = "demo"
DEMO_FIGURE = "Demo figure"
PROPRIETARY = "LicenseRef-proprietary"
#: The first paragraph of every demo listing starts with this.
DEMO_LISTING_PREFIX = "Demo listing:"
FICTIONAL_NOTE = (
    "a fictional tool written for the hub's demo, modelled on a publicly known kind of "
    "council data tool. The provider, adopters and figures are illustrative, not claims "
    "about any real organisation."
)
ADOPTION_DEMO_NOTE = "Demo record: illustrative only, not a claim about this council."


class DemoCatalogueError(Exception):
    """The demo catalogue cannot be loaded (a bad data file, or councils not loaded yet)."""


class DemoFileError(DemoCatalogueError):
    """A data file has the wrong shape; the message names the file and the entry."""


def reported_note(council: str) -> str:
    return (
        f"written for the hub's demo from what {council} has publicly reported. The "
        "licence, cost, hosting and technical details on this page are illustrative."
    )


def named_provider_note(council: str) -> str:
    return (
        f"a fictional tool written for the hub's demo. {council} is named as the provider "
        "for illustration only; this is not a claim about its work. Adopters and figures "
        "are illustrative."
    )


@dataclass(frozen=True, kw_only=True)
class DemoEvidence:
    kind: str
    year_from: int
    year_to: int
    evidence_level: int
    baseline: str
    method: str
    period: str = SavingsPeriod.PER_YEAR
    amount_gbp: Decimal | None = None
    hours: Decimal | None = None
    attested_by_council: bool = False
    verified: bool = False


@dataclass(frozen=True, kw_only=True)
class DemoAdoption:
    council: str  #: the council's name in the Organisation table ("nice-name" column)
    status: str = AdoptionStatus.PRODUCTION
    confirmed: bool = False
    since: date | None = None
    notes: str = ADOPTION_DEMO_NOTE
    evidence: tuple[DemoEvidence, ...] = ()


@dataclass(frozen=True, kw_only=True)
class DemoSolution:
    slug: str
    title: str
    summary: str
    problem: str
    service_areas: tuple[str, ...]
    solution_type: str
    provider: str  #: organisation slug (councils' slugs are their slugified names)
    development_status: str
    licence: str
    cost_model: str
    hosting: str
    description: tuple[str, ...] = ()
    audience: str = ""
    tags: tuple[str, ...] = ()
    price_min_gbp: Decimal | None = None
    price_max_gbp: Decimal | None = None
    data_needed: str = ""
    data_standards: str = ""
    processes_personal_data: bool = False
    dpia_template_available: bool = False
    data_protection_notes: str = ""
    security_notes: str = ""
    demo_note: str = FICTIONAL_NOTE
    adoptions: tuple[DemoAdoption, ...] = field(default_factory=tuple)

    @property
    def is_open_source(self) -> bool:
        return self.licence != PROPRIETARY

    @property
    def repository_url(self) -> str:
        # example.org is reserved for examples: a demo link can never point at a real project.
        return f"https://example.org/demo-repositories/{self.slug}" if self.is_open_source else ""

    @property
    def problem_html(self) -> str:
        return f"<p>{DEMO_LISTING_PREFIX} {self.demo_note}</p><p>{self.problem}</p>"


@dataclass(frozen=True, kw_only=True)
class DemoCaseStudy:
    slug: str
    title: str
    council: str
    solutions: tuple[str, ...]
    date: date
    problem: str
    approach: str
    outcomes: str
    figures: str = ""
    lessons: str = ""


@dataclass(frozen=True)
class DemoCatalogue:
    solutions: tuple[DemoSolution, ...]
    case_studies: tuple[DemoCaseStudy, ...]

    @property
    def items(self) -> list[DemoSolution | DemoCaseStudy]:
        """Everything the loader walks through, in order (the progress bar counts these)."""
        return [*self.solutions, *self.case_studies]


class _Bad(Exception):
    """One value is wrong; the reader adds where it is."""


def _text(value):
    if not isinstance(value, str) or not value.strip():
        raise _Bad(f"should be text, not {value!r}")
    return value


def _flag(value):
    if not isinstance(value, bool):
        raise _Bad(f"should be true or false, not {value!r}")
    return value


def _year(value):
    if isinstance(value, bool) or not isinstance(value, int):
        raise _Bad(f"should be a year such as 2024, not {value!r}")
    return value


def _day(value):
    if not isinstance(value, date):
        raise _Bad(f"should be a date such as 2024-04-01, not {value!r}")
    return value


def _decimal(value):
    """Money and hours are quoted strings: YAML would read 0.10 as a float and lose pence."""
    if not isinstance(value, str):
        raise _Bad(f'should be a quoted decimal such as "1200.00", not {value!r}')
    try:
        return Decimal(value)
    except InvalidOperation:
        raise _Bad(f"is not a decimal number: {value!r}") from None


def _texts(value):
    if not isinstance(value, list) or not value:
        raise _Bad(f"should be a list of text, not {value!r}")
    return tuple(_text(item) for item in value)


def _choice(choices) -> Callable:
    def convert(value):
        if value not in choices.values:
            known = ", ".join(str(v) for v in choices.values)
            raise _Bad(f"should be one of {known}, not {value!r}")
        return value

    return convert


EVIDENCE_FIELDS = {
    "kind": (_choice(SavingsKind), True),
    "period": (_choice(SavingsPeriod), False),
    "year_from": (_year, True),
    "year_to": (_year, True),
    "evidence_level": (_choice(EvidenceLevel), True),
    "amount_gbp": (_decimal, False),
    "hours": (_decimal, False),
    "baseline": (_text, True),
    "method": (_text, True),
    "attested_by_council": (_flag, False),
    "verified": (_flag, False),
}
ADOPTION_FIELDS = {
    "council": (_text, True),
    "status": (_choice(AdoptionStatus), False),
    "confirmed": (_flag, False),
    "since": (_day, False),
    "notes": (_text, False),
    # "evidence": a list of entries, read by _adoption.
}
SOLUTION_FIELDS = {
    "slug": (_text, True),
    "title": (_text, True),
    "summary": (_text, True),
    "problem": (_text, True),
    "service_areas": (_texts, True),
    "solution_type": (_choice(SolutionType), True),
    "provider": (_text, True),
    "development_status": (_choice(DevelopmentStatus), True),
    "licence": (_text, True),
    "cost_model": (_choice(CostModel), True),
    "hosting": (_choice(Hosting), True),
    "description": (_texts, False),
    "audience": (_text, False),
    "tags": (_texts, False),
    "price_min_gbp": (_decimal, False),
    "price_max_gbp": (_decimal, False),
    "data_needed": (_text, False),
    "data_standards": (_text, False),
    "processes_personal_data": (_flag, False),
    "dpia_template_available": (_flag, False),
    "data_protection_notes": (_text, False),
    "security_notes": (_text, False),
    # The first paragraph's note: fictional unless one of these says otherwise.
    "reported_by": (_text, False),
    "named_provider": (_text, False),
    # "adoptions": a list of entries, read by _adoption.
}
CASE_STUDY_FIELDS = {
    "slug": (_text, True),
    "title": (_text, True),
    "council": (_text, True),
    "solutions": (_texts, True),
    "date": (_day, True),
    "problem": (_text, True),
    "approach": (_text, True),
    "outcomes": (_text, True),
    "figures": (_text, False),
    "lessons": (_text, False),
}


def _fields(raw, spec: dict, *, where: str, nested: tuple[str, ...] = ()) -> dict:
    """The entry's values, converted; raises DemoFileError naming ``where``."""
    if not isinstance(raw, dict):
        raise DemoFileError(f"{where}: should be a mapping of keys to values, not {raw!r}")
    if unknown := sorted(raw.keys() - spec.keys() - set(nested)):
        raise DemoFileError(f"{where}: unknown key {', '.join(map(str, unknown))}")
    if missing := [key for key, (_, required) in spec.items() if required and key not in raw]:
        raise DemoFileError(f"{where}: missing {', '.join(missing)}")
    values = {}
    for key, (convert, _) in spec.items():
        if key in raw:
            try:
                values[key] = convert(raw[key])
            except _Bad as bad:
                raise DemoFileError(f"{where}: {key} {bad}") from None
    return values


def _entries(raw, *, where: str) -> list:
    if raw is None:
        return []
    if not isinstance(raw, list):
        raise DemoFileError(f"{where}: should be a list of entries, not {raw!r}")
    return raw


def _adoption(raw, *, where: str) -> DemoAdoption:
    values = _fields(raw, ADOPTION_FIELDS, where=where, nested=("evidence",))
    evidence = _entries(raw.get("evidence"), where=f"{where}, evidence")
    values["evidence"] = tuple(
        DemoEvidence(**_fields(item, EVIDENCE_FIELDS, where=f"{where}, evidence[{n}]"))
        for n, item in enumerate(evidence)
    )
    return DemoAdoption(**values)


def _solution(raw, *, where: str) -> DemoSolution:
    values = _fields(raw, SOLUTION_FIELDS, where=where, nested=("adoptions",))
    where = f"{where} ({values['slug']})"
    reported_by, named_provider = values.pop("reported_by", ""), values.pop("named_provider", "")
    if reported_by and named_provider:
        raise DemoFileError(f"{where}: give reported_by or named_provider, not both")
    if reported_by:
        values["demo_note"] = reported_note(reported_by)
    elif named_provider:
        values["demo_note"] = named_provider_note(named_provider)
    adoptions = _entries(raw.get("adoptions"), where=f"{where}, adoptions")
    values["adoptions"] = tuple(
        _adoption(item, where=f"{where}, adoptions[{n}]") for n, item in enumerate(adoptions)
    )
    return DemoSolution(**values)


def _file_read(path: Path) -> dict:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as error:
        raise DemoFileError(f"{path.name}: not valid YAML: {error}") from None
    if not isinstance(data, dict) or not data.keys() <= {"solutions", "case_studies"}:
        raise DemoFileError(f"{path.name}: should hold `solutions:` and/or `case_studies:`")
    return data


def demo_catalogue_read(directory: Path | None = None) -> DemoCatalogue:
    """Every solution and case study in the folder's YAML files (by default the package's
    own, ``DEMO_DIR``), checked."""
    directory = directory or DEMO_DIR
    paths = sorted(directory.glob("*.yaml"))
    if not paths:
        raise DemoFileError(f"No demo data files (*.yaml) in {directory}")
    solutions, case_studies = [], []
    seen, studied = {}, {}  # slug -> the file that holds it
    for path in paths:
        data = _file_read(path)
        for n, raw in enumerate(_entries(data.get("solutions"), where=f"{path.name}, solutions")):
            spec = _solution(raw, where=f"{path.name}, solutions[{n}]")
            if spec.slug in seen:
                raise DemoFileError(
                    f"{path.name}, solutions[{n}]: slug {spec.slug} is already used in "
                    f"{seen[spec.slug]}"
                )
            seen[spec.slug] = path.name
            solutions.append(spec)
        for n, raw in enumerate(
            _entries(data.get("case_studies"), where=f"{path.name}, case_studies")
        ):
            where = f"{path.name}, case_studies[{n}]"
            study = DemoCaseStudy(**_fields(raw, CASE_STUDY_FIELDS, where=where))
            where = f"{where} ({study.slug})"
            if study.slug in studied:
                raise DemoFileError(f"{where}: slug is already used in {studied[study.slug]}")
            studied[study.slug] = path.name
            case_studies.append((where, study))
    # After every file: a case study may tell of a solution in a file read after its own.
    for where, study in case_studies:
        if unknown := [slug for slug in study.solutions if slug not in seen]:
            raise DemoFileError(f"{where}: no demo solution {', '.join(unknown)}")
    return DemoCatalogue(
        solutions=tuple(solutions), case_studies=tuple(study for _, study in case_studies)
    )
