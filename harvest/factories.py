"""Factories for the harvester's models (tests and the bench)."""

import factory

from harvest.models import HarvestedRepository, HarvestSource, PublisherKind, SourceKind


class HarvestSourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = HarvestSource

    kind = SourceKind.ORGANISATION
    value = factory.Sequence(lambda n: f"council-org-{n}")
    publisher_kind = PublisherKind.COUNCIL

    class Params:
        not_council = factory.Trait(publisher_kind=PublisherKind.CIVIC_TECH)


class HarvestedRepositoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = HarvestedRepository

    source = factory.SubFactory(HarvestSourceFactory)
    api_url = "https://api.github.com"
    github_id = factory.Sequence(lambda n: 90_000 + n)
    full_name = factory.LazyAttribute(lambda o: f"{o.source.value}/repo-{o.github_id}")
    html_url = factory.LazyAttribute(lambda o: f"https://github.com/{o.full_name}")
