"""GitHub repository addresses, and reading publiccode.yml through github3.py (stub API)."""

from pathlib import Path

import github3
import pytest

from harvest.github import (
    GitHubFetchError,
    InvalidRepositoryURL,
    fetch_publiccode,
    github_client,
    parse_github_repository_url,
)
from harvest.publiccode import MAX_BYTES

CLEAN = Path(__file__).parent / "data" / "publiccode" / "Amsterdam__design-system.publiccode.yml"


@pytest.mark.parametrize(
    "url",
    [
        "https://github.com/Amsterdam/design-system",
        "https://github.com/Amsterdam/design-system/",
        "https://github.com/Amsterdam/design-system.git",
        "https://www.github.com/Amsterdam/design-system",
        "HTTPS://GitHub.com/Amsterdam/design-system",
        "  https://github.com/Amsterdam/design-system  ",
        "https://github.com/Amsterdam/design-system?tab=readme-ov-file",
        "https://github.com/Amsterdam/design-system#readme",
    ],
)
def test_repository_addresses_people_paste_are_accepted(url):
    assert parse_github_repository_url(url) == ("Amsterdam", "design-system")


@pytest.mark.parametrize(
    ("url", "says"),
    [
        ("", "Enter the address"),
        ("github.com/Amsterdam/design-system", "must start with https://github.com/"),
        ("http://github.com/Amsterdam/design-system", "must start with https://github.com/"),
        ("ftp://github.com/Amsterdam/design-system", "must start with https://github.com/"),
        ("file:///etc/passwd", "must start with https://github.com/"),
        ("git@github.com:Amsterdam/design-system.git", "must start with https://github.com/"),
        ("https://gitlab.com/Amsterdam/design-system", "Only public repositories on github.com"),
        ("https://github.com.evil.com/Amsterdam/design-system", "Only public repositories"),
        ("https://evilgithub.com/Amsterdam/design-system", "Only public repositories"),
        ("https://api.github.com/repos/Amsterdam/design-system", "Only public repositories"),
        ("https://raw.githubusercontent.com/a/b/main/publiccode.yml", "Only public repositories"),
        ("https://github.com./Amsterdam/design-system", "Only public repositories"),
        ("https://user@github.com/Amsterdam/design-system", "user name or password"),
        ("https://user:secret@github.com/Amsterdam/design-system", "user name or password"),
        ("https://github.com@127.0.0.1/Amsterdam/design-system", "user name or password"),
        ("https://github.com:8443/Amsterdam/design-system", "port number"),
        ("https://github.com:443/Amsterdam/design-system", "port number"),
        ("https://127.0.0.1/Amsterdam/design-system", "Only public repositories"),
        ("https://169.254.169.254/latest/meta-data", "Only public repositories"),
        ("https://10.0.0.5/Amsterdam/design-system", "Only public repositories"),
        ("https://192.168.1.1/Amsterdam/design-system", "Only public repositories"),
        ("https://[::1]/Amsterdam/design-system", "Only public repositories"),
        ("https://2130706433/Amsterdam/design-system", "Only public repositories"),
        ("https://localhost/Amsterdam/design-system", "Only public repositories"),
        ("https://localhost:8000/Amsterdam/design-system", "Only public repositories"),
        ("https://github.com/Amsterdam", "with its owner and name"),
        ("https://github.com/", "with its owner and name"),
        ("https://github.com/Amsterdam/design-system/tree/main", "without anything after"),
        ("https://github.com/Amsterdam/design-system/blob/main/publiccode.yml", "without"),
        ("https://github.com/Amster%64am/design-system", "not a valid GitHub owner"),
        ("https://github.com/-Amsterdam/design-system", "not a valid GitHub owner"),
        ("https://github.com/Amsterdam/..", "not a valid GitHub owner"),
        ("https://github.com/Amsterdam/design system", "like https://github.com/"),
        ("https://github.com\\@evil.com/a/b", "like https://github.com/"),
        ("https://github.com/a/b\r\nHost: evil", "like https://github.com/"),
    ],
)
def test_anything_but_a_github_repository_address_is_refused_with_a_reason(url, says):
    with pytest.raises(InvalidRepositoryURL) as refused:
        parse_github_repository_url(url)
    assert says in str(refused.value)
    assert isinstance(refused.value, ValueError)


def test_the_public_api_gets_a_plain_github_client_with_short_timeouts(settings):
    settings.GITHUB_API_URL = "https://api.github.com/"
    settings.GITHUB_TOKEN = "t0ken"
    client = github_client()
    assert type(client) is github3.GitHub
    assert client.session.base_url == "https://api.github.com"
    assert client.session.timeout == (3.05, 10)
    assert client.session.auth is not None


