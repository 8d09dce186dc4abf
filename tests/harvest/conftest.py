import pytest

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
