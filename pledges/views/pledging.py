"""Pledging through GOV.UK question pages, ending on "check your answers".

A procurement lead pledges for one of their councils: how much (money, staff days or
both), then conditions, sign-off and budget year, then checks and confirms. A council
with a live pledge goes through the same pages to amend it, with one more question: why.
Nothing is saved until the check page is confirmed; the service then decides, and any
refusal is shown on the check page with links back to the answers at fault.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from hub.formatting import format_gbp, format_staff_days
from hub.models import Organisation
from hub.models.organisations import OrganisationKind
from pledges import selectors
from pledges.forms import (
    InvoiceForm,
    PledgeAmountForm,
    PledgeCouncilForm,
    PledgeTermsForm,
    PurchaseOrderForm,
    ReasonForm,
    WithdrawForm,
)
from pledges.journeys import Answers, Question, first_unanswered, neighbours, question_for
from pledges.models import Campaign, Commitment, CommitmentStatus, Pledge, SignOff
from pledges.money import ZERO
from pledges.permissions import (
    pledge_change_refusal,
    pledge_refusal,
    user_can_record_commitment,
)
from pledges.services.commitments import (
    commitment_invoice,
    commitment_pay,
    commitment_raise_order,
)
from pledges.services.pledging import pledge_amend, pledge_create, pledge_withdraw
from pledges.views.campaigns import visible_campaign_or_404

PLEDGE_QUESTIONS = (
    Question("amount", "How much will your council pledge?", PledgeAmountForm),
    Question("terms", "Conditions and sign-off", PledgeTermsForm),
)
AMEND_QUESTIONS = (
    *PLEDGE_QUESTIONS,
    Question("reason", "Why are you changing your pledge?", ReasonForm),
)


def _council_or_404(slug: str) -> Organisation:
    return get_object_or_404(Organisation, slug=slug, kind=OrganisationKind.COUNCIL)


def _questions(pledge: Pledge | None):
    return AMEND_QUESTIONS if pledge is not None else PLEDGE_QUESTIONS


def _url(name: str, campaign: Campaign, council: Organisation, **kwargs) -> str:
    return reverse(
        f"pledges:{name}", kwargs={"slug": campaign.slug, "council": council.slug, **kwargs}
    )


def _step_url(campaign, council, question: Question, *, returning: bool = False) -> str:
    url = _url("pledge_step", campaign, council, step=question.slug)
    return f"{url}?return=check" if returning else url


def _answers(request, campaign: Campaign, council: Organisation) -> Answers:
    return Answers(request, f"pledges:pledge:{campaign.pk}:{council.pk}")


def _initial(pledge: Pledge | None, campaign: Campaign) -> dict:
    if pledge is None:
        return {"budget_year": campaign.budget_year}
    return {
        "amount_gbp": f"{pledge.amount_gbp}" if pledge.amount_gbp else "",
        "staff_days": f"{pledge.staff_days}" if pledge.staff_days else "",
        "conditions": pledge.conditions,
        "sign_off": pledge.sign_off,
        "budget_year": pledge.budget_year,
    }


def _form(question: Question, campaign: Campaign, pledge: Pledge | None, data=None, initial=None):
    if question.form_class is PledgeAmountForm:
        current = pledge.amount_gbp if pledge is not None else ZERO
        return PledgeAmountForm(data, initial=initial, campaign=campaign, current=current)
    return question.form_class(data, initial=initial)


def _refused(request, campaign: Campaign, message: str, *, status: int) -> HttpResponse:
    return render(
        request,
        "pledges/cannot_pledge.html",
        {"campaign": campaign, "message": message},
        status=status,
    )


def _journey(request, slug: str, council_slug: str):
    """The campaign, council and live pledge; or the page saying why not."""
    campaign = visible_campaign_or_404(request, slug)
    council = _council_or_404(council_slug)
    pledge = selectors.live_pledge_for(campaign, council)
    if pledge is not None:
        pledge.campaign = campaign
        refusal = pledge_change_refusal(user=request.user, pledge=pledge)
    else:
        refusal = pledge_refusal(user=request.user, campaign=campaign, council=council)
    if refusal is not None:
        return None, _refused(
            request, campaign, refusal.message, status=403 if refusal.forbidden else 400
        )
    return (campaign, council, pledge), None


@login_required
def pledge_start(request: HttpRequest, slug: str) -> HttpResponse:
    """Which council (if the person leads procurement for more than one), then the questions."""
    campaign = visible_campaign_or_404(request, slug)
    councils = selectors.procurement_councils(request.user)
    if not councils:
        return _refused(
            request,
            campaign,
            "Only approved procurement leads of a council can pledge. Ask your council's "
            "admin to give you the procurement lead role.",
            status=403,
        )
    form = PledgeCouncilForm(request.POST if request.method == "POST" else None, councils=councils)
    if len(councils) == 1:
        return redirect(_step_url(campaign, councils[0], PLEDGE_QUESTIONS[0]))
    if request.method == "POST" and form.is_valid():
        return redirect(_step_url(campaign, form.cleaned_data["council"], PLEDGE_QUESTIONS[0]))
    return render(
        request,
        "pledges/pledge_council.html",
        {"campaign": campaign, "form": form, "back_url": campaign.get_absolute_url()},
    )


@login_required
def pledge_step(request: HttpRequest, slug: str, council: str, step: str) -> HttpResponse:
    found, refusal = _journey(request, slug, council)
    if refusal is not None:
        return refusal
    campaign, council, pledge = found
    questions = _questions(pledge)
    question = question_for(questions, step)
    if question is None:
        raise Http404("No such question")
    answers = _answers(request, campaign, council)
    returning = request.GET.get("return") == "check"
    if request.method == "POST":
        form = _form(question, campaign, pledge, data=request.POST)
        if form.is_valid():
            answers.put(question.slug, form, request.POST)
            _, following = neighbours(questions, question.slug)
            if returning or following is None:
                return redirect(_url("pledge_check", campaign, council))
            return redirect(_step_url(campaign, council, following))
    else:
        stored = answers.data(question.slug)
        form = (
            _form(question, campaign, pledge, data=stored)
            if stored is not None
            else _form(question, campaign, pledge, initial=_initial(pledge, campaign))
        )
        if stored is not None:
            form.is_valid()  # show what was wrong with an earlier answer, if anything
    previous, _ = neighbours(questions, question.slug)
    if returning:
        back_url = _url("pledge_check", campaign, council)
    elif previous is not None:
        back_url = _step_url(campaign, council, previous)
    else:
        back_url = campaign.get_absolute_url()
    return render(
        request,
        "pledges/pledge_step.html",
        {
            "campaign": campaign,
            "council": council,
            "pledge": pledge,
            "question": question,
            "number": questions.index(question) + 1,
            "count": len(questions),
            "form": form,
            "back_url": back_url,
            "action_url": _step_url(campaign, council, question, returning=returning),
        },
    )


def _check_rows(campaign, council, pledge, forms) -> tuple[list[dict], list[dict]]:
    """The summary list rows, and an error for each page whose answers no longer pass."""
    rows, errors = [], []
    for question, form in forms:
        change = _step_url(campaign, council, question, returning=True)
        if not form.is_valid():
            for name, messages_ in form.errors.items():
                anchor = "" if name == "__all__" else f"#id_{name}"
                errors.append({"href": f"{change.split('?')[0]}{anchor}", "message": messages_[0]})
            continue
        data = form.cleaned_data
        if question.slug == "amount":
            rows.append(
                ("Money", format_gbp(data["amount_gbp"]) if data["amount_gbp"] else "None", change)
            )
            rows.append(("Staff time", format_staff_days(data["staff_days"]) or "None", change))
        elif question.slug == "terms":
            rows.append(("Conditions", data["conditions"] or "None", change))
            rows.append(("Budget holder approval", SignOff(data["sign_off"]).label, change))
            rows.append(("Budget year", data["budget_year"], change))
        else:
            rows.append(("Why it changed", data["reason"], change))
    return [
        {"label": label, "value": value, "change_url": url} for label, value, url in rows
    ], errors


@login_required
def pledge_check(request: HttpRequest, slug: str, council: str) -> HttpResponse:
    found, refusal = _journey(request, slug, council)
    if refusal is not None:
        return refusal
    campaign, council, pledge = found
    questions = _questions(pledge)
    answers = _answers(request, campaign, council)
    missing = first_unanswered(questions, answers)
    if missing is not None:
        return redirect(_step_url(campaign, council, missing))
    forms = [
        (question, _form(question, campaign, pledge, data=answers.data(question.slug)))
        for question in questions
    ]
    rows, errors = _check_rows(campaign, council, pledge, forms)
    if request.method == "POST" and not errors:
        cleaned = {}
        for _, form in forms:
            cleaned.update(form.cleaned_data)
        try:
            if pledge is None:
                pledge = pledge_create(
                    user=request.user, campaign=campaign, council=council, **cleaned
                )
            else:
                pledge = pledge_amend(user=request.user, pledge=pledge, **cleaned)
        except ValidationError as error:
            errors = [{"href": "", "message": message} for message in error.messages]
        else:
            answers.clear()
            return redirect(_url("pledge_done", campaign, council))
    return render(
        request,
        "pledges/pledge_check.html",
        {
            "campaign": campaign,
            "council": council,
            "pledge": pledge,
            "rows": rows,
            "errors": errors,
            "back_url": _step_url(campaign, council, questions[-1]),
        },
    )


@login_required
def pledge_done(request: HttpRequest, slug: str, council: str) -> HttpResponse:
    campaign = visible_campaign_or_404(request, slug)
    council = _council_or_404(council)
    pledge = selectors.live_pledge_for(campaign, council)
    if pledge is None:
        return redirect(campaign.get_absolute_url())
    campaign.refresh_from_db()
    return render(request, "pledges/pledge_done.html", {"campaign": campaign, "pledge": pledge})


@login_required
def pledge_withdraw_view(request: HttpRequest, slug: str, council: str) -> HttpResponse:
    found, refusal = _journey(request, slug, council)
    if refusal is not None:
        return refusal
    campaign, council, pledge = found
    if pledge is None:
        return redirect(campaign.get_absolute_url())
    form = WithdrawForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            pledge_withdraw(user=request.user, pledge=pledge, reason=form.cleaned_data["reason"])
        except ValidationError as error:
            form.add_error(None, error.messages[0])
        else:
            _answers(request, campaign, council).clear()
            messages.success(request, f"{council.name}'s pledge is withdrawn.")
            return redirect(campaign.get_absolute_url())
    return render(
        request,
        "pledges/pledge_withdraw.html",
        {"campaign": campaign, "council": council, "pledge": pledge, "form": form},
    )


# My council's pledges, and following the money ------------------------------------------------

COMMITMENT_STEPS = {
    "order": (CommitmentStatus.COMMITTED, PurchaseOrderForm),
    "invoice": (CommitmentStatus.ORDERED, InvoiceForm),
    "pay": (CommitmentStatus.INVOICED, None),
}


def _next_step(commitment: Commitment) -> str | None:
    return next(
        (step for step, (status, _) in COMMITMENT_STEPS.items() if status == commitment.status),
        None,
    )


@login_required
def my_pledges(request: HttpRequest) -> HttpResponse:
    """Every pledge of the person's councils, and the next step for each commitment."""
    pledges = list(selectors.council_pledges_for(request.user)[:200])
    rows = []
    for pledge in pledges:
        commitment = getattr(pledge, "commitment", None)
        step = _next_step(commitment) if commitment is not None else None
        can_record = commitment is not None and user_can_record_commitment(
            user=request.user, commitment=commitment
        )
        form_class = COMMITMENT_STEPS[step][1] if step and can_record else None
        rows.append(
            {
                "pledge": pledge,
                "commitment": commitment,
                "step": step if can_record else None,
                "form": form_class(prefix=f"c{commitment.pk}") if form_class else None,
            }
        )
    return render(request, "pledges/my_pledges.html", {"rows": rows})


@require_POST
@login_required
def commitment_step(request: HttpRequest, pk: int, step: str) -> HttpResponse:
    commitment = get_object_or_404(Commitment.objects.select_related("campaign", "council"), pk=pk)
    if step not in COMMITMENT_STEPS:
        raise Http404("No such step")
    if not user_can_record_commitment(user=request.user, commitment=commitment):
        raise PermissionDenied("Only the council's procurement leads or the lead record this.")
    form_class = COMMITMENT_STEPS[step][1]
    form = form_class(request.POST, prefix=f"c{commitment.pk}") if form_class else None
    if form is not None and not form.is_valid():
        messages.error(request, next(iter(form.errors.values()))[0])
        return redirect("pledges:my_pledges")
    try:
        if step == "order":
            commitment_raise_order(
                user=request.user, commitment=commitment, po_number=form.cleaned_data["po_number"]
            )
        elif step == "invoice":
            commitment_invoice(
                user=request.user,
                commitment=commitment,
                invoice_reference=form.cleaned_data["invoice_reference"],
            )
        else:
            commitment_pay(user=request.user, commitment=commitment)
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(request, f"Recorded for {commitment.council.name}.")
    return redirect("pledges:my_pledges")
