"""What happens to submissions when moderators decide in Wagtail's workflow.

Approving publishes the page (Wagtail does that) and marks its submissions published,
recording usedBy councils as reported adoptions only then; requesting changes sends the
moderator's comment back. Publishing directly or cancelling the review settles waiting
submissions too, and deleting a listing withdraws them, so none is left waiting forever.
Either way the submitter gets an email that links to their listings page, not to the
admin they may not have.
Wagtail's own approval and rejection emails skip solutions so nobody gets two.
"""

from __future__ import annotations

import logging

from django.core.mail import send_mail
from django.db import transaction
from django.db.models.signals import pre_delete
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from wagtail.admin import signal_handlers as wagtail_handlers
from wagtail.models import TaskState, WorkflowState
from wagtail.signals import page_published, workflow_approved, workflow_cancelled, workflow_rejected

from hub.links import absolute_url, page_absolute_url
from listings.models import SolutionPage
from listings.models.submissions import Submission, SubmissionStatus
from listings.submissions.services import submission_record_used_by

logger = logging.getLogger(__name__)


def _rejection_comment(workflow_state: WorkflowState) -> str:
    task_state = (
        TaskState.objects.filter(workflow_state=workflow_state, status=TaskState.STATUS_REJECTED)
        .order_by("-finished_at", "-pk")
        .first()
    )
    return (task_state.get_comment() if task_state else "") or ""


def _is_solution(workflow_state) -> bool:
    obj = getattr(workflow_state, "content_object", None)
    model = getattr(obj, "specific_class", None) or type(obj)
    return issubclass(model, SolutionPage)


def _notify(submission: Submission, template: str, subject: str, **context) -> None:
    """Email the submitter once the decision is committed; a mail failure never undoes it."""
    recipient = submission.submitted_by
    if recipient is None or not recipient.email or not recipient.is_active:
        return
    context.update(
        submission=submission,
        listings_url=absolute_url(reverse("listings:your_listings")),
        page_url=(
            page_absolute_url(submission.page) if submission.page and submission.page.live else ""
        ),
    )
    message = render_to_string(template, context)
    subject = " ".join(subject.split())  # a header must be one line

    def send():
        try:
            send_mail(
                subject=subject,
                message=message,
                from_email=None,
                recipient_list=[recipient.email],
            )
        except Exception:  # any mail failure: log it, the decision stands
            logger.exception(
                "Could not email %s about submission %s", recipient.email, submission.pk
            )

    transaction.on_commit(send)


def _waiting(page) -> list[Submission]:
    return list(
        Submission.objects.filter(page=page, status=SubmissionStatus.IN_MODERATION)
        .select_related("submitted_by", "organisation", "page")
        .order_by("pk")
    )


def submissions_published(page: SolutionPage) -> list[Submission]:
    """The page went live with the reviewed revision: its waiting submissions are published."""
    waiting = _waiting(page)
    now = timezone.now()
    for submission in waiting:
        submission.status = SubmissionStatus.PUBLISHED
        submission.decided_at = now
        submission.moderator_comment = ""
        submission.save(update_fields=["status", "decided_at", "moderator_comment", "updated_at"])
        submission_record_used_by(submission=submission)
        submission.page.refresh_from_db()
        _notify(
            submission,
            "listings/email/submission_published.txt",
            f"Published: {submission.page.title}",
        )
    return waiting


def submissions_sent_back(page: SolutionPage, comment: str) -> list[Submission]:
    waiting = _waiting(page)
    now = timezone.now()
    for submission in waiting:
        submission.status = SubmissionStatus.CHANGES_REQUESTED
        submission.decided_at = now
        submission.moderator_comment = comment
        submission.save(update_fields=["status", "decided_at", "moderator_comment", "updated_at"])
        _notify(
            submission,
            "listings/email/submission_changes_requested.txt",
            f"Changes requested: {submission.title or submission.page.title}",
            comment=comment,
        )
    return waiting


def submissions_decided(*, workflow_state: WorkflowState, approved: bool) -> list[Submission]:
    if not _is_solution(workflow_state):
        return []
    page = workflow_state.content_object.specific
    if approved:
        return submissions_published(page)
    return submissions_sent_back(page, _rejection_comment(workflow_state))


CANCELLED_COMMENT = (
    "The review was cancelled before a decision. Check your answers and send it again."
)


def on_workflow_cancelled(sender, instance: WorkflowState, **kwargs):
    """Cancelled (by an editor, or by publishing directly): decide once everything settles."""
    if not _is_solution(instance):
        return
    page_id = instance.content_object.pk

    def settle():
        page = SolutionPage.objects.filter(pk=page_id).first()
        if page is None:
            return
        if page.live and not page.has_unpublished_changes:
            submissions_published(page)
        else:
            submissions_sent_back(page, CANCELLED_COMMENT)

    transaction.on_commit(settle)


def on_page_published(sender, instance, **kwargs):
    if isinstance(instance, SolutionPage):
        submissions_published(instance)


def on_solution_deleted(sender, instance: SolutionPage, **kwargs):
    """A deleted listing withdraws the submissions that pointed at it."""
    Submission.objects.filter(page_id=instance.pk).update(
        status=SubmissionStatus.WITHDRAWN, updated_at=timezone.now()
    )


def on_workflow_approved(sender, instance: WorkflowState, **kwargs):
    submissions_decided(workflow_state=instance, approved=True)


def on_workflow_rejected(sender, instance: WorkflowState, **kwargs):
    submissions_decided(workflow_state=instance, approved=False)


def connect() -> None:
    """Send our emails for solutions; Wagtail keeps sending its own for other pages.

    Wagtail's admin app connects its notifiers after this app is ready, so rather than
    disconnect them we teach those two notifier instances to pass over solutions.
    """
    for notifier in (
        wagtail_handlers.workflow_approval_email_notifier,
        wagtail_handlers.workflow_rejection_email_notifier,
    ):
        original = notifier.can_handle

        def can_handle(instance, _original=original, **kwargs):
            if _is_solution(instance):
                return False
            return _original(instance, **kwargs)

        notifier.can_handle = can_handle
    # A harvest may draft hundreds of listings at once (sent by no one): moderators find
    # them on the dashboard panel rather than in one email each.
    for notifier in (
        wagtail_handlers.workflow_submission_email_notifier,
        wagtail_handlers.task_submission_email_notifier,
    ):
        original = notifier.can_handle

        def can_handle_submitted(instance, _original=original, **kwargs):
            state = getattr(instance, "workflow_state", instance)
            if kwargs.get("user") is None and _is_solution(state):
                return False
            return _original(instance, **kwargs)

        notifier.can_handle = can_handle_submitted
    workflow_approved.connect(
        on_workflow_approved, sender=WorkflowState, dispatch_uid="listings_submission_approved"
    )
    workflow_cancelled.connect(
        on_workflow_cancelled, sender=WorkflowState, dispatch_uid="listings_submission_cancelled"
    )
    page_published.connect(on_page_published, dispatch_uid="listings_submission_published")
    pre_delete.connect(
        on_solution_deleted, sender=SolutionPage, dispatch_uid="listings_submission_withdrawn"
    )
    workflow_rejected.connect(
        on_workflow_rejected, sender=WorkflowState, dispatch_uid="listings_submission_rejected"
    )
