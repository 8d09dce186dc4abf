"""The lead's page: post updates, pass stage gates, close, deliver, cancel, run the bake-off.

One page, one form per action (``action`` names it); each action is one service call.
The page offers only what the campaign's state allows; the services refuse the rest.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from pledges import selectors
from pledges.bakeoff_forms import CriteriaForm
from pledges.forms import CancelForm, LinkListingForm, StageGateForm, UpdateForm
from pledges.models import CampaignState
from pledges.permissions import user_can_cancel, user_can_manage, user_can_post_update
from pledges.proposing_forms import listing_from_address
from pledges.services import bakeoff, delivery, lifecycle, settlement, tending
from pledges.views.campaigns import visible_campaign_or_404


def _forms(campaign, data=None, action=None):
    """Every form of the page; only the one posted is bound."""

    def bound(name):
        return data if action == name else None

    return {
        "update": UpdateForm(bound("update"), prefix="update"),
        "stage": StageGateForm(bound("stage"), prefix="stage"),
        "link": LinkListingForm(bound("link"), prefix="link"),
        "cancel": CancelForm(bound("cancel"), prefix="cancel"),
        "criteria": CriteriaForm(
            bound("criteria"), prefix="criteria", criteria=selectors.criteria_for(campaign)
        ),
    }


def _run(request, campaign, action: str, forms) -> str:
    """Run the posted action; returns the success message. Raises ValidationError."""
    user = request.user
    form = forms.get(action)
    if form is not None and not form.is_valid():
        raise ValidationError("")
    data = form.cleaned_data if form is not None else {}
    if action == "update":
        tending.campaign_post_update(user=user, campaign=campaign, text=data["text"])
        return "Update posted."
    if action == "stage":
        delivery.campaign_pass_stage_gate(
            user=user, campaign=campaign, stage=data["stage"], text=data["text"]
        )
        return "Stage gate passed."
    if action == "link":
        listing = listing_from_address(data["listing"])
        if listing is None:
            form.add_error("listing", "Enter the address of a published listing on the hub")
            raise ValidationError("")
        delivery.campaign_link_solution(user=user, campaign=campaign, solution=listing)
        return f"Linked to {listing.title}."
    if action == "cancel":
        lifecycle.campaign_cancel(user=user, campaign=campaign, reason=data["reason"])
        return "The campaign is cancelled. Its pledges are released."
    if action == "criteria":
        bakeoff.criteria_set(user=user, campaign=campaign, criteria=data["criteria"])
        return "Criteria saved. Publish them when they are final."
    if action == "publish_criteria":
        bakeoff.criteria_publish(user=user, campaign=campaign)
        return "Criteria published."
    if action == "close_bidding":
        bakeoff.bidding_close(user=user, campaign=campaign)
        return "Bidding is closed. The pledging councils can now score the bids."
    if action == "close":
        result = settlement.campaign_close_early(user=user, campaign=campaign)
        return "Closed: the campaign is funded." if result.funded else "Closed: it is unsuccessful."
    if action == "start_delivery":
        delivery.campaign_start_delivery(user=user, campaign=campaign)
        return "Delivery has started, at discovery."
    if action == "deliver":
        delivery.campaign_deliver(user=user, campaign=campaign)
        return "Delivered. The pledging councils now show as piloting it."
    raise PermissionDenied("Unknown action.")


@login_required
def campaign_manage(request: HttpRequest, slug: str) -> HttpResponse:
    campaign = visible_campaign_or_404(request, slug)
    if not user_can_manage(user=request.user, campaign=campaign) and not user_can_cancel(
        user=request.user, campaign=campaign
    ):
        raise PermissionDenied("Only the campaign's lead runs it.")
    action = request.POST.get("action", "") if request.method == "POST" else None
    forms = _forms(campaign, request.POST if action else None, action)
    error = None
    if action:
        try:
            message = _run(request, campaign, action, forms)
        except ValidationError as refusal:
            error = [m for m in refusal.messages if m]
        else:
            messages.success(request, message)
            return redirect("pledges:campaign_manage", slug=campaign.slug)
        campaign.refresh_from_db()
    return render(
        request,
        "pledges/campaign_manage.html",
        {
            "campaign": campaign,
            "forms": forms,
            "action": action,
            "errors": [{"href": "", "message": m} for m in error] if error else [],
            "form_with_errors": forms.get(action) if action else None,
            "can_post_update": user_can_post_update(user=request.user, campaign=campaign),
            "can_cancel": user_can_cancel(user=request.user, campaign=campaign),
            "is_lead": user_can_manage(user=request.user, campaign=campaign),
            "criteria": selectors.criteria_for(campaign),
            "bids": list(selectors.bids_for(campaign)),
            "states": CampaignState,
        },
    )
