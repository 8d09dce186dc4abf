"""Wagtail's membership admin decides requests only through hub.services.membership_decide."""

from django.contrib.auth.models import Permission

import pytest

from hub.factories import MembershipFactory, UserFactory, VendorFactory
from hub.models import Membership, MembershipRole, MembershipStatus

pytestmark = pytest.mark.django_db


def edit_url(membership):
    return f"/admin/memberships/edit/{membership.pk}/"


@pytest.fixture
def pending(council):
    return MembershipFactory(
        organisation=council,
        user=UserFactory(email="asker@example.org"),
        status=MembershipStatus.PENDING,
    )


@pytest.fixture
def moderator_client(client, moderator):
    client.force_login(moderator)
    return client


def test_the_edit_form_offers_a_decision_and_never_the_status(moderator_client, pending):
    response = moderator_client.get(edit_url(pending))
    assert response.status_code == 200
    fields = response.context["form"].fields
    assert set(fields) == {"decision", "role"}


def test_a_moderator_approves_with_a_role(moderator_client, moderator, pending):
    response = moderator_client.post(
        edit_url(pending), {"decision": "approve", "role": MembershipRole.PROCUREMENT_LEAD}
    )
    assert response.status_code == 302
    pending.refresh_from_db()
    assert pending.status == MembershipStatus.APPROVED
    assert pending.role == MembershipRole.PROCUREMENT_LEAD
    assert pending.decided_by == moderator
    assert pending.decided_at is not None


def test_a_moderator_rejects_and_the_role_stays_member(moderator_client, moderator, pending):
    moderator_client.post(edit_url(pending), {"decision": "reject", "role": MembershipRole.ADMIN})
    pending.refresh_from_db()
    assert pending.status == MembershipStatus.REJECTED
    assert pending.role == MembershipRole.MEMBER
    assert pending.decided_by == moderator


def test_a_decided_membership_cannot_be_changed(moderator_client, council):
    approved = MembershipFactory(organisation=council, role=MembershipRole.MEMBER)
    response = moderator_client.post(
        edit_url(approved), {"decision": "approve", "role": MembershipRole.ADMIN}
    )
    assert response.status_code == 200
    assert "already been decided" in response.text
    approved.refresh_from_db()
    assert approved.role == MembershipRole.MEMBER


def test_posting_a_status_or_role_directly_changes_nothing(moderator_client, pending):
    moderator_client.post(
        edit_url(pending),
        {"status": MembershipStatus.APPROVED, "role": MembershipRole.ADMIN},
    )
    pending.refresh_from_db()
    assert pending.status == MembershipStatus.PENDING
    assert pending.decided_by is None


def test_staff_allowed_in_the_admin_but_not_the_organisations_admin_cannot_decide(client, pending):
    staff = UserFactory(email="staff@example.org")
    staff.user_permissions.add(
        Permission.objects.get(codename="access_admin"),
        Permission.objects.get(codename="change_membership"),
    )
    client.force_login(staff)
    response = client.post(edit_url(pending), {"decision": "approve", "role": "admin"})
    assert response.status_code == 200
    assert "Only this organisation" in response.text
    pending.refresh_from_db()
    assert pending.status == MembershipStatus.PENDING


def test_adding_a_membership_starts_a_pending_request(moderator_client):
    person, vendor = UserFactory(email="new@example.org"), VendorFactory(name="Acme Data Ltd")
    response = moderator_client.post(
        "/admin/memberships/new/",
        {"user": person.pk, "organisation": vendor.pk, "status": "approved", "role": "admin"},
    )
    assert response.status_code == 302
    membership = Membership.objects.get(user=person, organisation=vendor)
    assert membership.status == MembershipStatus.PENDING
    assert membership.role == MembershipRole.MEMBER
