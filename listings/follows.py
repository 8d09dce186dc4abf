"""Following solutions: the services, the signal receivers that record updates, the digest
and the two thin views behind the Follow/Unfollow button.

* ``solution_follow`` / ``solution_unfollow`` change one user's follow of one solution.
* ``solution_update_record`` records a piece of news about a solution. Adoptions and
  evidence record theirs through the ``post_save`` receivers below (connected from
  ``ListingsConfig.ready``); the pledges app calls it for new co-funding campaigns.
* ``follow_digest_send`` emails one user one digest of everything new on the solutions
  they follow and moves each follow's cursor past what it sent, in one transaction, so
  running ``send_follow_digests`` twice never sends the same update twice.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.db.models import Max
from django.db.models.signals import post_save
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.text import Truncator
from django.views.decorators.http import require_POST

from hub.links import page_absolute_url
from listings.filters import live_solution_or_404
from listings.models import (
    Adoption,
    AdoptionStatus,
    SavingsEvidence,
    SavingsPeriod,
    SolutionFollow,
    SolutionPage,
    SolutionUpdate,
    SolutionUpdateKind,
)
from listings.models.follows import UPDATE_TEXT_MAX_LENGTH
from listings.selectors.detail import evidence_level_label, evidence_measure_label, years_label

# Services ------------------------------------------------------------------------------


@transaction.atomic
def solution_follow(*, user, solution: SolutionPage) -> SolutionFollow:
    """Follow a solution from now on: updates recorded before today are not sent."""
    latest = solution.updates.aggregate(latest=Max("pk"))["latest"] or 0
    follow, _ = SolutionFollow.objects.get_or_create(
        user=user, solution=solution, defaults={"last_update_sent_id": latest}
    )
    return follow


@transaction.atomic
def solution_unfollow(*, user, solution: SolutionPage) -> bool:
    deleted, _ = SolutionFollow.objects.filter(user=user, solution=solution).delete()
    return bool(deleted)


@transaction.atomic
def solution_update_record(*, solution: SolutionPage, kind: str, text: str) -> SolutionUpdate:
    """Record news about a solution for its followers' next digest.

    ``kind`` is a ``SolutionUpdateKind`` (``new_adopter``, ``new_evidence`` or
    ``new_campaign``); ``text`` is one plain sentence, cut to 500 characters.
    """
    update = SolutionUpdate(
        solution=solution,
        kind=kind,
        text=Truncator(" ".join(text.split())).chars(UPDATE_TEXT_MAX_LENGTH),
    )
    update.full_clean()
    update.save()
    return update


ADOPTION_PHRASES = {
    AdoptionStatus.EXPLORING: "is exploring it",
    AdoptionStatus.PILOTING: "is piloting it",
    AdoptionStatus.PRODUCTION: "uses it in production",
    AdoptionStatus.RETIRED: "used it and has since retired it",
}


def adoption_update_text(adoption: Adoption) -> str:
    source = "confirmed by the council" if adoption.confirmed else "reported, not yet confirmed"
    phrase = ADOPTION_PHRASES.get(adoption.status, "uses it")
    return f"{adoption.council.name} {phrase} ({source})."


def evidence_update_text(record: SavingsEvidence) -> str:
    period = "per year" if record.period == SavingsPeriod.PER_YEAR else "one-off"
    return (
        f"{record.adoption.council.name} added evidence: {evidence_measure_label(record)} "
        f"{record.get_kind_display().lower()} {period}, "
        f"{years_label(record.year_from, record.year_to)} "
        f"({evidence_level_label(record.evidence_level)})."
    )


# Signal receivers (connected by ListingsConfig.ready) --------------------------------------


@receiver(post_save, sender=Adoption, dispatch_uid="listings.follows.adoption_created")
def adoption_created(sender, instance: Adoption, created: bool, raw: bool = False, **kwargs):
    if created and not raw:
        solution_update_record(
            solution=instance.solution,
            kind=SolutionUpdateKind.NEW_ADOPTER,
            text=adoption_update_text(instance),
        )


@receiver(post_save, sender=SavingsEvidence, dispatch_uid="listings.follows.evidence_created")
def evidence_created(sender, instance: SavingsEvidence, created: bool, raw: bool = False, **kwargs):
    if created and not raw:
        solution_update_record(
            solution=instance.adoption.solution,
            kind=SolutionUpdateKind.NEW_EVIDENCE,
            text=evidence_update_text(instance),
        )


# The digest ----------------------------------------------------------------------------


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
    from hub.models import User

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


# Views ------------------------------------------------------------------------------------


@require_POST
def follow(request: HttpRequest, page_id: int) -> HttpResponse:
    solution = live_solution_or_404(page_id)
    if not request.user.is_authenticated:
        return redirect_to_login(solution.url)
    solution_follow(user=request.user, solution=solution)
    messages.success(
        request,
        f"You are following {solution.title}. We will email you when councils adopt it, "
        "add evidence or start a co-funding campaign.",
    )
    return redirect(solution.url)


@require_POST
def unfollow(request: HttpRequest, page_id: int) -> HttpResponse:
    # Any solution, live or not: a follower must be able to stop digests for a page that
    # was unpublished, or they would resume if it came back.
    solution = get_object_or_404(SolutionPage, pk=page_id)
    if not request.user.is_authenticated:
        return redirect_to_login(solution.url or "/")
    solution_unfollow(user=request.user, solution=solution)
    messages.success(request, f"You are no longer following {solution.title}.")
    return redirect(solution.url if solution.live else "account_dashboard")
