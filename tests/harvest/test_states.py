"""Every harvested repository has an explicit state and is never silently dropped."""

from datetime import timedelta

from django.utils import timezone

import pytest

from harvest.factories import HarvestSourceFactory
from harvest.models import HarvestedRepository, RepositoryAlias, SourceKind
from listings.models import SolutionPage

pytestmark = pytest.mark.django_db
README = "# Tool\n\nA council tool that matches resident records across services.\n"


def repository(github_id: int) -> HarvestedRepository:
    return HarvestedRepository.objects.get(github_id=github_id)


@pytest.fixture
def camden(github):
    return HarvestSourceFactory(value="camden")


@pytest.fixture
def tool(github):
    return github.add_repository("camden", "tool", readme=README)


def a_day_passes(row: HarvestedRepository) -> None:
    """As if the first 404 had come a day (and a minute) ago."""
    HarvestedRepository.objects.filter(pk=row.pk).update(
        not_found_since=timezone.now() - timedelta(days=1, minutes=1)
    )


# Missing and gone --------------------------------------------------------------------


def test_a_repository_missing_once_is_not_gone(harvest, github, camden, tool):
    harvest(camden)
    github.delete("camden", "tool")

    harvest(camden)

    row = repository(tool.id)
    assert row.state == "active"
    assert row.not_found_count == 1
    assert row.not_found_since is not None
    assert SolutionPage.objects.get(pk=row.solution_id).repository_state == "active"
    assert "/api/v3/repos/camden/tool" in github.paths_requested()


def test_a_second_404_the_same_day_is_not_even_asked_for(harvest, github, camden, tool):
    harvest(camden)
    github.delete("camden", "tool")
    harvest(camden)

    harvest(camden)

    assert "/api/v3/repos/camden/tool" not in github.paths_requested()
    assert repository(tool.id).state == "active"


def test_a_repository_is_gone_after_404s_on_two_runs_a_day_apart(harvest, github, camden, tool):
    harvest(camden)
    github.delete("camden", "tool")
    harvest(camden)
    a_day_passes(repository(tool.id))

    run = harvest(camden)

    row = repository(tool.id)
    assert row.state == "gone"
    assert row.not_found_count == 2
    page = SolutionPage.objects.get(pk=row.solution_id)
    assert page.repository_state == "gone"
    assert "not found" in page.repository_state_detail
    assert run.changed == 1


def test_a_repository_that_comes_back_is_no_longer_missing(harvest, github, camden, tool):
    harvest(camden)
    github.delete("camden", "tool")
    harvest(camden)
    github.repositories[("camden", "tool")] = tool

    harvest(camden)

    row = repository(tool.id)
    assert (row.not_found_since, row.not_found_count, row.state) == (None, 0, "active")


def test_a_gone_repository_keeps_its_listing(harvest, github, camden, tool):
    harvest(camden)
    github.delete("camden", "tool")
    harvest(camden)
    a_day_passes(repository(tool.id))
    harvest(camden)

    harvest(camden)

    assert HarvestedRepository.objects.filter(github_id=tool.id, state="gone").exists()
    assert SolutionPage.objects.filter(pk=repository(tool.id).solution_id).exists()


# Moved -------------------------------------------------------------------------------


def test_a_renamed_repository_keeps_one_listing_and_its_old_name(harvest, github, camden, tool):
    harvest(camden)
    github.move("camden", "tool", to_owner="camden", to_name="resident-index")

    harvest(camden)

    row = repository(tool.id)
    assert row.full_name == "camden/resident-index"
    assert row.state == "moved"
    assert list(row.aliases.values_list("full_name", flat=True)) == ["camden/tool"]
    assert SolutionPage.objects.filter(is_harvested=True).count() == 1
    page = SolutionPage.objects.get(pk=row.solution_id)
    assert page.repository_state == "moved"
    assert page.repository_state_detail == "Moved from camden/tool to camden/resident-index."


def test_a_transferred_repository_is_followed_through_githubs_301(harvest, github, camden, tool):
    harvest(camden)
    github.move("camden", "tool", to_owner="camden-digital", to_name="tool")

    harvest(camden)

    statuses = [(r.path, r.status) for r in github.requests]
    assert ("/api/v3/repos/camden/tool", 301) in statuses
    assert (f"/api/v3/repositories/{tool.id}", 200) in statuses
    row = repository(tool.id)
    assert row.full_name == "camden-digital/tool"
    assert row.state == "moved"
    assert RepositoryAlias.objects.filter(repository=row, full_name="camden/tool").exists()
    assert HarvestedRepository.objects.count() == 1


