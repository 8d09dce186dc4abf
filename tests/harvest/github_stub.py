"""A stub GitHub REST API on 127.0.0.1, answering with GitHub's recorded response shapes.

Tests talk to it through github3.py exactly as production talks to GitHub (github3.py
is never mocked). It serves the GitHub Enterprise layout (``/api/v3/...``), because
``github_client()`` uses ``github3.GitHubEnterprise`` for any API other than the public
one. Bodies come from real recordings in ``github_api/`` (``github_shapes.py``).

It serves organisation lists (paginated with ``Link`` headers), repositories (also by
id), contents, READMEs, latest releases, search and ``rate_limit``; an ETag on every
200 but a search, and a 304 for a matching ``If-None-Match`` (which, as on GitHub, costs
no rate limit); 301s for renamed or transferred repositories. On demand: the primary rate
limit (403 with a reset time), the secondary limit (403 or 429 with GitHub's message and
``Retry-After``), 500s (on chosen paths, or a fraction of all requests), and latency.
"""

from __future__ import annotations

import hashlib
import json
import random
import re
import sys
import threading
import time
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, quote, unquote, urlsplit

from tests.harvest import github_shapes as shapes
from tests.harvest.github_shapes import StubRepository, git_blob_sha  # noqa: F401 - re-exported

API_PREFIX = "/api/v3"
CONTENT_LIMIT = 1024 * 1024  # GitHub sends no content for larger files (encoding "none")
RATE_LIMIT = 60
DEFAULT_PER_PAGE, MAX_PER_PAGE = 30, 100
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
NOT_MODIFIED_HEADERS = ("Server", "Cache-Control", "Vary", "Access-Control-Allow-Origin")


@dataclass
class RecordedRequest:
    method: str
    path: str
    headers: dict[str, str]
    status: int = 0


@dataclass
class Failure:
    pattern: re.Pattern
    status: int
    times: int | None  # None: every time


