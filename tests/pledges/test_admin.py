"""Moderators approve campaigns in the Wagtail admin."""

from django.contrib.auth.models import Permission

import pytest

from hub.factories import UserFactory
from pledges.factories import CampaignFactory
from pledges.models import CampaignState

pytestmark = pytest.mark.django_db
APPROVAL = "/admin/campaigns/approval/"


@pytest.fixture
def submitted(db):
    return CampaignFactory(title="Shared resident index", state=CampaignState.SUBMITTED)


def test_moderators_see_the_campaigns_waiting(client, moderator, submitted):
    client.force_login(moderator)

    page = client.get(APPROVAL).content.decode()

    assert "Shared resident index" in page
    assert "Campaigns to approve" in client.get("/admin/").content.decode()


def test_a_moderator_approves(client, moderator, submitted):
    client.force_login(moderator)

    client.post(f"{APPROVAL}{submitted.pk}/", {"decision": "approve"})

    submitted.refresh_from_db()
    assert submitted.state == CampaignState.OPEN and submitted.approved_by == moderator


def test_a_moderator_sends_back_with_a_comment(client, moderator, submitted):
    client.force_login(moderator)

    empty = client.post(f"{APPROVAL}{submitted.pk}/", {"decision": "send_back"}, follow=True)
    client.post(f"{APPROVAL}{submitted.pk}/", {"decision": "send_back", "comment": "Name the lot"})

    assert "Say what the proposer should change." in empty.content.decode()
    submitted.refresh_from_db()
    assert submitted.state == CampaignState.DRAFT and submitted.moderator_comment == "Name the lot"


def test_an_admin_user_who_is_not_a_moderator_cannot_approve(client, submitted):
    editor = UserFactory()
    editor.is_staff = True
    editor.save()
    editor.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(editor)

    # Wagtail answers a refusal in its admin by sending the user back to the dashboard.
    assert client.get(APPROVAL).status_code in (302, 403)
    assert client.post(f"{APPROVAL}{submitted.pk}/", {"decision": "approve"}).status_code in (
        302,
        403,
    )
    submitted.refresh_from_db()
    assert submitted.state == CampaignState.SUBMITTED


def test_moderators_read_campaigns_but_cannot_add_them(client, moderator, submitted):
    client.force_login(moderator)

    assert client.get("/admin/campaigns/").status_code == 200
    assert client.get("/admin/campaigns/add/").status_code in (302, 403, 404)
