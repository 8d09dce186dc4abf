"""Load the demo catalogue (``listings/data/demo/*.yaml``, read by ``listings.demo_files``).

Pages are created under the existing index pages and published through a revision, so
they have a revision history and ``last_published_at`` like any page a moderator
approved. Adoptions and evidence go through ``listings.adoptions.services`` so the same
validation runs as for users, and the signals keep each solution's figures current.

Idempotent: solutions and case studies are keyed on their slug under their index page,
adoptions on (solution, council) and evidence on (adoption, kind, period, years). A
second run creates nothing and leaves anything edited in the admin alone.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db import transaction

from wagtail.rich_text import RichText

from hub.demo import demo_organisations_load
from hub.models import Organisation, ServiceArea
from listings.adoptions.services import adoption_record, evidence_add, evidence_verify
from listings.demo_files import (
    DEMO_TAG,
    DemoAdoption,
    DemoCaseStudy,
    DemoCatalogue,
    DemoCatalogueError,
    DemoSolution,
    demo_catalogue_read,
)
from listings.models import (
    Adoption,
    CaseStudyIndexPage,
    CaseStudyPage,
    SavingsEvidence,
    SolutionIndexPage,
    SolutionPage,
)


@dataclass
class DemoCatalogueStats:
    solutions_created: int = 0
    solutions_existing: int = 0
    adoptions_created: int = 0
    adoptions_existing: int = 0
    evidence_created: int = 0
    evidence_existing: int = 0
    case_studies_created: int = 0
    case_studies_existing: int = 0

    @property
    def created(self) -> int:
        return (
            self.solutions_created
            + self.adoptions_created
            + self.evidence_created
            + self.case_studies_created
        )


@dataclass
class _Lookups:
    councils: dict[str, Organisation]
    providers: dict[str, Organisation]
    service_areas: dict[str, ServiceArea]
    moderator: object | None


def demo_catalogue_load(
    *,
    catalogue: DemoCatalogue | None = None,
    progress: Callable[[Iterable], Iterable] = lambda items: items,
) -> DemoCatalogueStats:
    """Create whatever of the demo catalogue (by default, the data files) is missing; all
    or nothing. The files are read and checked before anything is written."""
    catalogue = catalogue or demo_catalogue_read()
    demo_organisations_load()
    stats = DemoCatalogueStats()
    with transaction.atomic():
        lookups = _lookups(catalogue)
        solution_index = SolutionIndexPage.objects.get()
        case_study_index = CaseStudyIndexPage.objects.get()
        solutions = {page.slug: page for page in SolutionPage.objects.child_of(solution_index)}
        case_studies = set(
            CaseStudyPage.objects.child_of(case_study_index).values_list("slug", flat=True)
        )
        for item in progress(catalogue.items):
            if isinstance(item, DemoSolution):
                page = solutions.get(item.slug)
                if page is None:
                    page = _solution_create(item, index=solution_index, lookups=lookups)
                    solutions[item.slug] = page
                    stats.solutions_created += 1
                else:
                    stats.solutions_existing += 1
                for adoption in item.adoptions:
                    _adoption_ensure(adoption, solution=page, lookups=lookups, stats=stats)
            elif item.slug in case_studies:
                stats.case_studies_existing += 1
            else:
                _case_study_create(
                    item, index=case_study_index, solutions=solutions, lookups=lookups
                )
                stats.case_studies_created += 1
    return stats


def _lookups(catalogue: DemoCatalogue) -> _Lookups:
    council_names = {a.council for s in catalogue.solutions for a in s.adoptions} | {
        c.council for c in catalogue.case_studies
    }
    councils = {
        council.name: council
        for council in Organisation.objects.councils()
        .current()
        .filter(gss_code__isnull=False, name__in=council_names)
    }
    missing = sorted(council_names - councils.keys())
    if missing:
        shown = ", ".join(missing[:5]) + (f" and {len(missing) - 5} more" if missing[5:] else "")
        raise DemoCatalogueError(
            f"Councils not loaded: {shown}. Run `manage.py load_councils` first."
        )
    provider_slugs = {s.provider for s in catalogue.solutions}
    providers = {org.slug: org for org in Organisation.objects.filter(slug__in=provider_slugs)}
    if missing := sorted(provider_slugs - providers.keys()):
        raise DemoCatalogueError(f"Providers not found: {', '.join(missing)}.")
    area_slugs = {slug for s in catalogue.solutions for slug in s.service_areas}
    areas = {area.slug: area for area in ServiceArea.objects.filter(slug__in=area_slugs)}
    if missing := sorted(area_slugs - areas.keys()):
        raise DemoCatalogueError(f"Service areas not found: {', '.join(missing)}.")
    moderator = get_user_model().objects.filter(is_superuser=True).order_by("pk").first()
    return _Lookups(
        councils=councils, providers=providers, service_areas=areas, moderator=moderator
    )


def _paragraphs(texts: Iterable[str]) -> list[tuple[str, RichText]]:
    return [("rich_text", RichText(f"<p>{text}</p>")) for text in texts]


def _solution_create(spec: DemoSolution, *, index, lookups: _Lookups) -> SolutionPage:
    page = SolutionPage(
        title=spec.title,
        slug=spec.slug,
        summary=spec.summary,
        problem=spec.problem_html,
        audience=spec.audience,
        description=_paragraphs(spec.description),
        solution_type=spec.solution_type,
        provider=lookups.providers[spec.provider],
        owner_organisation=lookups.providers[spec.provider],
        licence=spec.licence,
        is_open_source=spec.is_open_source,
        repository_url=spec.repository_url,
        development_status=spec.development_status,
        cost_model=spec.cost_model,
        price_min_gbp=spec.price_min_gbp,
        price_max_gbp=spec.price_max_gbp,
        hosting=spec.hosting,
        data_needed=spec.data_needed,
        data_standards=spec.data_standards,
        processes_personal_data=spec.processes_personal_data,
        dpia_template_available=spec.dpia_template_available,
        data_protection_notes=spec.data_protection_notes,
        security_notes=spec.security_notes,
    )
    page.service_areas = [lookups.service_areas[slug] for slug in spec.service_areas]
    page.tags.add(DEMO_TAG, *spec.tags)
    index.add_child(instance=page)
    page.save_revision().publish()
    return page


def _adoption_ensure(
    spec: DemoAdoption, *, solution: SolutionPage, lookups: _Lookups, stats: DemoCatalogueStats
) -> None:
    """Record the adoption and each of its evidence records that is missing."""
    council = lookups.councils[spec.council]
    adoption = Adoption.objects.filter(solution=solution, council=council).first()
    if adoption is None:
        adoption = adoption_record(
            solution=solution,
            council=council,
            status=spec.status,
            confirmed=spec.confirmed,
            since=spec.since,
            notes=spec.notes,
        )
        stats.adoptions_created += 1
    else:
        stats.adoptions_existing += 1
    existing = set(
        SavingsEvidence.objects.filter(adoption=adoption).values_list(
            "kind", "period", "year_from", "year_to"
        )
    )
    for evidence in spec.evidence:
        key = (evidence.kind, evidence.period, evidence.year_from, evidence.year_to)
        if key in existing:
            stats.evidence_existing += 1
            continue
        record = evidence_add(
            adoption=adoption,
            kind=evidence.kind,
            period=evidence.period,
            year_from=evidence.year_from,
            year_to=evidence.year_to,
            evidence_level=evidence.evidence_level,
            amount_gbp=evidence.amount_gbp,
            hours=evidence.hours,
            baseline=evidence.baseline,
            method=evidence.method,
            attested_by_council=evidence.attested_by_council,
        )
        if evidence.verified:
            evidence_verify(evidence=record, moderator=lookups.moderator)
        existing.add(key)
        stats.evidence_created += 1


def _case_study_create(
    spec: DemoCaseStudy, *, index, solutions: dict[str, SolutionPage], lookups: _Lookups
) -> CaseStudyPage:
    page = CaseStudyPage(
        title=spec.title,
        slug=spec.slug,
        council=lookups.councils[spec.council],
        date=spec.date,
        problem=spec.problem,
        approach=spec.approach,
        outcomes=spec.outcomes,
        figures=spec.figures,
        lessons=spec.lessons,
    )
    page.solutions = [solutions[slug] for slug in spec.solutions]
    index.add_child(instance=page)
    page.save_revision().publish()
    return page
