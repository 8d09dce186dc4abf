"""Solutions and case studies go through Wagtail's moderation workflow.

The "Moderators approval" workflow that Wagtail creates is assigned to the root page, so
every page inherits it. An editor's change is submitted, not published: nothing reaches
the public until someone in the Moderators group approves it in the admin.
"""

from django.contrib.auth.models import Group
from django.urls import reverse

from wagtail.fields import StreamField
from wagtail.models import GroupApprovalTask, WorkflowState
from wagtail.test.utils.form_data import querydict_from_html

import pytest

from hub.factories import UserFactory
from listings.factories import CaseStudyPageFactory, SolutionPageFactory
from listings.models import SolutionPage

pytestmark = pytest.mark.django_db

PAGE_FACTORIES = {"solution": SolutionPageFactory, "case study": CaseStudyPageFactory}


def _member_of(group_name: str, **fields):
    user = UserFactory(**fields)
    user.groups.add(Group.objects.get(name=group_name))
    return user


@pytest.fixture
def editor():
    return _member_of("Editors", email="editor@example.org")


@pytest.fixture
def moderator():
    return _member_of("Moderators", email="moderator@example.org")


def _edit_form_data(client, page):
    """The admin edit form as the browser would post it, unchanged."""
    response = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    assert response.status_code == 200
    data = querydict_from_html(response.content.decode(), form_id="page-edit-form")
    # StreamFields are drawn by JavaScript; these pages' descriptions are empty.
    for field in page._meta.get_fields():
        if isinstance(field, StreamField) and f"{field.name}-count" not in data:
            assert not getattr(page, field.name)
            data[f"{field.name}-count"] = "0"
    return data


def _submit_for_moderation(client, page, *, title: str):
    """What an editor does in the admin: open the page, change it, 'Submit for moderation'."""
    edit_url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    data = _edit_form_data(client, page)
    data["title"] = title
    data["action-submit"] = "Submit to Moderators approval"
    response = client.post(edit_url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    return response


def _moderator_acts(client, page, action: str):
    state = WorkflowState.objects.get(base_content_type__model="page", object_id=str(page.pk))
    url = reverse(
        "wagtailadmin_pages:workflow_action",
        args=[page.pk, action, state.current_task_state.pk],
    )
    response = client.post(url, {"comment": "Checked against the council's report."})
    assert response.status_code in (200, 302)
    state.refresh_from_db()
    return state


@pytest.mark.parametrize("make_page", PAGE_FACTORIES.values(), ids=PAGE_FACTORIES)
def test_the_default_moderators_approval_workflow_applies(make_page):
    page = make_page()

    workflow = page.get_workflow()

    assert workflow is not None
    assert workflow.active
    assert workflow.name == "Moderators approval"
    task = workflow.tasks.get().specific
    assert isinstance(task, GroupApprovalTask)
    assert list(task.groups.values_list("name", flat=True)) == ["Moderators"]


@pytest.mark.parametrize("make_page", PAGE_FACTORIES.values(), ids=PAGE_FACTORIES)
def test_a_new_draft_is_not_live_until_a_moderator_approves_it(
    make_page, client, editor, moderator
):
    page = make_page(live=False, first_published_at=None, last_published_at=None)
    page.save_revision()

    client.force_login(editor)
    _submit_for_moderation(client, page, title="Ready for review")

    state = WorkflowState.objects.get(object_id=str(page.pk))
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert state.requested_by == editor
    assert state.current_task_state.task.name == "Moderators approval"
    page.refresh_from_db()
    assert not page.live
    assert page.get_latest_revision().content["title"] == "Ready for review"
    client.logout()
    assert client.get(page.url).status_code == 404

    client.force_login(moderator)
    state = _moderator_acts(client, page, "approve")

    assert state.status == WorkflowState.STATUS_APPROVED
    page.refresh_from_db()
    assert page.live
    assert page.title == "Ready for review"
    client.logout()
    assert client.get(page.url).status_code == 200


def test_an_edit_to_a_live_solution_stays_unpublished_until_approved(client, editor, moderator):
    page = SolutionPageFactory(title="Original title")
    page.save_revision().publish()

    client.force_login(editor)
    _submit_for_moderation(client, page, title="Edited title")
    client.logout()

    page.refresh_from_db()
    assert page.live
    assert page.title == "Original title"
    assert page.has_unpublished_changes
    assert "Original title" in client.get(page.url).text
    assert page.workflow_in_progress

    client.force_login(moderator)
    _moderator_acts(client, page, "approve")
    client.logout()

    assert "Edited title" in client.get(page.url).text


def test_a_moderator_can_send_a_submission_back(client, editor, moderator):
    page = CaseStudyPageFactory(title="Original case study")
    page.save_revision().publish()
    client.force_login(editor)
    _submit_for_moderation(client, page, title="Unchecked claims")

    client.force_login(moderator)
    state = _moderator_acts(client, page, "reject")

    assert state.status == WorkflowState.STATUS_NEEDS_CHANGES
    page.refresh_from_db()
    assert page.title == "Original case study"


def test_an_editor_cannot_publish_directly(client, editor):
    page = SolutionPageFactory(title="Original title")
    page.save_revision().publish()
    edit_url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    client.force_login(editor)
    data = _edit_form_data(client, page)
    data["title"] = "Published without review"
    data["action-publish"] = "Publish"

    client.post(edit_url, data)

    page.refresh_from_db()
    assert page.title == "Original title"
    assert not SolutionPage.objects.live().filter(title="Published without review").exists()
    assert "Original title" in client.get(page.url).text


@pytest.mark.parametrize(
    "make_page",
    [
        pytest.param(SolutionPageFactory, id="solution"),
        pytest.param(CaseStudyPageFactory, id="case study"),
    ],
)
def test_a_moderator_can_preview_a_submission_before_approving_it(
    make_page, client, editor, moderator
):
    page = make_page(title="Original title")
    page.save_revision().publish()
    client.force_login(editor)
    _submit_for_moderation(client, page, title="Proposed title")

    client.force_login(moderator)
    task = page.get_workflow().tasks.get()
    response = client.get(reverse("wagtailadmin_pages:workflow_preview", args=[page.pk, task.pk]))

    assert response.status_code == 200
    assert "Proposed title" in response.content.decode()
