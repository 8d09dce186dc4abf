"""Harvest sources managed in Wagtail, and the report of every run, for moderators."""

from datetime import timedelta

from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone

import pytest

from harvest.factories import HarvestSourceFactory
from harvest.models import HarvestRun, HarvestSource
from hub.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def moderator_client(client, moderator):
    client.force_login(moderator)
    return client


@pytest.fixture
def editor_client(client):
    """Signed in to Wagtail's admin, but not a moderator."""
    editor = UserFactory(email="editor@example.org")
    editor.groups.add(Group.objects.get(name="Editors"))  # Wagtail's own: admin access
    client.force_login(editor)
    return client


@pytest.fixture
def runs():
    start = timezone.now() - timedelta(hours=2)
    finished = HarvestRun.objects.create(
        started_at=start,
        finished_at=start + timedelta(seconds=40),
        status="finished",
        seen=120,
        new=3,
        unchanged=117,
        failed=1,
        requests={"200": 14, "304": 2, "500": 3},
        rate_limit_remaining=4_870,
        errors=[{"repository": "camden/broken", "message": "GitHub answered 500: Server Error"}],
    )
    stopped = HarvestRun.objects.create(
        started_at=start + timedelta(hours=1),
        finished_at=start + timedelta(hours=1, seconds=5),
        status="stopped_early",
        stopped_early=True,
        resume_cursor={"sources": [1], "stopped_at": "leeds/dashboard", "reason": "reserve."},
        requests={"200": 40},
        rate_limit_remaining=20,
    )
    return finished, stopped


def test_moderators_list_the_sources(moderator_client):
    HarvestSourceFactory(value="LBCamden")

    response = moderator_client.get(reverse("harvest_sources:index"))

    assert response.status_code == 200
    assert "LBCamden" in response.text


def test_moderators_add_a_source_with_its_rules(moderator_client):
    response = moderator_client.post(
        reverse("harvest_sources:add"),
        {
            "kind": "topic",
            "value": "local-government",
            "name": "",
            "enabled": "on",
            "api_url": "",
            "organisation": "",
            "publisher_kind": "other",
            "skip_forks": "on",
            "skip_empty": "on",
            "require_topics": "",
            "exclude_topics": "demo",
            "min_stars": "3",
            "note": "",
        },
    )

    assert response.status_code == 302
    source = HarvestSource.objects.get()
    assert (source.kind, source.value, source.min_stars) == ("topic", "local-government", 3)
    assert source.skip_templates is False
    assert source.excluded_topics == ["demo"]


def test_a_single_repository_source_needs_owner_and_name(moderator_client):
    response = moderator_client.post(
        reverse("harvest_sources:add"),
        {"kind": "repository", "value": "no-slash", "publisher_kind": "other", "min_stars": "0"},
    )

    assert response.status_code == 200
    assert not HarvestSource.objects.exists()


def test_sources_cannot_be_deleted_only_disabled(moderator_client):
    source = HarvestSourceFactory(value="LBCamden")

    response = moderator_client.post(reverse("harvest_sources:delete", args=[source.pk]))

    assert (response.status_code, response.url) == (302, "/admin/")
    assert HarvestSource.objects.filter(pk=source.pk).exists()


def test_people_who_are_not_moderators_cannot_manage_sources(editor_client):
    response = editor_client.get(reverse("harvest_sources:index"))

    assert (response.status_code, response.url) == (302, "/admin/")


def test_the_runs_report_lists_every_run_newest_first(moderator_client, runs):
    response = moderator_client.get(reverse("harvest_runs_report"))

    assert response.status_code == 200
    html = response.text
    assert "Harvest runs" in html
    assert html.index("Stopped at the rate limit") < html.index("Finished")
    assert "200: 14, 304: 2, 500: 3" in html
    assert "4870" in html


def test_the_runs_report_exports_a_spreadsheet(moderator_client, runs):
    response = moderator_client.get(reverse("harvest_runs_report"), {"export": "csv"})

    assert response.status_code == 200
    lines = b"".join(response.streaming_content).decode().splitlines()
    assert lines[0].startswith("Started at,Finished at,Status,Seen")
    assert len(lines) == 3


def test_a_runs_page_shows_the_errors_for_each_repository(moderator_client, runs):
    finished, _ = runs

    response = moderator_client.get(reverse("harvest_run_detail", args=[finished.pk]))

    assert "camden/broken" in response.text
    assert "GitHub answered 500: Server Error" in response.text


def test_a_stopped_runs_page_says_where_it_stopped(moderator_client, runs):
    _, stopped = runs

    response = moderator_client.get(reverse("harvest_run_detail", args=[stopped.pk]))

    assert "At leeds/dashboard" in response.text
    assert "The next run resumes there." in response.text


def test_the_runs_report_is_for_moderators_only(editor_client, runs):
    finished, _ = runs
    for url in (reverse("harvest_runs_report"), reverse("harvest_run_detail", args=[finished.pk])):
        response = editor_client.get(url)
        # Wagtail answers a refused admin page by sending people back to the dashboard.
        assert (response.status_code, response.url) == (302, "/admin/")


def test_the_reports_menu_offers_the_runs_to_moderators(moderator_client):
    html = moderator_client.get(reverse("wagtailadmin_home")).text

    assert reverse("harvest_runs_report") in html
