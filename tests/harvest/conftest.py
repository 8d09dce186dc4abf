import pytest

from harvest.services import harvest_run
from tests.harvest.github_stub import GitHubStub

# Port 9 (discard) on loopback: nothing listens, so a test that forgets the stub fails
# fast with a connection error instead of reaching the real GitHub.
NOWHERE = "http://127.0.0.1:9"


@pytest.fixture(autouse=True)
def _never_the_real_github(settings):
    settings.GITHUB_API_URL = NOWHERE
    settings.GITHUB_TOKEN = ""


@pytest.fixture
def github_stub(settings):
    """A running stub GitHub API; ``settings.GITHUB_API_URL`` points at it."""
    stub = GitHubStub().start()
    settings.GITHUB_API_URL = stub.url
    try:
        yield stub
    finally:
        stub.stop()


@pytest.fixture(autouse=True)
def _quick_harvests(settings):
    """Short waits and few retries, so failure cases take milliseconds (real sleeps)."""
    settings.HARVEST_POOL_SIZE = 4
    settings.HARVEST_BACKOFF_SECONDS = 0.001
    settings.HARVEST_MAX_SLEEP_SECONDS = 0.05
    settings.HARVEST_RETRIES = 2
    settings.HARVEST_RATE_LIMIT_RESERVE = 5


@pytest.fixture
def github(github_stub):
    """The stub with an authenticated-sized budget, for harvest runs."""
    github_stub.rate_limit_total = github_stub.rate_limit_remaining = 5000
    return github_stub


@pytest.fixture
def harvest(github):
    """Run a harvest of the given sources; the stub's request log starts empty each time."""

    def run(*sources, **options):
        github.clear_requests()
        return harvest_run(sources=list(sources), **options)

    return run
