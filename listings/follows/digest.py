"""The follow digest: one email per follower of everything new on what they follow."""

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone

from hub.accounts.models import User
from hub.links import page_absolute_url
from listings.models import SolutionFollow, SolutionPage, SolutionUpdate


@dataclass
class DigestSection:
    solution: SolutionPage
    url: str
    updates: list[SolutionUpdate]


@dataclass
class DigestStats:
    followers: int = 0
    sent: int = 0
    updates_sent: int = 0
    nothing_new: int = 0
    failed: int = 0


def _digest_subject(sections: list[DigestSection]) -> str:
    if len(sections) == 1:
        return f"News about {sections[0].solution.title}"
    return f"News about {len(sections)} solutions you follow"


@transaction.atomic
def follow_digest_send(*, user) -> int:
    """Email ``user`` one digest of what is new on the solutions they follow.

    Returns the number of updates sent (0: nothing new, no email). The follows are
    locked while the digest goes out, so two overlapping runs cannot both send it.
    """
    follows = list(
        SolutionFollow.objects.select_for_update(of=("self",))
        .filter(user=user, solution__live=True)
        .select_related("solution")
        .order_by("solution__title", "pk")
    )
    if not follows or not user.is_active or not user.email:
        return 0
    updates = list(
        SolutionUpdate.objects.filter(
            solution_id__in=[follow.solution_id for follow in follows],
            pk__gt=min(follow.last_update_sent_id for follow in follows),
        ).order_by("created_at", "pk")
    )
    sections, sent_follows = [], []
    for follow in follows:
        new = [
            update
            for update in updates
            if update.solution_id == follow.solution_id and update.pk > follow.last_update_sent_id
        ]
        if not new:
            continue
        sections.append(DigestSection(follow.solution, page_absolute_url(follow.solution), new))
        follow.last_update_sent_id = max(update.pk for update in new)
        sent_follows.append(follow)
    if not sections:
        return 0
    context = {"user": user, "sections": sections, "site_name": settings.WAGTAIL_SITE_NAME}
    message = EmailMultiAlternatives(
        subject=_digest_subject(sections),
        body=render_to_string("listings/email/follow_digest.txt", context),
        to=[user.email],
    )
    message.attach_alternative(
        render_to_string("listings/email/follow_digest.html", context), "text/html"
    )
    message.send()
    now = timezone.now()
    for follow in sent_follows:
        follow.last_digest_at = now
    SolutionFollow.objects.bulk_update(sent_follows, ["last_update_sent_id", "last_digest_at"])
    return sum(len(section.updates) for section in sections)


def follow_digests_send(
    *, progress: Callable[[Iterable], Iterable] | None = None, on_error=None
) -> DigestStats:
    """Send every follower their digest; one user's failure does not stop the others."""
    stats = DigestStats()
    users = list(User.objects.filter(solution_follows__isnull=False).distinct().order_by("pk"))
    stats.followers = len(users)
    for user in progress(users) if progress else users:
        try:
            sent = follow_digest_send(user=user)
        except Exception as error:  # one bad address must not stop everyone's digest
            stats.failed += 1
            if on_error is not None:
                on_error(user, error)
            continue
        if sent:
            stats.sent += 1
            stats.updates_sent += sent
        else:
            stats.nothing_new += 1
    return stats
