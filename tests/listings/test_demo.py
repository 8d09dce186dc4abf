"""The demo catalogue: big enough to browse, honest about being demo, safe to reload."""

import csv
import io
from dataclasses import dataclass, replace
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import transaction

from wagtail.models import Revision

import pytest

from hub.councils import COUNCILS_CSV, councils_load, read_council_rows
from hub.models import ServiceArea
from listings.demo import DemoCatalogueError, demo_catalogue_load
from listings.demo_files import (
    DEMO_FIGURE,
    DEMO_LISTING_PREFIX,
    DEMO_TAG,
    DemoAdoption,
    demo_catalogue_read,
)
from listings.models import (
    Adoption,
    CaseStudyPage,
    SavingsEvidence,
    SavingsPeriod,
    SolutionPage,
)

CATALOGUE = demo_catalogue_read()
SOLUTIONS = CATALOGUE.solutions
CASE_STUDIES = CATALOGUE.case_studies


def _counts() -> dict[str, int]:
    return {
        "solutions": SolutionPage.objects.count(),
        "adoptions": Adoption.objects.count(),
        "evidence": SavingsEvidence.objects.count(),
        "case_studies": CaseStudyPage.objects.count(),
        "revisions": Revision.objects.count(),
    }


@dataclass
class LoadedDemo:
    output: str
    counts: dict[str, int]


@pytest.fixture(scope="module")
def loaded(django_db_setup, django_db_blocker):
    """Councils and the demo catalogue, loaded once for the module (it takes seconds).

    Everything happens inside one transaction that is rolled back after the module; each
    test runs in its own savepoint inside it (pytest-django's ``db``), so tests that
    change the catalogue cannot affect each other or other modules.
    """
    with django_db_blocker.unblock(), transaction.atomic():
        councils_load(rows=read_council_rows())
        output = io.StringIO()
        call_command("load_demo_catalogue", no_progress=True, stdout=output)
        yield LoadedDemo(output=output.getvalue(), counts=_counts())
        transaction.set_rollback(True)


@pytest.fixture
def demo(loaded, db):
    return loaded


def test_catalogue_covers_every_service_area_and_every_listing_says_it_is_demo(demo):
    solutions = SolutionPage.objects.live().prefetch_related("service_areas", "tagged_items__tag")
    assert solutions.count() >= 40
    assert demo.counts["solutions"] == solutions.count() == len(SOLUTIONS)

    covered = {area.slug for page in solutions for area in page.service_areas.all()}
    assert covered == set(ServiceArea.objects.values_list("slug", flat=True))
    assert ServiceArea.objects.count() == 13

    for page in solutions:
        assert DEMO_TAG in page.tags.names(), page.slug
        assert f"<p>{DEMO_LISTING_PREFIX} " in page.problem, page.slug
        # Published through a revision, as a moderator's approval would.
        assert page.last_published_at is not None
        assert page.live_revision_id is not None
        assert page.get_workflow() is not None
    # A varied catalogue: every type, status, cost model, hosting and a range of licences.
    for field in ("solution_type", "development_status", "cost_model", "hosting"):
        values = set(solutions.values_list(field, flat=True))
        choices = {c for c, _ in SolutionPage._meta.get_field(field).choices}
        assert values >= choices - {"other", "obsolete"}, field
    licences = set(solutions.values_list("licence", flat=True))
    assert {"MIT", "Apache-2.0", "AGPL-3.0-or-later", "OGL-UK-3.0"} <= licences
    assert "LicenseRef-proprietary" in licences
    assert solutions.filter(is_open_source=True).exists()
    assert solutions.filter(is_open_source=False).exists()
    assert solutions.filter(data_standards__contains="UPRN").exists()
    assert solutions.filter(data_standards__contains="USRN").exists()
    assert solutions.filter(processes_personal_data=True, dpia_template_available=True).exists()
    assert all(
        p.price_min_gbp <= p.price_max_gbp
        for p in solutions.exclude(price_min_gbp=None).exclude(price_max_gbp=None)
    )


def test_adoptions_point_at_real_councils_with_their_gss_codes(demo):
    with COUNCILS_CSV.open(newline="", encoding="utf-8") as handle:
        real = {
            row["nice-name"]: row["gss-code"]
            for row in csv.DictReader(handle)
            if row["current-authority"] == "True" and row["gss-code"]
        }
    adoptions = Adoption.objects.select_related("council")
    assert adoptions.count() >= 80
    for adoption in adoptions:
        assert adoption.council.is_council
        assert adoption.council.gss_code == real[adoption.council.name]
    assert adoptions.filter(confirmed=True).exists()
    assert adoptions.filter(confirmed=False).exists()
    assert {"production", "piloting", "exploring", "retired"} == set(
        adoptions.values_list("status", flat=True)
    )
    for name in ("Camden", "Brent", "Barking and Dagenham"):
        assert adoptions.filter(council__name=name).exists()


def test_figures_are_populated_and_camden_reports_its_3_4_million(demo):
    solutions = SolutionPage.objects.live()
    adopted = solutions.filter(adopter_count__gt=0).count()
    assert adopted >= 0.9 * solutions.count()
    assert solutions.filter(annual_savings_gbp__gt=0).count() >= 15
    assert solutions.filter(has_verified_savings=True).exists()
    assert solutions.filter(has_verified_savings=False, annual_savings_gbp__gt=0).exists()

    camden = SavingsEvidence.objects.get(
        adoption__council__name="Camden", adoption__solution__slug="camden-residents-index"
    )
    assert camden.amount_gbp == Decimal("3400000.00")
    # "On track to save": a projection with no comparison group, so level 2 and not yearly.
    assert camden.evidence_level == 2
    assert camden.period == SavingsPeriod.ONE_OFF
    assert "on track to save" in camden.method
    assert SolutionPage.objects.get(slug="camden-residents-index").best_evidence_level == 2

    evidence = SavingsEvidence.objects.all()
    assert set(evidence.values_list("evidence_level", flat=True)) == {1, 2, 3, 4, 5}
    assert evidence.filter(verified_by_moderator=True).exists()
    assert evidence.filter(attested_by_council=True, verified_by_moderator=False).exists()
    assert evidence.filter(kind="staff_hours").exists()
    # Everything but the publicly reported Camden figure says it is a demo figure.
    invented = evidence.exclude(pk=camden.pk)
    assert all(
        DEMO_FIGURE in record.method or "demo figure" in record.baseline for record in invented
    )


