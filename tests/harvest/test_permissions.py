"""harvest.permissions: one test per predicate, and the admin's permission policy."""

from types import SimpleNamespace

from django.contrib.auth.models import AnonymousUser, Group

import pytest

from harvest.models import HarvestSource
from harvest.permissions import (
    HarvestModeratorsPolicy,
    user_can_manage_harvest,
    user_can_view_repository_status,
)
from hub.factories import CouncilFactory, UserFactory

pytestmark = pytest.mark.django_db


def policy() -> HarvestModeratorsPolicy:
    return HarvestModeratorsPolicy(HarvestSource)


def test_anyone_may_view_a_repository_status_page(user):
    council = CouncilFactory()

    assert user_can_view_repository_status(user=AnonymousUser(), organisation=council) is True
    assert user_can_view_repository_status(user=user, organisation=council) is True


def test_only_moderators_manage_the_harvest(moderator, user):
    superuser = UserFactory(is_superuser=True)

    assert user_can_manage_harvest(user=moderator) is True
    assert user_can_manage_harvest(user=superuser) is True
    assert user_can_manage_harvest(user=user) is False
    assert user_can_manage_harvest(user=AnonymousUser()) is False


def test_what_is_not_a_signed_in_moderator_never_manages_the_harvest():
    """No user at all, a signed-out object that claims to moderate, or a signed-in user
    object with no moderator flag (another authentication backend's)."""
    assert user_can_manage_harvest(user=None) is False
    assert user_can_manage_harvest(user=SimpleNamespace(is_moderator=True)) is False
    assert user_can_manage_harvest(user=SimpleNamespace(is_authenticated=True)) is False


def test_a_moderator_may_do_anything_to_a_source_but_delete_it(moderator):
    for action in ("add", "change", "view"):
        assert policy().user_has_permission(moderator, action) is True
    assert policy().user_has_permission(moderator, "delete") is False


def test_a_user_who_is_not_a_moderator_may_do_nothing_to_a_source(user):
    for action in ("add", "change", "view", "delete"):
        assert policy().user_has_permission(user, action) is False


def test_any_permission_needs_one_action_other_than_delete(moderator, user):
    assert policy().user_has_any_permission(moderator, ["delete", "change"]) is True
    assert policy().user_has_any_permission(moderator, ["delete"]) is False
    assert policy().user_has_any_permission(moderator, []) is False
    assert policy().user_has_any_permission(user, ["add", "change"]) is False


def test_the_users_with_a_permission_are_the_active_moderators_and_superusers(moderator, user):
    superuser = UserFactory(is_superuser=True)
    UserFactory(is_superuser=True, is_active=False)

    assert set(policy().users_with_any_permission(["add", "change"])) == {moderator, superuser}
    assert list(policy().users_with_permission("change").order_by("pk")) == sorted(
        [moderator, superuser], key=lambda u: u.pk
    )


def test_a_user_in_two_groups_is_listed_once(moderator):
    moderator.groups.add(Group.objects.create(name="Editors of sources"))
    moderator.is_superuser = True
    moderator.save()

    assert list(policy().users_with_permission("add")) == [moderator]


def test_nobody_has_permission_to_delete_a_source(moderator):
    UserFactory(is_superuser=True)

    assert list(policy().users_with_any_permission(["delete"])) == []
    assert list(policy().users_with_permission("delete")) == []
    assert list(policy().users_with_any_permission([])) == []
