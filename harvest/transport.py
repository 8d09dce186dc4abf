"""The HTTP layer under github3.py for harvesting: conditional requests, rate limits, retries.

github3.py builds every request and reads every answer; it cannot say whether a
``refresh(conditional=True)`` got a 304, and ``repository()`` or ``file_contents()`` take
no ETag. So the harvester mounts ``ConditionalAdapter`` on each github3.py session
(one session per worker thread, see ``GitHubTransport.worker``). For every GET it:

* adds ``If-None-Match`` (or ``If-Modified-Since``) from the ``ValidatorStore``, which the
  run preloads from the database; new validators are captured per task and written by
  the main thread with the results they belong to (workers never touch the database);
* counts every response by status and reads ``X-RateLimit-Remaining``/``Reset``;
* refuses to send once the budget is down to the reserve, and recognises GitHub's
  primary limit (403/429 with nothing remaining) and secondary limit (403/429 whose
  message says so, or with ``Retry-After``): it waits only when the wait is no longer
  than the configured maximum, otherwise it raises ``RateLimitStop`` and the run stops
  cleanly, to resume next time;
* retries 5xx answers and connection errors a bounded number of times, with exponential
  backoff and jitter, never sleeping longer than the maximum.
"""

from __future__ import annotations

import random
import threading
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from urllib.parse import urlsplit

from requests.adapters import HTTPAdapter
from requests.exceptions import ConnectionError as RequestsConnectionError
from requests.exceptions import Timeout

CONDITIONAL_HEADERS = ("If-None-Match", "If-Modified-Since")
SECONDARY_LIMIT_WORDS = ("secondary rate limit", "abuse detection")
#: GitHub asks for at least a minute's pause after a secondary limit without Retry-After.
SECONDARY_DEFAULT_WAIT = 60.0


class RateLimitStop(Exception):
    """GitHub's budget is spent, or down to the reserve: the run stops and resumes later."""

    def __init__(self, message: str, *, kind: str, reset_at: datetime | None = None):
        super().__init__(message)
        self.kind = kind
        self.reset_at = reset_at


@dataclass(frozen=True)
class TransportSettings:
    reserve: int = 20
    max_sleep: float = 60.0
    retries: int = 3
    backoff: float = 1.0
    connect_timeout: float = 3.05
    read_timeout: float = 10.0


@dataclass(frozen=True)
class Validator:
    etag: str = ""
    last_modified: str = ""


@dataclass
class RequestLog:
    """Responses by status and the last rate limit seen, shared by every worker thread."""

    counts: Counter = field(default_factory=Counter)
    remaining: dict[str, int] = field(default_factory=dict)
    reset: dict[str, int] = field(default_factory=dict)
    sleeps: list[float] = field(default_factory=list)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def record(self, response) -> None:
        headers = response.headers
        resource = headers.get("X-RateLimit-Resource") or _resource(response.url)
        with self._lock:
            self.counts[str(response.status_code)] += 1
            remaining, reset = (
                headers.get("X-RateLimit-Remaining"),
                headers.get("X-RateLimit-Reset"),
            )
            if remaining is not None and remaining.lstrip("-").isdigit():
                self.remaining[resource] = int(remaining)
            if reset is not None and reset.isdigit():
                self.reset[resource] = int(reset)

    def record_sleep(self, seconds: float) -> None:
        with self._lock:
            self.sleeps.append(seconds)

    def left(self, resource: str) -> int | None:
        with self._lock:
            return self.remaining.get(resource)

    def reset_at(self, resource: str = "core") -> datetime | None:
        with self._lock:
            value = self.reset.get(resource)
        return datetime.fromtimestamp(value, tz=UTC) if value else None

    def by_status(self) -> dict[str, int]:
        with self._lock:
            return dict(sorted(self.counts.items()))


class ValidatorStore:
    """ETags by URL, in memory for the run; the main thread loads and saves them."""

    def __init__(self, validators: dict[str, Validator] | None = None):
        self._validators = dict(validators or {})
        self._lock = threading.Lock()

    def get(self, url: str) -> Validator | None:
        with self._lock:
            return self._validators.get(url)

    def put(self, url: str, validator: Validator) -> None:
        with self._lock:
            self._validators[url] = validator

    def forget_under(self, prefix: str) -> None:
        """Drop the validators of URLs under ``prefix`` (a repository seen for the first
        time has nothing stored that a 304 could stand for)."""
        with self._lock:
            for url in [u for u in self._validators if u.startswith(prefix)]:
                del self._validators[url]


def _resource(url: str) -> str:
    return "search" if "/search/" in urlsplit(url or "").path else "core"


