"""GitHub's response bodies for the stub, built from the recordings in ``github_api/``.

Each body starts from a real recording (see ``github_api/README.md``) and is rewritten for
one stub repository: its names, the stub's address, and the values a test sets. The
recordings predate ``topics`` and ``is_template``; those are added as GitHub serves them
today. GitHub's ``releases/latest`` has no recording: its body follows GitHub's
documented shape, with the recorded repository owner as its author.
"""

from __future__ import annotations

import base64
import copy
import hashlib
import json
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

DATA = Path(__file__).parent / "github_api"
#: The recorded repositories' names, replaced by each stub repository's.
RECORDED = {
    "repository.json": ("sigmavirus24/github3.py", "sigmavirus24"),
    "organization_repositories.json": ("github3py/github3.py", "github3py"),
    "search_repositories.json": ("sigmavirus24/github3.py", "sigmavirus24"),
}


@cache
def recorded(name: str) -> Any:
    return json.loads((DATA / name).read_text(encoding="utf-8"))


@cache
def recorded_headers(name: str) -> dict[str, str]:
    """A recording's response headers, by lower-case name (the 2013 recording's are)."""
    return {key.lower(): value for key, value in recorded(name).items()}


def load(name: str) -> Any:
    return copy.deepcopy(recorded(name))


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
    description: str = ""
    homepage: str = ""
    topics: list[str] = field(default_factory=list)
    stars: int = 0
    forks: int = 0
    open_issues: int = 0
    pushed_at: str = "2026-01-05T10:00:00Z"
    archived: bool = False
    fork: bool = False
    is_template: bool = False
    size: int = 120
    licence: str = "MIT"
    readme: bytes | None = None
    release: dict | None = None
    #: Bumped by every change, so cached bodies are rebuilt.
    version: int = 0

    @property
    def full_name(self) -> str:
        return f"{self.owner}/{self.name}"


def _licence(spdx: str) -> dict | None:
    if not spdx:
        return None
    return {
        "key": spdx.lower(),
        "name": spdx,
        "spdx_id": spdx,
        "url": f"https://api.github.com/licenses/{spdx.lower()}",
        "node_id": "MDc6TGljZW5zZTA=",
    }


def _rewrite(name: str, repository: StubRepository, api_url: str) -> Any:
    slug, owner = RECORDED[name]
    body = recorded(name)
    if name != "repository.json":
        body = body["items"][0] if isinstance(body, dict) else body[0]
    return _replace_everywhere(
        body,
        [
            (slug, repository.full_name),
            ("https://api.github.com", api_url),
            (f"/{owner}", f"/{repository.owner}"),
        ],
    )


def repository_body(repository: StubRepository, api_url: str, shape: str) -> dict[str, Any]:
    """A repository in one of GitHub's shapes: ``repository.json`` (GET /repos),
    ``organization_repositories.json`` (a list entry) or ``search_repositories.json``."""
    body = _rewrite(shape, repository, api_url)
    body.update(
        id=repository.id,
        name=repository.name,
        full_name=repository.full_name,
        private=repository.private,
        default_branch=repository.default_branch,
        description=repository.description or None,
        homepage=repository.homepage or None,
        html_url=f"https://github.com/{repository.full_name}",
        fork=repository.fork,
        archived=repository.archived,
        is_template=repository.is_template,
        topics=list(repository.topics),
        stargazers_count=repository.stars,
        watchers_count=repository.stars,
        watchers=repository.stars,
        forks_count=repository.forks,
        forks=repository.forks,
        open_issues_count=repository.open_issues,
        open_issues=repository.open_issues,
        pushed_at=repository.pushed_at,
        size=repository.size,
        license=_licence(repository.licence),
    )
    body["owner"]["login"] = repository.owner
    return body


def _encoded(data: bytes) -> str:
    encoded = base64.b64encode(data).decode()
    return "".join(encoded[i : i + 60] + "\n" for i in range(0, len(encoded), 60))


