"""Demo content for `make run`: non-council organisations and a demo admin.

Everything here is idempotent (get-or-create on a natural key) so `make run` can be
repeated without creating anything twice.
"""

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils.text import slugify

from allauth.account.models import EmailAddress

from hub.models import Membership, MembershipRole, MembershipStatus, Organisation
from hub.models.organisations import OrganisationKind
from hub.services import organisation_create

DEMO_ADMIN_EMAIL = "admin@example.com"
DEMO_ADMIN_PASSWORD = "hub-demo-admin"  # noqa: S105 - printed for the local demo only

#: (name, kind, website, description). Vendors are fictional and say so.
DEMO_ORGANISATIONS = [
    (
        "Local Government Association",
        OrganisationKind.PUBLIC_BODY,
        "https://www.local.gov.uk/",
        "The national membership body for local authorities in England and Wales.",
    ),
    (
        "Greater London Authority",
        OrganisationKind.PUBLIC_BODY,
        "https://www.london.gov.uk/",
        "The strategic regional authority for London.",
    ),
    (
        "Demo: Civic Data Matching Ltd",
        OrganisationKind.VENDOR,
        "",
        "Demo vendor (not a real company): resident-index and master data matching.",
    ),
    (
        "Demo: Roundwise GIS Ltd",
        OrganisationKind.VENDOR,
        "",
        "Demo vendor (not a real company): route optimisation for waste collection.",
    ),
    (
        "Demo: Open Insight Co-operative",
        OrganisationKind.VENDOR,
        "",
        "Demo vendor (not a real company): open-source dashboards for council services.",
    ),
]


@dataclass
class DemoStats:
    organisations_created: int = 0
    admin_created: bool = False


@transaction.atomic
def demo_organisations_load() -> int:
    """Create the demo organisations that are missing (known by their slug); returns how
    many. Through ``organisation_create``, so they are validated like any other."""
    created = 0
    for name, kind, website, description in DEMO_ORGANISATIONS:
        if Organisation.objects.filter(slug=slugify(name)).exists():
            continue
        organisation_create(name=name, kind=kind, website=website, description=description)
        created += 1
    return created


def demo_admin_ensure() -> bool:
    """Create the demo superuser if missing; returns whether it was created."""
    User = get_user_model()
    if User.objects.filter(email=DEMO_ADMIN_EMAIL).exists():
        return False
    with transaction.atomic():
        admin = User.objects.create_superuser(
            username="admin", email=DEMO_ADMIN_EMAIL, password=DEMO_ADMIN_PASSWORD
        )
        EmailAddress.objects.create(user=admin, email=DEMO_ADMIN_EMAIL, verified=True, primary=True)
    return True


#: The demo admin belongs to a vendor and a council, so `make run` shows both sides:
#: submitting listings, and recording or confirming a council's own adoptions.
DEMO_ADMIN_MEMBERSHIPS = ("demo-civic-data-matching-ltd", "camden")


def demo_admin_memberships_ensure() -> list[str]:
    """Approved admin memberships for the demo admin; returns the organisations' names."""
    admin = get_user_model().objects.get(email=DEMO_ADMIN_EMAIL)
    names = []
    for organisation in Organisation.objects.filter(slug__in=DEMO_ADMIN_MEMBERSHIPS):
        Membership.objects.update_or_create(
            user=admin,
            organisation=organisation,
            defaults={"role": MembershipRole.ADMIN, "status": MembershipStatus.APPROVED},
        )
        names.append(organisation.name)
    return sorted(names)
