"""Who may see and do what in the harvester: one predicate per rule.

Everything the harvester keeps comes from public repositories, so every publisher's
repository status page is public: a council can share the link with whoever fixes its
publiccode.yml. Managing sources and reading run reports is for moderators.
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import Q

from wagtail.permission_policies.base import BasePermissionPolicy


def user_can_view_repository_status(*, user, organisation) -> bool:
    return True


def user_can_manage_harvest(*, user) -> bool:
    return bool(getattr(user, "is_authenticated", False) and getattr(user, "is_moderator", False))


class HarvestModeratorsPolicy(BasePermissionPolicy):
    """Wagtail's admin asks this who may manage harvest sources: moderators may list, add
    and change them; nobody deletes one (disable it: its repositories keep their history)."""

    def user_has_permission(self, user, action):
        return action != "delete" and user_can_manage_harvest(user=user)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)

    def users_with_any_permission(self, actions):
        if set(actions) <= {"delete"}:
            return get_user_model().objects.none()
        return (
            get_user_model()
            .objects.filter(is_active=True)
            .filter(Q(is_superuser=True) | Q(groups__name=settings.WAGTAIL_MODERATORS_GROUP))
            .distinct()
        )

    def users_with_permission(self, action):
        return self.users_with_any_permission([action])
