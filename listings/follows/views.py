"""The Follow and Unfollow buttons on a solution page (POST only)."""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.views.decorators.http import require_POST

from listings.filters import live_solution_or_404
from listings.follows.services import solution_follow, solution_unfollow
from listings.models import SolutionPage


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
