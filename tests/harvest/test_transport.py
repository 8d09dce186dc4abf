"""The adapter under github3.py's session: conditional requests, counts, reserve, retries."""

import threading

import pytest
import requests
from requests.exceptions import ConnectionError as RequestsConnectionError

from harvest.github import GitHubTransport
from harvest.transport import RateLimitStop, TransportSettings, Validator, ValidatorStore


@pytest.fixture
def transport(github):
    made = []

    def make(store=None, **settings):
        settings = {"reserve": 5, "max_sleep": 0.01, "retries": 2, "backoff": 0.001, **settings}
        transport = GitHubTransport(
            store=store or ValidatorStore(), settings=TransportSettings(**settings)
        )
        made.append(transport)
        return transport

    yield make
    for transport in made:
        transport.close()


def test_a_github3_call_sends_the_stored_etag_and_the_304_is_counted(github, transport, settings):
    github.add_repository("camden", "tool")
    first = transport()
    worker = first.worker(settings.GITHUB_API_URL)
    assert worker.gh.repository("camden", "tool") is not None
    url, validator = next(iter(worker.adapter.take_captured().items()))
    second = transport(ValidatorStore({url: validator}))

    again = second.worker(settings.GITHUB_API_URL).gh.repository("camden", "tool")

    assert again is None  # github3.py's answer to a 304: nothing new
    assert github.requests[-1].headers["If-None-Match"] == validator.etag
    assert second.log.by_status() == {"304": 1}


def test_only_200s_are_captured(github, transport, settings):
    worker = transport().worker(settings.GITHUB_API_URL)
    worker.gh.session.get(f"{github.api_url}/repos/camden/nope")

    assert worker.adapter.take_captured() == {}


def test_each_thread_gets_its_own_github3_session(github, transport, settings):
    shared = transport()
    sessions = []

    def grab():
        sessions.append(shared.worker(settings.GITHUB_API_URL).gh.session)

    threads = [threading.Thread(target=grab) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    grab()
    grab()

    assert len({id(session) for session in sessions}) == 4
    assert sessions[-1] is sessions[-2]


def test_the_session_has_timeouts(transport, settings):
    worker = transport(connect_timeout=1.5, read_timeout=4).worker(settings.GITHUB_API_URL)

    assert worker.gh.session.timeout == (1.5, 4)


def test_nothing_is_sent_once_the_budget_is_down_to_the_reserve(github, transport, settings):
    github.add_repository("camden", "tool")
    github.rate_limit_remaining = 7
    shared = transport(reserve=5)
    worker = shared.worker(settings.GITHUB_API_URL)
    worker.gh.repository("camden", "tool")
    worker.gh.repository("camden", "tool")

    with pytest.raises(RateLimitStop) as stop:
        worker.gh.repository("camden", "tool")

    assert stop.value.kind == "reserve"
    assert len(github.requests) == 2
    assert shared.log.left("core") == 5


def test_a_stopping_run_sends_nothing_more(github, transport, settings):
    shared = transport()
    shared.stop.set()

    with pytest.raises(RateLimitStop):
        shared.worker(settings.GITHUB_API_URL).gh.repository("camden", "tool")

    assert github.requests == []


def test_connection_errors_are_retried_then_raised(transport, settings):
    shared = transport(retries=2)
    worker = shared.worker("http://127.0.0.1:9")

    with pytest.raises(RequestsConnectionError):
        worker.gh.session.get("http://127.0.0.1:9/api/v3/repos/camden/tool")

    assert len(shared.log.sleeps) == 2


def test_a_5xx_is_retried_until_it_passes(github, transport, settings):
    github.add_repository("camden", "tool")
    github.fail(r"^/repos/camden/tool$", times=2)
    shared = transport(retries=2)

    repository = shared.worker(settings.GITHUB_API_URL).gh.repository("camden", "tool")

    assert repository.full_name == "camden/tool"
    assert shared.log.by_status() == {"200": 1, "500": 2}


def test_a_redirect_gets_the_conditional_header_of_its_own_address(github, transport, settings):
    github.add_repository("camden", "tool")
    github.move("camden", "tool", to_owner="camden", to_name="renamed")
    old = f"{github.api_url}/repos/camden/tool"
    shared = transport(ValidatorStore({old: Validator(etag='W/"old"')}))

    repository = shared.worker(settings.GITHUB_API_URL).gh.repository("camden", "tool")

    assert repository.full_name == "camden/renamed"
    assert github.requests[0].headers["If-None-Match"] == 'W/"old"'
    assert "If-None-Match" not in github.requests[1].headers
    assert shared.log.by_status() == {"200": 1, "301": 1}


def test_the_stubs_shapes_are_githubs(github):
    """What github3.py reads: a list page with a Link header, a search envelope, rate_limit."""
    for number in range(3):
        github.add_repository("camden", f"tool-{number}", topics=["waste"])

    page = requests.get(f"{github.api_url}/orgs/camden/repos?per_page=2", timeout=5)
    search = requests.get(f"{github.api_url}/search/repositories?q=topic:waste", timeout=5)
    limits = requests.get(f"{github.api_url}/rate_limit", timeout=5).json()

    assert page.links["next"]["url"].endswith("/repos?per_page=2&page=2")
    assert [entry["full_name"] for entry in page.json()] == ["camden/tool-0", "camden/tool-1"]
    assert set(page.json()[0]) >= {"pushed_at", "stargazers_count", "topics", "archived"}
    assert search.json()["total_count"] == 3
    assert "ETag" not in search.headers
    assert search.headers["Cache-Control"] == "no-cache"  # as the recorded search answer
    assert page.headers["Cache-Control"] == "public, max-age=60, s-maxage=60"
    assert limits["resources"]["core"]["remaining"] == github.rate_limit_remaining
