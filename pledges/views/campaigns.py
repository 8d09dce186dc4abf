"""The public pages: campaigns, "waiting for co-funders", one campaign, its ledger."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from pledges import selectors
from pledges.forms import CampaignFilterForm
from pledges.models import Campaign
from pledges.permissions import user_can_see_ledger, user_can_view
from pledges.presenters import campaign_page, campaign_summary
from pledges.services.tending import campaign_follow, campaign_unfollow

CAMPAIGNS_PER_PAGE = 10


def visible_campaign_or_404(request: HttpRequest, slug: str) -> Campaign:
    """The campaign, if this person may see it; 404 otherwise (its existence stays private)."""
    campaign = selectors.campaign_for_page(slug)
    if campaign is None or not user_can_view(user=request.user, campaign=campaign):
        raise Http404("No such campaign")
    return campaign


def campaign_list(request: HttpRequest, *, waiting: bool = False) -> HttpResponse:
    filters = CampaignFilterForm(request.GET or None, regions=selectors.campaign_regions())
    chosen = filters.cleaned_data if filters.is_bound and filters.is_valid() else {}
    campaigns = selectors.campaign_list(
        state=chosen.get("state", ""),
        service_area=chosen.get("service_area", ""),
        region=chosen.get("region", ""),
        waiting=waiting,
    )
    page = Paginator(campaigns, CAMPAIGNS_PER_PAGE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "pledges/campaign_list.html",
        {
            "waiting": waiting,
            "filters": filters,
            "filtered": any(chosen.values()),
            "page": page,
            "summaries": [campaign_summary(campaign) for campaign in page],
            "query_string": query.urlencode(),
        },
        status=400 if filters.is_bound and not filters.is_valid() else 200,
    )


def campaign_waiting(request: HttpRequest) -> HttpResponse:
    """The public list of campaigns still waiting for co-funders."""
    return campaign_list(request, waiting=True)


def campaign_detail(request: HttpRequest, slug: str) -> HttpResponse:
    campaign = visible_campaign_or_404(request, slug)
    return render(request, "pledges/campaign_detail.html", campaign_page(campaign, request.user))


def campaign_ledger(request: HttpRequest, slug: str) -> HttpResponse:
    campaign = visible_campaign_or_404(request, slug)
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not user_can_see_ledger(user=request.user, campaign=campaign):
        raise PermissionDenied("Only the councils taking part can see the ledger.")
    return render(
        request,
        "pledges/campaign_ledger.html",
        {
            "campaign": campaign,
            "entries": selectors.ledger_entries(campaign),
            "totals": selectors.ledger_totals(campaign),
        },
    )


@require_POST
def follow(request: HttpRequest, slug: str) -> HttpResponse:
    campaign = visible_campaign_or_404(request, slug)
    if not request.user.is_authenticated:
        return redirect_to_login(campaign.get_absolute_url())
    campaign_follow(user=request.user, campaign=campaign)
    messages.success(request, f"You are following {campaign.title}. We will email you its updates.")
    return redirect(campaign.get_absolute_url())


@require_POST
def unfollow(request: HttpRequest, slug: str) -> HttpResponse:
    campaign = visible_campaign_or_404(request, slug)
    if not request.user.is_authenticated:
        return redirect_to_login(campaign.get_absolute_url())
    campaign_unfollow(user=request.user, campaign=campaign)
    messages.success(request, f"You are no longer following {campaign.title}.")
    return redirect(campaign.get_absolute_url())
