from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

import pytest

from hub.factories import CouncilFactory, MembershipFactory, UserFactory
from hub.models import MembershipRole
from pledges.factories import CampaignFactory, procurement_lead


@pytest.fixture
def campaign(db):
    """Open since yesterday, closing in 30 days: £100,000 from at least 3 councils."""
    return CampaignFactory()


@pytest.fixture
def council(db):
    return CouncilFactory(camden=True)


@pytest.fixture
def lead(council):
    """An approved procurement lead of Camden."""
    return procurement_lead(council)


@pytest.fixture
def plain_member(council):
    """An approved member of Camden without the procurement role."""
    return MembershipFactory(
        organisation=council, user=UserFactory(), role=MembershipRole.MEMBER
    ).user


@pytest.fixture
def after_deadline(campaign):
    return campaign.closes_at + timedelta(seconds=1)


def money(value) -> Decimal:
    return Decimal(value)


def soon(days: float = 0) -> timezone.datetime:
    return timezone.now() + timedelta(days=days)