class GitHubStub:
    """Configure it per test: ``add_repository(...)``, ``rate_limited``, ``fail(...)``..."""

    ROUTES = [
        ("contents", r"^/repos/(?P<owner>[^/]+)/(?P<repo>[^/]+)/contents/(?P<path>.+)$"),
        ("readme", r"^/repos/(?P<owner>[^/]+)/(?P<repo>[^/]+)/readme$"),
        ("release", r"^/repos/(?P<owner>[^/]+)/(?P<repo>[^/]+)/releases/latest$"),
        ("repository", r"^/repos/(?P<owner>[^/]+)/(?P<repo>[^/]+)$"),
        ("repository_by_id", r"^/repositories/(?P<id>\d+)$"),
        ("organisation", r"^/orgs/(?P<org>[^/]+)/repos$"),
        ("organisation_by_id", r"^/organizations/(?P<id>\d+)/repos$"),
        ("search", r"^/search/repositories$"),
        ("rate_limit", r"^/rate_limit$"),
    ]

    def __init__(self):
        self.repositories: dict[tuple[str, str], StubRepository] = {}
        self.moved: dict[tuple[str, str], int] = {}  # old (owner, name) -> repository id
        self.requests: list[RecordedRequest] = []
        self.rate_limited = False
        self.rate_limit_remaining = RATE_LIMIT
        self.rate_limit_total = RATE_LIMIT
        self.rate_limit_reset = int(time.time()) + 3600
        self.secondary_limits = 0  # the next N requests get the secondary rate limit
        self.secondary_status = 403
        self.secondary_retry_after = 60
        self.failures: list[Failure] = []
        self.fail_fraction = 0.0
        self.delay_seconds = 0.0
        self.content_limit = CONTENT_LIMIT
        self._random = random.Random(20)  # repeatable failures
        self._lock = threading.RLock()
        self._cache: dict[tuple, bytes] = {}
        self._org_ids: dict[str, int] = {}
        self._routes = [(name, re.compile(pattern)) for name, pattern in self.ROUTES]
        self._server: ThreadingHTTPServer | None = None
        self._address: tuple[str, int] = ("127.0.0.1", 0)

    # -- lifecycle -------------------------------------------------------------------

    def start(self) -> GitHubStub:
        handler = type("Handler", (_Handler,), {"stub": self})
        self._server = _Server(("127.0.0.1", 0), handler)
        self._address = self._server.server_address[:2]
        thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )
        thread.start()
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
        self, owner: str, name: str, *, files: dict[str, bytes | str] | None = None, **facts
    ) -> StubRepository:
        """A repository; ``facts`` are ``StubRepository`` fields (stars, topics, readme...)."""
        if isinstance(facts.get("readme"), str):
            facts["readme"] = facts["readme"].encode()
        with self._lock:
            repository = StubRepository(
                owner=owner,
                name=name,
                id=1000 + len(self.repositories) + len(self.moved),
                files={
                    path: data.encode() if isinstance(data, str) else data
                    for path, data in (files or {}).items()
                },
                **facts,
            )
            self.repositories[(owner.lower(), name.lower())] = repository
            self._org_ids.setdefault(owner.lower(), 5000 + len(self._org_ids))
        return repository

    def repository(self, owner: str, name: str) -> StubRepository:
        return self.repositories[(owner.lower(), name.lower())]

    def change(self, owner: str, name: str, *, push: bool = False, **facts) -> StubRepository:
        """Change a repository's facts (``push``: as a push does, a newer ``pushed_at``)."""
        with self._lock:
            repository = self.repository(owner, name)
            for key, value in facts.items():
                if key == "readme" and isinstance(value, str):
                    value = value.encode()
                if key == "files":
                    value = {p: d.encode() if isinstance(d, str) else d for p, d in value.items()}
                setattr(repository, key, value)
            if push:
                repository.pushed_at = time.strftime(
                    "%Y-%m-%dT%H:%M:%SZ", time.gmtime(time.time() + repository.version)
                )
            repository.version += 1
        return repository

    def move(self, owner: str, name: str, *, to_owner: str, to_name: str) -> StubRepository:
        """Rename or transfer: the old name answers 301 to ``/repositories/{id}``."""
        with self._lock:
            repository = self.repositories.pop((owner.lower(), name.lower()))
            self.moved[(owner.lower(), name.lower())] = repository.id
            repository.owner, repository.name = to_owner, to_name
            repository.version += 1
            self.repositories[(to_owner.lower(), to_name.lower())] = repository
            self._org_ids.setdefault(to_owner.lower(), 5000 + len(self._org_ids))
        return repository

    def delete(self, owner: str, name: str) -> None:
        with self._lock:
            del self.repositories[(owner.lower(), name.lower())]

    def fail(self, pattern: str, *, status: int = 500, times: int | None = None) -> None:
        """Answer ``status`` for request paths (without /api/v3) matching ``pattern``."""
        with self._lock:
            self.failures.append(Failure(re.compile(pattern), status, times))

    def paths_requested(self) -> list[str]:
        return [request.path for request in self.requests]

    def statuses(self) -> dict[int, int]:
        counts: dict[int, int] = {}
        for request in self.requests:
            counts[request.status] = counts.get(request.status, 0) + 1
        return counts

    def clear_requests(self) -> None:
        with self._lock:
            self.requests.clear()

    # -- bodies (cached per repository version: the bench serves thousands) -------------

    def _cached(self, key: tuple, build) -> bytes:
        with self._lock:
            if key not in self._cache:
                self._cache[key] = json.dumps(build()).encode()
            return self._cache[key]

    def repository_json(self, repository: StubRepository) -> dict[str, Any]:
        return shapes.repository_body(repository, self.api_url, "repository.json")

    def _entry(self, repository: StubRepository, shape: str) -> bytes:
        key = (shape, repository.id, repository.version, repository.full_name)
        return self._cached(key, lambda: shapes.repository_body(repository, self.api_url, shape))

    def _find(self, owner: str, repo: str) -> StubRepository | None:
        return self.repositories.get((owner.lower(), repo.lower()))

    def _by_id(self, number: int) -> StubRepository | None:
        return next((r for r in self.repositories.values() if r.id == number), None)

    # -- routes: each returns (status, body bytes or dict, headers) ------------------

    def route_repository(self, match, query):
        repository = self._find(match["owner"], match["repo"])
        if repository is None:
            moved_id = self.moved.get((match["owner"].lower(), match["repo"].lower()))
            if moved_id is not None and self._by_id(moved_id) is not None:
                location = f"{self.api_url}/repositories/{moved_id}"
                headers = {"Location": location, "_recorded": "moved_repository.headers.json"}
                return 301, shapes.moved_body(location), headers
            return 404, shapes.not_found_body(), {}
        return 200, self._entry(repository, "repository.json"), {}

    def route_repository_by_id(self, match, query):
        repository = self._by_id(int(match["id"]))
        if repository is None:
            return 404, shapes.not_found_body(), {}
        return 200, self._entry(repository, "repository.json"), {}

    def route_contents(self, match, query):
        repository = self._find(match["owner"], match["repo"])
        path = unquote(match["path"])
        if repository is None or path not in repository.files:
            return 404, shapes.not_found_body("repos/contents#get-repository-content"), {}
        data = repository.files[path]
        body = shapes.contents_body(
            repository, path, data, self.api_url, limit=self.content_limit,
            shape="file_contents.json",
        )  # fmt: skip
        return 200, body, {"_recorded": "file_contents.headers.json"}

    def route_readme(self, match, query):
        repository = self._find(match["owner"], match["repo"])
        if repository is None or repository.readme is None:
            return 404, shapes.not_found_body("repos/contents#get-a-repository-readme"), {}
        body = shapes.contents_body(
            repository, "README.md", repository.readme, self.api_url, limit=self.content_limit,
            shape="readme.json",
        )  # fmt: skip
        return 200, body, {"_recorded": "readme.headers.json"}

    def route_release(self, match, query):
        repository = self._find(match["owner"], match["repo"])
        if repository is None or repository.release is None:
            return 404, shapes.not_found_body("releases/releases#get-the-latest-release"), {}
        return 200, shapes.release_body(repository, self.api_url), {}

    def _page(self, repositories, query, path: str):
        per_page = min(int(query.get("per_page", [DEFAULT_PER_PAGE])[0]), MAX_PER_PAGE)
        page = max(1, int(query.get("page", ["1"])[0]))
        pages = max(1, -(-len(repositories) // per_page))
        chunk = repositories[(page - 1) * per_page : page * per_page]
        params = {k: v[0] for k, v in query.items() if k != "page"}

        def link(number: int) -> str:
            kept = "&".join(f"{k}={quote(v)}" for k, v in params.items())
            return f"<{self.api_url}{path}?{kept}&page={number}>"

        rels = []
        if page < pages:
            rels += [f'{link(page + 1)}; rel="next"', f'{link(pages)}; rel="last"']
        if page > 1:
            rels += [f'{link(1)}; rel="first"', f'{link(page - 1)}; rel="prev"']
        headers = {"Link": ", ".join(rels)} if rels else {}
        return chunk, headers

    def _organisation(self, org: str, query):
        org_id = self._org_ids.get(org.lower())
        repositories = sorted(
            (r for r in self.repositories.values() if r.owner.lower() == org.lower()),
            key=lambda r: r.full_name.lower(),
        )
        if org_id is None:
            return 404, shapes.not_found_body("repos/repos#list-organization-repositories"), {}
        chunk, headers = self._page(repositories, query, f"/organizations/{org_id}/repos")
        entries = [self._entry(r, "organization_repositories.json") for r in chunk]
        body = b"[" + b",".join(entries) + b"]"
        return 200, body, {**headers, "_recorded": "organization_repositories.headers.json"}

    def route_organisation(self, match, query):
        return self._organisation(match["org"], query)

    def route_organisation_by_id(self, match, query):
        org = next((o for o, n in self._org_ids.items() if n == int(match["id"])), "")
        return self._organisation(org, query)

    def route_search(self, match, query):
        words = query.get("q", [""])[0].split()
        found = []
        for repository in sorted(self.repositories.values(), key=lambda r: r.full_name.lower()):
            if _matches(repository, words):
                found.append(repository)
        chunk, headers = self._page(found, query, "/search/repositories")
        items = [json.loads(self._entry(r, "search_repositories.json")) for r in chunk]
        headers.update(_no_etag="1", _recorded="search_repositories.headers.json")
        return 200, shapes.search_body(items, total=len(found)), headers

    def route_rate_limit(self, match, query):
        body = shapes.rate_limit_body(
            limit=self.rate_limit_total,
            remaining=0 if self.rate_limited else max(0, self.rate_limit_remaining),
            reset=self.rate_limit_reset,
        )
        return 200, body, {"_no_etag": "1", "_recorded": "rate_limit.headers.json"}

    # -- one request ---------------------------------------------------------------------

    def _rate_headers(self, remaining: int) -> dict[str, str]:
        return {
            "X-RateLimit-Limit": str(self.rate_limit_total),
            "X-RateLimit-Remaining": str(remaining),
            "X-RateLimit-Reset": str(self.rate_limit_reset),
            "X-RateLimit-Used": str(self.rate_limit_total - remaining),
            "X-RateLimit-Resource": "core",
        }

    def _forced_failure(self, path: str) -> int | None:
        for failure in self.failures:
            if failure.pattern.search(path) and failure.times != 0:
                if failure.times is not None:
                    failure.times -= 1
                return failure.status
        if self.fail_fraction and self._random.random() < self.fail_fraction:
            return 500
        return None

    def respond(self, method: str, raw_path: str, headers: dict[str, str]):
        """(status, body bytes, headers) for one request (recorded as it arrives)."""
        record = RecordedRequest(method, raw_path, headers)
        with self._lock:
            self.requests.append(record)
        if self.delay_seconds:
            time.sleep(self.delay_seconds)
        with self._lock:
            return self._respond(record, method, raw_path, headers)

    def _respond(self, record, method: str, raw_path: str, headers: dict[str, str]):
        parts = urlsplit(raw_path)
        path = parts.path.removeprefix(API_PREFIX)
        free = path == "/rate_limit"
        if self.secondary_limits > 0 and not free:
            self.secondary_limits -= 1
            record.status = self.secondary_status
            extra = {"Retry-After": str(self.secondary_retry_after)}
            return (
                record.status,
                shapes.secondary_limit_body(),
                {**self._rate_headers(self.rate_limit_remaining), **extra},
            )
        exhausted = self.rate_limited or self.rate_limit_remaining <= 0
        if exhausted and not free:
            record.status = 403
            return 403, shapes.primary_limit_body(), self._rate_headers(0)
        forced = None if free else self._forced_failure(path)
        if forced is not None:
            record.status = forced
            return forced, shapes.server_error_body(), self._rate_headers(self.rate_limit_remaining)
        status, body, extra = 404, shapes.not_found_body(""), {}
        if method in ("GET", "HEAD") and parts.path.startswith(API_PREFIX + "/"):
            for name, pattern in self._routes:
                match = pattern.match(path)
                if match:
                    status, body, extra = getattr(self, f"route_{name}")(
                        match, parse_qs(parts.query)
                    )
                    break
        payload = body if isinstance(body, bytes) else json.dumps(body).encode()
        if status == 200 and not extra.pop("_no_etag", None):
            etag = f'W/"{hashlib.md5(payload).hexdigest()}"'  # noqa: S324
            extra["ETag"] = etag
            if headers.get("If-None-Match") == etag:
                record.status = 304
                return 304, b"", {**self._rate_headers(self.rate_limit_remaining), "ETag": etag}
        extra.pop("_no_etag", None)
        if status not in (200, 301):
            extra.pop("_recorded", None)
        if not free:
            self.rate_limit_remaining -= 1
        record.status = status
        return status, payload, {**self._rate_headers(max(0, self.rate_limit_remaining)), **extra}


def _matches(repository: StubRepository, words: list[str]) -> bool:
    for word in words:
        qualifier, _, value = word.partition(":")
        if value and qualifier == "topic":
            if value.lower() not in [t.lower() for t in repository.topics]:
                return False
        elif value and qualifier in ("org", "user"):
            if repository.owner.lower() != value.lower():
                return False
        elif value:
            continue  # other qualifiers (language:, stars:...) are not modelled
        elif word.lower() not in f"{repository.full_name} {repository.description}".lower():
            return False
    return True


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):
        """A client that gave up (a timeout test) is not an error worth printing."""
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


class _Handler(BaseHTTPRequestHandler):
    stub: GitHubStub
    protocol_version = "HTTP/1.1"  # keep-alive, as GitHub does

    def do_GET(self):
        self._answer("GET")

    def do_HEAD(self):
        self._answer("HEAD")

    def _answer(self, method: str) -> None:
        status, payload, headers = self.stub.respond(method, self.path, dict(self.headers))
        payload = payload if isinstance(payload, bytes) else json.dumps(payload).encode()
        recorded = headers.pop("_recorded", "repository.headers.json")
        if status == 304:
            kept, recorded = NOT_MODIFIED_HEADERS, "not_modified.headers.json"
        else:
            kept = KEPT_HEADERS
        source = shapes.recorded_headers(recorded)
        self.send_response(status)
        for name in kept:
            if name.lower() in source:
                self.send_header(name, source[name.lower()])
        for name, value in headers.items():
            self.send_header(name, value)
        if status != 304:
            self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        if method != "HEAD" and status != 304:
            self.wfile.write(payload)

    def log_message(self, format, *args):
        pass
