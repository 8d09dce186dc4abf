"""Submitting a listing: start, question pages, check your answers, sent, your listings.

Thin views: who may do what, and every state change, is decided in
``listings.submissions.services``; validation is ``ListingAnswersForm``'s (cut into
steps in ``forms``). Someone who may not edit a submission gets a 404, so its existence
is not revealed.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from listings.models import SolutionPage
from listings.models.submissions import (
    Submission,
    SubmissionKind,
    SubmissionSource,
    SubmissionStatus,
)
from listings.permissions import user_can_edit_submission
from listings.submissions import services
from listings.submissions.answers import (
    answers_from_cleaned,
    form_data_from_answers,
    validate_answers,
)
from listings.submissions.forms import (
    StartForm,
    answer_errors,
    answers_to_keep,
    check_error_links,
    check_sections,
    step_form_class,
)
from listings.submissions.steps import (
    STEPS,
    first_unanswered_step,
    get_step,
    next_step,
    previous_step,
    step_number,
    step_url,
)

SUBMISSIONS_PER_PAGE = 20


def _submission_for(request: HttpRequest, public_id) -> Submission:
    """The submission, if the user may edit it; a 404 otherwise."""
    submission = get_object_or_404(
        Submission.objects.select_related("organisation", "page"), public_id=public_id
    )
    if not user_can_edit_submission(user=request.user, submission=submission):
        raise Http404("No such submission")
    return submission


def _check_url(submission: Submission) -> str:
    return reverse("listings:submission_check", kwargs={"public_id": submission.public_id})


def _already_sent(request: HttpRequest, submission: Submission) -> HttpResponse:
    messages.info(request, f"“{submission}” has been sent, so it cannot be changed now.")
    return redirect("listings:your_listings")


@login_required
def submission_new(request: HttpRequest) -> HttpResponse:
    organisations = services.submitter_organisations(request.user)
    if not organisations:
        return render(request, "listings/submissions/no_organisation.html")
    form = StartForm(
        request.POST if request.method == "POST" else None, organisations=organisations
    )
    if request.method == "POST" and form.is_valid():
        submission = services.submission_start(
            user=request.user,
            organisation=form.cleaned_data["organisation"],
            source=SubmissionSource.FORM,
        )
        return redirect(step_url(submission, STEPS[0]))
    return render(request, "listings/submissions/start.html", {"form": form})


@login_required
def submission_step(request: HttpRequest, public_id, step: str) -> HttpResponse:
    submission = _submission_for(request, public_id)
    current = get_step(step)
    if current is None:
        raise Http404("No such question page")
    if not submission.is_editable:
        return _already_sent(request, submission)
    returning = request.GET.get("return") == "check"
    form_class = step_form_class(current.slug)
    if request.method == "POST":
        form = form_class(request.POST)
        if request.POST.get("action") == "save":
            services.submission_save_answers(
                submission=submission, user=request.user, answers=answers_to_keep(form)
            )
            messages.success(
                request, "Your answers have been saved. You can come back to them from here."
            )
            return redirect("listings:your_listings")
        if form.is_valid():
            services.submission_save_answers(
                submission=submission,
                user=request.user,
                answers=answers_from_cleaned(form.cleaned_data),
            )
            following = next_step(current)
            if returning or following is None:
                return redirect(_check_url(submission))
            return redirect(step_url(submission, following))
    else:
        form = form_class(initial=form_data_from_answers(submission.answers))
    previous = previous_step(current)
    if returning:
        back_url = _check_url(submission)
    elif previous is not None:
        back_url = step_url(submission, previous)
    else:
        back_url = reverse("listings:your_listings")
    return render(
        request,
        "listings/submissions/step.html",
        {
            "submission": submission,
            "step": current,
            "step_number": step_number(current),
            "step_count": len(STEPS),
            "form": form,
            "back_url": back_url,
            "action_url": step_url(submission, current, return_to_check=returning),
        },
    )


@login_required
def submission_check(request: HttpRequest, public_id) -> HttpResponse:
    submission = _submission_for(request, public_id)
    if not submission.is_editable:
        return _already_sent(request, submission)
    send_error = None
    if request.method == "POST":
        try:
            submission = services.submission_send(submission=submission, user=request.user)
        except ValidationError as error:
            send_error = error
        else:
            return redirect("listings:submission_sent", public_id=submission.public_id)
    form = validate_answers(submission.answers)
    errors = answer_errors(form, send_error)
    return render(
        request,
        "listings/submissions/check.html",
        {
            "submission": submission,
            "is_change": submission.kind == SubmissionKind.CHANGE,
            "sections": check_sections(submission, form, errors),
            "errors": check_error_links(submission, form, errors),
            "show_problems": submission.source != SubmissionSource.FORM and submission.problems,
            "back_url": step_url(submission, STEPS[-1]),
        },
    )


@login_required
def submission_sent(request: HttpRequest, public_id) -> HttpResponse:
    submission = _submission_for(request, public_id)
    if submission.status == SubmissionStatus.DRAFT:
        return redirect(_check_url(submission))
    return render(
        request,
        "listings/submissions/sent.html",
        {
            "submission": submission,
            "is_linked": submission.status == SubmissionStatus.LINKED,
            "is_change": submission.kind == SubmissionKind.CHANGE,
        },
    )


@login_required
def your_listings(request: HttpRequest) -> HttpResponse:
    submissions = Submission.objects.for_user(request.user).select_related("organisation", "page")
    page = Paginator(submissions, SUBMISSIONS_PER_PAGE).get_page(request.GET.get("page"))
    for submission in page:
        resume = first_unanswered_step(submission.answers)
        submission.continue_url = (
            step_url(submission, resume) if resume is not None else _check_url(submission)
        )
    organisations = services.submitter_organisations(request.user)
    published = (
        SolutionPage.objects.live()
        .filter(owner_organisation__in=organisations)
        .select_related("owner_organisation")
        .order_by("title")
    )
    return render(
        request,
        "listings/submissions/your_listings.html",
        {"page": page, "published": published, "has_organisations": bool(organisations)},
    )


@require_POST
@login_required
def propose_changes(request: HttpRequest, page_id: int) -> HttpResponse:
    page = get_object_or_404(SolutionPage, pk=page_id)
    try:
        submission = services.submission_propose_changes(page=page, user=request.user)
    except PermissionDenied:
        return render(
            request, "listings/submissions/forbidden.html", {"solution": page}, status=403
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("listings:your_listings")
    return redirect(_check_url(submission))
