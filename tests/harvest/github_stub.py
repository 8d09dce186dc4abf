"""A stub GitHub REST API on 127.0.0.1, answering with GitHub's recorded response shapes.

Tests talk to it through github3.py exactly as production talks to GitHub (github3.py
is never mocked). It serves the GitHub Enterprise layout (``/api/v3/...``), because
``github_client()`` uses ``github3.GitHubEnterprise`` for any API other than the public
one. Bodies start from real recordings in ``github_api/`` (see its README), rewritten
for the repositories a test adds.

Built now: ``GET /repos/{owner}/{repo}`` and ``GET /repos/{owner}/{repo}/contents/{path}``,
GitHub's 404 body, rate-limit headers, a forced rate limit and a slow mode. To extend it
(organisation listings, ETags and 304s for a harvester), add a pattern to ``ROUTES`` and a
``route_<name>`` method returning ``(status, body, headers)``.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
import sys
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

DATA = Path(__file__).parent / "github_api"
API_PREFIX = "/api/v3"
CONTENT_LIMIT = 1024 * 1024  # GitHub sends no content for larger files (encoding "none")
RATE_LIMIT = 60
# The recorded repository's own names, replaced by each stub repository's.
RECORDED_SLUG = "sigmavirus24/github3.py"
RECORDED_OWNER = "sigmavirus24"
# Headers copied from the recordings; the stub works out the others itself.
KEPT_HEADERS = (
    "Server",
    "Content-Type",
    "Cache-Control",
    "Vary",
    "X-GitHub-Media-Type",
    "Access-Control-Expose-Headers",
    "Access-Control-Allow-Origin",
    "X-Content-Type-Options",
    "X-Frame-Options",
)


def _load(name: str) -> Any:
    return json.loads((DATA / name).read_text(encoding="utf-8"))


def _replace_everywhere(value: Any, replacements: list[tuple[str, str]]) -> Any:
    if isinstance(value, str):
        for old, new in replacements:
            value = value.replace(old, new)
        return value
    if isinstance(value, dict):
        return {key: _replace_everywhere(item, replacements) for key, item in value.items()}
    if isinstance(value, list):
        return [_replace_everywhere(item, replacements) for item in value]
    return value


def git_blob_sha(data: bytes) -> str:
    """The SHA GitHub gives a file: git's blob hash."""
    return hashlib.sha1(b"blob %d\0" % len(data) + data).hexdigest()  # noqa: S324


@dataclass
class StubRepository:
    owner: str
    name: str
    id: int
    private: bool = False
    default_branch: str = "main"
    files: dict[str, bytes] = field(default_factory=dict)

    @property
    def full_name(self) -> str:
        return f"{self.owner}/{self.name}"


@dataclass
class RecordedRequest:
    method: str
    path: str
    headers: dict[str, str]


