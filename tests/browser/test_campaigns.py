"""Co-funding in a real browser: the list, a campaign, pledging and amending, an error summary."""

import re
from decimal import Decimal

from playwright.sync_api import expect

from hub.factories import (
    DEFAULT_PASSWORD,
    CouncilFactory,
    MembershipFactory,
    UserFactory,
    VendorFactory,
)
from hub.models import MembershipRole
from pledges.factories import CampaignFactory, PledgeFactory
from pledges.models import LedgerEntry, Pledge


def a_campaign():
    funder = VendorFactory(name="Greater London Authority", kind="public_body")
    campaign = CampaignFactory(
        title="Shared residents index",
        target_gbp=Decimal("100000"),
        min_councils=3,
        match_funder=funder,
        match_cap_gbp=Decimal("30000"),
    )
    PledgeFactory(
        campaign=campaign, council=CouncilFactory(name="Brent"), amount_gbp=Decimal("40000")
    )
    return campaign


def sign_in_as_procurement_lead(page, next_url):
    MembershipFactory(
        user=UserFactory(email="lead@example.org"),
        organisation=CouncilFactory(camden=True),
        role=MembershipRole.PROCUREMENT_LEAD,
    )
    page.goto(f"/accounts/login/?next={next_url}")
    page.get_by_label("Email address").fill("lead@example.org")
    page.get_by_label("Password", exact=True).fill(DEFAULT_PASSWORD)
    page.locator("main").get_by_role("button", name="Sign in").click()


def test_the_campaign_list_is_accessible(page, assert_accessible):
    a_campaign()

    page.goto("/campaigns/")

    expect(page.get_by_role("heading", level=1)).to_have_text("Co-funding campaigns")
    expect(page.get_by_role("link", name="Shared residents index")).to_be_visible()
    expect(page.get_by_label("Money pledged by councils")).to_have_attribute("value", "40")
    assert_accessible(page)


def test_a_campaign_page_shows_progress_and_is_accessible(page, assert_accessible):
    campaign = a_campaign()

    page.goto(campaign.get_absolute_url())

    expect(page.get_by_role("heading", level=1)).to_have_text("Shared residents index")
    expect(page.get_by_label("Money pledged by councils")).to_have_attribute("value", "40")
    expect(page.get_by_label("Councils pledging")).to_have_attribute("value", "33")
    table = page.get_by_role("table", name="Targets and what has been pledged")
    expect(table.get_by_role("row", name=re.compile("Money from councils"))).to_contain_text(
        "£40,000.00"
    )
    expect(page.get_by_text("Greater London Authority matches councils")).to_be_visible()
    assert_accessible(page)


def answer_amount_and_terms(page, amount, *, sign_off="Yes, the budget holder has approved it"):
    page.get_by_label("How much money will your council pledge?").fill(amount)
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Conditions and sign-off")
    page.get_by_role("group", name="Has the budget holder approved this pledge?").get_by_label(
        sign_off
    ).check()
    page.get_by_role("button", name="Continue").click()


def test_a_procurement_lead_pledges_then_amends(page, assert_accessible):
    campaign = a_campaign()
    sign_in_as_procurement_lead(page, campaign.get_absolute_url())

    page.get_by_role("link", name="Pledge for Camden").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("How much will your council pledge?")
    assert_accessible(page)
    answer_amount_and_terms(page, "25000")
    expect(page.get_by_role("heading", level=1)).to_have_text("Check your answers before pledging")
    expect(page.locator(".govuk-summary-list")).to_contain_text("£25,000.00")
    assert_accessible(page)
    page.get_by_role("button", name="Confirm the pledge").click()
    expect(page.locator(".govuk-panel__title")).to_have_text("Pledge recorded")
    assert Pledge.objects.get(council__slug="camden").amount_gbp == Decimal("25000")

    page.goto(campaign.get_absolute_url())
    expect(page.get_by_text("Camden has pledged £25,000.00.")).to_be_visible()
    page.get_by_role("link", name="Change Camden's pledge").click()
    expect(page.get_by_label("How much money will your council pledge?")).to_have_value("25000.00")
    answer_amount_and_terms(page, "30000")
    expect(page.get_by_role("heading", level=1)).to_have_text("Why are you changing your pledge?")
    page.get_by_label("Why are you changing your pledge?").fill("The budget holder agreed more")
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Check your answers before changing the pledge"
    )
    assert_accessible(page)
    page.get_by_role("button", name="Confirm the change").click()

    expect(page.locator(".govuk-panel__body")).to_contain_text("£30,000.00")
    entry = LedgerEntry.objects.filter(council__slug="camden").order_by("pk").last()
    assert (entry.kind, entry.amount_before, entry.amount_after) == (
        "amended",
        Decimal("25000"),
        Decimal("30000"),
    )


def test_a_bad_amount_shows_an_accessible_error_summary(page, assert_accessible):
    campaign = a_campaign()
    sign_in_as_procurement_lead(page, f"/campaigns/{campaign.slug}/pledge/camden/amount/")
    expect(page.get_by_role("heading", level=1)).to_have_text("How much will your council pledge?")

    page.get_by_label("How much money will your council pledge?").fill("12.345")
    page.get_by_role("button", name="Continue").click()

    expect(page).to_have_title(re.compile("^Error: How much will your council pledge?"))
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_be_focused()
    link = summary.get_by_role("link", name="Enter the amount in pounds and pence, like 1250.50.")
    link.click()
    expect(page.get_by_label("How much money will your council pledge?")).to_be_focused()
    assert_accessible(page)
    assert not Pledge.objects.filter(council__slug="camden").exists()


def test_the_propose_pages_and_the_leads_page_are_accessible(page, assert_accessible):
    sign_in_as_procurement_lead(page, "/campaigns/propose/")
    expect(page.get_by_role("heading", level=1)).to_have_text("About the campaign")
    assert_accessible(page)
    page.get_by_role("button", name="Continue").click()
    expect(page.locator(".govuk-error-summary")).to_be_focused()
    assert_accessible(page)

    lead = UserFactory(email="lead@example.org")
    campaign = CampaignFactory(lead_council=CouncilFactory(camden=True), lead_user=lead)
    page.goto(f"{campaign.get_absolute_url()}manage/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Run the campaign")
    assert_accessible(page)
