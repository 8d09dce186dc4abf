"""factory_boy factories for co-funding, shared by tests, the bench and the demo's tests.

Pledges are made through ``pledge_create`` (never a bare insert), so every factory pledge
has its ledger entry and the campaign's totals stay the ledger's sums:

    campaign = CampaignFactory(target_gbp=Decimal("50000"), min_councils=2)
    pledge = PledgeFactory(campaign=campaign, amount_gbp=Decimal("20000"))
    PledgeFactory(campaign=campaign, council=CouncilFactory(cardiff=True))
"""

from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

import factory

from hub.factories import CouncilFactory, MembershipFactory, UserFactory, VendorFactory
from hub.models import MembershipRole
from pledges.models import (
    Bid,
    Campaign,
    CampaignKind,
    CampaignState,
    Criterion,
    FundingModel,
    Pledge,
    SignOff,
)
from pledges.services.pledging import pledge_create

BUDGET_YEAR = "2026/27"


def procurement_lead(council=None, **kwargs):
    """An approved procurement lead of ``council`` (a new council if none is given)."""
    return MembershipFactory(
        organisation=council or CouncilFactory(),
        role=MembershipRole.PROCUREMENT_LEAD,
        **kwargs,
    ).user


class CampaignFactory(factory.django.DjangoModelFactory):
    """An approved campaign, open for pledges since yesterday, closing in 30 days."""

    class Meta:
        model = Campaign
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Joint proof of concept {n}")
    slug = factory.Sequence(lambda n: f"joint-proof-of-concept-{n}")
    kind = CampaignKind.PROOF_OF_CONCEPT
    pitch = "Councils build one tool together instead of five apart."
    problem = "Each council matches its records by hand."
    outcomes = "A working proof of concept used by every pledging council."
    business_case = "Shared cost, shared evidence."
    procurement_route = "G-Cloud 14, Lot 2 (cloud software)"
    budget_year = BUDGET_YEAR
    target_gbp = Decimal("100000.00")
    min_councils = 3
    funding_model = FundingModel.ALL_OR_NOTHING
    opens_at = factory.LazyFunction(lambda: timezone.now() - timedelta(days=1))
    closes_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=30))
    lead_council = factory.SubFactory(CouncilFactory)
    lead_user = factory.LazyAttribute(lambda o: procurement_lead(o.lead_council))
    proposed_by = factory.SelfAttribute("lead_user")
    state = CampaignState.OPEN
    approved_at = factory.LazyAttribute(lambda o: o.opens_at)

    @factory.post_generation
    def service_areas(self, create, extracted, **kwargs):
        if create and extracted:
            self.service_areas.set(extracted)


class PledgeFactory(factory.django.DjangoModelFactory):
    """A pledge made through ``pledge_create`` by a procurement lead of its council."""

    class Meta:
        model = Pledge

    campaign = factory.SubFactory(CampaignFactory)
    council = factory.SubFactory(CouncilFactory)
    amount_gbp = Decimal("10000.00")
    staff_days = Decimal("0.0")
    conditions = ""
    sign_off = SignOff.INDICATIVE
    budget_year = BUDGET_YEAR

    @classmethod
    def _create(cls, model_class, *, user=None, now=None, **kwargs):
        return pledge_create(
            user=user or procurement_lead(kwargs["council"]),
            now=now,
            **kwargs,
        )


class CriterionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Criterion

    campaign = factory.SubFactory(CampaignFactory)
    name = factory.Sequence(lambda n: f"Criterion {n}")
    weight = 50
    position = factory.Sequence(int)


class BidFactory(factory.django.DjangoModelFactory):
    """A submitted bid (inserted directly: bids carry no ledger)."""

    class Meta:
        model = Bid

    campaign = factory.SubFactory(CampaignFactory, state=CampaignState.FUNDED)
    vendor = factory.SubFactory(VendorFactory)
    submitted_by = factory.LazyAttribute(
        lambda o: MembershipFactory(organisation=o.vendor, user=UserFactory()).user
    )
    approach = "Two sprints of discovery, then an alpha with real data."
    price_gbp = Decimal("60000.00")
    timeline = "Twelve weeks."
    team = "A delivery manager, two developers and a data scientist."
