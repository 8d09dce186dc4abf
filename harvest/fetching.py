"""What a worker thread asks GitHub, through its own github3.py session.

Workers never touch the database: each function takes plain values and returns plain
values (``Listing``, ``ListResult``, ``Details``, ``Check``) with the validators it
captured, and the main thread writes them (``harvest.services``). A 304 means "as you
have it": the caller uses what it stored.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from urllib.parse import quote

from django.utils.dateparse import parse_datetime

from github3 import exceptions as gh_errors
from github3.repos.contents import Contents
from github3.repos.release import Release
from requests.exceptions import RequestException

from harvest.github import PUBLICCODE_NAMES, GitHubFetchError, file_bytes
from harvest.transport import RateLimitStop, Validator

PER_PAGE = 100
#: GitHub sends the content of files up to 1 MB; a README over this is not read.
README_MAX_BYTES = 1024 * 1024
UNCHANGED, ABSENT, FOUND = "unchanged", "absent", "found"


@dataclass(frozen=True)
class Listing:
    """A repository as a list entry (or ``GET /repos``) describes it."""

    github_id: int
    full_name: str
    html_url: str = ""
    description: str = ""
    homepage: str = ""
    licence: str = ""
    topics: tuple[str, ...] = ()
    stars: int = 0
    forks: int = 0
    open_issues: int = 0
    default_branch: str = ""
    pushed_at: str = ""
    archived: bool = False
    fork: bool = False
    is_template: bool = False
    empty: bool = False
    private: bool = False

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Listing:
        licence = data.get("license") or {}
        return cls(
            github_id=int(data["id"]),
            full_name=str(data["full_name"]),
            html_url=str(data.get("html_url") or ""),
            description=str(data.get("description") or ""),
            homepage=str(data.get("homepage") or ""),
            licence=str(licence.get("spdx_id") or "") if isinstance(licence, dict) else "",
            topics=tuple(sorted(str(t) for t in data.get("topics") or [])),
            stars=int(data.get("stargazers_count") or 0),
            forks=int(data.get("forks_count") or 0),
            open_issues=int(data.get("open_issues_count") or 0),
            default_branch=str(data.get("default_branch") or ""),
            pushed_at=str(data.get("pushed_at") or ""),
            archived=bool(data.get("archived")),
            fork=bool(data.get("fork")),
            is_template=bool(data.get("is_template")),
            empty=int(data.get("size") or 0) == 0,
            private=bool(data.get("private")),
        )

    @property
    def fingerprint(self) -> str:
        """Changes whenever anything the hub keeps about the repository changes."""
        values = json.dumps(self.__dict__, sort_keys=True, default=list)
        return hashlib.sha256(values.encode()).hexdigest()

    @property
    def pushed(self) -> datetime | None:
        return parse_datetime(self.pushed_at) if self.pushed_at else None

    @property
    def owner(self) -> str:
        return self.full_name.partition("/")[0]

    @property
    def name(self) -> str:
        return self.full_name.partition("/")[2]


@dataclass
class Page:
    url: str
    status: int
    #: The entries of a 200; None for a 304 (``ids`` then come from the stored summary).
    entries: list[Listing] | None
    ids: list[int]
    next_url: str = ""


@dataclass
class ListResult:
    source_id: int
    pages: list[Page] = field(default_factory=list)
    complete: bool = False
    error: str = ""
    stop: RateLimitStop | None = None
    captured: dict[str, Validator] = field(default_factory=dict)


@dataclass(frozen=True)
class DetailSpec:
    """What to read for one repository, and what the main thread already has."""

    repository_id: int
    full_name: str
    publiccode_path: str = ""
    want_readme_and_release: bool = False
    #: Read the README and release if a publiccode.yml turns up (a source that lists
    #: only repositories with one).
    readme_if_publiccode: bool = True


@dataclass
class Details:
    repository_id: int
    publiccode: str = ABSENT
    publiccode_path: str = ""
    publiccode_bytes: bytes = b""
    publiccode_error: str = ""
    readme: str = ""  # "" when not asked
    readme_text: str = ""
    release: str = ""  # "" when not asked
    release_tag: str = ""
    released_at: datetime | None = None
    error: str = ""
    stop: RateLimitStop | None = None
    captured: dict[str, Validator] = field(default_factory=dict)
    statuses: list[int] = field(default_factory=list)


@dataclass
class Check:
    """``GET /repos/{owner}/{name}``: for single-repository sources and repositories that
    left their organisation's list."""

    repository_id: int | None
    requested: str
    status: int = 0  # 200, 304 or 404 (after following any 301)
    listing: Listing | None = None
    moved: bool = False
    error: str = ""
    stop: RateLimitStop | None = None
    captured: dict[str, Validator] = field(default_factory=dict)


def first_list_url(api_root: str, kind: str, value: str) -> str:
    """The first page of a source's repositories (search and topics use the search API)."""
    if kind == "organisation":
        return f"{api_root}/orgs/{quote(value)}/repos?per_page={PER_PAGE}&sort=full_name"
    query = f"topic:{value}" if kind == "topic" else value
    return f"{api_root}/search/repositories?q={quote(query)}&per_page={PER_PAGE}"


