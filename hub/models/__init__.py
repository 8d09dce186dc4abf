"""Design overview of the hub's own data.

* ``User`` signs in by email (django-allauth); usernames are not shown anywhere.
* ``Organisation`` is a council (with its real GSS and three-letter codes from
  mySociety's list of UK local authorities), a vendor, or another public body.
  Councils are loaded, never typed in, so adoptions and pledges always point at a
  real authority.
* ``Membership`` joins a user to an organisation with one role. Requests start
  *pending*; an organisation admin or a moderator decides them. The database
  allows one membership per user and organisation.
* ``ServiceArea`` is the editable taxonomy of council services, seeded by a migration.
* ``HomePage`` is the Wagtail root page of the public site.
* ``IdempotencyKey`` remembers each API write sent with an ``Idempotency-Key`` header and
  the answer it got, so a retried request is answered, not repeated (``hub.api.idempotency``).
"""

from hub.accounts.models import User
from hub.models.idempotency import IdempotencyKey
from hub.models.organisations import Membership, MembershipRole, MembershipStatus, Organisation
from hub.models.pages import HomePage
from hub.models.taxonomy import ServiceArea

__all__ = [
    "HomePage",
    "IdempotencyKey",
    "Membership",
    "MembershipRole",
    "MembershipStatus",
    "Organisation",
    "ServiceArea",
    "User",
]
