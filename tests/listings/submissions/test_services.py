"""Submitting: answers become a draft revision in moderation; decisions come back by email."""

from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from wagtail.models import WorkflowState

import pytest

from hub.factories import MembershipFactory, UserFactory, VendorFactory
from listings.factories import SolutionPageFactory
from listings.models import SolutionPage, Submission, SubmissionStatus
from listings.submissions.services import (
    submission_propose_changes,
    submission_save_answers,
    submission_send,
    submission_start,
    tidy_repository_url,
)

pytestmark = pytest.mark.django_db

LONG = "A tool that matches council tax, housing and benefits records to find " * 3


def valid_answers(**overrides):
    answers = {
        "title": "Resident Index",
        "summary": "Matches records across services to find the same resident.",
        "problem": "Records about one resident are scattered.\n\nNobody sees the whole picture.",
        "long_description": LONG,
        "features": ["Fuzzy matching", "UPRN lookup"],
        "solution_type": "data_matching",
        "service_areas": [],
        "development_status": "beta",
        "is_open_source": True,
        "licence": "MIT",
        "repository_url": "https://github.com/Example/Resident-Index",
        "cost_model": "free",
        "hosting": "self_hosted",
        "processes_personal_data": True,
        "dpia_template_available": False,
    }
    answers.update(overrides)
    return answers


def _approve(page, moderator):
    state = WorkflowState.objects.active().for_instance(page).get()
    state.current_task_state.task.specific.on_action(state.current_task_state, moderator, "approve")


def _request_changes(page, moderator, comment):
    state = WorkflowState.objects.active().for_instance(page).get()
    task_state = state.current_task_state
    task_state.task.specific.on_action(task_state, moderator, "reject", comment=comment)


def test_a_sent_submission_is_a_draft_page_in_moderation_owned_by_the_organisation(vendor_member):
    submission = submission_start(
        user=vendor_member.user, organisation=vendor_member.organisation, answers=valid_answers()
    )

    submission = submission_send(submission=submission, user=vendor_member.user)

    page = SolutionPage.objects.get(pk=submission.page_id)
    assert submission.status == SubmissionStatus.IN_MODERATION
    assert not page.live
    assert page.owner_organisation == vendor_member.organisation
    assert page.get_latest_revision_as_object().title == "Resident Index"
    assert page.get_latest_revision_as_object().problem == (
        "<p>Records about one resident are scattered.</p><p>Nobody sees the whole picture.</p>"
    )
    state = WorkflowState.objects.active().for_instance(page).get()
    assert state.requested_by == vendor_member.user


def test_approval_publishes_and_emails_the_submitter(
    vendor_member, moderator, django_capture_on_commit_callbacks
):
    submission = submission_start(
        user=vendor_member.user, organisation=vendor_member.organisation, answers=valid_answers()
    )
    submission = submission_send(submission=submission, user=vendor_member.user)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        _approve(submission.page, moderator)

    submission.refresh_from_db()
    assert submission.status == SubmissionStatus.PUBLISHED
    assert SolutionPage.objects.get(pk=submission.page_id).live
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [vendor_member.user.email]
    assert mail.outbox[0].subject == "Published: Resident Index"


def test_requesting_changes_sends_the_comment_back(
    vendor_member, moderator, django_capture_on_commit_callbacks
):
    submission = submission_start(
        user=vendor_member.user, organisation=vendor_member.organisation, answers=valid_answers()
    )
    submission = submission_send(submission=submission, user=vendor_member.user)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        _request_changes(submission.page, moderator, "Add the DPIA template, please.")

    submission.refresh_from_db()
    assert submission.status == SubmissionStatus.CHANGES_REQUESTED
    assert submission.moderator_comment == "Add the DPIA template, please."
    assert len(mail.outbox) == 1
    assert "Add the DPIA template, please." in mail.outbox[0].body
    assert not SolutionPage.objects.get(pk=submission.page_id).live


def test_a_resent_submission_resumes_moderation_on_the_same_page(vendor_member, moderator):
    submission = submission_start(
        user=vendor_member.user, organisation=vendor_member.organisation, answers=valid_answers()
    )
    submission = submission_send(submission=submission, user=vendor_member.user)
    _request_changes(submission.page, moderator, "Fix the title")
    submission.refresh_from_db()

    submission_save_answers(
        submission=submission, user=vendor_member.user, answers={"title": "Resident Index 2"}
    )
    submission = submission_send(submission=submission, user=vendor_member.user)

    assert SolutionPage.objects.count() == 1
    assert submission.status == SubmissionStatus.IN_MODERATION
    page = SolutionPage.objects.get()
    assert page.get_latest_revision_as_object().title == "Resident Index 2"
    assert WorkflowState.objects.active().for_instance(page).get().status == "in_progress"


def test_invalid_answers_send_nothing(vendor_member):
    submission = submission_start(
        user=vendor_member.user,
        organisation=vendor_member.organisation,
        answers=valid_answers(summary="x" * 151),
    )

    with pytest.raises(ValidationError) as error:
        submission_send(submission=submission, user=vendor_member.user)

    assert "summary" in error.value.message_dict
    assert SolutionPage.objects.count() == 0
    submission.refresh_from_db()
    assert submission.status == SubmissionStatus.DRAFT


