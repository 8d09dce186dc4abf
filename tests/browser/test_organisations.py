"""Browsing organisations: the filter panel, detail pages and pagination."""

import re

from playwright.sync_api import expect

from hub.factories import CouncilFactory, VendorFactory


def result_names(page):
    return page.locator(".hub-result-list__item h2").all_inner_texts()


def test_organisation_list_is_accessible(page, assert_accessible):
    CouncilFactory(name="Camden", slug="camden")
    CouncilFactory(name="Old Borough", slug="old-borough", is_current=False)
    VendorFactory(name="Acme Data Ltd")

    page.goto("/organisations/?former=on")

    expect(page.get_by_role("heading", level=1)).to_have_text("Organisations")
    expect(page.locator(".hub-result-list__item")).to_have_count(3)
    assert_accessible(page)


def test_filtering_by_nation_shows_only_that_nation(page):
    CouncilFactory(name="Camden", nation="England")
    CouncilFactory(name="Leeds", nation="England")
    CouncilFactory(name="Cardiff", nation="Wales")
    CouncilFactory(name="Swansea", nation="Wales")
    CouncilFactory(name="Glasgow City", nation="Scotland")

    page.goto("/organisations/")
    expect(page.locator(".hub-result-list__item")).to_have_count(5)
    page.get_by_label("Nation").select_option("Wales")
    page.get_by_role("button", name="Apply filters").click()

    expect(page).to_have_url(re.compile(r"[?&]nation=Wales(&|$)"))
    expect(page.locator(".hub-result-list__item")).to_have_count(2)
    assert result_names(page) == ["Cardiff", "Swansea"]
    expect(page.get_by_role("status")).to_have_text("2 organisations")
    expect(page.get_by_label("Nation")).to_have_value("Wales")


def test_organisation_detail_shows_codes(page, assert_accessible):
    CouncilFactory(camden=True)

    page.goto("/organisations/")
    page.get_by_role("link", name="Camden", exact=True).click()

    expect(page).to_have_url(re.compile(r"/organisations/camden/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Camden")
    gss_row = page.locator(".govuk-summary-list__row", has_text="GSS code")
    expect(gss_row.locator("dd")).to_have_text("E09000007")
    expect(page.get_by_role("navigation", name="Breadcrumb")).to_contain_text("Organisations")
    assert_accessible(page)


def test_pagination_moves_to_the_second_page(page, assert_accessible):
    CouncilFactory.create_batch(55)

    page.goto("/organisations/")
    expect(page.locator(".hub-result-list__item")).to_have_count(50)
    pagination = page.get_by_role("navigation", name="Pagination")
    expect(pagination.get_by_role("link", name="Page 1")).to_have_attribute("aria-current", "page")
    pagination.get_by_role("link", name="Next page").click()

    expect(page).to_have_url(re.compile(r"[?&]page=2$"))
    expect(page.locator(".hub-result-list__item")).to_have_count(5)
    expect(page).to_have_title(re.compile(r"^Organisations \(page 2 of 2\)"))
    expect(pagination.get_by_role("link", name="Page 2")).to_have_attribute("aria-current", "page")
    expect(pagination.get_by_role("link", name="Previous page")).to_be_visible()
    assert_accessible(page)