def _raise_for(response) -> None:
    if response.status_code >= 400:
        raise gh_errors.error_for(response)


def _message(exc: Exception) -> str:
    if isinstance(exc, gh_errors.GitHubError):
        return f"GitHub answered {exc.code}: {exc.msg or 'no message'}"
    if isinstance(exc, RequestException):
        return f"Could not reach GitHub: {type(exc).__name__}"
    return str(exc) or type(exc).__name__


def list_repositories(
    worker, *, source_id: int, first_url: str, summaries: dict[str, dict]
) -> ListResult:
    """Every page of a source's list; a 304 page is taken from its stored summary."""
    result = ListResult(source_id=source_id)
    url = first_url
    try:
        while url:
            response = worker.gh.session.get(url)
            if response.status_code == 304 and url in summaries:
                summary = summaries[url]
                page = Page(url, 304, None, list(summary.get("ids", [])), summary.get("next", ""))
            else:
                _raise_for(response)
                body = response.json()
                items = body.get("items", []) if isinstance(body, dict) else body
                entries = [Listing.from_json(item) for item in items]
                next_url = response.links.get("next", {}).get("url", "")
                page = Page(url, 200, entries, [e.github_id for e in entries], next_url)
            result.pages.append(page)
            url = page.next_url
        result.complete = True
    except RateLimitStop as stop:
        result.stop = stop
    except (gh_errors.GitHubException, RequestException, ValueError, KeyError) as exc:
        result.error = _message(exc)
    result.captured = worker.adapter.take_captured()
    return result


def _get(worker, url: str):
    """(status, json or None): 304 and 404 are answers here, other errors raise."""
    response = worker.gh.session.get(url)
    if response.status_code in (304, 404):
        return response.status_code, None
    _raise_for(response)
    return response.status_code, response.json()


def _read_publiccode(worker, base: str, spec: DetailSpec, details: Details) -> None:
    names = [spec.publiccode_path] if spec.publiccode_path else []
    names += [name for name in PUBLICCODE_NAMES if name not in names]
    for name in names:
        status, body = _get(worker, f"{base}/contents/{name}")
        details.statuses.append(status)
        if status == 404:
            continue
        details.publiccode_path = name
        if status == 304:
            details.publiccode = UNCHANGED
            return
        details.publiccode = FOUND
        try:
            details.publiccode_bytes = file_bytes(
                Contents(body, worker.gh.session), spec.full_name, name
            )
        except GitHubFetchError as exc:
            details.publiccode_error = str(exc)
        return
    details.publiccode = ABSENT


def _read_readme(worker, base: str, details: Details) -> None:
    status, body = _get(worker, f"{base}/readme")
    if status == 304:
        details.readme = UNCHANGED
    elif status == 404 or body is None:
        details.readme = ABSENT
    else:
        contents = Contents(body, worker.gh.session)
        data = contents.decoded if isinstance(contents.decoded, bytes) else b""
        details.readme = FOUND
        details.readme_text = data[:README_MAX_BYTES].decode("utf-8", errors="replace")


def _read_release(worker, base: str, details: Details) -> None:
    status, body = _get(worker, f"{base}/releases/latest")
    if status == 304:
        details.release = UNCHANGED
    elif status == 404 or body is None:
        details.release = ABSENT
    else:
        release = Release(body, worker.gh.session)
        details.release = FOUND
        details.release_tag = release.name or release.tag_name or ""
        details.released_at = release.published_at


def read_details(worker, spec: DetailSpec) -> Details:
    """The publiccode.yml, and (when wanted) README and latest release, conditionally."""
    details = Details(repository_id=spec.repository_id)
    owner, _, name = spec.full_name.partition("/")
    base = worker.gh.session.build_url("repos", quote(owner), quote(name))
    try:
        _read_publiccode(worker, base, spec, details)
        found = details.publiccode in (FOUND, UNCHANGED)
        if spec.want_readme_and_release or (found and spec.readme_if_publiccode):
            _read_readme(worker, base, details)
            _read_release(worker, base, details)
    except RateLimitStop as stop:
        details.stop = stop
    except (gh_errors.GitHubException, RequestException, ValueError, KeyError) as exc:
        details.error = _message(exc)
    details.captured = worker.adapter.take_captured()
    return details


def check_repository(worker, *, repository_id: int | None, full_name: str) -> Check:
    check = Check(repository_id=repository_id, requested=full_name)
    owner, _, name = full_name.partition("/")
    try:
        repository = worker.gh.repository(owner, name)
        check.status = worker.adapter.last_status or 0
        if repository is not None:
            check.listing = Listing.from_json(repository.as_dict())
            check.moved = check.listing.full_name.lower() != full_name.lower()
            check.status = 200
    except gh_errors.NotFoundError:
        check.status = 404
    except RateLimitStop as stop:
        check.stop = stop
    except (gh_errors.GitHubException, RequestException, ValueError, KeyError) as exc:
        check.error = _message(exc)
    check.captured = worker.adapter.take_captured()
    return check
