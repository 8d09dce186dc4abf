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


# What mutation testing (make mutation) showed was not checked ----------------------------


def test_a_request_to_join_another_organisation_is_a_new_request(user, council):
    vendor = VendorFactory()
    MembershipFactory(user=user, organisation=vendor)

    membership = membership_request(user=user, organisation=council)

    assert (membership.organisation, membership.status) == (council, MembershipStatus.PENDING)
    assert Membership.objects.filter(user=user).count() == 2


def test_a_request_that_loses_a_race_returns_the_row_the_other_request_saved(
    user, council, monkeypatch
):
    """Two requests at once: both find no row, one creates it, the other's create fails on
    the unique pair and it returns that row (neither a 500 nor someone else's)."""
    saved = MembershipFactory(user=user, organisation=council, status=MembershipStatus.PENDING)
    MembershipFactory(organisation=council)  # another member of the same council
    MembershipFactory(user=user, organisation=VendorFactory())  # the user elsewhere
    monkeypatch.setattr(Membership.objects, "select_for_update", Membership.objects.none)

    membership = membership_request(user=user, organisation=council)

    assert membership.pk == saved.pk
    assert Membership.objects.filter(user=user, organisation=council).count() == 1


def test_only_an_admin_or_a_moderator_may_decide_and_is_told_so(user, council):
    membership = membership_request(user=user, organisation=council)

    with pytest.raises(PermissionDenied) as refused:
        membership_decide(membership=membership, decided_by=UserFactory(), approve=True)

    assert str(refused.value) == "Only this organisation's admins or a moderator can decide."


def test_an_unknown_role_is_refused_on_the_role_field(user, council):
    membership = membership_request(user=user, organisation=council)

    with pytest.raises(ValidationError) as refused:
        membership_decide(
            membership=membership, decided_by=make_moderator(), approve=True, role="king"
        )

    assert refused.value.message_dict == {"role": ["Choose member, procurement lead or admin."]}
    membership.refresh_from_db()
    assert membership.status == MembershipStatus.PENDING


def test_deciding_a_decided_request_says_it_was_decided(user, council):
    membership = membership_request(user=user, organisation=council)
    moderator = make_moderator()
    membership_decide(membership=membership, decided_by=moderator, approve=False)

    with pytest.raises(ValidationError) as refused:
        membership_decide(membership=membership, decided_by=moderator, approve=True)

    assert refused.value.messages == ["This request has already been decided."]


def test_an_approval_is_saved_with_its_role_decider_and_time(user, council):
    moderator = make_moderator()
    membership = membership_request(user=user, organisation=council)
    before = timezone.now()

    membership_decide(membership=membership, decided_by=moderator, approve=True, role="admin")

    membership.refresh_from_db()
    assert (membership.status, membership.role, membership.decided_by) == (
        MembershipStatus.APPROVED,
        MembershipRole.ADMIN,
        moderator,
    )
    assert before <= membership.decided_at <= timezone.now()


def test_a_rejection_is_saved_as_a_plain_member_whatever_role_was_asked(user, council):
    moderator = make_moderator()
    membership = membership_request(user=user, organisation=council)

    membership_decide(membership=membership, decided_by=moderator, approve=False, role="admin")

    membership.refresh_from_db()
    assert (membership.status, membership.role, membership.decided_by) == (
        MembershipStatus.REJECTED,
        MembershipRole.MEMBER,
        moderator,
    )
    assert membership.decided_at is not None


def test_a_council_created_by_hand_is_refused_on_the_kind_field(user):
    with pytest.raises(ValidationError) as refused:
        organisation_create(name="Made-up Council", kind="council", created_by=user)

    assert refused.value.message_dict == {
        "kind": ["Councils come from the UK local authority list."]
    }
    assert not Membership.objects.filter(user=user).exists()


def test_an_organisation_is_saved_with_its_website_and_description():
    vendor = organisation_create(
        name="  Roundwise GIS ",
        kind="vendor",
        website="https://roundwise.example.org",
        description="Bulky waste rounds.",
    )

    vendor.refresh_from_db()
    assert (vendor.name, vendor.website, vendor.description) == (
        "Roundwise GIS",
        "https://roundwise.example.org",
        "Bulky waste rounds.",
    )


def test_an_organisation_without_website_or_description_has_them_empty():
    vendor = organisation_create(name="Roundwise GIS", kind="vendor")

    vendor.refresh_from_db()
    assert (vendor.website, vendor.description) == ("", "")


def test_the_creators_admin_membership_is_decided_when_it_is_made(user):
    before = timezone.now()

    vendor = organisation_create(name="Roundwise GIS", kind="vendor", created_by=user)

    membership = Membership.objects.get(user=user, organisation=vendor)
    assert before <= membership.decided_at <= timezone.now()


def test_a_long_name_gets_a_slug_of_at_most_100_characters():
    vendor = organisation_create(name="a" * 150, kind="vendor")
    clash = organisation_create(name="a" * 150, kind="vendor")

    assert (vendor.slug, clash.slug) == ("a" * 100, "a" * 100 + "-2")