def test_case_studies_link_real_councils_to_demo_solutions(demo, client):
    studies = CaseStudyPage.objects.live().select_related("council")
    assert studies.count() == len(CASE_STUDIES) >= 8
    assert all(study.council.gss_code and study.solutions.exists() for study in studies)
    camden = studies.get(slug="camden-residents-index-illegal-sublets")
    assert camden.solutions.filter(slug="camden-residents-index").exists()
    assert all("demo" in study.problem.lower() for study in studies)

    response = client.get(camden.url)
    assert response.status_code == 200
    assert "£3.4 million" in response.text


def test_demo_pages_render(demo, client):
    response = client.get("/solutions/camden-residents-index/")
    assert response.status_code == 200
    assert DEMO_LISTING_PREFIX in response.text
    assert client.get("/solutions/").status_code == 200
    assert client.get("/case-studies/").status_code == 200


def test_loading_twice_creates_nothing_twice(demo):
    assert demo.counts["solutions"] >= 40
    assert f"Solutions{len(SOLUTIONS):>18}{0:>15}" in demo.output
    second = io.StringIO()
    call_command("load_demo_catalogue", no_progress=True, stdout=second)

    assert _counts() == demo.counts
    assert f"Solutions{0:>18}{len(SOLUTIONS):>15}" in second.getvalue()
    assert "(0 created)" in second.getvalue()


def test_reloading_fills_in_what_is_missing_and_keeps_edits(demo):
    page = SolutionPage.objects.get(slug="tenancy-fraud-sublet-detector")
    page.summary = "Edited by a moderator."
    page.save_revision().publish()
    SavingsEvidence.objects.filter(adoption__solution=page).first().delete()

    stats = demo_catalogue_load()

    assert (stats.solutions_created, stats.adoptions_created, stats.evidence_created) == (0, 0, 1)
    page.refresh_from_db()
    assert page.summary == "Edited by a moderator."


def test_a_missing_council_is_explained_and_nothing_is_created(demo):
    broken = replace(
        SOLUTIONS[0], slug="not-yet-loaded", adoptions=(DemoAdoption(council="Nowhere"),)
    )
    before = _counts()
    with pytest.raises(DemoCatalogueError, match=r"Nowhere.*load_councils"):
        demo_catalogue_load(catalogue=replace(CATALOGUE, solutions=(*SOLUTIONS, broken)))
    assert _counts() == before


def test_a_failure_half_way_rolls_the_whole_load_back(demo):
    bad_evidence = replace(
        SOLUTIONS[0].adoptions[0].evidence[0], evidence_level=6, year_from=2023, year_to=2023
    )
    broken = replace(
        SOLUTIONS[0],
        slug="half-way",
        adoptions=(DemoAdoption(council="Camden", evidence=(bad_evidence,)),),
    )
    before = _counts()
    with pytest.raises(ValidationError, match="evidence level from 1 to 5"):
        demo_catalogue_load(catalogue=replace(CATALOGUE, solutions=(*SOLUTIONS, broken)))
    assert _counts() == before
    assert not SolutionPage.objects.filter(slug="half-way").exists()


def test_the_site_holds_exactly_what_the_data_files_say(demo):
    """The files go through the services unchanged: every page, adoption and evidence record
    in the files is in the database, and nothing else is."""
    pages = {
        page.slug: page
        for page in SolutionPage.objects.select_related("provider").prefetch_related(
            "service_areas", "tagged_items__tag"
        )
    }
    assert pages.keys() == {spec.slug for spec in SOLUTIONS}
    for spec in SOLUTIONS:
        page = pages[spec.slug]
        assert (page.title, page.summary, page.problem, page.licence) == (
            spec.title,
            spec.summary,
            spec.problem_html,
            spec.licence,
        ), spec.slug
        assert page.provider.slug == spec.provider
        assert {area.slug for area in page.service_areas.all()} == set(spec.service_areas)
        assert set(page.tags.names()) == {DEMO_TAG, *spec.tags}

    adoptions = {
        (spec.slug, adoption.council, adoption.status, adoption.since)
        for spec in SOLUTIONS
        for adoption in spec.adoptions
    }
    assert (
        set(Adoption.objects.values_list("solution__slug", "council__name", "status", "since"))
        == adoptions
    )
    evidence = {
        (spec.slug, adoption.council, e.kind, e.year_from, e.amount_gbp, e.hours, e.method)
        for spec in SOLUTIONS
        for adoption in spec.adoptions
        for e in adoption.evidence
    }
    assert len(evidence) == SavingsEvidence.objects.count()
    assert (
        set(
            SavingsEvidence.objects.values_list(
                "adoption__solution__slug",
                "adoption__council__name",
                "kind",
                "year_from",
                "amount_gbp",
                "hours",
                "method",
            )
        )
        == evidence
    )
    studies = CaseStudyPage.objects.values_list("slug", "council__name", "solutions__slug")
    assert set(studies) == {
        (study.slug, study.council, slug) for study in CASE_STUDIES for slug in study.solutions
    }
