"""factory_boy factories for the hub's models, shared by tests and benchmarks."""

from django.utils.text import slugify

import factory
from allauth.account.models import EmailAddress

from hub.accounts.models import User
from hub.models import Membership, MembershipRole, MembershipStatus, Organisation
from hub.models.organisations import OrganisationKind

DEFAULT_PASSWORD = "correct-horse-battery-staple"  # noqa: S105 - test-only


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ["email"]
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    username = factory.LazyAttribute(lambda o: o.email)
    password = factory.django.Password(DEFAULT_PASSWORD)

    @factory.post_generation
    def verified(self, create, extracted, **kwargs):
        """A verified primary email, so allauth lets the user sign in (pass verified=False)."""
        if create and extracted is not False:
            EmailAddress.objects.get_or_create(
                user=self, email=self.email, defaults={"verified": True, "primary": True}
            )


class CouncilFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation
        django_get_or_create = ["local_authority_code"]

    kind = OrganisationKind.COUNCIL
    name = factory.Sequence(lambda n: f"Testshire Borough {n}")
    official_name = factory.LazyAttribute(lambda o: f"{o.name} Council")
    slug = factory.LazyAttribute(lambda o: slugify(o.name))
    local_authority_code = factory.Sequence(lambda n: f"T{n:02d}")
    gss_code = factory.Sequence(lambda n: f"E0{n:07d}")
    council_type = "NMD"
    council_type_name = "Non-metropolitan district"
    nation = "England"
    region = "South East"
    population = 100_000
    is_current = True

    class Params:
        # Real councils many tests need, with their real codes (mySociety's list).
        camden = factory.Trait(
            name="Camden",
            slug="camden",
            gss_code="E09000007",
            local_authority_code="CMD",
            council_type="LBO",
            council_type_name="London borough",
            region="London",
            population=270_029,
        )
        cardiff = factory.Trait(
            name="Cardiff",
            slug="cardiff",
            gss_code="W06000015",
            local_authority_code="CRF",
            council_type="UA",
            council_type_name="Unitary authority",
            nation="Wales",
            region="",
        )


class VendorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    kind = OrganisationKind.VENDOR
    name = factory.Sequence(lambda n: f"Data Vendor {n} Ltd")
    slug = factory.LazyAttribute(lambda o: slugify(o.name))


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    organisation = factory.SubFactory(CouncilFactory)
    role = MembershipRole.MEMBER
    status = MembershipStatus.APPROVED
