"""The harvester's way into the catalogue.

``harvest`` reads GitHub and calls these; ``listings`` never imports ``harvest``, so the
data arrives as plain values (``RepositoryFacts``, ``RepositoryMetrics``, answers).

* A new repository becomes a draft through the submission services every other route
  uses (``submission_deliver``), so moderators review it in the same workflow.
* A descriptive change (its description, its publiccode.yml) is proposed the same way,
  as a new revision of the listing in moderation.
* Figures (stars, forks, open issues, last push, release, licence, archived) and what the
  harvester found at the repository (its state) are written to the listing directly:
  they are facts about GitHub, not claims, so nobody moderates them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime
from html import unescape
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.html import strip_tags

from packaging.licenses import InvalidLicenseExpression, canonicalize_license_expression

from hub.models import Organisation
from listings.maintenance import maintenance_signal
from listings.markdown import markdown_to_html
from listings.models import SolutionPage
from listings.models.choices import DevelopmentStatus, RepositoryState, SolutionType
from listings.models.publiccode_fields import LONG_DESCRIPTION_MAX, LONG_DESCRIPTION_MIN
from listings.models.solutions import SUMMARY_MAX_LENGTH
from listings.models.submissions import Submission, SubmissionKind, SubmissionSource
from listings.submissions.answers import ANSWER_KEYS, answers_from_page, validate_answers
from listings.submissions.services import submission_deliver
from listings.text import web_url

EXCERPT_LENGTH = 300
README_MAX_CHARACTERS = 200_000
#: GitHub's licence detector says this when it finds a licence it cannot name.
_UNNAMED_LICENCES = {"", "NOASSERTION", "OTHER"}


@dataclass(frozen=True)
class RepositoryFacts:
    """What GitHub says about a repository, for a listing drafted without publiccode.yml."""

    full_name: str
    html_url: str
    description: str = ""
    homepage: str = ""
    licence: str = ""
    topics: tuple[str, ...] = ()
    archived: bool = False
    readme: str = ""


@dataclass(frozen=True)
class RepositoryMetrics:
    stars: int | None = None
    forks: int | None = None
    open_issues: int | None = None
    pushed_at: datetime | None = None
    latest_release: str = ""
    released_at: datetime | None = None
    archived: bool = False
    licence: str = ""


@dataclass
class HarvestedAnswers:
    """A listing's answers from a repository, and the answers that had to be replaced.

    ``cleaned`` is the same answers as the form cleans them (what a draft is made from).
    """

    answers: dict[str, Any]
    problems: list[dict[str, Any]] = field(default_factory=list)
    cleaned: dict[str, Any] = field(default_factory=dict)


def spdx_licence(value: str) -> str:
    """GitHub's SPDX id, canonical, or "" when it named none (NOASSERTION, OTHER)."""
    if (value or "").upper() in _UNNAMED_LICENCES:
        return ""
    try:
        return str(canonicalize_license_expression(value))
    except InvalidLicenseExpression:
        return ""


def readme_rendered(text: str) -> tuple[str, str]:
    """(sanitised HTML, plain-text excerpt) of a README, with the catalogue's rules."""
    html = markdown_to_html((text or "")[:README_MAX_CHARACTERS])
    return html, excerpt(html)


def excerpt(html: str, length: int = EXCERPT_LENGTH) -> str:
    """The first paragraphs' text, cut at a word: headings and lists are left out."""
    paragraphs = re.findall(r"<p[^>]*>(.*?)</p>", html or "", flags=re.S)
    words = " ".join(unescape(strip_tags(p)) for p in paragraphs).split()
    text = " ".join(words)
    if len(text) <= length:
        return text
    cut = text[: length - 1].rsplit(" ", 1)[0].rstrip(",;:.")
    return f"{cut}…"


def _one_line(text: str, length: int) -> str:
    text = " ".join((text or "").split())
    if len(text) <= length:
        return text
    return text[: length - 1].rsplit(" ", 1)[0].rstrip(",;:.") + "…"


