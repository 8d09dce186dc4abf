"""Every listing of the demo catalogue survives export -> import -> export -> import.

Proprietary listings were refused on re-import (no licence, no repository: cost model and
hosting missing), and open-source ones came back "free", "self-hosted" and "other". The
hub's facts line carries what the standard has no key for, so the export keeps to the
standard's keys and stays valid for the official parser (which refuses unknown keys).
"""

import pytest
import yaml
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from harvest.publiccode.importer import read_publiccode
from harvest.publiccode.validator import TOP_LEVEL_KEYS, validate_publiccode
from hub.factories import MembershipFactory
from listings.models import SolutionPage, Submission
from listings.models.publiccode_fields import HUB_EXTENSION
from listings.publiccode import EXPORT_VERSION, publiccode_yaml
from listings.submissions.answers import validate_answers
from tests.listings.test_demo import demo, loaded  # noqa: F401 - the module's demo catalogue
from tests.listings.test_publiccode_roundtrip import _import, _listing

#: What a council filters and decides on: each must come back as the listing says it.
FACTS = (
    "title",
    "summary",
    "solution_type",
    "development_status",
    "is_open_source",
    "licence",
    "repository_url",
    "website",
    "cost_model",
    "hosting",
    "price_min_gbp",
    "price_max_gbp",
    "processes_personal_data",
    "dpia_template_available",
)


def demo_listings() -> list[SolutionPage]:
    return list(SolutionPage.objects.live().filter(tags__name="demo").order_by("title"))


def test_every_demo_listing_round_trips(demo):  # noqa: F811
    listings = demo_listings()
    assert len(listings) >= 40
    assert any(not listing.is_open_source for listing in listings)
    failures = []
    for listing in listings:
        text = publiccode_yaml(listing)
        first = read_publiccode(text)
        form = validate_answers(first.answers)
        if first.problems or not form.is_valid():
            failures.append(f"{listing.title}: {first.problems} {dict(form.errors)}")
            continue
        fields = _listing(first.answers)
        changed = {
            key: (getattr(listing, key), fields[key])
            for key in FACTS
            if fields[key] != getattr(listing, key)
        }
        areas = sorted(area.slug for area in listing.service_areas.all())
        if sorted(first.answers["service_areas"]) != areas:
            changed["service_areas"] = (areas, first.answers["service_areas"])
        if changed:
            failures.append(f"{listing.title}: {changed}")
            continue
        # Imported by its owner through the real services and published (usedBy councils
        # become adoptions only then), exported and imported again.
        member = MembershipFactory(organisation=listing.owner_organisation)
        imported = _import(member, text)
        imported.get_latest_revision().publish()
        published = SolutionPage.objects.get(pk=imported.pk)
        again = read_publiccode(publiccode_yaml(published))
        if again.problems or _listing(again.answers) != fields:
            failures.append(f"{listing.title}: second round trip differs {again.problems}")
        elif sorted(again.answers["used_by"]) != sorted(first.answers["used_by"]):
            failures.append(f"{listing.title}: usedBy differs")

    assert not failures, "\n".join(failures)


def test_every_demo_export_is_valid_and_names_no_unknown_key(demo):  # noqa: F811
    for listing in demo_listings():
        result = validate_publiccode(publiccode_yaml(listing))

        assert (result.errors, result.warnings, result.version) == ([], [], EXPORT_VERSION)


def test_every_demo_export_uses_only_the_standards_top_level_keys(demo):  # noqa: F811
    standard = TOP_LEVEL_KEYS - {HUB_EXTENSION}
    for listing in demo_listings():
        keys = set(yaml.safe_load(publiccode_yaml(listing)))

        assert keys <= standard, (listing.title, keys - standard)


@pytest.fixture
def camden_index(demo):  # noqa: F811
    return SolutionPage.objects.get(title="Camden Residents Index")


def test_a_proprietary_export_says_what_the_standard_cannot(camden_index):
    section = validate_publiccode(publiccode_yaml(camden_index)).hub_facts

    assert not camden_index.is_open_source
    assert section["costModel"] == camden_index.cost_model
    assert section["hosting"] == camden_index.hosting
    assert section["solutionType"] == camden_index.solution_type
    assert section["listingURL"].endswith(camden_index.url)


def test_re_importing_camdens_export_through_the_api_is_accepted(camden_index):
    member = MembershipFactory(organisation=camden_index.owner_organisation)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=member.user).key}")

    response = client.generic(
        "POST", "/api/v1/submissions/", publiccode_yaml(camden_index), "application/yaml"
    )

    assert response.status_code == 201, response.json()
    answers = Submission.objects.get(public_id=response.json()["id"]).answers
    assert (answers["cost_model"], answers["hosting"]) == ("one_off", "self_hosted")
    assert answers["repository_url"] == ""  # its url is the listing's page, not a repository
