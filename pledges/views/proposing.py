"""Proposing a campaign (or changing a draft): question pages, check your answers, sent.

A council's procurement lead answers three pages (about it; the money; timing, route and
lead); the check page creates the draft and sends it to the moderators in one go
(``campaign_propose`` then ``campaign_submit``, one transaction). A draft a moderator sent
back goes through the same pages, filled in from the draft, and is sent again
(``campaign_revise`` then ``campaign_submit``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone

from hub.formatting import format_gbp
from hub.models import Organisation
from hub.models.organisations import OrganisationKind
from pledges import selectors
from pledges.forms import PledgeCouncilForm
from pledges.journeys import Answers, Question, first_unanswered, neighbours, question_for
from pledges.models import Campaign
from pledges.permissions import user_can_edit_draft, user_can_propose
from pledges.proposing_forms import (
    ProposeAboutForm,
    ProposeMoneyForm,
    ProposeTimingForm,
    proposal_arguments,
)
from pledges.services.lifecycle import campaign_propose, campaign_revise, campaign_submit
from pledges.views.campaigns import visible_campaign_or_404

QUESTIONS = (
    Question("about", "About the campaign", ProposeAboutForm),
    Question("money", "The money", ProposeMoneyForm),
    Question("timing", "Timing, route and lead", ProposeTimingForm),
)


@dataclass
class Journey:
    """A new proposal for a council, or changes to one draft."""

    request: HttpRequest
    council: Organisation
    campaign: Campaign | None = None

    @property
    def answers(self) -> Answers:
        key = (
            f"pledges:revise:{self.campaign.pk}"
            if self.campaign
            else f"pledges:propose:{self.council.pk}"
        )
        return Answers(self.request, key)

    def step_url(self, question: Question, *, returning: bool = False) -> str:
        if self.campaign is not None:
            url = reverse(
                "pledges:revise_step", kwargs={"slug": self.campaign.slug, "step": question.slug}
            )
        else:
            url = reverse(
                "pledges:propose_step", kwargs={"council": self.council.slug, "step": question.slug}
            )
        return f"{url}?return=check" if returning else url

    @property
    def check_url(self) -> str:
        if self.campaign is not None:
            return reverse("pledges:revise_check", kwargs={"slug": self.campaign.slug})
        return reverse("pledges:propose_check", kwargs={"council": self.council.slug})

    def form(self, question: Question, data=None):
        if question.form_class is ProposeTimingForm:
            return ProposeTimingForm(data, council=self.council)
        return question.form_class(data)


def _not_allowed(request) -> HttpResponse:
    return render(request, "pledges/cannot_propose.html", status=403)


def _proposal(request, council_slug: str) -> Journey | None:
    council = get_object_or_404(Organisation, slug=council_slug, kind=OrganisationKind.COUNCIL)
    return (
        Journey(request, council) if user_can_propose(user=request.user, council=council) else None
    )


def _revision(request, slug: str) -> Journey | None:
    campaign = visible_campaign_or_404(request, slug)
    if not user_can_edit_draft(user=request.user, campaign=campaign):
        return None
    return Journey(request, campaign.lead_council, campaign)


@login_required
def propose_start(request: HttpRequest) -> HttpResponse:
    councils = selectors.procurement_councils(request.user)
    if not councils:
        return _not_allowed(request)
    if len(councils) == 1:
        return redirect(Journey(request, councils[0]).step_url(QUESTIONS[0]))
    form = PledgeCouncilForm(request.POST if request.method == "POST" else None, councils=councils)
    form.fields["council"].label = "Which council is proposing it?"
    if request.method == "POST" and form.is_valid():
        return redirect(Journey(request, form.cleaned_data["council"]).step_url(QUESTIONS[0]))
    return render(
        request,
        "pledges/pledge_council.html",
        {"form": form, "back_url": reverse("pledges:campaign_list"), "proposing": True},
    )


def _draft_answers(campaign: Campaign) -> dict[str, dict[str, list[str]]]:
    """A draft as the three pages' raw answers, so its changes start from what it says."""

    def money(value):
        return [f"{value}"] if value is not None else [""]

    last_day = timezone.localtime(campaign.closes_at - timedelta(seconds=1)).date()
    return {
        "about": {
            "title": [campaign.title],
            "kind": [campaign.kind],
            "pitch": [campaign.pitch],
            "problem": [campaign.problem],
            "outcomes": [campaign.outcomes],
            "business_case": [campaign.business_case],
            "service_areas": list(campaign.service_areas.values_list("slug", flat=True)),
            "listing": [campaign.solution.url if campaign.solution else ""],
        },
        "money": {
            "target_gbp": money(campaign.target_gbp),
            "min_councils": [str(campaign.min_councils)],
            "funding_model": [campaign.funding_model],
            "min_pledge_gbp": money(campaign.min_pledge_gbp),
            "max_pledge_gbp": money(campaign.max_pledge_gbp),
            "max_total_gbp": money(campaign.max_total_gbp),
            "match_funder": [campaign.match_funder.slug if campaign.match_funder else ""],
            "match_cap_gbp": money(campaign.match_cap_gbp),
        },
        "timing": {
            "opens_on": [timezone.localtime(campaign.opens_at).date().isoformat()],
            "closes_on": [last_day.isoformat()],
            "budget_year": [campaign.budget_year],
            "procurement_route": [campaign.procurement_route],
            "lead_user": [str(campaign.lead_user_id)],
        },
    }