def answers_from_repository(facts: RepositoryFacts) -> dict[str, Any]:
    """A listing's answers from GitHub's metadata and the README (no publiccode.yml).

    Every answer is valid as it is, so it is also the fallback for any answer a
    publiccode.yml gets wrong. Moderators check the guessed ones (cost, hosting, personal
    data) as they would for an import.
    """
    owner, _, name = facts.full_name.partition("/")
    _html, readme_excerpt = readme_rendered(facts.readme)
    description = " ".join((facts.description or "").split())
    summary_source = description or readme_excerpt or f"{name}, published by {owner} on GitHub."
    licence = spdx_licence(facts.licence)
    long_description = (facts.readme or "").strip()[:LONG_DESCRIPTION_MAX]
    if len(long_description) < LONG_DESCRIPTION_MIN:
        long_description = "\n\n".join(
            part
            for part in (
                long_description or description,
                f"This listing was harvested from the GitHub repository {facts.html_url}, "
                f"published by {owner}. Its description is still to be written by the "
                "people who look after it.",
            )
            if part
        )
    return {
        "title": name[:255],
        "summary": _one_line(summary_source, SUMMARY_MAX_LENGTH),
        "problem": _one_line(description or readme_excerpt or summary_source, 5000),
        "long_description": long_description,
        "features": [],
        "solution_type": str(SolutionType.OTHER),
        "development_status": str(
            DevelopmentStatus.OBSOLETE if facts.archived else DevelopmentStatus.BETA
        ),
        "is_open_source": bool(licence) and not licence.startswith("LicenseRef-"),
        "licence": licence,
        "repository_url": facts.html_url,
        "website": web_url(facts.homepage),
        "cost_model": "free",
        "hosting": "self_hosted",
        "processes_personal_data": False,
        "dpia_template_available": False,
    }


def harvested_answers(
    *, facts: RepositoryFacts, publiccode_answers: dict[str, Any] | None = None
) -> HarvestedAnswers:
    """The publiccode.yml's answers over the repository's, every one valid.

    A publiccode.yml with errors still gives a draft: each answer the form refuses is
    replaced by the repository's own (or left out), and a warning says so, beside the
    file's own problems, for the moderator.
    """
    fallback = answers_from_repository(facts)
    given = {
        key: value
        for key, value in (publiccode_answers or {}).items()
        if key in ANSWER_KEYS and value not in (None, "", [])
    }
    answers = {**fallback, **given}
    if not given.get("repository_url"):
        answers["repository_url"] = facts.html_url
    problems = []
    form = validate_answers(answers)
    if not form.is_valid():
        for key, errors in form.errors.items():
            if key in fallback and answers.get(key) != fallback[key]:
                answers[key] = fallback[key]
                replaced = "so the repository's own value is used"
            else:
                answers.pop(key, None)
                replaced = "so it is left out"
            problems.append(
                {
                    "severity": "warning",
                    "key": key,
                    "line": None,
                    "column": None,
                    "message": f"{'; '.join(errors)} ({replaced}).",
                }
            )
        form = validate_answers(answers)
        if not form.is_valid():  # the fallback itself is valid: this is a bug, say so
            raise ValueError(f"Harvested answers for {facts.full_name}: {form.errors}")
    return HarvestedAnswers(answers=answers, problems=problems, cleaned=_merged(answers, form))


def _merged(answers: dict[str, Any], form) -> dict[str, Any]:
    merged = {**answers, **getattr(form, "cleaned_data", {})}
    return {key: value for key, value in merged.items() if key in ANSWER_KEYS}


def _cleaned(answers: dict[str, Any]) -> dict[str, Any]:
    form = validate_answers(answers)
    form.is_valid()
    return _merged(answers, form)


@transaction.atomic
def solution_draft_harvested(
    *,
    organisation: Organisation | None,
    answers: HarvestedAnswers,
    publiccode_text: str = "",
    problems: list[dict] | None = None,
) -> Submission:
    """A draft listing in moderation for a new repository (or a link to its listing).

    ``answers`` come from ``harvested_answers``. The submission has no submitter: the
    harvester sends it for the source's organisation (which may be none).
    """
    submission = Submission.objects.create(
        organisation=organisation,
        submitted_by=None,
        source=SubmissionSource.HARVEST,
        answers=answers.answers,
        publiccode_text=publiccode_text,
        problems=list(problems or []),
    )
    cleaned = answers.cleaned or _cleaned(answers.answers)
    submission = submission_deliver(submission=submission, answers=dict(cleaned), user=None)
    if submission.page_id is not None:
        SolutionPage.objects.filter(pk=submission.page_id).update(is_harvested=True)
    return submission