def test_only_members_can_submit_for_an_organisation(vendor_member):
    outsider = UserFactory()

    with pytest.raises(PermissionDenied):
        submission_start(user=outsider, organisation=vendor_member.organisation, answers={})


def test_publiccode_errors_block_unless_a_moderator_overrides(vendor_member, moderator):
    problems = [{"severity": "error", "key": "url", "line": 2, "message": "bad"}]
    with pytest.raises(ValidationError):
        submission_start(
            user=vendor_member.user,
            organisation=vendor_member.organisation,
            problems=problems,
            override_errors=True,
        )

    submission = submission_start(
        user=moderator,
        organisation=vendor_member.organisation,
        problems=problems,
        override_errors=True,
    )

    assert submission.errors_overridden_by == moderator


def test_a_repeat_submission_of_the_same_repository_is_linked_not_duplicated(vendor_member):
    existing = SolutionPageFactory(repository_url="https://github.com/Example/resident-index.git")
    submission = submission_start(
        user=vendor_member.user,
        organisation=vendor_member.organisation,
        answers=valid_answers(repository_url="https://github.com/Example/Resident-Index.git/"),
    )

    submission = submission_send(submission=submission, user=vendor_member.user)

    assert submission.status == SubmissionStatus.LINKED
    assert submission.page_id == existing.pk
    assert SolutionPage.objects.count() == 1


def test_the_owner_proposes_changes_as_a_revision_in_moderation(vendor_member, moderator):
    page = SolutionPageFactory(owner_organisation=vendor_member.organisation, title="Old name")
    page.save_revision().publish()

    proposal = submission_propose_changes(page=page, user=vendor_member.user)
    submission_save_answers(
        submission=proposal,
        user=vendor_member.user,
        answers={"title": "New name", "long_description": LONG, "is_open_source": False},
    )
    submission_send(submission=proposal, user=vendor_member.user)

    page.refresh_from_db()
    assert page.title == "Old name"
    assert page.get_latest_revision_as_object().title == "New name"
    _approve(page, moderator)
    page.refresh_from_db()
    assert page.title == "New name"


def test_others_cannot_propose_changes(vendor_member):
    page = SolutionPageFactory(owner_organisation=VendorFactory())

    with pytest.raises(PermissionDenied):
        submission_propose_changes(page=page, user=vendor_member.user)


@pytest.mark.parametrize(
    ("url", "tidy"),
    [
        ("https://github.com/Camden/Tool.git", "https://github.com/Camden/Tool"),
        ("https://github.com/Camden/Tool/", "https://github.com/Camden/Tool"),
        ("https://gitlab.com/camden/tool.git/", "https://gitlab.com/camden/tool"),
        ("  https://github.com/Camden/Tool.git/  ", "https://github.com/Camden/Tool"),
        ("", ""),
    ],
)
def test_repository_urls_are_tidied_as_listings_store_them(url, tidy):
    assert tidy_repository_url(url) == tidy


def test_a_submission_keeps_its_repository_url_without_git_or_a_trailing_slash(vendor_member):
    submission = submission_start(
        user=vendor_member.user,
        organisation=vendor_member.organisation,
        answers={"repository_url": "https://github.com/Example/Resident-Index.git/"},
    )

    submission.refresh_from_db()
    assert submission.answers["repository_url"] == "https://github.com/Example/Resident-Index"


def test_submissions_are_listed_for_members_only(vendor_member):
    submission_start(
        user=vendor_member.user, organisation=vendor_member.organisation, answers=valid_answers()
    )
    other = MembershipFactory()

    assert Submission.objects.for_user(vendor_member.user).count() == 1
    assert Submission.objects.for_user(other.user).count() == 0


def test_a_saved_but_invalid_repository_url_is_kept_in_answers_only(vendor_member):
    submission = submission_start(
        user=vendor_member.user, organisation=vendor_member.organisation, answers={}
    )
    typed = "not a url " + "x" * 250

    submission = submission_save_answers(
        submission=submission, user=vendor_member.user, answers={"repository_url": typed}
    )

    submission.refresh_from_db()
    assert submission.answers["repository_url"] == typed
    assert submission.repository_url == ""


def test_no_used_by_names_costs_no_council_query(django_assert_num_queries):
    from listings.submissions.councils import match_councils

    with django_assert_num_queries(0):
        assert match_councils(["", "  "]) == ([], [])


def test_a_persons_submission_still_tells_the_moderators_by_email(
    vendor_member, moderator, django_capture_on_commit_callbacks
):
    submission = submission_start(
        user=vendor_member.user, organisation=vendor_member.organisation, answers=valid_answers()
    )
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        submission_send(submission=submission, user=vendor_member.user)

    assert moderator.email in [address for message in mail.outbox for address in message.to]


@pytest.mark.parametrize("title", ["Compare", "Feed"])
def test_a_new_listing_never_gets_a_slug_a_route_of_the_solutions_list_answers(
    vendor_member, title
):
    submission = submission_start(
        user=vendor_member.user,
        organisation=vendor_member.organisation,
        answers=valid_answers(title=title),
    )

    submission = submission_send(submission=submission, user=vendor_member.user)

    assert SolutionPage.objects.get(pk=submission.page_id).slug == f"{title.lower()}-2"
