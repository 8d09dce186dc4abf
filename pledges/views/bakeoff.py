"""Bake-off pages: a vendor's bid; a council's declaration and scores; the lead's decisions.

Scores stay hidden from scorers until every pledging council has scored; the lead, and
everyone taking part, then see them all, and the public sees the summary once the winner
is chosen (on the campaign page).
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from pledges import selectors
from pledges.bakeoff_forms import BidForm, DeclarationForm, ScoresForm, ShortlistForm, WinnerForm
from pledges.models import BidStatus, ConflictDeclaration, Score
from pledges.permissions import (
    bid_refusal,
    score_refusal,
    user_can_decide,
    user_can_see_bids,
)
from pledges.services.bakeoff import (
    bid_choose_winner,
    bid_submit,
    bids_shortlist,
    conflict_declare,
    scores_record,
)
from pledges.views.campaigns import visible_campaign_or_404


def _form_errors(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, messages_ in error.message_dict.items():
            form.add_error(field if field in form.fields else None, messages_[0])
    else:
        form.add_error(None, error.messages[0])


@login_required
def bid_new(request: HttpRequest, slug: str) -> HttpResponse:
    campaign = visible_campaign_or_404(request, slug)
    vendors = selectors.vendor_organisations(request.user)
    refusals = [bid_refusal(user=request.user, campaign=campaign, vendor=v) for v in vendors]
    allowed = [vendor for vendor, refusal in zip(vendors, refusals, strict=True) if refusal is None]
    if not allowed:
        reason = next(
            (r.message for r in refusals if r is not None), "Only members of vendors bid."
        )
        return render(
            request,
            "pledges/cannot_pledge.html",
            {"campaign": campaign, "message": reason, "heading": "You cannot bid"},
            status=403,
        )
    form = BidForm(
        request.POST if request.method == "POST" else None,
        request.FILES if request.method == "POST" else None,
        vendors=allowed,
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            bid_submit(
                user=request.user,
                campaign=campaign,
                vendor=data["vendor"],
                approach=data["approach"],
                price_gbp=data["price_gbp"],
                timeline=data["timeline"],
                team=data["team"],
                attachment=data.get("attachment"),
            )
        except ValidationError as error:
            _form_errors(form, error)
        else:
            messages.success(request, f"{data['vendor'].name}'s bid is in.")
            return redirect(campaign.get_absolute_url())
    return render(
        request,
        "pledges/bid_form.html",
        {"campaign": campaign, "form": form, "criteria": selectors.criteria_for(campaign)},
    )


def _scoring_council(request, campaign):
    councils = selectors.procurement_councils(request.user)
    refusals = [
        (c, score_refusal(user=request.user, campaign=campaign, council=c)) for c in councils
    ]
    council = next((c for c, refusal in refusals if refusal is None), None)
    if council is not None:
        return council, None
    reason = next(
        (r.message for _, r in refusals if r is not None),
        "Only procurement leads of councils that pledged score the bids.",
    )
    return None, reason


@login_required
def scoring(request: HttpRequest, slug: str) -> HttpResponse:
    """Declare conflicts of interest, then score every bid against every criterion."""
    campaign = visible_campaign_or_404(request, slug)
    council, reason = _scoring_council(request, campaign)
    if council is None:
        return render(
            request,
            "pledges/cannot_pledge.html",
            {"campaign": campaign, "message": reason, "heading": "You cannot score these bids"},
            status=403,
        )
    bids = list(selectors.bids_for(campaign))
    criteria = selectors.criteria_for(campaign)
    declaration = ConflictDeclaration.objects.filter(campaign=campaign, council=council).first()
    scored = Score.objects.filter(bid__campaign=campaign, council=council).exists()
    post = request.POST if request.method == "POST" else None
    form = None
    if declaration is None:
        form = DeclarationForm(post, bids=bids)
        if post is not None and form.is_valid():
            try:
                conflict_declare(
                    user=request.user,
                    campaign=campaign,
                    council=council,
                    conflicted_bids=form.cleaned_data["conflicted_bids"],
                    details=form.cleaned_data["details"],
                )
            except ValidationError as error:
                _form_errors(form, error)
            else:
                return redirect("pledges:scoring", slug=campaign.slug)
    elif not scored:
        conflicted = set(declaration.conflicted_bids.values_list("pk", flat=True))
        to_score = [bid for bid in bids if bid.pk not in conflicted]
        form = ScoresForm(post, bids=to_score, criteria=criteria)
        if post is not None and form.is_valid():
            try:
                scores_record(
                    user=request.user, campaign=campaign, council=council, scores=form.scores()
                )
            except ValidationError as error:
                _form_errors(form, error)
            else:
                messages.success(request, f"{council.name}'s scores are recorded.")
                return redirect("pledges:scoring", slug=campaign.slug)
    complete = selectors.scoring_complete(campaign)
    return render(
        request,
        "pledges/scoring.html",
        {
            "campaign": campaign,
            "council": council,
            "declaration": declaration,
            "scored": scored,
            "form": form,
            "criteria": criteria,
            "complete": complete,
            "results": selectors.bid_results(campaign) if complete else [],
            "own_scores": Score.objects.filter(bid__campaign=campaign, council=council)
            .select_related("bid__vendor", "criterion")
            .order_by("bid", "criterion__position"),
        },
    )


@login_required
def decision(request: HttpRequest, slug: str) -> HttpResponse:
    """The lead selects bids for a proof of concept, then the winner, with reasons."""
    campaign = visible_campaign_or_404(request, slug)
    if not user_can_see_bids(user=request.user, campaign=campaign):
        raise PermissionDenied("Only the lead and the councils taking part see the bids.")
    complete = selectors.scoring_complete(campaign)
    bids = list(selectors.bids_for(campaign))
    can_decide = user_can_decide(user=request.user, campaign=campaign) and complete
    submitted = [bid for bid in bids if bid.status == BidStatus.SUBMITTED]
    shortlisted = [bid for bid in bids if bid.status == BidStatus.SHORTLISTED]
    winner = next((bid for bid in bids if bid.status == BidStatus.WON), None)
    action = request.POST.get("action") if request.method == "POST" else None
    shortlist_form = ShortlistForm(request.POST if action == "shortlist" else None, bids=submitted)
    winner_form = WinnerForm(request.POST if action == "winner" else None, bids=shortlisted)
    if action and not can_decide:
        raise PermissionDenied("Only the lead decides, once every council has scored.")
    form = {"shortlist": shortlist_form, "winner": winner_form}.get(action or "")
    if form is not None and form.is_valid():
        try:
            if action == "shortlist":
                bids_shortlist(
                    user=request.user,
                    campaign=campaign,
                    bids=form.cleaned_data["bids"],
                    reasons=form.cleaned_data["reasons"],
                )
            else:
                bid_choose_winner(
                    user=request.user,
                    campaign=campaign,
                    bid=form.cleaned_data["bid"],
                    reasons=form.cleaned_data["reasons"],
                )
        except ValidationError as error:
            _form_errors(form, error)
        else:
            messages.success(request, "Decision recorded.")
            return redirect("pledges:decision", slug=campaign.slug)
    return render(
        request,
        "pledges/decision.html",
        {
            "campaign": campaign,
            "complete": complete,
            "can_decide": can_decide,
            "results": selectors.bid_results(campaign) if complete else [],
            "bids": bids,
            "winner": winner,
            "shortlist_form": shortlist_form if submitted and not winner else None,
            "winner_form": winner_form if shortlisted and not winner else None,
            "form": form,
            "scoring_councils": selectors.scoring_councils(campaign),
            "scored": selectors.councils_that_scored(campaign),
        },
    )
