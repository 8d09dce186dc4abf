"""Follow and unfollow a solution; record news for its followers' next digest."""

from django.db import transaction
from django.db.models import Max
from django.utils.text import Truncator

from listings.models import SolutionFollow, SolutionPage, SolutionUpdate
from listings.models.follows import UPDATE_TEXT_MAX_LENGTH


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
