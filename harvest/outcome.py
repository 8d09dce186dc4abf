"""What one harvest run hands back to ``harvest_run`` to record (``harvest.engine``)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime

from harvest.transport import RateLimitStop


@dataclass
class Outcome:
    """What the engine hands back to ``harvest_run`` to record."""

    counts: Counter = field(default_factory=Counter)
    errors: list[dict] = field(default_factory=list)
    stop: RateLimitStop | None = None
    unfinished_sources: list[int] = field(default_factory=list)
    stopped_at: str = ""
    sources_failed: int = 0
    requests: dict[str, int] = field(default_factory=dict)
    rate_limit_remaining: int | None = None
    rate_limit_reset_at: datetime | None = None
