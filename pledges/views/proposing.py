"""Proposing a campaign: question pages, check your answers, then sent for approval.

A council's procurement lead answers three pages (about it; the money; timing, route and
lead); the check page creates the draft and sends it to the moderators in one go
(``campaign_propose`` then ``campaign_submit``, one transaction).
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from hub.models import Organisation
from hub.models.organisations import OrganisationKind
from pledges import selectors
from pledges.forms import PledgeCouncilForm
from pledges.journeys import Answers, Question, first_unanswered, neighbours, question_for
from pledges.money import format_gbp
from pledges.permissions import user_can_propose
from pledges.proposing_forms import (
    ProposeAboutForm,
    ProposeMoneyForm,
    ProposeTimingForm,
    proposal_arguments,
)
from pledges.services.lifecycle import campaign_propose, campaign_submit
from pledges.views.campaigns import visible_campaign_or_404

QUESTIONS = (
    Question("about", "About the campaign", ProposeAboutForm),
    Question("money", "The money", ProposeMoneyForm),
    Question("timing", "Timing, route and lead", ProposeTimingForm),
)


def _council(request, slug: str) -> Organisation | None:
    council = get_object_or_404(Organisation, slug=slug, kind=OrganisationKind.COUNCIL)
    return council if user_can_propose(user=request.user, council=council) else None


def _step_url(council, question, *, returning=False) -> str:
    url = reverse("pledges:propose_step", kwargs={"council": council.slug, "step": question.slug})
    return f"{url}?return=check" if returning else url


def _form(question: Question, council, data=None):
    if question.form_class is ProposeTimingForm:
        return ProposeTimingForm(data, council=council)
    return question.form_class(data)


def _answers(request, council) -> Answers:
    return Answers(request, f"pledges:propose:{council.pk}")


def _not_allowed(request) -> HttpResponse:
    return render(request, "pledges/cannot_propose.html", status=403)


@login_required
def propose_start(request: HttpRequest) -> HttpResponse:
    councils = selectors.procurement_councils(request.user)
    if not councils:
        return _not_allowed(request)
    if len(councils) == 1:
        return redirect(_step_url(councils[0], QUESTIONS[0]))
    form = PledgeCouncilForm(request.POST if request.method == "POST" else None, councils=councils)
    form.fields["council"].label = "Which council is proposing it?"
    if request.method == "POST" and form.is_valid():
        return redirect(_step_url(form.cleaned_data["council"], QUESTIONS[0]))
    return render(
        request,
        "pledges/pledge_council.html",
        {"form": form, "back_url": reverse("pledges:campaign_list"), "proposing": True},
    )


@login_required
def propose_step(request: HttpRequest, council: str, step: str) -> HttpResponse:
    council = _council(request, council)
    if council is None:
        return _not_allowed(request)
    question = question_for(QUESTIONS, step)
    if question is None:
        raise Http404("No such question")
    answers = _answers(request, council)
    returning = request.GET.get("return") == "check"
    if request.method == "POST":
        form = _form(question, council, request.POST)
        if form.is_valid():
            answers.put(question.slug, form, request.POST)
            _, following = neighbours(QUESTIONS, question.slug)
            if returning or following is None:
                return redirect("pledges:propose_check", council=council.slug)
            return redirect(_step_url(council, following))
    else:
        stored = answers.data(question.slug)
        form = _form(question, council, stored)
        if stored is not None:
            form.is_valid()
    previous, _ = neighbours(QUESTIONS, question.slug)
    if returning:
        back_url = reverse("pledges:propose_check", kwargs={"council": council.slug})
    elif previous is not None:
        back_url = _step_url(council, previous)
    else:
        back_url = reverse("pledges:campaign_list")
    return render(
        request,
        "pledges/propose_step.html",
        {
            "council": council,
            "question": question,
            "number": QUESTIONS.index(question) + 1,
            "count": len(QUESTIONS),
            "form": form,
            "back_url": back_url,
            "action_url": _step_url(council, question, returning=returning),
        },
    )


def _display(value) -> str:
    if value in (None, "", []):
        return "Not given"
    if hasattr(value, "quantize"):
        return format_gbp(value)
    if isinstance(value, list | tuple) or (
        hasattr(value, "__iter__") and not isinstance(value, str)
    ):
        return ", ".join(str(item) for item in value) or "Not given"
    return str(value)


@login_required
def propose_check(request: HttpRequest, council: str) -> HttpResponse:
    council = _council(request, council)
    if council is None:
        return _not_allowed(request)
    answers = _answers(request, council)
    missing = first_unanswered(QUESTIONS, answers)
    if missing is not None:
        return redirect(_step_url(council, missing))
    forms = [(q, _form(q, council, answers.data(q.slug))) for q in QUESTIONS]
    sections, errors = [], []
    for question, form in forms:
        change = _step_url(council, question, returning=True)
        if not form.is_valid():
            errors += [
                {
                    "href": change.split("?")[0] + (f"#id_{name}" if name != "__all__" else ""),
                    "message": msgs[0],
                }
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
        cleaned = [form.cleaned_data for _, form in forms]
        try:
            with transaction.atomic():
                campaign = campaign_propose(
                    user=request.user, council=council, **proposal_arguments(*cleaned)
                )
                campaign_submit(user=request.user, campaign=campaign)
        except ValidationError as error:
            errors = [{"href": "", "message": m} for m in error.messages]
        else:
            answers.clear()
            return redirect("pledges:propose_sent", slug=campaign.slug)
    return render(
        request,
        "pledges/propose_check.html",
        {
            "council": council,
            "sections": sections,
            "errors": errors,
            "back_url": _step_url(council, QUESTIONS[-1]),
        },
    )


@login_required
def propose_sent(request: HttpRequest, slug: str) -> HttpResponse:
    campaign = visible_campaign_or_404(request, slug)
    return render(request, "pledges/propose_sent.html", {"campaign": campaign})
