"""Your listings, the sent page, proposing changes and the check page's extras."""

from django.urls import reverse

import pytest
from pytest_django.asserts import assertContains, assertNotContains, assertRedirects

from hub.factories import MembershipFactory, UserFactory, VendorFactory
from listings.factories import SolutionPageFactory
from listings.models import Submission, SubmissionKind, SubmissionSource, SubmissionStatus
from listings.submissions.services import submission_start

pytestmark = pytest.mark.django_db


@pytest.fixture
def member_client(client, vendor_member):
    client.force_login(vendor_member.user)
    return client


def make_submission(membership, **fields):
    submission = submission_start(
        user=membership.user,
        organisation=membership.organisation,
        answers=fields.pop("answers", {"title": "Resident Index"}),
    )
    if fields:
        Submission.objects.filter(pk=submission.pk).update(**fields)
        submission.refresh_from_db()
    return submission


def test_your_listings_needs_sign_in(client):
    url = reverse("listings:your_listings")

    assertRedirects(client.get(url), f"{reverse('account_login')}?next={url}")


def test_your_listings_shows_each_status_as_a_tag(member_client, vendor_member):
    make_submission(vendor_member, answers={"title": "Draft one"})
    make_submission(
        vendor_member,
        answers={"title": "Live one"},
        status=SubmissionStatus.PUBLISHED,
        page=SolutionPageFactory(title="Live one"),
    )

    response = member_client.get(reverse("listings:your_listings"))

    assertContains(response, '<strong class="govuk-tag govuk-tag--grey">Not sent yet</strong>')
    assertContains(response, '<strong class="govuk-tag govuk-tag--green">Published</strong>')
    assertContains(response, "Civic Data Co")


def test_a_draft_continues_where_it_left_off(member_client, vendor_member):
    draft = make_submission(vendor_member, answers={"title": "Draft", "summary": "Short"})

    response = member_client.get(reverse("listings:your_listings"))

    url = reverse(
        "listings:submission_step", kwargs={"public_id": draft.public_id, "step": "problem"}
    )
    assertContains(response, f'href="{url}">Continue<span class="govuk-visually-hidden"> Draft')


def test_changes_requested_shows_the_moderator_comment_and_a_resend_link(
    member_client, vendor_member
):
    submission = make_submission(
        vendor_member,
        status=SubmissionStatus.CHANGES_REQUESTED,
        page=SolutionPageFactory(live=False),
        moderator_comment="Add the DPIA template, please.",
    )

    response = member_client.get(reverse("listings:your_listings"))

    assertContains(response, "Changes requested</strong>")
    assertContains(response, "Add the DPIA template, please.")
    check = reverse("listings:submission_check", kwargs={"public_id": submission.public_id})
    assertContains(response, f'href="{check}">Change and resend')


def test_a_published_submission_links_to_the_live_page(member_client, vendor_member):
    page = SolutionPageFactory(title="Live tool")
    make_submission(vendor_member, status=SubmissionStatus.PUBLISHED, page=page)

    response = member_client.get(reverse("listings:your_listings"))

    assertContains(
        response, f'href="{page.url}">View<span class="govuk-visually-hidden"> Live tool'
    )


def test_other_organisations_submissions_are_not_listed(member_client, vendor_member):
    make_submission(MembershipFactory(), answers={"title": "Someone else's"})

    response = member_client.get(reverse("listings:your_listings"))

    assertNotContains(response, "Someone else")
    assertContains(response, "You have not submitted any solutions yet")
    assertContains(response, "govuk-button--start")


def test_your_listings_is_paginated_by_twenty(member_client, vendor_member):
    for number in range(21):
        make_submission(vendor_member, answers={"title": f"Tool {number}"})

    first = member_client.get(reverse("listings:your_listings"))
    second = member_client.get(reverse("listings:your_listings") + "?page=2")

    assert len(first.context["page"]) == 20
    assert len(second.context["page"]) == 1
    assertContains(first, 'rel="next"')