def test_a_moved_repositorys_new_address_is_proposed_to_moderators(harvest, github, camden, tool):
    harvest(camden)
    github.move("camden", "tool", to_owner="camden-digital", to_name="tool")

    harvest(camden)

    page = SolutionPage.objects.get(pk=repository(tool.id).solution_id)
    revision = page.get_latest_revision_as_object()
    assert revision.repository_url == "https://github.com/camden-digital/tool"


def test_a_single_repository_source_follows_a_rename(harvest, github, tool):
    source = HarvestSourceFactory(kind=SourceKind.REPOSITORY, value="camden/tool")
    harvest(source)
    github.move("camden", "tool", to_owner="camden", to_name="renamed")

    harvest(source)

    row = repository(tool.id)
    assert row.full_name == "camden/renamed"
    assert row.state == "moved"
    assert HarvestedRepository.objects.count() == 1


def test_a_single_repository_source_that_has_not_changed_costs_a_304(harvest, github, tool):
    source = HarvestSourceFactory(kind=SourceKind.REPOSITORY, value="camden/tool")
    harvest(source)

    run = harvest(source)

    assert run.requests == {"304": 1}
    assert run.unchanged == 1


# Skipped by a rule ------------------------------------------------------------------


def test_a_fork_is_skipped_with_its_reason_and_costs_no_request(harvest, github, camden):
    github.add_repository("camden", "forked-tool", fork=True, readme=README)

    run = harvest(camden)

    row = HarvestedRepository.objects.get(full_name="camden/forked-tool")
    assert (row.skip_reason, row.solution_id) == ("fork", None)
    assert github.paths_requested() == ["/api/v3/orgs/camden/repos?per_page=100&sort=full_name"]
    assert run.skipped == 1


@pytest.mark.parametrize(
    ("facts", "rules", "reason"),
    [
        ({"size": 0}, {}, "empty"),
        ({"is_template": True}, {}, "template"),
        ({"archived": True}, {}, "archived"),
        ({"topics": ["housing"]}, {"require_topics": "waste, planning"}, "missing_topic"),
        ({"topics": ["demo"]}, {"exclude_topics": "demo"}, "excluded_topic"),
        ({"stars": 2}, {"min_stars": 5}, "too_few_stars"),
    ],
)
def test_each_rule_names_itself_when_it_skips(harvest, github, facts, rules, reason):
    github.add_repository("camden", "tool", readme=README, **facts)
    source = HarvestSourceFactory(value="camden", **rules)

    harvest(source)

    assert HarvestedRepository.objects.get().skip_reason == reason


def test_an_archived_repository_is_listed_flagged_when_the_source_allows_it(harvest, github):
    github.add_repository("camden", "old-tool", archived=True, readme=README)
    source = HarvestSourceFactory(value="camden", skip_archived=False)

    harvest(source)

    row = HarvestedRepository.objects.get()
    assert row.state == "archived"
    assert SolutionPage.objects.get(pk=row.solution_id).repository_state == "archived"


def test_forks_are_listed_when_the_source_allows_them(harvest, github):
    github.add_repository("camden", "forked-tool", fork=True, readme=README)
    source = HarvestSourceFactory(value="camden", skip_forks=False)

    harvest(source)

    assert HarvestedRepository.objects.get().solution_id is not None


def test_a_repository_without_publiccode_yml_from_a_non_council_source_is_skipped(harvest, github):
    github.add_repository("mysociety", "mapit", readme=README)
    source = HarvestSourceFactory(value="mysociety", not_council=True)

    harvest(source)

    row = HarvestedRepository.objects.get()
    assert row.skip_reason == "no_publiccode"
    assert row.solution_id is None
    assert not any("readme" in path for path in github.paths_requested())


def test_a_skipped_repository_that_adds_publiccode_yml_is_listed(harvest, github):
    github.add_repository("mysociety", "mapit", readme=README)
    source = HarvestSourceFactory(value="mysociety", not_council=True)
    harvest(source)
    github.change("mysociety", "mapit", push=True, files={"publiccode.yml": b"name: MapIt\n"})

    harvest(source)

    row = HarvestedRepository.objects.get()
    assert (row.skip_reason, row.state) == ("", "invalid_publiccode")
    assert SolutionPage.objects.get(pk=row.solution_id).title == "MapIt"
