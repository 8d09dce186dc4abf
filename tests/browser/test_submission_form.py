"""Submitting a solution through the question pages, in a real browser."""

import re

from playwright.sync_api import expect

from hub.factories import DEFAULT_PASSWORD, MembershipFactory, UserFactory, VendorFactory
from listings.models import SolutionPage, Submission, SubmissionStatus

LONG = "A tool that matches council tax, housing and benefits records to find " * 3


def sign_in_as_member(page, next_url):
    membership = MembershipFactory(
        user=UserFactory(email="member@example.org"),
        organisation=VendorFactory(name="Civic Data Co"),
    )
    page.goto(f"/accounts/login/?next={next_url}")
    page.get_by_label("Email address").fill("member@example.org")
    page.get_by_label("Password", exact=True).fill(DEFAULT_PASSWORD)
    page.locator("main").get_by_role("button", name="Sign in").click()
    return membership


def choose(page, question, answer):
    page.get_by_role("group", name=question).get_by_label(answer, exact=True).check()


def continue_to(page, heading):
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(heading)


def answer_every_question(page):
    page.get_by_label("Name of the solution").fill("Resident Index")
    page.get_by_label("Summary").fill("Matches records across services to find one resident.")
    continue_to(page, "The problem it solves")
    page.get_by_label("What problem does it solve?").fill("Records are scattered.")
    continue_to(page, "Describe the solution")
    page.get_by_label("Describe the solution").fill(LONG)
    page.get_by_label("Main features").fill("Fuzzy matching\nUPRN lookup")
    continue_to(page, "Type, services and maturity")
    choose(page, "What kind of solution is it?", "Data matching / master data")
    choose(page, "How mature is it?", "Beta")
    continue_to(page, "Code and licence")
    choose(page, "Is it open source?", "Yes")
    page.get_by_label("Licence").fill("MIT")
    continue_to(page, "About the software")
    continue_to(page, "Cost and hosting")
    choose(page, "How is it paid for?", "Free")
    choose(page, "How is it hosted?", "Self-hosted")
    continue_to(page, "Data and data protection")
    choose(page, "Does it process personal data?", "Yes")
    choose(page, "Is there a data protection impact assessment (DPIA) template?", "No")
    continue_to(page, "Accessibility and security")
    continue_to(page, "Contact details")
    page.get_by_label("Contact email address").fill("ada@example.org")
    continue_to(page, "Check your answers before sending")


def test_a_member_answers_the_questions_checks_and_sends(page, assert_accessible):
    sign_in_as_member(page, "/submit/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Submit a solution")
    expect(page.get_by_role("link", name="Import from a publiccode.yml instead")).to_be_visible()
    page.get_by_role("button", name="Answer the questions").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("About the solution")

    answer_every_question(page)

    name_row = page.locator(".govuk-summary-list__row", has_text="Name")
    expect(name_row.first.locator(".govuk-summary-list__value")).to_have_text("Resident Index")
    expect(page.locator(".govuk-error-summary")).to_have_count(0)
    assert_accessible(page)
    page.get_by_role("button", name="Send for review").click()

    expect(page.locator(".govuk-panel__title")).to_have_text("Solution sent for review")
    submission = Submission.objects.get()
    assert submission.status == SubmissionStatus.IN_MODERATION
    assert not SolutionPage.objects.get(pk=submission.page_id).live


def test_a_question_page_with_errors_is_accessible_and_links_to_the_fields(page, assert_accessible):
    sign_in_as_member(page, "/submit/")
    page.get_by_role("button", name="Answer the questions").click()

    page.get_by_role("button", name="Continue").click()

    expect(page).to_have_title(re.compile("^Error: About the solution"))
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_be_focused()
    expect(summary.get_by_role("link")).to_have_text(
        ["Enter the name of the solution", "Enter a one-sentence summary"]
    )
    summary.get_by_role("link").first.click()
    expect(page.get_by_label("Name of the solution")).to_be_focused()
    assert_accessible(page)


def test_radio_errors_link_to_the_first_radio(page, assert_accessible):
    membership = sign_in_as_member(page, "/account/")
    submission = Submission.objects.create(
        organisation=membership.organisation, submitted_by=membership.user
    )
    page.goto(f"/submit/{submission.public_id}/classification/")

    page.get_by_role("button", name="Continue").click()

    link = page.locator(".govuk-error-summary").get_by_role(
        "link", name="Select what kind of solution it is"
    )
    link.click()
    expect(page.locator("#id_solution_type_0")).to_be_focused()
    assert_accessible(page)


def test_save_and_come_back_later_shows_your_listings(page, assert_accessible):
    sign_in_as_member(page, "/submit/")
    page.get_by_role("button", name="Answer the questions").click()
    page.get_by_label("Name of the solution").fill("Half-finished tool")

    page.get_by_role("button", name="Save and come back later").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Your listings")
    expect(page.locator(".govuk-notification-banner")).to_contain_text(
        "Your answers have been saved"
    )
    row = page.locator(".govuk-table__row", has_text="Half-finished tool")
    expect(row.locator(".govuk-tag")).to_have_text("Not sent yet")
    assert_accessible(page)
    row.get_by_role("link", name="Continue").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("The problem it solves")


def test_the_check_page_with_missing_answers_is_accessible(page, assert_accessible):
    membership = sign_in_as_member(page, "/account/")
    submission = Submission.objects.create(
        organisation=membership.organisation,
        submitted_by=membership.user,
        answers={"title": "Resident Index"},
    )

    page.goto(f"/submit/{submission.public_id}/check/")

    expect(page).to_have_title(re.compile("^Error: Check your answers"))
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter a one-sentence summary")
    assert_accessible(page)
    page.get_by_role("link", name="Change summary").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("About the solution")
    page.get_by_label("Summary").fill("Finds one resident across services.")
    page.get_by_role("button", name="Continue").click()
    expect(page).to_have_url(re.compile(rf"/submit/{submission.public_id}/check/$"))
