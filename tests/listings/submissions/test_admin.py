"""Moderators see submissions, and where they came from, in Wagtail's admin."""

from django.urls import reverse

import pytest

from listings.submissions.services import submission_send, submission_start
from tests.listings.submissions.test_services import valid_answers

pytestmark = pytest.mark.django_db


@pytest.fixture
def sent(vendor_member):
    submission = submission_start(
        user=vendor_member.user,
        organisation=vendor_member.organisation,
        source="publiccode_paste",
        answers=valid_answers(title="Fly-tipping Spotter"),
        publiccode_text="name: Fly-tipping Spotter\n",
        problems=[{"severity": "warning", "key": "it", "line": 40, "message": "it is deprecated"}],
    )
    return submission_send(submission=submission, user=vendor_member.user)


def test_the_dashboard_lists_waiting_submissions_with_their_source(client, moderator, sent):
    client.force_login(moderator)

    response = client.get(reverse("wagtailadmin_home"))

    page = response.content.decode()
    assert "Submissions waiting for review (1)" in page
    assert "Fly-tipping Spotter" in page
    assert "publiccode.yml, pasted" in page
    assert "0 errors, 1 warning" in page


def test_the_page_editor_shows_where_the_listing_came_from(client, moderator, sent):
    client.force_login(moderator)

    response = client.get(reverse("wagtailadmin_pages:edit", args=[sent.page_id]))

    page = response.content.decode()
    assert "Where this listing came from" in page
    assert "publiccode.yml, pasted" in page
    assert "it is deprecated (line 40)" in page
    assert sent.organisation.name in page


def test_the_dashboard_panel_is_for_moderators_only(client, vendor_member, sent):
    from django.contrib.auth.models import Permission

    vendor_member.user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(vendor_member.user)

    response = client.get(reverse("wagtailadmin_home"))

    assert "Submissions waiting for review" not in response.content.decode()
