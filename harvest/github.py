"""GitHub through github3.py: the import page's client, and the harvester's sessions.

Import page: the address a person types is never fetched. ``parse_github_repository_url``
accepts only ``https://github.com/<owner>/<repo>`` and returns the owner and name; the
client then builds its own calls to the configured API (``settings.GITHUB_API_URL``). So a
crafted address cannot make the server reach anything else (no SSRF).

Harvester: ``GitHubTransport`` holds what one run's worker threads share (the ETag store,
the request log, the stop flag) and gives each thread its own github3.py session with
timeouts and a ``harvest.transport.ConditionalAdapter`` mounted (``worker()``).
"""

from __future__ import annotations

import re
import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from urllib.parse import urlsplit

from django.conf import settings
from django.utils import timezone

import github3
from github3 import exceptions as gh_errors
from github3.session import GitHubSession
from requests.exceptions import Timeout

from harvest.publiccode import MAX_BYTES
from harvest.transport import (
    ConditionalAdapter,
    RequestLog,
    TransportSettings,
    ValidatorStore,
)

PUBLIC_API_URL = "https://api.github.com"
PUBLICCODE_NAMES = ("publiccode.yml", "publiccode.yaml")
CONNECT_TIMEOUT_SECONDS = 3.05
READ_TIMEOUT_SECONDS = 10

_HOSTS = {"github.com", "www.github.com"}
# GitHub's rules: owners are letters, digits and single hyphens (not first), up to 39;
# repository names are letters, digits, '.', '-' and '_', up to 100.
_OWNER = re.compile(r"^[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}$")
_REPO = re.compile(r"^[A-Za-z0-9._-]{1,100}$")
EXAMPLE = "https://github.com/your-organisation/your-repository"


class InvalidRepositoryURL(ValueError):
    """The address is not one of a GitHub repository; the message says why."""


class GitHubFetchError(Exception):
    """The publiccode.yml could not be read from GitHub; the message says why."""


def parse_github_repository_url(url: str) -> tuple[str, str]:
    """``(owner, repo)`` from ``https://github.com/<owner>/<repo>``, or InvalidRepositoryURL.

    Allowed: ``www.``, a trailing slash, a ``.git`` ending, a query or fragment (both
    ignored). Anything else is refused: other schemes and hosts, user names, ports, IP
    addresses, and paths below the repository.
    """
    url = (url or "").strip()
    if not url:
        raise InvalidRepositoryURL(f"Enter the address of a GitHub repository, like {EXAMPLE}")
    if len(url) > 500 or any(ch.isspace() or ord(ch) < 32 or ch == "\\" for ch in url):
        raise InvalidRepositoryURL(f"Enter a GitHub repository address, like {EXAMPLE}")
    try:
        parts = urlsplit(url)
    except ValueError as exc:
        raise InvalidRepositoryURL(f"Enter a GitHub repository address, like {EXAMPLE}") from exc
    if parts.scheme.lower() != "https":
        raise InvalidRepositoryURL(
            f"The address must start with https://github.com/, like {EXAMPLE}"
        )
    netloc = parts.netloc.lower()
    if "@" in netloc:
        raise InvalidRepositoryURL(
            "The address must not contain a user name or password. "
            f"Enter the repository's public address, like {EXAMPLE}"
        )
    if netloc not in _HOSTS:
        host, _, port = netloc.rpartition(":") if ":" in netloc else (netloc, "", "")
        if host in _HOSTS and port:
            raise InvalidRepositoryURL(f"The address must not include a port number. Use {EXAMPLE}")
        raise InvalidRepositoryURL(
            "Only public repositories on github.com can be read. Enter an address "
            f"starting with https://github.com/, like {EXAMPLE}"
        )
    segments = [s for s in parts.path.split("/") if s]
    if len(segments) < 2:
        raise InvalidRepositoryURL(
            f"Enter the repository's address, with its owner and name, like {EXAMPLE}"
        )
    if len(segments) > 2:
        raise InvalidRepositoryURL(
            "Enter the repository's own address, without anything after its name "
            f"(we read publiccode.yml from its default branch), like {EXAMPLE}"
        )
    owner, repo = segments
    repo = repo.removesuffix(".git")
    if not _OWNER.match(owner) or not _REPO.match(repo) or repo in (".", ".."):
        raise InvalidRepositoryURL(
            f"“{owner}/{repo}” is not a valid GitHub owner and repository name"
        )
    return owner, repo


