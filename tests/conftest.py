import os
from pathlib import Path

from django.contrib.auth.models import Group
from django.core.cache import cache

import pytest

from hub.factories import CouncilFactory, MembershipFactory, UserFactory, VendorFactory

if os.environ.get("HUB_MUTATION_DB_TEMPLATE"):  # make mutation (bench/mutation.py)
    from tests.mutation_db import use_template

    use_template(Path(os.environ["HUB_MUTATION_DB_TEMPLATE"]))


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with an empty cache: a rolled-back test's cached counts must not
    meet the next test (in production every change moves the catalogue version on)."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def user(db):
    return UserFactory()


@pytest.fixture
def council(db):
    return CouncilFactory(camden=True)


@pytest.fixture
def vendor(db):
    return VendorFactory()


@pytest.fixture
def vendor_member(db):
    """An approved member of a vendor organisation, who may submit listings for it."""
    return MembershipFactory(organisation=VendorFactory(name="Civic Data Co"), user=UserFactory())


@pytest.fixture
def moderator(db):
    user = UserFactory(email="moderator@example.org")
    user.groups.add(Group.objects.get(name="Moderators"))
    return user
