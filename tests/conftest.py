import pytest

from hub.factories import CouncilFactory, UserFactory, VendorFactory


@pytest.fixture
def user(db):
    return UserFactory()


@pytest.fixture
def council(db):
    return CouncilFactory(camden=True)


@pytest.fixture
def vendor(db):
    return VendorFactory()
