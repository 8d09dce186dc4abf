from django.contrib.auth.models import Group

import pytest

from hub.factories import MembershipFactory, UserFactory, VendorFactory


@pytest.fixture
def vendor_member(db):
    """An approved member of a vendor organisation, who may submit listings for it."""
    return MembershipFactory(organisation=VendorFactory(name="Civic Data Co"), user=UserFactory())


@pytest.fixture
def moderator(db):
    user = UserFactory(email="moderator@example.org")
    user.groups.add(Group.objects.get(name="Moderators"))
    return user
