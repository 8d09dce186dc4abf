"""A moderator verifies savings evidence in Wagtail's Adoption editor; the catalogue shows it."""

import re
from decimal import Decimal

from django.contrib.auth.models import Group

from playwright.sync_api import expect

from hub.factories import CouncilFactory, UserFactory
from listings.factories import AdoptionFactory, SavingsEvidenceFactory, SolutionPageFactory
from listings.models import SolutionPage
from tests.browser.helpers import admin_sign_in


def test_a_moderator_verifies_and_corrects_evidence_and_the_figures_follow(page):
    moderator = UserFactory(email="moderator@example.org")
    moderator.groups.add(Group.objects.get(name="Moderators"))
    solution = SolutionPageFactory(title="Resident index")
    adoption = AdoptionFactory(solution=solution, council=CouncilFactory(camden=True))
    evidence = SavingsEvidenceFactory(adoption=adoption, amount_gbp=Decimal("10000.00"))

    admin_sign_in(page, "moderator@example.org")
    page.goto("/admin/snippets/listings/adoption/")
    page.locator("table").get_by_role("link", name="Camden", exact=True).click()
    expect(page).to_have_url(re.compile(rf"/adoption/edit/{adoption.pk}/$"))
    page.locator("#id_evidence-0-amount_gbp").fill("12500.00")
    page.locator("#id_evidence-0-verified_by_moderator").check()
    page.get_by_role("button", name="Save").click()
    expect(page.locator(".messages")).to_contain_text("updated")

    evidence.refresh_from_db()
    assert evidence.verified_by == moderator
    solution = SolutionPage.objects.get(pk=solution.pk)
    assert solution.has_verified_savings
    assert solution.annual_savings_gbp == Decimal("12500.00")

    page.goto("/solutions/")
    card = page.locator(".hub-result-list__item", has_text="Resident index")
    expect(card).to_contain_text("£12,500.00 a year")
    expect(card.locator(".govuk-tag", has_text="Verified")).to_be_visible()
    page.goto(solution.url)
    savings_row = page.locator("table.hub-savings-table tbody tr", has_text="Camden")
    expect(savings_row).to_contain_text("£12,500.00")
    expect(savings_row).to_contain_text("Verified by a moderator")
