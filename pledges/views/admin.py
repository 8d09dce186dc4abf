"""Moderators approve campaigns in the Wagtail admin (wired in ``pledges.wagtail_hooks``).

A list of campaigns waiting for approval, each with "Approve" and "Send back" (with what
to change); both are services, so the rule (moderators only, submitted campaigns only,
deadline not passed) is the services' own.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from pledges.models import Campaign, CampaignState
from pledges.presenters import campaign_summary
from pledges.services.lifecycle import campaign_approve, campaign_send_back


def _require_moderator(request) -> None:
    if not request.user.is_moderator:
        raise PermissionDenied("Only moderators approve campaigns.")


def approval_list(request: HttpRequest) -> HttpResponse:
    _require_moderator(request)
    waiting = (
        Campaign.objects.filter(state=CampaignState.SUBMITTED)
        .select_related("lead_council", "lead_user", "match_funder", "solution")
        .order_by("submitted_at", "pk")
    )
    return render(
        request,
        "pledges/admin/approval.html",
        {
            "header_title": "Campaigns to approve",
            "page_title": "Campaigns to approve",
            "header_icon": "tick",
            "summaries": [campaign_summary(campaign) for campaign in waiting],
        },
    )


@require_POST
def approval_decide(request: HttpRequest, pk: int) -> HttpResponse:
    _require_moderator(request)
    campaign = get_object_or_404(Campaign, pk=pk)
    try:
        if request.POST.get("decision") == "approve":
            campaign_approve(user=request.user, campaign=campaign)
            messages.success(request, f"“{campaign.title}” is approved and open.")
        else:
            campaign_send_back(
                user=request.user, campaign=campaign, comment=request.POST.get("comment", "")
            )
            messages.success(request, f"“{campaign.title}” is sent back to its proposer.")
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("pledges_approval")
