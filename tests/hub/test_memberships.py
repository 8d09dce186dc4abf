from django.contrib.auth.models import AnonymousUser, Group
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError
from django.utils import timezone

import pytest

from hub.factories import CouncilFactory, MembershipFactory, UserFactory, VendorFactory
from hub.models import Membership, MembershipRole, MembershipStatus
from hub.services import (
    membership_decide,
    membership_request,
    organisation_create,
    user_can_manage_members,
)

pytestmark = pytest.mark.django_db


def make_moderator():
    moderator = UserFactory()
    moderator.groups.add(Group.objects.get(name="Moderators"))
    return moderator


def test_request_to_join_starts_pending_as_member(user, council):
    membership = membership_request(user=user, organisation=council)
    assert membership.status == MembershipStatus.PENDING
    assert membership.role == MembershipRole.MEMBER


def test_asking_twice_keeps_one_request(user, council):
    first = membership_request(user=user, organisation=council)
    second = membership_request(user=user, organisation=council)
    assert first.pk == second.pk
    assert Membership.objects.filter(user=user, organisation=council).count() == 1


def test_database_refuses_a_second_membership_for_the_same_pair(user, council):
    MembershipFactory(user=user, organisation=council)
    with pytest.raises(IntegrityError):
        Membership.objects.create(user=user, organisation=council)


def test_council_admin_approves_with_a_role(user, council):
    admin = MembershipFactory(organisation=council, role=MembershipRole.ADMIN).user
    membership = membership_request(user=user, organisation=council)
    decided = membership_decide(
        membership=membership, decided_by=admin, approve=True, role=MembershipRole.PROCUREMENT_LEAD
    )
    assert decided.status == MembershipStatus.APPROVED
    assert decided.role == MembershipRole.PROCUREMENT_LEAD
    assert decided.decided_by == admin
    assert decided.decided_at is not None


def test_moderator_can_approve_a_council_membership(user, council):
    membership = membership_request(user=user, organisation=council)
    decided = membership_decide(membership=membership, decided_by=make_moderator(), approve=True)
    assert decided.status == MembershipStatus.APPROVED


def test_plain_member_cannot_approve(user, council):
    member = MembershipFactory(organisation=council, role=MembershipRole.MEMBER).user
    membership = membership_request(user=user, organisation=council)
    with pytest.raises(PermissionDenied):
        membership_decide(membership=membership, decided_by=member, approve=True)
    membership.refresh_from_db()
    assert membership.status == MembershipStatus.PENDING


def test_admin_of_another_council_cannot_approve(user, council):
    other_admin = MembershipFactory(organisation=CouncilFactory(), role=MembershipRole.ADMIN).user
    membership = membership_request(user=user, organisation=council)
    with pytest.raises(PermissionDenied):
        membership_decide(membership=membership, decided_by=other_admin, approve=True)


def test_pending_admin_cannot_approve(user, council):
    pending_admin = MembershipFactory(
        organisation=council, role=MembershipRole.ADMIN, status=MembershipStatus.PENDING
    ).user
    membership = membership_request(user=user, organisation=council)
    with pytest.raises(PermissionDenied):
        membership_decide(membership=membership, decided_by=pending_admin, approve=True)


def test_user_cannot_approve_their_own_request(user, council):
    membership = membership_request(user=user, organisation=council)
    with pytest.raises(PermissionDenied):
        membership_decide(membership=membership, decided_by=user, approve=True, role="admin")


def test_rejected_request_can_be_made_again(user, council):
    membership = membership_request(user=user, organisation=council)
    membership_decide(membership=membership, decided_by=make_moderator(), approve=False)
    again = membership_request(user=user, organisation=council)
    assert again.status == MembershipStatus.PENDING
    assert again.decided_by is None


def test_a_request_after_rejection_is_saved_pending_as_a_plain_member(user, council):
    rejected = MembershipFactory(
        user=user,
        organisation=council,
        status=MembershipStatus.REJECTED,
        role=MembershipRole.ADMIN,
        decided_by=make_moderator(),
        decided_at=timezone.now(),
    )

    membership_request(user=user, organisation=council)

    rejected.refresh_from_db()
    assert (rejected.status, rejected.role, rejected.decided_by, rejected.decided_at) == (
        MembershipStatus.PENDING,
        MembershipRole.MEMBER,
        None,
        None,
    )


def test_anonymous_visitors_cannot_manage_members(council):
    assert user_can_manage_members(user=AnonymousUser(), organisation=council) is False


def test_who_can_manage_members(user, council):
    admin = MembershipFactory(organisation=council, role=MembershipRole.ADMIN).user
    member = MembershipFactory(organisation=council, role=MembershipRole.MEMBER).user
    pending_admin = MembershipFactory(
        organisation=council, role=MembershipRole.ADMIN, status=MembershipStatus.PENDING
    ).user

    assert user_can_manage_members(user=admin, organisation=council) is True
    assert user_can_manage_members(user=make_moderator(), organisation=council) is True
    assert user_can_manage_members(user=member, organisation=council) is False
    assert user_can_manage_members(user=pending_admin, organisation=council) is False
    assert user_can_manage_members(user=user, organisation=council) is False
    assert user_can_manage_members(user=admin, organisation=VendorFactory()) is False


def test_unknown_role_is_refused(user, council):
    membership = membership_request(user=user, organisation=council)
    with pytest.raises(ValidationError):
        membership_decide(
            membership=membership, decided_by=make_moderator(), approve=True, role="king"
        )


def test_creating_a_vendor_makes_its_creator_the_admin(user):
    vendor = organisation_create(name="Roundwise GIS", kind="vendor", created_by=user)
    membership = Membership.objects.get(user=user, organisation=vendor)
    assert membership.role == MembershipRole.ADMIN
    assert membership.status == MembershipStatus.APPROVED


def test_councils_cannot_be_created_by_hand(user):
    with pytest.raises(ValidationError):
        organisation_create(name="Made-up Council", kind="council", created_by=user)


def test_vendor_slugs_never_clash(user, council):
    vendor = organisation_create(name="Camden", kind="vendor")
    assert vendor.slug == "camden-2"


def test_several_clashes_in_a_row_each_get_the_next_free_slug(council):
    slugs = [organisation_create(name="Camden", kind="vendor").slug for _ in range(3)]

    assert slugs == ["camden-2", "camden-3", "camden-4"]


def test_a_name_with_no_letters_still_gets_a_slug_and_clashes_are_numbered():
    first = organisation_create(name="!!!", kind="vendor")
    second = organisation_create(name="???", kind="public_body")

    assert (first.slug, second.slug) == ("organisation", "organisation-2")


def test_a_decided_request_cannot_be_decided_again(user, council):
    membership = membership_request(user=user, organisation=council)
    moderator = make_moderator()
    membership_decide(membership=membership, decided_by=moderator, approve=True, role="admin")
    with pytest.raises(ValidationError):
        membership_decide(membership=membership, decided_by=moderator, approve=False)
    membership.refresh_from_db()
    assert (membership.status, membership.role) == ("approved", "admin")