def rate_limit_kind(response) -> str | None:
    """ "primary", "secondary" or None for a response."""
    if response.status_code not in (403, 429):
        return None
    if response.headers.get("X-RateLimit-Remaining") == "0":
        return "primary"
    try:
        message = str((response.json() or {}).get("message", "")).lower()
    except ValueError:
        message = (response.text or "").lower()
    if any(words in message for words in SECONDARY_LIMIT_WORDS):
        return "secondary"
    if "Retry-After" in response.headers:
        return "secondary"
    if "rate limit" in message:
        return "primary"
    return None


def seconds_to_wait(response, *, kind: str, attempt: int, now: float) -> float:
    retry_after = response.headers.get("Retry-After", "")
    if retry_after.isdigit():
        return float(retry_after)
    reset = response.headers.get("X-RateLimit-Reset", "")
    if kind == "primary" and reset.isdigit():
        return max(0.0, int(reset) - now + 1)
    return SECONDARY_DEFAULT_WAIT * (2**attempt)


class ConditionalAdapter(HTTPAdapter):
    """One per github3.py session (so per thread): see the module's docstring."""

    def __init__(
        self,
        *,
        store: ValidatorStore,
        log: RequestLog,
        stop: threading.Event,
        settings: TransportSettings,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.time,
        rng: random.Random | None = None,
    ):
        super().__init__()
        self.store, self.log, self.stop, self.settings = store, log, stop, settings
        self.sleep, self.clock = sleep, clock
        self.rng = rng or random.Random()  # noqa: S311 - jitter, not security
        self.captured: dict[str, Validator] = {}
        self.last_status: int | None = None

    def take_captured(self) -> dict[str, Validator]:
        """The validators of the 200s since the last call (this thread's task)."""
        captured, self.captured = self.captured, {}
        return captured

    def _pause(self, seconds: float) -> None:
        seconds = min(max(0.0, seconds), self.settings.max_sleep)
        self.log.record_sleep(seconds)
        if seconds:
            self.sleep(seconds)

    def _backoff(self, attempt: int) -> float:
        delay = self.settings.backoff * (2**attempt) * (0.5 + self.rng.random())
        return min(delay, self.settings.max_sleep)

    def _check_budget(self, url: str) -> None:
        if self.stop.is_set():
            raise RateLimitStop("The run is stopping.", kind="stopped")
        resource = _resource(url)
        left = self.log.left(resource)
        if left is not None and left <= self.settings.reserve:
            raise RateLimitStop(
                f"{left} requests left of GitHub's {resource} limit: the reserve "
                f"({self.settings.reserve}) is kept.",
                kind="reserve",
                reset_at=self.log.reset_at(resource),
            )

    def send(self, request, **kwargs):
        if request.method == "GET":
            for name in CONDITIONAL_HEADERS:
                request.headers.pop(name, None)
            known = self.store.get(request.url)
            if known is not None and known.etag:
                request.headers["If-None-Match"] = known.etag
            elif known is not None and known.last_modified:
                request.headers["If-Modified-Since"] = known.last_modified
        attempt = 0
        while True:
            self._check_budget(request.url)
            try:
                response = super().send(request, **kwargs)
            except (RequestsConnectionError, Timeout):
                if attempt >= self.settings.retries:
                    raise
                self._pause(self._backoff(attempt))
                attempt += 1
                continue
            self.log.record(response)
            self.last_status = response.status_code
            if response.status_code >= 500 and attempt < self.settings.retries:
                response.close()
                self._pause(self._backoff(attempt))
                attempt += 1
                continue
            kind = rate_limit_kind(response)
            if kind is not None:
                wait = seconds_to_wait(response, kind=kind, attempt=attempt, now=self.clock())
                if wait <= self.settings.max_sleep and attempt < self.settings.retries:
                    response.close()
                    self._pause(wait)
                    attempt += 1
                    continue
                reset = response.headers.get("X-RateLimit-Reset", "")
                reset_at = datetime.fromtimestamp(int(reset), tz=UTC) if reset.isdigit() else None
                raise RateLimitStop(
                    f"GitHub's {kind} rate limit: it asks for a wait of {wait:.0f} s, longer "
                    f"than the {self.settings.max_sleep:.0f} s allowed.",
                    kind=kind,
                    reset_at=reset_at,
                )
            if request.method == "GET" and response.status_code == 200:
                etag = response.headers.get("ETag", "")
                modified = response.headers.get("Last-Modified", "")
                if etag or modified:
                    self.captured[request.url] = Validator(etag=etag, last_modified=modified)
            return response
