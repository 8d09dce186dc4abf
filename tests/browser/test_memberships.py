"""Joining an organisation: asked for on its page, decided by its admin or in Wagtail."""

import re

from django.contrib.auth.models import Group

from playwright.sync_api import expect

from hub.factories import CouncilFactory, MembershipFactory, UserFactory
from hub.models import Membership, MembershipRole, MembershipStatus
from tests.browser.helpers import admin_sign_in, site_sign_in

CAMDEN = "/organisations/camden/"


def test_a_person_asks_to_join_and_the_councils_admin_approves(new_context, assert_accessible):
    camden = CouncilFactory(camden=True)
    MembershipFactory(
        organisation=camden, user=UserFactory(email="admin@camden.example"), role="admin"
    )
    UserFactory(email="newcomer@example.org")

    newcomer = new_context().new_page()
    site_sign_in(newcomer, "newcomer@example.org", CAMDEN)
    newcomer.get_by_role("button", name="Ask to join Camden").click()
    expect(newcomer.locator("main")).to_contain_text("Your membership: Waiting for approval")

    admin = new_context().new_page()
    site_sign_in(admin, "admin@camden.example", CAMDEN)
    request_row = admin.locator("table tbody tr", has_text="newcomer@example.org")
    expect(request_row).to_have_count(1)
    assert_accessible(admin)
    request_row.get_by_label("Role for newcomer@example.org").select_option("Procurement lead")
    request_row.get_by_role("button", name="Approve newcomer@example.org").click()
    expect(admin.get_by_role("alert")).to_contain_text(
        "You approved newcomer@example.org's request to join."
    )
    expect(admin.locator("main")).to_contain_text("No one is waiting to join.")

    newcomer.reload()
    expect(newcomer.locator("main")).to_contain_text(
        "Your membership: Approved as procurement lead"
    )
    membership = Membership.objects.get(user__email="newcomer@example.org")
    assert membership.status == MembershipStatus.APPROVED
    assert membership.role == MembershipRole.PROCUREMENT_LEAD
    assert membership.decided_by.email == "admin@camden.example"


def test_a_moderator_decides_a_request_in_wagtails_membership_admin(page):
    moderator = UserFactory(email="moderator@example.org")
    moderator.groups.add(Group.objects.get(name="Moderators"))
    pending = MembershipFactory(
        organisation=CouncilFactory(camden=True),
        user=UserFactory(email="newcomer@example.org"),
        status=MembershipStatus.PENDING,
    )

    admin_sign_in(page, "moderator@example.org")
    page.goto("/admin/memberships/")
    page.get_by_role("link", name="newcomer@example.org").click()
    expect(page).to_have_url(re.compile(rf"/admin/memberships/edit/{pending.pk}/$"))
    # No form field sets the status directly (Wagtail's own status side panel is not one).
    expect(page.locator("form [name=status]")).to_have_count(0)
    expect(page.get_by_role("combobox", name="Status", exact=True)).to_have_count(0)
    page.get_by_role("radio", name="Approve").check()
    page.get_by_role("combobox", name="Role if approved").select_option("Admin")
    page.get_by_role("button", name="Save").click()

    expect(page.locator(".messages")).to_contain_text("updated")
    pending.refresh_from_db()
    assert (pending.status, pending.role) == (MembershipStatus.APPROVED, MembershipRole.ADMIN)
    assert pending.decided_by == moderator