def canonical_repository_url(owner: str, repo: str) -> str:
    return f"https://github.com/{owner}/{repo}"


def api_root(api_url: str = "") -> str:
    """The API root github3.py talks to: github.com's, or a GitHub Enterprise server's."""
    url = (api_url or settings.GITHUB_API_URL or PUBLIC_API_URL).rstrip("/")
    if url == PUBLIC_API_URL:
        return url
    return url.removesuffix("/api/v3") + "/api/v3"


def _client(api_url: str, session: GitHubSession) -> github3.GitHub:
    api_url = (api_url or settings.GITHUB_API_URL or PUBLIC_API_URL).rstrip("/")
    token = settings.GITHUB_TOKEN or ""
    if api_url == PUBLIC_API_URL:
        return github3.GitHub(token=token, session=session)
    return github3.GitHubEnterprise(api_url.removesuffix("/api/v3"), token=token, session=session)


def github_client() -> github3.GitHub:
    """A github3.py client for the configured API, with short timeouts.

    ``GITHUB_API_URL`` is either the public API or the root of a GitHub Enterprise
    server; github3.py adds ``/api/v3`` to the latter itself.
    """
    session = GitHubSession(
        default_connect_timeout=getattr(
            settings, "GITHUB_CONNECT_TIMEOUT_SECONDS", CONNECT_TIMEOUT_SECONDS
        ),
        default_read_timeout=getattr(settings, "GITHUB_READ_TIMEOUT_SECONDS", READ_TIMEOUT_SECONDS),
    )
    return _client(settings.GITHUB_API_URL, session)


@dataclass
class Worker:
    """One thread's github3.py client and the adapter under its session."""

    gh: github3.GitHub
    adapter: ConditionalAdapter


class GitHubTransport:
    """What one harvest run's threads share, and one github3.py session per thread."""

    def __init__(
        self,
        *,
        store: ValidatorStore,
        settings: TransportSettings,
        sleep=time.sleep,
    ):
        self.store = store
        self.settings = settings
        self.log = RequestLog()
        self.stop = threading.Event()
        self.sleep = sleep
        self._local = threading.local()
        self._sessions: list[GitHubSession] = []
        self._lock = threading.Lock()

    def worker(self, api_url: str = "") -> Worker:
        """This thread's client for ``api_url`` (made on first use)."""
        workers = getattr(self._local, "workers", None)
        if workers is None:
            workers = self._local.workers = {}
        if api_url not in workers:
            session = GitHubSession(
                default_connect_timeout=self.settings.connect_timeout,
                default_read_timeout=self.settings.read_timeout,
            )
            adapter = ConditionalAdapter(
                store=self.store,
                log=self.log,
                stop=self.stop,
                settings=self.settings,
                sleep=self.sleep,
            )
            session.mount("https://", adapter)
            session.mount("http://", adapter)
            workers[api_url] = Worker(gh=_client(api_url, session), adapter=adapter)
            with self._lock:
                self._sessions.append(session)
        return workers[api_url]

    def close(self) -> None:
        with self._lock:
            sessions, self._sessions = self._sessions, []
        for session in sessions:
            session.close()


def fetch_publiccode(owner: str, repo: str, *, client: github3.GitHub | None = None) -> bytes:
    """The bytes of the repository's publiccode.yml (or publiccode.yaml), or GitHubFetchError."""
    gh = client or github_client()
    name = f"{owner}/{repo}"
    with _clear_errors(name):
        repository = gh.repository(owner, repo)
    if repository is None:
        raise GitHubFetchError(f"GitHub did not return the repository {name}.")
    if repository.private:
        raise GitHubFetchError(
            f"The repository {name} is private. Only public repositories can be imported."
        )
    # file_contents() follows the repository's own API address: it must be ours.
    if not str(repository.url).startswith(gh.session.base_url.rstrip("/") + "/"):
        raise GitHubFetchError("GitHub sent a repository address we do not trust.")
    for filename in PUBLICCODE_NAMES:
        try:
            with _clear_errors(name, filename=filename):
                contents = repository.file_contents(filename)
        except _NotThere:
            continue
        return file_bytes(contents, name, filename)
    raise GitHubFetchError(
        f"The repository {name} has no publiccode.yml (or publiccode.yaml) in the top "
        "folder of its default branch."
    )