def test_any_other_api_is_github_enterprise_under_api_v3(settings):
    settings.GITHUB_API_URL = "http://127.0.0.1:8123"
    client = github_client()
    assert isinstance(client, github3.GitHubEnterprise)
    assert client.session.base_url == "http://127.0.0.1:8123/api/v3"
    assert client.session.auth is None


def test_a_publiccode_yml_is_read_through_the_contents_api(github_stub):
    github_stub.add_repository(
        "Amsterdam", "design-system", files={"publiccode.yml": CLEAN.read_bytes()}
    )

    assert fetch_publiccode("amsterdam", "Design-System") == CLEAN.read_bytes()
    assert github_stub.paths_requested() == [
        "/api/v3/repos/amsterdam/Design-System",
        "/api/v3/repos/Amsterdam/design-system/contents/publiccode.yml",
    ]


def test_publiccode_yaml_is_the_fallback(github_stub):
    github_stub.add_repository("camden", "tool", files={"publiccode.yaml": "name: Tool\n"})

    assert fetch_publiccode("camden", "tool") == b"name: Tool\n"


def test_the_token_is_sent_when_configured(github_stub, settings):
    settings.GITHUB_TOKEN = "s3cret"
    github_stub.add_repository("camden", "tool", files={"publiccode.yml": "name: Tool\n"})

    fetch_publiccode("camden", "tool")

    assert github_stub.requests[0].headers["Authorization"] == "token s3cret"


def test_a_missing_repository_is_a_clear_error(github_stub):
    with pytest.raises(GitHubFetchError, match="There is no public GitHub repository camden/nope"):
        fetch_publiccode("camden", "nope")


def test_a_repository_without_publiccode_yml_is_a_clear_error(github_stub):
    github_stub.add_repository("camden", "tool", files={"README.md": "# Tool\n"})

    with pytest.raises(GitHubFetchError, match=r"has no publiccode\.yml"):
        fetch_publiccode("camden", "tool")


def test_a_private_repository_is_refused(github_stub):
    github_stub.add_repository(
        "camden", "secret", private=True, files={"publiccode.yml": CLEAN.read_bytes()}
    )

    with pytest.raises(GitHubFetchError, match="is private"):
        fetch_publiccode("camden", "secret")
    assert not any("contents" in path for path in github_stub.paths_requested())


def test_a_file_over_the_limit_is_refused_when_github_leaves_out_its_content(github_stub):
    github_stub.add_repository("camden", "big", files={"publiccode.yml": b"a" * (MAX_BYTES + 1)})

    with pytest.raises(GitHubFetchError, match="over the 1 MiB limit"):
        fetch_publiccode("camden", "big")


def test_a_file_over_the_limit_is_refused_by_its_size_even_with_content(github_stub):
    github_stub.content_limit = 4 * MAX_BYTES
    github_stub.add_repository("camden", "big", files={"publiccode.yml": b"a" * (MAX_BYTES + 1)})

    with pytest.raises(GitHubFetchError, match="1,048,577 bytes: over the 1 MiB limit"):
        fetch_publiccode("camden", "big")


def test_the_rate_limit_is_a_clear_error_saying_when_to_try_again(github_stub):
    github_stub.add_repository("camden", "tool", files={"publiccode.yml": "name: Tool\n"})
    github_stub.rate_limited = True

    with pytest.raises(GitHubFetchError) as error:
        fetch_publiccode("camden", "tool")
    assert "GitHub's limit on requests has been reached. Try again after" in str(error.value)


def test_an_unreachable_api_is_a_clear_error(settings):
    # conftest points GITHUB_API_URL at a closed loopback port.
    with pytest.raises(GitHubFetchError, match="could not connect to GitHub"):
        fetch_publiccode("camden", "tool")


def test_a_slow_api_times_out(github_stub, settings):
    settings.GITHUB_READ_TIMEOUT_SECONDS = 0.2
    github_stub.delay_seconds = 1
    github_stub.add_repository("camden", "tool", files={"publiccode.yml": "name: Tool\n"})

    with pytest.raises(GitHubFetchError, match="took too long"):
        fetch_publiccode("camden", "tool")


def test_the_stub_answers_404_in_githubs_shape(github_stub):
    import requests

    response = requests.get(f"{github_stub.api_url}/repos/camden/nope", timeout=5)
    assert response.status_code == 404
    assert response.json()["message"] == "Not Found"
    assert response.json()["documentation_url"].startswith("https://docs.github.com/rest/")
    assert int(response.headers["X-RateLimit-Remaining"]) < 60