@transaction.atomic
def solution_propose_harvested_change(
    *,
    solution_id: int,
    organisation: Organisation | None,
    changed: dict[str, Any],
    publiccode_text: str = "",
    problems: list[dict] | None = None,
) -> Submission | None:
    """A new revision in moderation with what changed at the repository, or None.

    ``changed`` holds only the answers that differ from the last harvest, so edits that
    moderators or the owners made since are kept; answers the form refuses are dropped.
    """
    solution = SolutionPage.objects.get(pk=solution_id)
    base = answers_from_page(solution.get_latest_revision_as_object())
    changes = {key: value for key, value in changed.items() if key in ANSWER_KEYS}
    form = validate_answers({**base, **changes})
    if not form.is_valid():
        changes = {key: value for key, value in changes.items() if key not in form.errors}
    changes = {key: value for key, value in changes.items() if base.get(key) != value}
    if not changes:
        return None
    answers = {**base, **changes}
    submission = Submission.objects.create(
        organisation=organisation,
        submitted_by=None,
        kind=SubmissionKind.CHANGE,
        source=SubmissionSource.HARVEST,
        page=solution,
        answers=answers,
        base_answers=base,
        publiccode_text=publiccode_text,
        problems=list(problems or []),
    )
    return submission_deliver(submission=submission, answers=_cleaned(answers), user=None)


def _metric_values(metrics: RepositoryMetrics, now: datetime) -> dict[str, Any]:
    return {
        "github_stars": metrics.stars,
        "github_forks": metrics.forks,
        "github_open_issues": metrics.open_issues,
        "github_pushed_at": metrics.pushed_at,
        "github_latest_release": (metrics.latest_release or "")[:100],
        "github_released_at": metrics.released_at,
        "github_archived": metrics.archived,
        "github_licence": spdx_licence(metrics.licence),
        "metrics_harvested_at": now,
        "maintenance_signal": maintenance_signal(
            archived=metrics.archived,
            pushed_at=metrics.pushed_at,
            released_at=metrics.released_at,
            open_issues=metrics.open_issues,
            now=now,
        ),
        "is_harvested": True,
    }


def solution_refresh_repository_metrics(
    *, solution_id: int, metrics: RepositoryMetrics, now: datetime | None = None
) -> None:
    """Write GitHub's figures to the listing, live, without moderation."""
    values = _metric_values(metrics, now or timezone.now())
    SolutionPage.objects.filter(pk=solution_id).update(**values)


def solution_record_harvest(
    *,
    solution_id: int,
    metrics: RepositoryMetrics,
    state: str,
    detail: str = "",
    checked_at: datetime | None = None,
) -> None:
    """The figures and the state together, in one statement (what a harvest writes)."""
    now = checked_at or timezone.now()
    SolutionPage.objects.filter(pk=solution_id).update(
        **_metric_values(metrics, now),
        repository_state=RepositoryState(state).value,
        repository_state_detail=detail,
        repository_checked_at=now,
    )


def solution_record_repository_state(
    *, solution_id: int, state: str, detail: str = "", checked_at: datetime | None = None
) -> None:
    """What the harvester found at the repository, shown on the listing.

    A moved repository's new address is a descriptive change (proposed in moderation with
    the rest); until then GitHub redirects the old one.
    """
    SolutionPage.objects.filter(pk=solution_id).update(
        repository_state=RepositoryState(state).value,
        repository_state_detail=detail,
        repository_checked_at=checked_at or timezone.now(),
        is_harvested=True,
    )


def solutions_refresh_maintenance_signals(*, now: datetime | None = None) -> int:
    """Recompute the signal of every harvested listing (it depends on the date); the count
    of listings whose signal changed."""
    now = now or timezone.now()
    changed = []
    rows = SolutionPage.objects.filter(metrics_harvested_at__isnull=False).only(
        "pk",
        "github_archived",
        "github_pushed_at",
        "github_released_at",
        "github_open_issues",
        "maintenance_signal",
    )
    for row in rows.iterator(chunk_size=1000):
        signal = maintenance_signal(
            archived=row.github_archived,
            pushed_at=row.github_pushed_at,
            released_at=row.github_released_at,
            open_issues=row.github_open_issues,
            now=now,
        )
        if signal != row.maintenance_signal:
            row.maintenance_signal = signal
            changed.append(row)
    SolutionPage.objects.bulk_update(changed, ["maintenance_signal"], batch_size=500)
    return len(changed)