def contents_body(
    repository: StubRepository, path: str, data: bytes, api_url: str, *, limit: int, shape: str
) -> dict[str, Any]:
    """``file_contents.json`` (GET contents/{path}) or ``readme.json`` (GET readme)."""
    slug, ref = repository.full_name, repository.default_branch
    api = f"{api_url}/repos/{slug}"
    sha = git_blob_sha(data)
    body = load(shape)
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
    if len(data) > limit:
        body.update(content="", encoding="none")
    else:
        body.update(content=_encoded(data), encoding="base64")
    body["_links"] = {"self": body["url"], "git": body["git_url"], "html": body["html_url"]}
    return body


def release_body(repository: StubRepository, api_url: str) -> dict[str, Any]:
    release = repository.release or {}
    tag = release.get("tag", "v1.0.0")
    number = 1000 + repository.id
    api = f"{api_url}/repos/{repository.full_name}/releases/{number}"
    author = copy.deepcopy(recorded("repository.json")["owner"])
    return {
        "url": api,
        "assets_url": f"{api}/assets",
        "upload_url": f"{api_url}/repos/{repository.full_name}/releases/{number}/assets"
        "{?name,label}",
        "html_url": f"https://github.com/{repository.full_name}/releases/tag/{tag}",
        "id": number,
        "author": author,
        "node_id": "MDc6UmVsZWFzZTE=",
        "tag_name": tag,
        "target_commitish": repository.default_branch,
        "name": release.get("name", tag),
        "draft": False,
        "prerelease": False,
        "created_at": release.get("published_at", repository.pushed_at),
        "published_at": release.get("published_at", repository.pushed_at),
        "assets": [],
        "tarball_url": f"{api_url}/repos/{repository.full_name}/tarball/{tag}",
        "zipball_url": f"{api_url}/repos/{repository.full_name}/zipball/{tag}",
        "body": release.get("body", ""),
    }


def search_body(items: list[dict], *, total: int) -> dict[str, Any]:
    body = load("search_repositories.json")
    body.update(total_count=total, incomplete_results=False, items=items)
    return body


def rate_limit_body(*, limit: int, remaining: int, reset: int) -> dict[str, Any]:
    body = load("rate_limit.json")
    core = {"limit": limit, "remaining": remaining, "reset": reset}
    body["resources"]["core"] = core
    body["resources"]["search"].update(reset=reset)
    body["rate"] = dict(core)
    return body


def moved_body(location: str) -> dict[str, Any]:
    body = load("moved_repository.json")
    body["url"] = location
    return body


def not_found_body(documentation: str = "repos/repos#get-a-repository") -> dict[str, Any]:
    return {
        "message": "Not Found",
        "documentation_url": f"https://docs.github.com/rest/{documentation}",
        "status": "404",
    }


def server_error_body() -> dict[str, Any]:
    return {"message": "Server Error", "documentation_url": "https://docs.github.com/rest"}


PRIMARY_LIMIT_MESSAGE = (
    "API rate limit exceeded for 127.0.0.1. (But here's the good news: Authenticated "
    "requests get a higher rate limit. Check out the documentation for more details.)"
)
SECONDARY_LIMIT_MESSAGE = (
    "You have exceeded a secondary rate limit. Please wait a few minutes before you try "
    "again. If you reach out to GitHub Support for help, please include the request ID."
)


def primary_limit_body() -> dict[str, Any]:
    return {
        "message": PRIMARY_LIMIT_MESSAGE,
        "documentation_url": "https://docs.github.com/rest/overview/"
        "resources-in-the-rest-api#rate-limiting",
    }


def secondary_limit_body() -> dict[str, Any]:
    return {
        "message": SECONDARY_LIMIT_MESSAGE,
        "documentation_url": "https://docs.github.com/rest/overview/"
        "rate-limits-for-the-rest-api#about-secondary-rate-limits",
    }
