"""State changes for organisations and memberships.

Who may decide a membership is the one rule that matters here: a request to join an
organisation is decided by that organisation's approved admins or by a moderator, so
nobody can make themselves a council's procurement lead.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.text import slugify

from hub.models import Membership, MembershipRole, MembershipStatus, Organisation, User
from hub.models.organisations import OrganisationKind
from hub.permissions import user_can_manage_members


def membership_request(*, user: User, organisation: Organisation) -> Membership:
    """Ask to join; a rejected request may be made again, an open one is returned as is."""
    with transaction.atomic():
        membership = (
            Membership.objects.select_for_update()
            .filter(user=user, organisation=organisation)
            .first()
        )
        if membership is None:
            try:
                with transaction.atomic():
                    return Membership.objects.create(user=user, organisation=organisation)
            except IntegrityError:
                return Membership.objects.get(user=user, organisation=organisation)
        if membership.status == MembershipStatus.REJECTED:
            membership.status = MembershipStatus.PENDING
            membership.role = MembershipRole.MEMBER
            membership.decided_at = None
            membership.decided_by = None
            membership.save(update_fields=["status", "role", "decided_at", "decided_by"])
        return membership


@transaction.atomic
def membership_decide(
    *, membership: Membership, decided_by: User, approve: bool, role: str = MembershipRole.MEMBER
) -> Membership:
    if not user_can_manage_members(user=decided_by, organisation=membership.organisation):
        raise PermissionDenied("Only this organisation's admins or a moderator can decide.")
    if role not in MembershipRole.values:
        raise ValidationError({"role": "Choose member, procurement lead or admin."})
    membership = Membership.objects.select_for_update().get(pk=membership.pk)
    if membership.status != MembershipStatus.PENDING:
        raise ValidationError("This request has already been decided.")
    membership.status = MembershipStatus.APPROVED if approve else MembershipStatus.REJECTED
    membership.role = role if approve else MembershipRole.MEMBER
    membership.decided_at = timezone.now()
    membership.decided_by = decided_by
    membership.save(update_fields=["status", "role", "decided_at", "decided_by"])
    return membership


def unique_organisation_slug(name: str) -> str:
    base = slugify(name)[:100] or "organisation"
    slug, suffix = base, 2
    while Organisation.objects.filter(slug=slug).exists():
        slug = f"{base}-{suffix}"
        suffix += 1
    return slug


@transaction.atomic
def organisation_create(
    *,
    name: str,
    kind: str,
    created_by: User | None = None,
    website: str = "",
    description: str = "",
) -> Organisation:
    """Create a vendor or public body, validated, with a slug no other organisation has;
    its creator (if any) becomes its first admin.

    Councils are never created here: they come from the local authority list. The demo
    loader creates its vendors and public bodies here.
    """
    if kind == OrganisationKind.COUNCIL:
        raise ValidationError({"kind": "Councils come from the UK local authority list."})
    organisation = Organisation(
        name=name.strip(),
        kind=kind,
        slug=unique_organisation_slug(name),
        website=website,
        description=description,
    )
    organisation.full_clean()
    organisation.save()
    if created_by is not None:
        Membership.objects.create(
            user=created_by,
            organisation=organisation,
            role=MembershipRole.ADMIN,
            status=MembershipStatus.APPROVED,
            decided_at=timezone.now(),
        )
    return organisation
