"""What happens to submissions when moderators decide in Wagtail's workflow.

Approving publishes the page (Wagtail does that) and marks its submissions published;
requesting changes sends the moderator's comment back. Either way the submitter gets
an email that links to their listings page, not to the admin they may not have.
Wagtail's own approval and rejection emails skip solutions so nobody gets two.
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from wagtail.models import TaskState, WorkflowState

from listings.models import SolutionPage
from listings.models.submissions import Submission, SubmissionStatus

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


def _absolute(path: str) -> str:
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def _notify(submission: Submission, template: str, subject: str, **context) -> None:
    recipient = submission.submitted_by
    if recipient is None or not recipient.email or not recipient.is_active:
        return
    context.update(
        submission=submission,
        listings_url=_absolute(reverse("listings:your_listings")),
        page_url=_absolute(submission.page.url) if submission.page and submission.page.live else "",
    )
    send_mail(
        subject=subject,
        message=render_to_string(template, context),
        from_email=None,
        recipient_list=[recipient.email],
    )


def submissions_decided(*, workflow_state: WorkflowState, approved: bool) -> list[Submission]:
    """Mark the page's waiting submissions published or sent back, and email each submitter."""
    if not _is_solution(workflow_state):
        return []
    page = workflow_state.content_object
    waiting = list(
        Submission.objects.filter(page=page, status=SubmissionStatus.IN_MODERATION).select_related(
            "submitted_by", "organisation", "page"
        )
    )
    comment = "" if approved else _rejection_comment(workflow_state)
    now = timezone.now()
    for submission in waiting:
        submission.status = (
            SubmissionStatus.PUBLISHED if approved else SubmissionStatus.CHANGES_REQUESTED
        )
        submission.decided_at = now
        submission.moderator_comment = comment
        submission.save(update_fields=["status", "decided_at", "moderator_comment", "updated_at"])
        submission.page.refresh_from_db()
        if approved:
            _notify(
                submission,
                "listings/email/submission_published.txt",
                f"Published: {submission.page.title}",
            )
        else:
            _notify(
                submission,
                "listings/email/submission_changes_requested.txt",
                f"Changes requested: {submission.title or submission.page.title}",
                comment=comment,
            )
    return waiting


def on_workflow_approved(sender, instance: WorkflowState, **kwargs):
    submissions_decided(workflow_state=instance, approved=True)


def on_workflow_rejected(sender, instance: WorkflowState, **kwargs):
    submissions_decided(workflow_state=instance, approved=False)


def connect() -> None:
    """Send our emails for solutions; Wagtail keeps sending its own for other pages.

    Wagtail's admin app connects its notifiers after this app is ready, so rather than
    disconnect them we teach those two notifier instances to pass over solutions.
    """
    from wagtail.admin import signal_handlers as wagtail_handlers
    from wagtail.signals import workflow_approved, workflow_rejected

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
    workflow_approved.connect(
        on_workflow_approved, sender=WorkflowState, dispatch_uid="listings_submission_approved"
    )
    workflow_rejected.connect(
        on_workflow_rejected, sender=WorkflowState, dispatch_uid="listings_submission_rejected"
    )