def test_owned_live_listings_offer_propose_changes(member_client, vendor_member):
    owned = SolutionPageFactory(title="Our tool", owner_organisation=vendor_member.organisation)
    SolutionPageFactory(title="Their tool", owner_organisation=VendorFactory())

    response = member_client.get(reverse("listings:your_listings"))

    assertContains(response, "Published listings you can change")
    assertContains(response, f'action="{reverse("listings:propose_changes", args=[owned.pk])}"')
    assertNotContains(response, "Their tool")


def test_proposing_changes_starts_a_change_submission_and_opens_check(member_client, vendor_member):
    page = SolutionPageFactory(title="Our tool", owner_organisation=vendor_member.organisation)
    page.save_revision().publish()

    response = member_client.post(reverse("listings:propose_changes", args=[page.pk]))

    proposal = Submission.objects.get()
    check = reverse("listings:submission_check", kwargs={"public_id": proposal.public_id})
    assertRedirects(response, check)
    assert proposal.kind == SubmissionKind.CHANGE
    assert proposal.page_id == page.pk
    assertContains(member_client.get(check), "Check your proposed changes to “Our tool”")


def test_others_cannot_propose_changes(member_client):
    page = SolutionPageFactory(owner_organisation=VendorFactory())

    response = member_client.post(reverse("listings:propose_changes", args=[page.pk]))

    assert response.status_code == 403
    assertContains(response, "You cannot change this listing", status_code=403)
    assert not Submission.objects.exists()


def test_propose_changes_only_accepts_post(member_client, vendor_member):
    page = SolutionPageFactory(owner_organisation=vendor_member.organisation)

    response = member_client.get(reverse("listings:propose_changes", args=[page.pk]))

    assert response.status_code == 405
    assert not Submission.objects.exists()


def test_the_sent_page_confirms_with_a_panel(member_client, vendor_member):
    submission = make_submission(
        vendor_member, status=SubmissionStatus.IN_MODERATION, page=SolutionPageFactory(live=False)
    )

    response = member_client.get(
        reverse("listings:submission_sent", kwargs={"public_id": submission.public_id})
    )

    assertContains(response, '<h1 class="govuk-panel__title">Solution sent for review</h1>')
    assertContains(response, "What happens next")


def test_a_linked_submission_says_where_the_repository_is_listed(member_client, vendor_member):
    existing = SolutionPageFactory(
        title="Resident Index", repository_url="https://github.com/example/resident-index"
    )
    submission = make_submission(vendor_member, status=SubmissionStatus.LINKED, page=existing)

    response = member_client.get(
        reverse("listings:submission_sent", kwargs={"public_id": submission.public_id})
    )

    assertContains(
        response,
        f'This repository is already listed as <a class="govuk-link" href="{existing.url}">'
        "Resident Index</a>; your submission has been linked to it.",
    )


def test_the_sent_page_of_a_draft_goes_to_check(member_client, vendor_member):
    draft = make_submission(vendor_member)

    response = member_client.get(
        reverse("listings:submission_sent", kwargs={"public_id": draft.public_id})
    )

    assertRedirects(
        response, reverse("listings:submission_check", kwargs={"public_id": draft.public_id})
    )


def test_the_check_page_shows_publiccode_import_warnings(member_client, vendor_member):
    problem = {
        "severity": "warning",
        "key": "description.en.features",
        "line": 12,
        "message": "Features should be short",
    }
    draft = make_submission(
        vendor_member, source=SubmissionSource.PUBLICCODE_PASTE, problems=[problem]
    )

    response = member_client.get(
        reverse("listings:submission_check", kwargs={"public_id": draft.public_id})
    )

    assertContains(response, '<details class="govuk-details" open>')
    assertContains(response, "<code>description.en.features</code>")
    assertContains(response, "Features should be short")
    assertContains(response, '<td class="govuk-table__cell govuk-table__cell--numeric">12</td>')


def test_the_check_page_of_a_form_submission_has_no_import_section(member_client, vendor_member):
    draft = make_submission(vendor_member)

    response = member_client.get(
        reverse("listings:submission_check", kwargs={"public_id": draft.public_id})
    )

    assertNotContains(response, "govuk-details")


def test_the_account_page_links_to_your_listings(client):
    client.force_login(UserFactory())

    response = client.get(reverse("account_dashboard"))

    assertContains(response, f'href="{reverse("listings:your_listings")}">Your listings</a>')
