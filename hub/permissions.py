"""Who may do what with organisations and memberships: the predicates every layer calls.

``user_is_approved_member`` is the one test of belonging every app's permissions build on
(listings.permissions, pledges.permissions, harvest.permissions).
"""

from hub.models import Membership, MembershipRole, Organisation, User


def user_is_approved_member(
    *, user: User | None, organisation: Organisation | None, role: str | None = None
) -> bool:
    """Whether ``user`` is an approved member of ``organisation`` (in ``role``, if given).

    The one test of belonging that every permission builds on; an anonymous user or no
    organisation is never a member, and costs no query.
    """
    if user is None or not user.is_authenticated or organisation is None:
        return False
    memberships = Membership.objects.approved().filter(user=user, organisation=organisation)
    if role is not None:
        memberships = memberships.filter(role=role)
    return memberships.exists()


def user_can_manage_members(*, user: User, organisation: Organisation) -> bool:
    """An approved admin of the organisation, or a moderator, decides its memberships."""
    if not user.is_authenticated:
        return False
    if user.is_moderator:
        return True
    return user_is_approved_member(user=user, organisation=organisation, role=MembershipRole.ADMIN)
