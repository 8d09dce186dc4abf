"""Error pages render inside the shell and are accessible."""

from playwright.sync_api import expect


def test_not_found_page(page, assert_accessible):
    response = page.goto("/no-such-page/")

    assert response is not None and response.status == 404
    expect(page.get_by_role("heading", level=1)).to_have_text("Page not found")
    expect(page).to_have_title("Page not found \N{EN DASH} Council Solutions Hub")
    assert_accessible(page)
