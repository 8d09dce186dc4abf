"""The home page: the GOV.UK shell, the problem-first search box, and no cookies."""

import re

from playwright.sync_api import expect

from hub.factories import CouncilFactory
from listings.factories import SolutionPageFactory


def test_home_page_has_the_govuk_shell(page, assert_accessible):
    response = page.goto("/")

    assert response is not None and response.ok
    skip_link = page.locator("a.govuk-skip-link")
    expect(skip_link).to_have_text("Skip to main content")
    expect(skip_link).to_have_attribute("href", "#main-content")
    expect(page.locator("main#main-content")).to_have_count(1)
    expect(page.locator(".govuk-phase-banner .govuk-tag")).to_have_text("Beta")
    navigation = page.get_by_role("navigation", name="Menu")
    expect(navigation.get_by_role("link", name="Home")).to_have_attribute("aria-current", "page")
    expect(navigation.get_by_role("link", name="Organisations")).to_be_visible()
    expect(page.get_by_role("search").get_by_role("searchbox")).to_be_visible()
    assert_accessible(page)


def test_skip_link_moves_focus_to_main_content(page):
    page.goto("/")

    page.keyboard.press("Tab")
    skip_link = page.locator("a.govuk-skip-link")
    expect(skip_link).to_be_focused()
    expect(skip_link).to_be_visible()
    page.keyboard.press("Enter")

    expect(page.locator("#main-content")).to_be_focused()


def test_home_search_box_finds_a_solution(page):
    SolutionPageFactory(title="Residents index matching", slug="residents-index")
    SolutionPageFactory(title="Pothole prediction", slug="pothole-prediction")

    page.goto("/")
    search = page.get_by_role("search")
    search.get_by_role("searchbox").fill("residents")
    search.get_by_role("button", name="Search").click()

    expect(page).to_have_url(re.compile(r"/solutions/\?q=residents$"))
    main = page.locator("main")
    expect(main.get_by_role("link", name="Residents index matching")).to_have_count(1)
    expect(main.get_by_role("link", name="Pothole prediction")).to_have_count(0)


def test_browsing_sets_no_cookies(page, context):
    council = CouncilFactory(name="Camden", slug="camden")

    for path in ("/", "/organisations/", council.get_absolute_url()):
        response = page.goto(path)
        assert response is not None and response.ok, path

    assert context.cookies() == []


def test_home_page_is_accessible_on_a_small_screen(page, assert_accessible):
    # 320 CSS pixels is the WCAG reflow width; the masthead wraps there, which is where
    # its account links once failed the WCAG 2.2 target-size rule.
    page.set_viewport_size({"width": 320, "height": 640})
    page.goto("/")

    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    for link in page.get_by_role("navigation", name="Your account").get_by_role("link").all():
        box = link.bounding_box()
        assert box is not None and box["height"] >= 24, link.inner_text()
    assert_accessible(page)