@login_required
def revise_start(request: HttpRequest, slug: str) -> HttpResponse:
    journey = _revision(request, slug)
    if journey is None:
        return _not_allowed(request)
    journey.answers.replace(_draft_answers(journey.campaign))
    return redirect(journey.check_url)


def _step(request, journey: Journey, step: str) -> HttpResponse:
    question = question_for(QUESTIONS, step)
    if question is None:
        raise Http404("No such question")
    answers = journey.answers
    returning = request.GET.get("return") == "check"
    if request.method == "POST":
        form = journey.form(question, request.POST)
        if form.is_valid():
            answers.put(question.slug, form, request.POST)
            _, following = neighbours(QUESTIONS, question.slug)
            if returning or following is None:
                return redirect(journey.check_url)
            return redirect(journey.step_url(following))
    else:
        stored = answers.data(question.slug)
        form = journey.form(question, stored)
        if stored is not None:
            form.is_valid()
    previous, _ = neighbours(QUESTIONS, question.slug)
    if returning:
        back_url = journey.check_url
    elif previous is not None:
        back_url = journey.step_url(previous)
    else:
        back_url = reverse("pledges:campaign_list")
    return render(
        request,
        "pledges/propose_step.html",
        {
            "council": journey.council,
            "campaign": journey.campaign,
            "question": question,
            "number": QUESTIONS.index(question) + 1,
            "count": len(QUESTIONS),
            "form": form,
            "back_url": back_url,
            "action_url": journey.step_url(question, returning=returning),
        },
    )


def _display(value) -> str:
    if value in (None, "", []):
        return "Not given"
    if hasattr(value, "quantize"):
        return format_gbp(value)
    if hasattr(value, "__iter__") and not isinstance(value, str):
        return ", ".join(str(item) for item in value) or "Not given"
    return str(value)


def _save(request, journey: Journey, cleaned: list[dict]) -> Campaign:
    """Create (or change) the draft and send it for approval, in one transaction."""
    arguments = proposal_arguments(*cleaned)
    with transaction.atomic():
        if journey.campaign is None:
            campaign = campaign_propose(user=request.user, council=journey.council, **arguments)
        else:
            service_areas = arguments.pop("service_areas")
            campaign = campaign_revise(
                user=request.user,
                campaign=journey.campaign,
                service_areas=service_areas,
                **arguments,
            )
        return campaign_submit(user=request.user, campaign=campaign)


def _check(request, journey: Journey) -> HttpResponse:
    answers = journey.answers
    missing = first_unanswered(QUESTIONS, answers)
    if missing is not None:
        return redirect(journey.step_url(missing))
    forms = [(q, journey.form(q, answers.data(q.slug))) for q in QUESTIONS]
    sections, errors = [], []
    for question, form in forms:
        change = journey.step_url(question, returning=True)
        if not form.is_valid():
            page = change.split("?")[0]
            errors += [
                {"href": page + (f"#id_{name}" if name != "__all__" else ""), "message": msgs[0]}
                for name, msgs in form.errors.items()
            ]
            continue
        rows = [
            {
                "label": form.fields[name].label,
                "value": _display(form.cleaned_data.get(name)),
                "change_url": f"{change}#id_{name}",
            }
            for name in form.fields
        ]
        sections.append({"heading": question.heading, "rows": rows})
    if request.method == "POST" and not errors:
        try:
            campaign = _save(request, journey, [form.cleaned_data for _, form in forms])
        except ValidationError as error:
            errors = [{"href": "", "message": m} for m in error.messages]
        else:
            answers.clear()
            return redirect("pledges:propose_sent", slug=campaign.slug)
    return render(
        request,
        "pledges/propose_check.html",
        {
            "council": journey.council,
            "campaign": journey.campaign,
            "sections": sections,
            "errors": errors,
            "back_url": journey.step_url(QUESTIONS[-1]),
        },
    )


@login_required
def propose_step(request: HttpRequest, council: str, step: str) -> HttpResponse:
    journey = _proposal(request, council)
    return _step(request, journey, step) if journey else _not_allowed(request)


@login_required
def propose_check(request: HttpRequest, council: str) -> HttpResponse:
    journey = _proposal(request, council)
    return _check(request, journey) if journey else _not_allowed(request)


@login_required
def revise_step(request: HttpRequest, slug: str, step: str) -> HttpResponse:
    journey = _revision(request, slug)
    return _step(request, journey, step) if journey else _not_allowed(request)


@login_required
def revise_check(request: HttpRequest, slug: str) -> HttpResponse:
    journey = _revision(request, slug)
    return _check(request, journey) if journey else _not_allowed(request)


@login_required
def propose_sent(request: HttpRequest, slug: str) -> HttpResponse:
    campaign = visible_campaign_or_404(request, slug)
    return render(request, "pledges/propose_sent.html", {"campaign": campaign})