class GitHubStub:
    """Configure it per test: ``add_repository(...)``, ``rate_limited``, ``delay_seconds``."""

    ROUTES = [
        (
            "contents",
            re.compile(r"^/repos/(?P<owner>[^/]+)/(?P<repo>[^/]+)/contents/(?P<path>.+)$"),
        ),
        ("repository", re.compile(r"^/repos/(?P<owner>[^/]+)/(?P<repo>[^/]+)$")),
    ]

    def __init__(self):
        self.repositories: dict[tuple[str, str], StubRepository] = {}
        self.requests: list[RecordedRequest] = []
        self.rate_limited = False
        self.rate_limit_remaining = RATE_LIMIT
        self.delay_seconds = 0.0
        self.content_limit = CONTENT_LIMIT
        self._server: ThreadingHTTPServer | None = None
        self._address: tuple[str, int] = ("127.0.0.1", 0)
        self._thread: threading.Thread | None = None

    # -- lifecycle -------------------------------------------------------------------

    def start(self) -> GitHubStub:
        handler = type("Handler", (_Handler,), {"stub": self})
        self._server = _Server(("127.0.0.1", 0), handler)
        self._address = self._server.server_address[:2]
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None

    @property
    def url(self) -> str:
        """The server's root: what ``settings.GITHUB_API_URL`` is set to."""
        host, port = self._address
        return f"http://{host}:{port}"

    @property
    def api_url(self) -> str:
        return self.url + API_PREFIX

    # -- configuration ---------------------------------------------------------------

    def add_repository(
        self,
        owner: str,
        name: str,
        *,
        private: bool = False,
        files: dict[str, bytes | str] | None = None,
        default_branch: str = "main",
    ) -> StubRepository:
        repository = StubRepository(
            owner=owner,
            name=name,
            id=1000 + len(self.repositories),
            private=private,
            default_branch=default_branch,
            files={
                path: data.encode() if isinstance(data, str) else data
                for path, data in (files or {}).items()
            },
        )
        self.repositories[(owner.lower(), name.lower())] = repository
        return repository

    def paths_requested(self) -> list[str]:
        return [request.path for request in self.requests]

    # -- responses -------------------------------------------------------------------

    def repository_json(self, repository: StubRepository) -> dict[str, Any]:
        slug = repository.full_name
        body = _replace_everywhere(
            _load("repository.json"),
            [
                (RECORDED_SLUG, slug),
                ("https://api.github.com", self.api_url),
                (f"/{RECORDED_OWNER}", f"/{repository.owner}"),
            ],
        )
        body.update(
            id=repository.id,
            name=repository.name,
            full_name=slug,
            private=repository.private,
            default_branch=repository.default_branch,
            description=f"Stub repository {slug}",
            homepage="",
        )
        body["owner"]["login"] = repository.owner
        return body

    def contents_json(self, repository: StubRepository, path: str, data: bytes) -> dict:
        slug, ref = repository.full_name, repository.default_branch
        api = f"{self.api_url}/repos/{slug}"
        sha = git_blob_sha(data)
        body = _load("file_contents.json")
        body.update(
            name=path.rsplit("/", 1)[-1],
            path=path,
            sha=sha,
            size=len(data),
            url=f"{api}/contents/{path}?ref={ref}",
            html_url=f"https://github.com/{slug}/blob/{ref}/{path}",
            git_url=f"{api}/git/blobs/{sha}",
            download_url=f"https://raw.githubusercontent.com/{slug}/{ref}/{path}",
            type="file",
        )
        if len(data) > self.content_limit:
            body.update(content="", encoding="none")
        else:
            encoded = base64.b64encode(data).decode()
            lines = [encoded[i : i + 60] for i in range(0, len(encoded), 60)]
            body.update(content="".join(line + "\n" for line in lines), encoding="base64")
        body["_links"] = {"self": body["url"], "git": body["git_url"], "html": body["html_url"]}
        return body

    def not_found(self, documentation: str = "repos/repos#get-a-repository"):
        body = {
            "message": "Not Found",
            "documentation_url": f"https://docs.github.com/rest/{documentation}",
            "status": "404",
        }
        return 404, body, {}

    def _find(self, owner: str, repo: str) -> StubRepository | None:
        return self.repositories.get((owner.lower(), repo.lower()))

    def route_repository(self, match: re.Match, query: dict) -> tuple[int, Any, dict]:
        repository = self._find(match["owner"], match["repo"])
        if repository is None:
            return self.not_found()
        return 200, self.repository_json(repository), {}

    def route_contents(self, match: re.Match, query: dict) -> tuple[int, Any, dict]:
        repository = self._find(match["owner"], match["repo"])
        path = unquote(match["path"])
        if repository is None or path not in repository.files:
            return self.not_found("repos/contents#get-repository-content")
        return 200, self.contents_json(repository, path, repository.files[path]), {}

    def respond(self, method: str, raw_path: str, headers: dict[str, str]):
        """(status, body, headers) for one request."""
        self.requests.append(RecordedRequest(method, raw_path, headers))
        if self.delay_seconds:
            time.sleep(self.delay_seconds)
        parts = urlsplit(raw_path)
        exhausted = self.rate_limited or self.rate_limit_remaining <= 0
        if not exhausted:
            self.rate_limit_remaining -= 1
        remaining = 0 if exhausted else self.rate_limit_remaining
        rate = {
            "X-RateLimit-Limit": str(RATE_LIMIT),
            "X-RateLimit-Remaining": str(remaining),
            "X-RateLimit-Reset": str(int(time.time()) + 3600),
            "X-RateLimit-Used": str(RATE_LIMIT - remaining),
            "X-RateLimit-Resource": "core",
        }
        if exhausted:
            body = {
                "message": "API rate limit exceeded for 127.0.0.1. (But here's the good news: "
                "Authenticated requests get a higher rate limit. Check out the documentation "
                "for more details.)",
                "documentation_url": "https://docs.github.com/rest/overview/"
                "resources-in-the-rest-api#rate-limiting",
            }
            return 403, body, rate
        if method != "GET" or not parts.path.startswith(API_PREFIX + "/"):
            status, body, extra = self.not_found("")
            return status, body, {**rate, **extra}
        path = parts.path.removeprefix(API_PREFIX)
        for name, pattern in self.ROUTES:
            match = pattern.match(path)
            if match:
                status, body, extra = getattr(self, f"route_{name}")(match, parse_qs(parts.query))
                return status, body, {**rate, **extra}
        status, body, extra = self.not_found("")
        return status, body, {**rate, **extra}


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):
        """A client that gave up (a timeout test) is not an error worth printing."""
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


class _Handler(BaseHTTPRequestHandler):
    stub: GitHubStub
    recorded_headers = _load("repository.headers.json")

    def do_GET(self):
        self._answer("GET")

    def do_HEAD(self):
        self._answer("HEAD")

    def _answer(self, method: str) -> None:
        status, body, headers = self.stub.respond(method, self.path, dict(self.headers))
        payload = json.dumps(body).encode()
        self.send_response(status)
        for name in KEPT_HEADERS:
            if name in self.recorded_headers:
                self.send_header(name, self.recorded_headers[name])
        for name, value in headers.items():
            self.send_header(name, value)
        if status == 200:
            self.send_header("ETag", f'W/"{hashlib.md5(payload).hexdigest()}"')  # noqa: S324
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        if method != "HEAD":
            self.wfile.write(payload)

    def log_message(self, format, *args):
        pass
