"""A solution page in a real browser: accessible, with the savings chart and its table."""

import datetime
import re
from decimal import Decimal

from playwright.sync_api import expect

from hub.factories import CouncilFactory, VendorFactory
from listings.factories import (
    AdoptionFactory,
    CaseStudyPageFactory,
    SavingsEvidenceFactory,
    SolutionPageFactory,
)
from listings.models import AdoptionStatus, SavingsKind


def a_solution_with_evidence():
    solution = SolutionPageFactory(
        title="Resident index",
        provider=VendorFactory(name="Acme Data Ltd", slug="acme-data"),
        price_min_gbp=Decimal("1000"),
        price_max_gbp=Decimal("5000"),
        cost_model="subscription",
        data_standards="UPRN",
        description=[("rich_text", "<p>It matches records across services.</p>")],
        service_areas=["housing"],
        tags=["fraud"],
        github_stars=42,
        metrics_harvested_at=datetime.datetime(2025, 3, 4, tzinfo=datetime.UTC),
    )
    camden = CouncilFactory(name="Camden", slug="camden", region="London")
    wigan = CouncilFactory(name="Wigan", slug="wigan", region="North West")
    camden_adoption = AdoptionFactory(solution=solution, council=camden)
    AdoptionFactory(
        solution=solution, council=wigan, confirmed=False, status=AdoptionStatus.PILOTING
    )
    SavingsEvidenceFactory(adoption=camden_adoption, amount_gbp=Decimal("3400000"))
    SavingsEvidenceFactory(
        adoption=camden_adoption,
        kind=SavingsKind.STAFF_HOURS,
        amount_gbp=None,
        hours=Decimal("1200"),
        source_url="https://example.org/report",
    )
    CaseStudyPageFactory(title="How Camden found sublets", council=camden, solutions=[solution])
    SolutionPageFactory(title="Empty homes finder", service_areas=["housing"])
    return solution


def test_solution_page_is_accessible_with_chart_and_table(page, assert_accessible):
    solution = a_solution_with_evidence()

    page.goto(solution.url)

    expect(page.get_by_role("heading", level=1)).to_have_text("Resident index")
    chart = page.locator("figure.hub-chart")
    expect(chart).to_contain_text("Camden")
    expect(chart.locator(".hub-chart__row")).to_have_count(2)  # 2023 and 2024
    table = page.get_by_role("table", name="Savings evidence by council")
    expect(table.locator("tbody tr")).to_have_count(2)
    expect(table).to_contain_text("£3,400,000.00")
    expect(page.get_by_role("table", name="London")).to_contain_text("Camden")
    assert_accessible(page)


def test_compare_with_leads_to_a_side_by_side_table(page, assert_accessible):
    solution = a_solution_with_evidence()

    page.goto(solution.url)
    page.get_by_text("Compare with…").click()
    page.get_by_label("Empty homes finder").check()
    page.get_by_role("button", name="Compare", exact=True).click()

    expect(page).to_have_url(re.compile(r"/solutions/compare/\?s=.+&s=.+"))
    table = page.locator("table.hub-compare")
    expect(table.locator("thead th")).to_have_count(2)
    assert_accessible(page)


def test_following_sends_an_anonymous_visitor_to_sign_in(page):
    solution = a_solution_with_evidence()

    page.goto(solution.url)
    page.get_by_role("link", name=re.compile(r"^Sign in to follow")).click()

    expect(page).to_have_url(re.compile(r"/accounts/login/\?next=/solutions/"))


def test_case_study_links_to_its_solution_and_is_accessible(page, assert_accessible):
    a_solution_with_evidence()

    page.goto("/case-studies/")
    assert_accessible(page)
    page.get_by_role("link", name="How Camden found sublets").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("How Camden found sublets")
    assert_accessible(page)
    page.get_by_role("link", name="Resident index").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Resident index")


def test_compare_error_page_is_accessible(page, assert_accessible):
    solution = a_solution_with_evidence()

    page.goto(f"/solutions/compare/?s={solution.slug}")

    expect(page.locator(".govuk-error-summary")).to_contain_text("Choose at least 2 solutions")
    assert_accessible(page)
