"""State changes for submissions: start, save answers, send to moderation, propose changes.

Who may act is decided here, not in views: only approved members of the submitting
organisation (or moderators) touch its submissions, and only members of the owning
organisation propose changes to a published listing. Every send goes through
``ListingAnswersForm`` and the page's own ``full_clean``, so a listing that reaches a
moderator has already passed every rule a published one must.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from wagtail.models import WorkflowState

from hub.models import Membership, Organisation, ServiceArea
from listings.adoptions.services import adoption_record
from listings.models import SolutionIndexPage, SolutionPage
from listings.models.choices import AdoptionStatus
from listings.models.routing import slug_is_routed
from listings.models.submissions import (
    Submission,
    SubmissionKind,
    SubmissionSource,
    SubmissionStatus,
)
from listings.permissions import (
    user_can_edit_submission,
    user_can_propose_changes,
    user_can_submit_for,
)
from listings.submissions.answers import (
    ANSWER_KEYS,
    answers_from_page,
    page_fields_from_answers,
    validate_answers,
)
from listings.submissions.councils import match_councils

#: Forges whose repository URLs are https://host/owner/repo, whatever else is appended.
_FORGES = ("github.com", "gitlab.com", "bitbucket.org", "codeberg.org")
#: Answers a publiccode.yml import fills with a default because the standard has no key
#: for them; a re-import must never overwrite what the listing already says.
IMPORT_DEFAULTED_KEYS = (
    "problem",
    "cost_model",
    "hosting",
    "processes_personal_data",
    "dpia_template_available",
)


def normalise_repository_url(url: str) -> str:
    """One spelling per repository, so a repeat submission finds the listing it repeats."""
    url = (url or "").strip()
    if not url:
        return ""
    parts = urlsplit(url if "://" in url else f"https://{url}")
    host = (parts.hostname or "").lower().removeprefix("www.")
    path = parts.path.rstrip("/").removesuffix(".git").rstrip("/")
    if host in _FORGES:
        owner_repo = [segment for segment in path.split("/") if segment][:2]
        return f"https://{host}/{'/'.join(owner_repo).lower()}".rstrip("/")
    return f"{parts.scheme.lower()}://{host}{path}"


def submitter_organisations(user) -> list[Organisation]:
    """The organisations a user may submit for: those they are an approved member of."""
    if not user.is_authenticated:
        return []
    return list(
        Organisation.objects.filter(
            pk__in=Membership.objects.approved().filter(user=user).values("organisation")
        ).order_by("name")
    )


def tidy_repository_url(url: str) -> str:
    """Without a trailing slash or ``.git``: how listings store a repository, whatever route."""
    url = (url or "").strip().rstrip("/")
    return url.removesuffix(".git").rstrip("/")


def _clean_answers(answers: dict[str, Any] | None) -> dict[str, Any]:
    answers = {key: value for key, value in (answers or {}).items() if key in ANSWER_KEYS}
    if isinstance(answers.get("repository_url"), str):
        answers["repository_url"] = tidy_repository_url(answers["repository_url"])
    return answers


def _existing_listing(repository_url: str) -> SolutionPage | None:
    if not repository_url:
        return None
    normalised = normalise_repository_url(repository_url)
    for page in SolutionPage.objects.exclude(repository_url="").filter(
        repository_url__icontains=normalised.rsplit("/", 1)[-1]
    ):
        if normalise_repository_url(page.repository_url) == normalised:
            return page
    return None


@transaction.atomic
def submission_start(
    *,
    user,
    organisation: Organisation,
    source: str = SubmissionSource.FORM,
    answers: dict[str, Any] | None = None,
    publiccode_text: str = "",
    problems: list[dict] | None = None,
    override_errors: bool = False,
) -> Submission:
    """Begin a submission. publiccode.yml errors block it unless a moderator overrides them."""
    if not user_can_submit_for(user=user, organisation=organisation):
        raise PermissionDenied("Only approved members of an organisation can submit for it.")
    problems = list(problems or [])
    has_errors = any(problem.get("severity") == "error" for problem in problems)
    if has_errors and not (override_errors and user.is_moderator):
        raise ValidationError(
            "The publiccode.yml has errors. Fix them, or ask a moderator to import it."
        )
    answers = _clean_answers(answers)
    return Submission.objects.create(
        organisation=organisation,
        submitted_by=user,
        source=source,
        answers=answers,
        publiccode_text=publiccode_text,
        problems=problems,
        errors_overridden_by=user if has_errors else None,
    )


@transaction.atomic
def submission_save_answers(*, submission: Submission, user, answers: dict[str, Any]) -> Submission:
    """Keep (some of) the answers, valid or not: the submitter may come back to them later."""
    submission = Submission.objects.select_for_update().get(pk=submission.pk)
    if not user_can_edit_submission(user=user, submission=submission):
        raise PermissionDenied("You cannot change this submission.")
    if not submission.is_editable:
        raise ValidationError("This submission has been sent and is waiting for review.")
    submission.answers = {**submission.answers, **_clean_answers(answers)}
    submission.save(update_fields=["answers", "updated_at"])
    return submission


@transaction.atomic
def submission_propose_changes(*, page: SolutionPage, user, organisation=None) -> Submission:
    """Start (or return the open) proposal of changes to a listing, from its latest revision."""
    if not user_can_propose_changes(user=user, page=page):
        raise PermissionDenied(
            "Only members of the organisation that owns a listing can change it."
        )
    organisation = organisation or page.owner_organisation
    if organisation is None:
        raise ValidationError("This listing has no owning organisation.")
    open_proposal = (
        Submission.objects.open()
        .filter(page=page, organisation=organisation, kind=SubmissionKind.CHANGE)
        .first()
    )
    if open_proposal:
        return open_proposal
    latest = page.get_latest_revision_as_object()
    answers = answers_from_page(latest)
    return Submission.objects.create(
        organisation=organisation,
        submitted_by=user,
        kind=SubmissionKind.CHANGE,
        source=SubmissionSource.FORM,
        page=page,
        answers=answers,
        base_answers=answers,
    )


def _apply_answers(page: SolutionPage, answers: dict[str, Any]) -> None:
    for field, value in page_fields_from_answers(answers).items():
        setattr(page, field, value)
    if "service_areas" in answers:
        page.service_areas = list(
            ServiceArea.objects.filter(slug__in=answers.get("service_areas") or [])
        )


def _start_or_resume_moderation(page: SolutionPage, user) -> None:
    state = WorkflowState.objects.active().for_instance(page).first()
    if state is None:
        workflow = page.get_workflow()
        if workflow is None:
            raise ValidationError("No moderation workflow applies to solutions.")
        workflow.start(page, user)
    elif state.status == WorkflowState.STATUS_NEEDS_CHANGES:
        state.resume(user)
    # An in-progress review simply sees the newer revision.


def submission_record_used_by(*, submission: Submission) -> list[str]:
    """Reported adoptions for the councils in usedBy, once moderators publish the listing.

    Returns the names that match no council (kept on the page for moderators and export).
    """
    page = submission.page
    names = submission.answers.get("used_by") or []
    if page is None or not names:
        return []
    matched, unmatched = match_councils(names)
    known = set(page.adoptions.values_list("council_id", flat=True))
    for _name, council in matched:
        if council.pk not in known:
            adoption_record(
                solution=page,
                council=council,
                status=AdoptionStatus.PRODUCTION,
                confirmed=False,
                reported_by=submission.submitted_by,
                notes="Listed in the solution's publiccode.yml (usedBy).",
            )
    return unmatched


def _changed_keys(answers: dict[str, Any], base: dict[str, Any]) -> set[str]:
    """The answers the submitter changed since the proposal started (as stored, uncleaned)."""
    return {key for key, value in answers.items() if base.get(key) != value}


@transaction.atomic
def submission_send(*, submission: Submission, user) -> Submission:
    """Send the answers to moderation as a draft revision; nothing is saved if invalid.

    A repository already listed is never listed twice: the owner's submission becomes a
    proposed change to the existing listing, anyone else's is linked to it.
    """
    submission = Submission.objects.select_for_update().get(pk=submission.pk)
    if not user_can_edit_submission(user=user, submission=submission):
        raise PermissionDenied("You cannot send this submission.")
    if not submission.is_editable:
        raise ValidationError("This submission has already been sent.")
    form = validate_answers(submission.answers)
    if not form.is_valid():
        raise ValidationError(form.errors)
    answers = {**submission.answers, **form.cleaned_data}
    answers = {key: value for key, value in answers.items() if key in ANSWER_KEYS}
    return submission_deliver(submission=submission, answers=answers, user=user)


def submission_deliver(*, submission: Submission, answers: dict[str, Any], user) -> Submission:
    """Turn a locked submission's checked answers into a draft revision in moderation.

    The callers decide who may send and check the answers first: ``submission_send`` for
    people, ``listings.harvested`` for the GitHub harvester (``user`` None). Both then
    share everything here, so a harvested listing is moderated like any other.
    """
    if submission.page_id is None:
        # One send at a time looks for, and lists, a repository: two organisations sending
        # the same repository together must not both create a listing.
        index = SolutionIndexPage.objects.select_for_update().get()
        existing = _existing_listing(answers.get("repository_url", ""))
        if existing is not None:
            submission.page = existing
            if (
                submission.organisation_id is not None
                and existing.owner_organisation_id == submission.organisation_id
            ):
                submission.kind = SubmissionKind.CHANGE
                current = answers_from_page(existing.specific.get_latest_revision_as_object())
                submission.base_answers = current
                if submission.source != SubmissionSource.FORM:
                    kept = {key: current[key] for key in IMPORT_DEFAULTED_KEYS}
                    answers.update(kept)
                    submission.answers = {**submission.answers, **kept}
            else:
                submission.status = SubmissionStatus.LINKED
                submission.submitted_at = timezone.now()
                submission.save()
                return submission

    if submission.page_id is None:
        page = SolutionPage(live=False, owner_organisation=submission.organisation)
        if submission.organisation is not None and submission.organisation.kind in (
            "council",
            "vendor",
            "public_body",
        ):
            page.provider = submission.organisation
        _apply_answers(page, answers)
        page.slug = _unique_slug(answers["title"], index)
        index.add_child(instance=page)
    else:
        page = submission.page.specific.get_latest_revision_as_object()
        if submission.kind == SubmissionKind.CHANGE and submission.base_answers:
            changed = _changed_keys(submission.answers, submission.base_answers)
            _apply_answers(page, {key: answers[key] for key in changed if key in answers})
        else:
            _apply_answers(page, answers)
    page.full_clean()
    _matched, unmatched = match_councils(answers.get("used_by") or [])
    metadata = dict(page.publiccode_metadata or {})
    if unmatched:
        metadata["usedByUnmatched"] = unmatched
    else:
        metadata.pop("usedByUnmatched", None)
    page.publiccode_metadata = metadata
    page.save_revision(user=user, clean=False)  # cleaned just above
    _start_or_resume_moderation(page, user)

    submission.page = page
    submission.answers = {**submission.answers, "publiccode_metadata": metadata}
    submission.status = SubmissionStatus.IN_MODERATION
    submission.submitted_at = timezone.now()
    submission.moderator_comment = ""
    submission.save()
    return submission


def _unique_slug(title: str, index: SolutionIndexPage) -> str:
    base = (slugify(title) or "solution")[:200]
    slug, number = base, 2
    taken = set(
        SolutionPage.objects.child_of(index)
        .filter(slug__startswith=base)
        .values_list("slug", flat=True)
    )
    while slug in taken or slug_is_routed(type(index), slug):
        slug, number = f"{base}-{number}", number + 1
    return slug
