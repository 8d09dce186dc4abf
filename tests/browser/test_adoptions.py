"""Recording, reporting, confirming and attesting in a real browser, checked with axe."""

import re
from urllib.parse import quote

from playwright.sync_api import expect

from hub.factories import DEFAULT_PASSWORD, CouncilFactory, MembershipFactory, UserFactory
from listings.factories import AdoptionFactory, SavingsEvidenceFactory, SolutionPageFactory
from listings.models import AdoptionStatus


def a_solution_reported_for(council):
    solution = SolutionPageFactory(
        title="Resident index",
        long_description=(
            "## How it works\n\nIt matches **records** across services. "
            "<script>alert(1)</script>\n\n- Finds sublets\n- Finds fraud"
        ),
        features=["Matches records", "Exports to CSV"],
        software_type="standalone/web",
        platforms=["web"],
        publiccode_metadata={"dependsOn": {"open": [{"name": "PostgreSQL", "versionMin": "14"}]}},
    )
    adoption = AdoptionFactory(
        solution=solution, council=council, confirmed=False, status=AdoptionStatus.PILOTING
    )
    SavingsEvidenceFactory(adoption=adoption, attested_by_council=False)
    return solution, adoption


def sign_in(page, email, next_url):
    page.goto(f"/accounts/login/?next={quote(next_url)}")
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password", exact=True).fill(DEFAULT_PASSWORD)
    page.locator("main").get_by_role("button", name="Sign in").click()
    expect(page).to_have_url(re.compile(re.escape(next_url) + "$"))


def adopters_row(page, council_name):
    return page.locator("table.hub-adopters tbody tr").filter(has_text=council_name)


def test_anonymous_visitors_see_sign_in_links_and_get_no_cookie(page, context, assert_accessible):
    solution, _adoption = a_solution_reported_for(CouncilFactory(name="Camden"))

    page.goto(solution.url)

    expect(
        page.get_by_role("link", name="Sign in to report a council that uses this")
    ).to_be_visible()
    expect(page.get_by_role("link", name="Sign in to add evidence of savings")).to_be_visible()
    expect(page.get_by_role("button", name=re.compile("^Confirm"))).to_have_count(0)
    expect(page.locator(".hub-markdown h3")).to_have_text("How it works")
    expect(page.locator(".hub-technical-details")).to_contain_text("PostgreSQL")
    assert context.cookies() == []
    assert_accessible(page)


def test_a_member_confirms_and_attests_for_their_council(page, assert_accessible):
    camden = CouncilFactory(name="Camden")
    solution, _adoption = a_solution_reported_for(camden)
    member = MembershipFactory(organisation=camden, user=UserFactory(email="m@camden.example")).user
    sign_in(page, member.email, solution.url)

    expect(page.get_by_role("button", name="Record that your council uses this")).to_be_visible()
    expect(page.get_by_role("button", name="Report a council that uses this")).to_be_visible()
    row = adopters_row(page, "Camden")
    expect(row).to_contain_text("Reported")
    expect(row.get_by_role("button", name=re.compile("^Confirm"))).to_be_visible()
    expect(page.get_by_role("button", name=re.compile("^Attest"))).to_be_visible()
    assert_accessible(page)

    row.get_by_role("button", name=re.compile("^Confirm")).click()

    expect(page.locator(".govuk-notification-banner--success")).to_contain_text(
        "You confirmed that Camden uses Resident index"
    )
    expect(adopters_row(page, "Camden")).to_contain_text("Confirmed by the council")

    page.get_by_role("button", name=re.compile("^Attest")).click()

    expect(page.locator(".hub-evidence-status")).to_have_text(
        re.compile(r"^\s*Attested by the council\s*$")
    )
    assert_accessible(page)


def test_the_report_form_shows_accessible_errors_then_reports(page, assert_accessible):
    CouncilFactory(name="Wigan", slug="wigan", gss_code="E08000010")
    solution, _adoption = a_solution_reported_for(CouncilFactory(name="Camden"))
    sign_in(page, UserFactory().email, solution.url)

    page.get_by_role("button", name="Report a council that uses this").click()
    page.get_by_role("button", name="Report this council").click()

    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text("Choose the council that uses it")
    expect(page).to_have_title(re.compile("^Error: "))
    assert_accessible(page)

    summary.get_by_role("link", name="Choose the council that uses it").click()
    expect(page.get_by_label("Council")).to_be_focused()
    page.get_by_label("Council").select_option(label="Wigan (E08000010)")
    page.get_by_label("Piloting").check()
    page.get_by_role("button", name="Report this council").click()

    expect(page).to_have_url(re.compile(re.escape(solution.url) + "#adopters$"))
    row = adopters_row(page, "Wigan")
    expect(row).to_contain_text("Piloting")
    expect(row).to_contain_text("Reported")


def test_the_evidence_form_shows_accessible_errors(page, assert_accessible):
    solution, adoption = a_solution_reported_for(CouncilFactory(name="Camden"))
    sign_in(page, UserFactory().email, solution.url)

    adopters_row(page, "Camden").get_by_role("link", name=re.compile("^Add evidence")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Add evidence of savings from Camden")
    page.get_by_role("radio", name="Staff hours released").check()
    page.get_by_label("Amount in pounds").fill("£1,000")
    page.get_by_role("button", name="Report this evidence").click()

    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text("Staff hours are recorded in hours, not pounds.")
    expect(summary).to_contain_text("Enter the first year the saving covers")
    assert_accessible(page)
    assert adoption.evidence.count() == 1  # only the one it started with
