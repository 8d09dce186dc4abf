"""/solutions/ in Chromium: filtering without JavaScript, the URL holding the state, axe."""

import re

import pytest
from playwright.sync_api import expect

from hub.factories import CouncilFactory
from listings.factories import AdoptionFactory, SavingsEvidenceFactory, SolutionPageFactory
from tests.browser.conftest import DEFAULT_TIMEOUT_MS


@pytest.fixture
def no_js_page(browser, live_server):
    """A page in a fresh profile with JavaScript switched off (only the live server)."""
    context = browser.new_context(
        base_url=live_server.url, locale="en-GB", java_script_enabled=False
    )
    context.set_default_timeout(DEFAULT_TIMEOUT_MS)
    origin = live_server.url.rstrip("/")
    context.route(
        "**/*",
        lambda route: route.continue_() if route.request.url.startswith(origin) else route.abort(),
    )
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def catalogue(db):
    camden = CouncilFactory(name="Camden", region="London")
    sublets = SolutionPageFactory(
        title="Sublet finder", service_areas=["housing"], solution_type="data_matching"
    )
    SavingsEvidenceFactory(adoption__solution=sublets, adoption__council=camden)
    AdoptionFactory.create_batch(2, solution=sublets)
    repairs = SolutionPageFactory(
        title="Repairs dashboard", service_areas=["housing"], solution_type="dashboard"
    )
    AdoptionFactory(solution=repairs, council=camden)
    SolutionPageFactory(
        title="Bulky waste rounds",
        service_areas=["waste-and-environment"],
        solution_type="geospatial",
    )


def result_titles(page) -> list[str]:
    return page.locator(".hub-result-list__item h2").all_inner_texts()


def test_filtering_and_sorting_work_without_javascript(no_js_page, catalogue):
    page = no_js_page
    page.goto("/solutions/")
    expect(page.get_by_role("status")).to_have_text("3 solutions")

    page.get_by_role("checkbox", name="Housing (2)").check()
    page.get_by_role("button", name="Apply filters").click()

    expect(page).to_have_url(re.compile(r"[?&]service_area=housing(&|$)"))
    expect(page.get_by_role("status")).to_have_text("2 solutions")
    assert result_titles(page) == ["Repairs dashboard", "Sublet finder"]
    expect(page.get_by_role("checkbox", name="Housing (2)")).to_be_checked()

    page.get_by_label("Sort by").select_option("most_adopted")
    page.get_by_role("button", name="Sort", exact=True).click()

    expect(page).to_have_url(re.compile(r"sort=most_adopted"))
    expect(page).to_have_url(re.compile(r"service_area=housing"))
    assert result_titles(page) == ["Sublet finder", "Repairs dashboard"]


def test_the_url_alone_restores_the_search(no_js_page, catalogue):
    page = no_js_page
    page.goto("/solutions/?q=rounds&region=&sort=relevance")
    expect(page.get_by_role("status")).to_have_text("1 solution matching “rounds”")

    shared = page.url
    page.goto("/")
    page.goto(shared)

    assert result_titles(page) == ["Bulky waste rounds"]
    expect(page.get_by_role("searchbox", name="Search solutions")).to_have_value("rounds")


def test_removing_a_selected_filter_keeps_the_others(no_js_page, catalogue):
    page = no_js_page
    page.goto("/solutions/?service_area=housing&region=London")
    expect(page.get_by_role("status")).to_have_text("2 solutions")

    page.get_by_role("link", name=re.compile("Remove filter: Service area: Housing")).click()

    expect(page).to_have_url(re.compile(r"/solutions/\?region=London$"))
    expect(page.get_by_label("Region")).to_have_value("London")
    expect(page.get_by_role("status")).to_have_text("2 solutions")


def test_solutions_page_is_accessible(page, assert_accessible, catalogue):
    page.goto("/solutions/?service_area=housing&min_evidence=1&sort=most_adopted")

    expect(page.get_by_role("heading", level=1)).to_have_text("Solutions")
    expect(page.get_by_role("status")).to_have_text("1 solution")
    assert_accessible(page)


def test_empty_results_page_is_accessible(page, assert_accessible, catalogue):
    page.goto("/solutions/?q=nothing+like+this")

    expect(page.get_by_role("heading", name=re.compile("No solutions match"))).to_be_visible()
    assert_accessible(page)


def test_solutions_page_is_accessible_on_a_small_screen(page, assert_accessible, catalogue):
    page.set_viewport_size({"width": 320, "height": 640})
    page.goto("/solutions/?service_area=housing")

    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    assert_accessible(page)


def test_ticking_two_solutions_compares_them_side_by_side(page, assert_accessible):
    SolutionPageFactory(title="Sublet finder", slug="sublet-finder")
    SolutionPageFactory(title="Repairs dashboard", slug="repairs-dashboard")
    SolutionPageFactory(title="Pothole predictor", slug="pothole-predictor")

    page.goto("/solutions/")
    page.get_by_label("Compare Sublet finder").check()
    page.get_by_label("Compare Repairs dashboard").check()
    page.get_by_role("button", name="Compare selected solutions").click()

    expect(page).to_have_url(re.compile(r"/solutions/compare/\?s=.*&s="))
    table = page.locator("main table")
    expect(table).to_contain_text("Sublet finder")
    expect(table).to_contain_text("Repairs dashboard")
    expect(table).not_to_contain_text("Pothole predictor")
    assert_accessible(page)
