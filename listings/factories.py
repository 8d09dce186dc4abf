"""factory_boy factories for the catalogue, shared by tests and benchmarks.

Pages are created under the index pages that ``listings/migrations/0002`` creates, so
``SolutionPageFactory()`` is a live solution at /solutions/<slug>/ with no extra set-up.
Adoptions and evidence go through ``save()``, so the signals refresh the solution's
derived figures (adopter count, annual savings, best evidence level) as in production.

    solution = SolutionPageFactory(service_areas=["housing"], tags=["fraud"])
    adoption = AdoptionFactory(solution=solution, council=council)
    SavingsEvidenceFactory(adoption=adoption, amount_gbp=Decimal("25000"))
"""

import datetime
from decimal import Decimal

from django.utils import timezone

from wagtail.search.index import insert_or_update_object

import factory
import wagtail_factories

from hub.factories import CouncilFactory
from hub.models import ServiceArea
from listings.models import (
    Adoption,
    AdoptionStatus,
    CaseStudyIndexPage,
    CaseStudyPage,
    CostModel,
    DevelopmentStatus,
    EvidenceLevel,
    Hosting,
    SavingsEvidence,
    SavingsKind,
    SavingsPeriod,
    SolutionIndexPage,
    SolutionPage,
    SolutionType,
)


def _service_areas(values) -> list[ServiceArea]:
    """Accept ServiceArea objects or slugs (the seeded ones, e.g. "housing")."""
    slugs = [value for value in values if isinstance(value, str)]
    by_slug = {area.slug: area for area in ServiceArea.objects.filter(slug__in=slugs)}
    missing = set(slugs) - set(by_slug)
    if missing:
        raise ValueError(f"No service area with slug {sorted(missing)}")
    return [by_slug[value] if isinstance(value, str) else value for value in values]


def _save_relations(page) -> None:
    """Commit parental relations, then reindex: the search index is updated on post_save,
    before modelcluster commits tags and M2M rows, so it would otherwise miss them."""
    page.save()
    insert_or_update_object(page)


class SolutionPageFactory(wagtail_factories.PageFactory):
    """A live solution under /solutions/.

    ``service_areas`` takes slugs or ServiceArea objects and ``tags`` takes strings.
    """

    class Meta:
        model = SolutionPage
        skip_postgeneration_save = True

    parent = factory.LazyFunction(lambda: SolutionIndexPage.objects.get())
    title = factory.Sequence(lambda n: f"Council data tool {n}")
    slug = factory.Sequence(lambda n: f"council-data-tool-{n}")
    summary = factory.LazyAttribute(lambda o: f"{o.title} helps councils use their data.")
    problem = "<p>Councils hold the data but cannot act on it.</p>"
    solution_type = SolutionType.DATA_MATCHING
    development_status = DevelopmentStatus.STABLE
    cost_model = CostModel.FREE
    hosting = Hosting.SELF_HOSTED
    licence = "MIT"
    is_open_source = True
    live = True
    first_published_at = factory.LazyFunction(timezone.now)
    last_published_at = factory.LazyFunction(timezone.now)

    @factory.post_generation
    def service_areas(self, create, extracted, **kwargs):
        if create and extracted:
            self.service_areas.set(_service_areas(extracted))
            return True
        return False

    @factory.post_generation
    def tags(self, create, extracted, **kwargs):
        if create and extracted:
            self.tags.set(list(extracted))
            return True
        return False

    @classmethod
    def _after_postgeneration(cls, instance, create, results=None):
        """Areas and tags are committed in one save, not one save each."""
        if create and results and any(results.values()):
            _save_relations(instance)


class AdoptionFactory(factory.django.DjangoModelFactory):
    """A council using a solution in production (saving it refreshes the solution's figures)."""

    class Meta:
        model = Adoption

    solution = factory.SubFactory(SolutionPageFactory)
    council = factory.SubFactory(CouncilFactory)
    status = AdoptionStatus.PRODUCTION
    confirmed = True
    since = datetime.date(2022, 4, 1)


class SavingsEvidenceFactory(factory.django.DjangoModelFactory):
    """A yearly cashable saving at evidence level 3 (causation)."""

    class Meta:
        model = SavingsEvidence

    adoption = factory.SubFactory(AdoptionFactory)
    kind = SavingsKind.CASHABLE
    amount_gbp = Decimal("10000.00")
    hours = None
    period = SavingsPeriod.PER_YEAR
    year_from = 2023
    year_to = 2024
    baseline = "The year before the tool was introduced."
    method = "Finance team comparison of spend against the baseline."
    evidence_level = EvidenceLevel.CAUSATION
    attested_by_council = True
    verified_by_moderator = False


class CaseStudyPageFactory(wagtail_factories.PageFactory):
    """A live case study under /case-studies/; ``solutions`` takes SolutionPage objects."""

    class Meta:
        model = CaseStudyPage
        skip_postgeneration_save = True

    parent = factory.LazyFunction(lambda: CaseStudyIndexPage.objects.get())
    title = factory.Sequence(lambda n: f"How a council used data {n}")
    slug = factory.Sequence(lambda n: f"case-study-{n}")
    council = factory.SubFactory(CouncilFactory)
    date = datetime.date(2024, 6, 1)
    problem = "<p>Too many households were waiting too long.</p>"
    approach = "<p>We matched data across services.</p>"
    outcomes = "<p>Waiting times fell by a third.</p>"
    live = True
    first_published_at = factory.LazyFunction(timezone.now)
    last_published_at = factory.LazyFunction(timezone.now)

    @factory.post_generation
    def solutions(self, create, extracted, **kwargs):
        if create and extracted:
            self.solutions.set(list(extracted))
            _save_relations(self)
