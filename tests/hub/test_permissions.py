"""hub.permissions: one test per predicate."""

from django.contrib.auth.models import AnonymousUser

import pytest

from hub.factories import CouncilFactory, MembershipFactory, UserFactory
from hub.models import MembershipRole, MembershipStatus
from hub.permissions import user_can_manage_members, user_is_approved_member

pytestmark = pytest.mark.django_db


def test_user_is_approved_member():
    council = CouncilFactory()
    member = MembershipFactory(organisation=council).user
    pending = MembershipFactory(organisation=council, status=MembershipStatus.PENDING).user
    admin = MembershipFactory(organisation=council, role=MembershipRole.ADMIN).user

    assert user_is_approved_member(user=member, organisation=council)
    assert not user_is_approved_member(user=pending, organisation=council)
    assert not user_is_approved_member(user=UserFactory(), organisation=council)
    assert not user_is_approved_member(user=AnonymousUser(), organisation=council)
    assert not user_is_approved_member(user=member, organisation=None)
    assert user_is_approved_member(user=admin, organisation=council, role=MembershipRole.ADMIN)
    assert not user_is_approved_member(user=member, organisation=council, role=MembershipRole.ADMIN)


def test_user_can_manage_members(moderator):
    council = CouncilFactory()
    admin = MembershipFactory(organisation=council, role=MembershipRole.ADMIN).user
    member = MembershipFactory(organisation=council).user

    assert user_can_manage_members(user=admin, organisation=council)
    assert user_can_manage_members(user=moderator, organisation=council)
    assert not user_can_manage_members(user=member, organisation=council)
    assert not user_can_manage_members(user=AnonymousUser(), organisation=council)
