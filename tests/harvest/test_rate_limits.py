"""GitHub's budget: the reserve, primary and secondary limits, capped sleeps, timeouts."""

import pytest

from harvest.factories import HarvestSourceFactory
from harvest.models import HarvestedRepository
from listings.models import SolutionPage

pytestmark = pytest.mark.django_db
README = "# Tool\n\nA council tool.\n"


@pytest.fixture
def camden(github):
    for number in range(6):
        github.add_repository("camden", f"tool-{number}", readme=README)
    return HarvestSourceFactory(value="camden")


class Sleeps(list):
    """Records the harvester's sleeps instead of sleeping."""

    def __call__(self, seconds: float) -> None:
        self.append(seconds)


def listed_names() -> list[str]:
    return sorted(
        HarvestedRepository.objects.filter(solution__isnull=False).values_list(
            "full_name", flat=True
        )
    )


def test_the_run_stops_cleanly_at_the_reserve_and_says_where(harvest, github, camden, settings):
    settings.HARVEST_POOL_SIZE = 1  # one request at a time, so the stop point is exact
    github.rate_limit_remaining = settings.HARVEST_RATE_LIMIT_RESERVE + 6

    run = harvest(camden)

    assert run.stopped_early is True
    assert run.status == "stopped_early"
    assert run.resume_cursor["sources"] == [camden.pk]
    assert run.resume_cursor["stopped_at"].startswith("camden/tool-")
    assert run.rate_limit_remaining == settings.HARVEST_RATE_LIMIT_RESERVE
    assert 0 < len(listed_names()) < 6
    assert sum(run.requests.values()) == 6


def test_the_next_run_resumes_and_ends_with_every_listing(harvest, github, camden, settings):
    settings.HARVEST_POOL_SIZE = 1
    github.rate_limit_remaining = settings.HARVEST_RATE_LIMIT_RESERVE + 6
    harvest(camden)
    github.rate_limit_remaining = 5000

    run = harvest(camden)

    assert run.status == "finished"
    assert github.paths_requested()[0] == "/api/v3/rate_limit"
    assert github.requests[1].status == 304  # the list had not changed: the rest was pending
    assert listed_names() == [f"camden/tool-{n}" for n in range(6)]
    assert SolutionPage.objects.filter(is_harvested=True).count() == 6


def test_a_run_still_within_the_reserve_asks_only_the_rate_limit(harvest, github, camden, settings):
    settings.HARVEST_POOL_SIZE = 1
    github.rate_limit_remaining = settings.HARVEST_RATE_LIMIT_RESERVE + 3
    harvest(camden)

    run = harvest(camden)

    assert github.paths_requested() == ["/api/v3/rate_limit"]
    assert run.stopped_early is True


def test_githubs_primary_limit_stops_the_run_with_its_reset_time(harvest, github, camden):
    github.rate_limited = True

    run = harvest(camden)

    assert run.stopped_early is True
    assert run.requests == {"403": 1}
    assert int(run.rate_limit_reset_at.timestamp()) == github.rate_limit_reset
    assert "primary rate limit" in run.resume_cursor["reason"]
    assert not HarvestedRepository.objects.exists()


def test_a_short_secondary_limit_is_waited_out(harvest, github, camden, settings):
    settings.HARVEST_MAX_SLEEP_SECONDS = 5
    github.secondary_limits, github.secondary_retry_after = 1, 2
    sleeps = Sleeps()

    run = harvest(camden, sleep=sleeps)

    assert sleeps == [2]
    assert run.status == "finished"
    assert run.requests["403"] == 1
    assert len(listed_names()) == 6


def test_a_secondary_limit_answered_with_429_is_recognised(harvest, github, camden, settings):
    settings.HARVEST_MAX_SLEEP_SECONDS = 5
    github.secondary_limits, github.secondary_status, github.secondary_retry_after = 1, 429, 1
    sleeps = Sleeps()

    run = harvest(camden, sleep=sleeps)

    assert sleeps == [1]
    assert run.requests["429"] == 1
    assert run.status == "finished"


def test_a_wait_longer_than_the_maximum_stops_instead_of_sleeping(
    harvest, github, camden, settings
):
    settings.HARVEST_MAX_SLEEP_SECONDS = 5
    github.secondary_limits, github.secondary_retry_after = 1, 3600
    sleeps = Sleeps()

    run = harvest(camden, sleep=sleeps)

    assert sleeps == []
    assert run.stopped_early is True
    assert "secondary rate limit" in run.resume_cursor["reason"]


def test_no_sleep_is_longer_than_the_maximum(harvest, github, camden, settings):
    settings.HARVEST_MAX_SLEEP_SECONDS = 0.5
    settings.HARVEST_BACKOFF_SECONDS = 30  # backoff alone would wait 30 s, 60 s...
    settings.HARVEST_RETRIES = 3
    github.fail(r"^/repos/camden/tool-[0-2]/")
    sleeps = Sleeps()

    run = harvest(camden, sleep=sleeps)

    assert len(sleeps) == 3 * 3
    assert max(sleeps) == 0.5
    assert run.failed == 3


def test_backoff_grows_exponentially_with_jitter(harvest, github, camden, settings):
    settings.HARVEST_MAX_SLEEP_SECONDS = 100
    settings.HARVEST_BACKOFF_SECONDS = 1
    settings.HARVEST_RETRIES = 3
    settings.HARVEST_POOL_SIZE = 1
    github.fail(r"^/repos/camden/tool-0/")
    sleeps = Sleeps()

    harvest(camden, sleep=sleeps)

    assert len(sleeps) == 3
    for attempt, seconds in enumerate(sleeps):
        assert 0.5 * 2**attempt <= seconds <= 1.5 * 2**attempt


def test_a_slow_github_times_out_with_every_request_bounded(harvest, github, settings):
    github.add_repository("camden", "tool", readme=README)
    source = HarvestSourceFactory(value="camden")
    settings.GITHUB_READ_TIMEOUT_SECONDS = 0.2
    settings.HARVEST_RETRIES = 1
    github.delay_seconds = 0.5

    run = harvest(source)

    assert run.status == "failed"
    assert run.errors == [
        {"repository": str(source), "message": "Could not reach GitHub: ReadTimeout"}
    ]
    assert len(github.requests) == 2  # the request and its one retry


def test_an_unreachable_github_fails_the_run_as_a_whole(harvest, settings):
    settings.GITHUB_API_URL = "http://127.0.0.1:9"  # nothing listens there
    source = HarvestSourceFactory(value="camden")

    run = harvest(source)

    assert run.status == "failed"
    assert run.error == "No source could be read."
    assert run.errors[0]["message"] == "Could not reach GitHub: ConnectionError"
