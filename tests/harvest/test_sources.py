"""The four kinds of source, and a source on a GitHub Enterprise server of its own."""

import pytest

from harvest.factories import HarvestSourceFactory
from harvest.models import HarvestedRepository, SourceKind
from listings.models import Submission, SubmissionKind
from tests.harvest.conftest_data import CLEAN_PUBLICCODE

pytestmark = pytest.mark.django_db
README = "# Tool\n\nA council tool.\n"


def names() -> list[str]:
    return sorted(HarvestedRepository.objects.values_list("full_name", flat=True))


def test_a_topic_source_finds_repositories_through_the_search_api(harvest, github):
    github.add_repository("camden", "bins", topics=["local-government"], readme=README)
    github.add_repository("leeds", "potholes", topics=["local-government"], readme=README)
    github.add_repository("leeds", "other", topics=["games"], readme=README)
    source = HarvestSourceFactory(kind=SourceKind.TOPIC, value="local-government")

    run = harvest(source)

    assert names() == ["camden/bins", "leeds/potholes"]
    assert github.paths_requested()[0] == (
        "/api/v3/search/repositories?q=topic%3Alocal-government&per_page=100"
    )
    assert run.seen == 2


def test_a_search_source_pages_through_the_results(harvest, github):
    for number in range(105):
        github.add_repository("camden", f"waste-{number:03}", description="waste rounds")
    source = HarvestSourceFactory(
        kind=SourceKind.SEARCH, value="org:camden waste", not_council=True
    )

    run = harvest(source)

    assert run.seen == 105
    search_pages = [p for p in github.paths_requested() if p.startswith("/api/v3/search/")]
    assert len(search_pages) == 2


def test_a_repository_found_by_two_sources_is_one_repository(harvest, github):
    github.add_repository("camden", "bins", topics=["waste"], readme=README)
    organisation = HarvestSourceFactory(value="camden")
    topic = HarvestSourceFactory(kind=SourceKind.TOPIC, value="waste")

    run = harvest(organisation, topic)

    assert names() == ["camden/bins"]
    assert run.seen == 1


def test_a_source_can_name_its_own_github_enterprise_server(harvest, github, settings):
    settings.GITHUB_API_URL = "http://127.0.0.1:9"  # the hub's default server is elsewhere
    github.add_repository("camden", "bins", readme=README)
    source = HarvestSourceFactory(value="camden", api_url=github.url)

    run = harvest(source)

    assert run.status == "finished"
    assert HarvestedRepository.objects.get().api_url == github.api_url


def test_a_changed_publiccode_yml_becomes_a_revision_in_moderation(harvest, github):
    github.add_repository("camden", "ds", files={"publiccode.yml": CLEAN_PUBLICCODE})
    source = HarvestSourceFactory(value="camden")
    harvest(source)
    page = HarvestedRepository.objects.get().solution
    page.get_latest_revision().publish()
    changed = CLEAN_PUBLICCODE.replace(b"name: Amsterdam Design System", b"name: Camden Design")
    github.change("camden", "ds", push=True, files={"publiccode.yml": changed})

    harvest(source)

    page.refresh_from_db()
    assert page.title == "Amsterdam Design System"
    assert page.get_latest_revision_as_object().title == "Camden Design"
    proposal = Submission.objects.get(page=page, kind=SubmissionKind.CHANGE)
    assert "name: Camden Design" in proposal.publiccode_text
