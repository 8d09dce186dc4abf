"""A publisher's repository status page, in Chromium, from its organisation page."""

import re

from django.utils import timezone

from playwright.sync_api import expect

from harvest.factories import HarvestedRepositoryFactory, HarvestSourceFactory
from hub.factories import CouncilFactory
from listings.factories import SolutionPageFactory
from listings.harvested import (
    RepositoryMetrics,
    solution_record_repository_state,
    solution_refresh_repository_metrics,
)

PROBLEMS = [
    {
        "severity": "error",
        "key": "developmentStatus",
        "line": 4,
        "column": 20,
        "message": "must be one of: concept, development, beta, stable, obsolete (got 'amazing')",
    },
    {"severity": "warning", "key": "logo", "line": 9, "column": None, "message": "file not found"},
]


def camden_with_repositories(count: int = 3):
    council = CouncilFactory(camden=True)
    source = HarvestSourceFactory(value="LBCamden", organisation=council)
    HarvestedRepositoryFactory(
        source=source,
        full_name="LBCamden/broken-tool",
        state="invalid_publiccode",
        publiccode_path="publiccode.yml",
        publiccode_problems=PROBLEMS,
        skip_reason="",
    )
    HarvestedRepositoryFactory(source=source, full_name="LBCamden/fork", skip_reason="fork")
    for number in range(count - 2):
        HarvestedRepositoryFactory(source=source, full_name=f"LBCamden/tool-{number:02}")
    return council


def test_a_council_finds_why_its_repositories_are_listed_or_not(page, assert_accessible):
    camden_with_repositories()

    page.goto("/organisations/camden/")
    page.get_by_role("link", name="Repositories on GitHub of Camden").click()

    expect(page).to_have_url(re.compile(r"/organisations/camden/repositories/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Repositories on GitHub")
    fork = page.locator('[data-repository="LBCamden/fork"]')
    expect(fork).to_contain_text("It is a fork, and its source skips forks")
    broken = page.locator('[data-repository="LBCamden/broken-tool"]')
    expect(broken.get_by_role("table")).to_contain_text("developmentStatus")
    row = broken.get_by_role("row").filter(has_text="developmentStatus")
    expect(row.get_by_role("cell").nth(2)).to_contain_text("4")
    assert_accessible(page)


def test_the_second_page_is_reached_by_the_pagination(page, assert_accessible):
    camden_with_repositories(count=23)

    page.goto("/organisations/camden/repositories/")
    page.get_by_role("navigation", name="Pagination").get_by_role("link", name="Next").click()

    expect(page).to_have_url(re.compile(r"\?page=2$"))
    expect(page.locator("[data-repository]")).to_have_count(3)
    expect(page).to_have_title(re.compile(r"page 2 of 2"))
    assert_accessible(page)


def test_an_organisation_with_nothing_harvested_gets_a_helpful_empty_state(page, assert_accessible):
    CouncilFactory(camden=True)

    page.goto("/organisations/camden/repositories/")

    expect(page.locator(".hub-empty-state")).to_contain_text(
        "The hub has not seen any repositories for Camden yet."
    )
    expect(page.get_by_role("link", name="import a publiccode.yml yourself")).to_be_visible()
    assert_accessible(page)


def test_a_harvested_listing_explains_its_maintenance_signal(page, assert_accessible):
    solution = SolutionPageFactory(title="Bin rounds")
    solution_refresh_repository_metrics(
        solution_id=solution.pk,
        metrics=RepositoryMetrics(stars=4, open_issues=2, pushed_at=timezone.now()),
    )
    solution_record_repository_state(solution_id=solution.pk, state="active")

    page.goto(solution.url)
    page.get_by_text("How we work out maintenance").click()

    expect(page.locator('[data-fact="maintenance"] dd')).to_have_text("Active")
    rule = page.locator(".govuk-details__text").filter(has_text="From what GitHub says")
    expect(rule).to_be_visible()
    expect(rule).to_contain_text("in the last 6 months")
    expect(page.get_by_text("Harvested from GitHub", exact=True)).to_be_visible()
    assert_accessible(page)
