import pytest

from hub.factories import CouncilFactory, UserFactory, VendorFactory


@pytest.fixture
def user(db):
    return UserFactory()


@pytest.fixture
def council(db):
    return CouncilFactory(
        name="Camden",
        slug="camden",
        gss_code="E09000007",
        local_authority_code="CMD",
        council_type="LBO",
        council_type_name="London borough",
        region="London",
        population=270_029,
    )


@pytest.fixture
def vendor(db):
    return VendorFactory()
