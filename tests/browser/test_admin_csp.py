"""The Wagtail admin and Swagger UI working under the Content-Security-Policy.

The browser fixtures fail any test whose pages report a CSP violation, so each test here
passes only if every page it opens ran without one.
"""

import re

from playwright.sync_api import expect

from hub.factories import CouncilFactory, UserFactory
from listings.factories import AdoptionFactory, SavingsEvidenceFactory, SolutionPageFactory
from tests.browser.helpers import admin_sign_in


def an_editor():
    return UserFactory(email="editor@example.org", is_staff=True, is_superuser=True)


def test_the_fixtures_catch_a_csp_violation(page, csp_violations):
    """The guard the other browser tests rely on: an inline script without the nonce."""
    page.goto("/accessibility/")
    page.evaluate(
        """() => {
            const script = document.createElement("script");
            script.textContent = "window.ranInline = true";
            document.body.append(script);
        }"""
    )
    page.evaluate("() => new Promise((resolve) => setTimeout(resolve, 0))")

    assert page.evaluate("() => window.ranInline === undefined")
    assert any("script-src" in violation for violation in csp_violations), csp_violations
    csp_violations.clear()  # seen and expected: the fixture's teardown must not fail on it


def test_dashboard_and_page_editor_with_its_preview(page):
    an_editor()
    solution = SolutionPageFactory(title="Resident index")

    admin_sign_in(page, "editor@example.org")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Council Solutions Hub")

    page.goto(f"/admin/pages/{solution.pk}/edit/")
    expect(page.locator(".Draftail-Editor").first).to_be_visible()
    # The schedule publishing dialog's date choosers start from scripts the page inserts.
    page.locator('[data-side-panel-toggle="preview"]').click()
    preview = page.frame_locator("#w-preview-iframe")
    expect(preview.get_by_role("heading", level=1)).to_have_text("Resident index")


def test_snippet_editor_adds_an_inline_evidence_form(page):
    an_editor()
    adoption = AdoptionFactory(
        solution=SolutionPageFactory(title="Resident index"), council=CouncilFactory(camden=True)
    )
    SavingsEvidenceFactory(adoption=adoption)

    admin_sign_in(page, "editor@example.org")
    page.goto(f"/admin/snippets/listings/adoption/edit/{adoption.pk}/")
    expect(page.locator("#id_evidence-TOTAL_FORMS")).to_have_value("1")
    page.get_by_role("button", name="Add Evidence").click()

    # InlinePanel's script ran: it added a second form, with its document chooser.
    expect(page.locator("#id_evidence-TOTAL_FORMS")).to_have_value("2")
    expect(page.locator("#id_evidence-1-kind")).to_be_visible()
    expect(page.locator("#id_evidence-1-source_document-chooser")).to_be_attached()


def test_swagger_ui_renders_and_tries_a_request(page):
    CouncilFactory(camden=True)

    page.goto("/api/v1/docs/")
    operation = page.locator(".opblock-summary-path", has_text=re.compile(r"/organisations/$"))
    expect(operation.first).to_be_visible()
    operation.first.click()
    page.get_by_role("button", name="Try it out").click()
    page.get_by_role("button", name="Execute").click()

    status = page.locator(".live-responses-table tbody .response-col_status").first
    expect(status).to_have_text("200")
    expect(page.locator(".live-responses-table")).to_contain_text("Camden")