class _NotThere(GitHubFetchError):
    pass


def file_bytes(contents, name: str, filename: str) -> bytes:
    if contents is None or contents.type != "file":
        raise GitHubFetchError(f"{filename} in {name} is not a file.")
    # github3.py base64-decodes the content as it builds the object; GitHub only sends
    # content for files up to 1 MB. Our limit is checked on the size GitHub reports,
    # before the bytes are used or decoded as text.
    if contents.size is not None and contents.size > MAX_BYTES:
        raise GitHubFetchError(
            f"{filename} in {name} is {contents.size:,} bytes: over the 1 MiB limit "
            f"({MAX_BYTES:,} bytes)."
        )
    data = contents.decoded
    if contents.encoding != "base64" or not isinstance(data, bytes):
        raise GitHubFetchError(f"GitHub did not send the content of {filename} in {name}.")
    if len(data) > MAX_BYTES:
        raise GitHubFetchError(f"{filename} in {name} is over the 1 MiB limit.")
    return data


@contextmanager
def _clear_errors(name: str, *, filename: str = ""):
    """Turn github3.py's exceptions into GitHubFetchError with a message for people."""
    try:
        yield
    except gh_errors.NotFoundError as exc:
        if filename:
            raise _NotThere(str(exc)) from exc
        raise GitHubFetchError(
            f"There is no public GitHub repository {name}. Check the owner and name in the address."
        ) from exc
    except gh_errors.UnprocessableResponseBody as exc:  # e.g. a folder, not a file
        what = f"{filename} in {name}" if filename else name
        raise GitHubFetchError(f"GitHub's answer for {what} was not a file.") from exc
    except gh_errors.GitHubError as exc:
        raise GitHubFetchError(_response_message(exc, name)) from exc
    except gh_errors.ConnectionError as exc:
        if isinstance(exc.exception, Timeout):
            raise GitHubFetchError("GitHub took too long to answer. Try again later.") from exc
        raise GitHubFetchError("We could not connect to GitHub. Try again later.") from exc
    except gh_errors.GitHubException as exc:
        raise GitHubFetchError(f"Something went wrong reading from GitHub: {exc}") from exc


def _response_message(exc: gh_errors.GitHubError, name: str) -> str:
    response = getattr(exc, "response", None)
    headers = response.headers if response is not None else {}
    code = getattr(exc, "code", None)
    if code in (403, 429) and (
        headers.get("X-RateLimit-Remaining") == "0"
        or "Retry-After" in headers
        or "rate limit" in str(exc.msg or "").lower()
    ):
        return "GitHub's limit on requests has been reached. " + _retry_after(headers)
    if code == 401:
        return "GitHub refused the hub's access token. Tell the hub's administrators."
    if code == 403:
        return f"GitHub refused access to {name}."
    if code == 451:
        return f"GitHub has blocked access to {name}."
    if code is None:
        return f"GitHub sent an answer about {name} that we could not read."
    if code >= 500:
        return f"GitHub had a problem (error {code}). Try again later."
    return f"GitHub could not return {name} (error {code})."


def _retry_after(headers) -> str:
    reset = headers.get("X-RateLimit-Reset", "")
    if reset.isdigit():
        when = timezone.localtime(datetime.fromtimestamp(int(reset), tz=UTC))
        return f"Try again after {when:%H:%M} ({when.tzname()})."
    retry = headers.get("Retry-After", "")
    if retry.isdigit():
        return f"Try again in {max(1, round(int(retry) / 60))} minute(s)."
    return "Try again later."
