"""Edge cases found in review: nothing is left waiting, nothing is undone, nothing leaks."""

from unittest import mock

from django.core import mail

from wagtail.models import WorkflowState

import pytest

from hub.factories import MembershipFactory
from listings.factories import SolutionPageFactory
from listings.models import SolutionPage, Submission, SubmissionStatus
from listings.submissions.answers import validate_answers
from listings.submissions.services import (
    normalise_repository_url,
    submission_propose_changes,
    submission_save_answers,
    submission_send,
    submission_start,
)
from tests.listings.submissions.test_services import _approve, valid_answers

pytestmark = pytest.mark.django_db


def _sent(member, **overrides):
    submission = submission_start(
        user=member.user, organisation=member.organisation, answers=valid_answers(**overrides)
    )
    return submission_send(submission=submission, user=member.user)


def test_publishing_directly_marks_the_waiting_submission_published(vendor_member):
    submission = _sent(vendor_member)

    SolutionPage.objects.get(pk=submission.page_id).get_latest_revision().publish()

    submission.refresh_from_db()
    assert submission.status == SubmissionStatus.PUBLISHED


def test_a_cancelled_review_sends_the_submission_back(
    vendor_member, django_capture_on_commit_callbacks
):
    submission = _sent(vendor_member)
    state = WorkflowState.objects.active().for_instance(submission.page).get()

    with django_capture_on_commit_callbacks(execute=True):
        state.cancel(user=vendor_member.user)

    submission.refresh_from_db()
    assert submission.status == SubmissionStatus.CHANGES_REQUESTED
    assert "cancelled" in submission.moderator_comment


def test_deleting_a_listing_withdraws_its_submissions(vendor_member):
    submission = _sent(vendor_member)

    SolutionPage.objects.get(pk=submission.page_id).delete()

    submission.refresh_from_db()
    assert submission.status == SubmissionStatus.WITHDRAWN
    assert submission.page_id is None


def test_a_mail_failure_does_not_undo_the_approval(
    vendor_member, moderator, django_capture_on_commit_callbacks
):
    submission = _sent(vendor_member)

    with (
        mock.patch("listings.submissions.moderation.send_mail", side_effect=OSError("down")),
        django_capture_on_commit_callbacks(execute=True),
    ):
        _approve(submission.page, moderator)

    assert SolutionPage.objects.get(pk=submission.page_id).live
    submission.refresh_from_db()
    assert submission.status == SubmissionStatus.PUBLISHED


def test_a_title_on_two_lines_is_refused():
    form = validate_answers(valid_answers(title="Resident\nIndex"))

    assert not form.is_valid()
    assert form.errors["title"] == ["Enter the name on one line"]


def test_a_proposal_does_not_undo_edits_published_after_it_started(vendor_member, moderator):
    page = SolutionPageFactory(
        owner_organisation=vendor_member.organisation, title="Old name", summary="Old summary"
    )
    page.save_revision().publish()
    proposal = submission_propose_changes(page=page, user=vendor_member.user)
    page.refresh_from_db()
    page.summary = "Summary corrected by a moderator"
    page.save_revision(user=moderator).publish()

    submission_save_answers(
        submission=proposal,
        user=vendor_member.user,
        answers={"title": "New name", "long_description": "x" * 200},
    )
    submission_send(submission=proposal, user=vendor_member.user)

    latest = SolutionPage.objects.get(pk=page.pk).get_latest_revision_as_object()
    assert latest.title == "New name"
    assert latest.summary == "Summary corrected by a moderator"


def test_an_owner_reimport_keeps_answers_publiccode_cannot_state(vendor_member):
    page = SolutionPageFactory(
        owner_organisation=vendor_member.organisation,
        repository_url="https://github.com/example/resident-index",
        processes_personal_data=True,
        cost_model="subscription",
        hosting="saas",
    )
    submission = submission_start(
        user=vendor_member.user,
        organisation=vendor_member.organisation,
        source="publiccode_paste",
        answers=valid_answers(processes_personal_data=False, cost_model="free"),
    )

    submission_send(submission=submission, user=vendor_member.user)

    latest = SolutionPage.objects.get(pk=page.pk).get_latest_revision_as_object()
    assert latest.processes_personal_data is True
    assert latest.cost_model == "subscription"
    assert latest.hosting == "saas"


def test_another_organisations_draft_is_linked_without_showing_it(vendor_member):
    first = _sent(MembershipFactory(), title="Secret unreleased product")

    again = _sent(vendor_member)

    assert again.status == SubmissionStatus.LINKED
    assert again.page_id == first.page_id
    assert again.visible_page is None
    assert Submission.objects.get(pk=first.pk).visible_page is not None


@pytest.mark.parametrize(
    "url",
    [
        "http://github.com/Example/Resident-Index",
        "https://www.github.com/example/resident-index/",
        "https://github.com/example/resident-index.git",
        "https://github.com/example/resident-index/tree/main",
        "https://github.com/example/resident-index?tab=readme#top",
        "https://www.GitHub.com/Example/Resident-Index.git/",
    ],
)
def test_spellings_of_one_repository_normalise_alike(url):
    assert normalise_repository_url(url) == "https://github.com/example/resident-index"


def test_emails_go_out_only_after_the_decision_commits(
    vendor_member, moderator, django_capture_on_commit_callbacks
):
    submission = _sent(vendor_member)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        _approve(submission.page, moderator)

    assert mail.outbox == []
    assert callbacks
