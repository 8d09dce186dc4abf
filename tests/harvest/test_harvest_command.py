"""manage.py harvest and seed_harvest_sources, through call_command."""

import io
import json

from django.core.management import call_command
from django.core.management.base import CommandError

import pytest

from harvest.factories import HarvestSourceFactory
from harvest.models import HarvestedRepository, HarvestRun, HarvestSource
from harvest.services import SEED_CSV
from hub.factories import CouncilFactory

pytestmark = pytest.mark.django_db
README = "# Tool\n\nA council tool.\n"
RECORD_KEYS = {
    "seen",
    "new",
    "changed",
    "unchanged",
    "skipped",
    "failed",
    "requests",
    "rate_limit_remaining",
    "stopped_early",
}


def harvest_command(*args) -> str:
    out = io.StringIO()
    call_command("harvest", *args, "--no-progress", stdout=out, stderr=io.StringIO())
    return out.getvalue()


@pytest.fixture
def camden(github):
    github.add_repository("camden", "tool", readme=README)
    github.add_repository("camden", "fork", fork=True)
    return HarvestSourceFactory(value="camden")


def test_json_prints_the_run_record_as_one_object(camden):
    record = json.loads(harvest_command("--json"))

    assert record.keys() >= RECORD_KEYS
    assert (record["seen"], record["new"], record["skipped"]) == (2, 2, 1)
    assert record["requests"] == {"200": 2, "404": 3}
    assert record["stopped_early"] is False
    assert record["id"] == HarvestRun.objects.get().pk


def test_the_summary_table_has_every_count_and_the_requests(camden):
    output = harvest_command()

    assert "finished" in output
    for line in ("seen", "new", "changed", "unchanged", "skipped", "failed"):
        assert line in output
    assert "requests         200: 2, 404: 3" in output


def test_a_rate_limit_stop_is_not_a_failure(github, camden):
    github.rate_limited = True

    record = json.loads(harvest_command("--json"))

    assert record["stopped_early"] is True
    assert record["status"] == "stopped_early"


def test_the_command_exits_non_zero_when_the_run_as_a_whole_failed(camden, settings):
    settings.GITHUB_API_URL = "http://127.0.0.1:9"

    with pytest.raises(CommandError, match="No source could be read"):
        harvest_command("--json")

    assert HarvestRun.objects.get().status == "failed"


def test_a_failing_repository_does_not_fail_the_command(github, camden):
    github.fail(r"^/repos/camden/tool/")

    record = json.loads(harvest_command("--json"))

    assert record["failed"] == 1
    assert record["errors"][0]["repository"] == "camden/tool"


def test_org_harvests_that_organisation_only_and_adds_its_source(github, camden):
    github.add_repository("leeds", "dashboard", readme=README)

    record = json.loads(harvest_command("--org", "leeds", "--json"))

    assert record["seen"] == 1
    assert HarvestSource.objects.filter(kind="organisation", value="leeds").exists()
    assert HarvestedRepository.objects.get().full_name == "leeds/dashboard"


def test_repo_harvests_one_repository(github, camden):
    record = json.loads(harvest_command("--repo", "camden/tool", "--json"))

    assert record["seen"] == 1
    assert github.paths_requested()[0] == "/api/v3/repos/camden/tool"


def test_source_chooses_a_source_by_id(github, camden):
    other = HarvestSourceFactory(value="leeds")

    record = json.loads(harvest_command("--source", str(camden.pk), "--json"))

    assert record["sources"] == [str(camden)]
    assert not any("leeds" in path for path in github.paths_requested())
    assert other.runs.count() == 0


def test_an_unknown_source_is_an_error(camden):
    with pytest.raises(CommandError, match="No harvest source"):
        harvest_command("--source", "999")


def test_a_repo_must_be_owner_slash_name(camden):
    with pytest.raises(CommandError, match="OWNER/NAME"):
        harvest_command("--repo", "just-a-name")


def test_dry_run_saves_nothing(camden):
    record = json.loads(harvest_command("--dry-run", "--json"))

    assert record["dry_run"] is True
    assert record["new"] == 2
    assert not HarvestRun.objects.exists()
    assert not HarvestedRepository.objects.exists()


def test_limit_reads_at_most_n_repositories(github, camden):
    github.add_repository("camden", "other", readme=README)

    harvest_command("--limit", "1", "--json")

    assert HarvestedRepository.objects.filter(solution__isnull=False).count() == 1


def test_disabled_sources_are_left_alone(github, camden):
    camden.enabled = False
    camden.save()

    record = json.loads(harvest_command("--json"))

    assert record["seen"] == 0
    assert github.requests == []


# Seeding --------------------------------------------------------------------------------


def test_seeding_creates_one_organisation_source_per_row():
    call_command("seed_harvest_sources", stdout=io.StringIO())

    rows = SEED_CSV.read_text().count("\n") - 1
    assert HarvestSource.objects.filter(kind="organisation").count() == rows
    hackney = HarvestSource.objects.get(value="LBHackney-IT")
    assert hackney.publisher_kind == "council"
    assert HarvestSource.objects.get(value="mysociety").publisher_kind == "civic_tech"


def test_seeding_links_councils_the_hub_knows():
    camden = CouncilFactory(camden=True)

    call_command("seed_harvest_sources", stdout=io.StringIO())

    assert HarvestSource.objects.get(value="LBCamden").organisation == camden
    assert HarvestSource.objects.get(value="LBHackney-IT").organisation is None


def test_seeding_twice_creates_nothing_twice_and_links_late_councils():
    call_command("seed_harvest_sources", stdout=io.StringIO())
    camden = CouncilFactory(camden=True)
    out = io.StringIO()

    call_command("seed_harvest_sources", stdout=out)

    assert "0 created" in out.getvalue()
    assert HarvestSource.objects.get(value="LBCamden").organisation == camden


def test_a_run_broken_as_a_whole_is_recorded_as_failed_and_exits_non_zero(camden, settings):
    settings.HARVEST_POOL_SIZE = 0  # a misconfiguration: no worker can start

    with pytest.raises(CommandError, match="max_workers must be greater than 0"):
        harvest_command("--json")

    run = HarvestRun.objects.get()
    assert (run.status, run.finished_at is not None) == ("failed", True)
