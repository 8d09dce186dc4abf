"""Harvest runs against the stub GitHub, through github3.py: what is read, what is written."""

from django.core import mail

from wagtail.models import WorkflowState

import pytest

from harvest.factories import HarvestSourceFactory
from harvest.models import HarvestedRepository, HarvestRun, ResponseValidator
from listings.models import SolutionPage, Submission, SubmissionKind, SubmissionSource
from tests.harvest.conftest_data import BROKEN_PUBLICCODE, CLEAN_PUBLICCODE

pytestmark = pytest.mark.django_db

README = "# Bin rounds\n\nPlans bulky-waste collection rounds from council GIS data.\n"


def repository(full_name: str) -> HarvestedRepository:
    return HarvestedRepository.objects.get(full_name=full_name)


def listing(full_name: str) -> SolutionPage:
    return SolutionPage.objects.get(pk=repository(full_name).solution_id)


def paths(github) -> list[str]:
    return [path.removeprefix("/api/v3") for path in github.paths_requested()]


@pytest.fixture
def camden(github):
    """A council's organisation with a publiccode.yml repository and a plain one."""
    github.add_repository(
        "camden", "design-system", files={"publiccode.yml": CLEAN_PUBLICCODE}, stars=7
    )
    github.add_repository(
        "camden",
        "bin-rounds",
        description="Bulky-waste rounds planner",
        readme=README,
        release={"tag": "v2.1.0", "published_at": "2026-01-02T09:00:00Z"},
        licence="MIT",
    )
    return HarvestSourceFactory(value="camden")


# A first run -----------------------------------------------------------------------


def test_a_first_run_drafts_every_qualifying_repository_for_moderation(harvest, camden):
    run = harvest(camden)

    pages = SolutionPage.objects.filter(is_harvested=True)
    assert pages.count() == 2
    assert not pages.filter(live=True).exists()
    assert WorkflowState.objects.filter(status="in_progress").count() == 2
    assert (run.seen, run.new, run.changed, run.unchanged, run.failed) == (2, 2, 0, 0, 0)


def test_a_first_run_records_itself(harvest, camden):
    run = harvest(camden)

    stored = HarvestRun.objects.get()
    assert stored.pk == run.pk
    assert stored.status == "finished"
    assert list(stored.sources.all()) == [camden]
    assert stored.requests == {"200": 4, "404": 4}
    assert stored.rate_limit_remaining is not None
    assert stored.finished_at >= stored.started_at


def test_a_repository_with_publiccode_yml_is_filled_by_the_existing_mapping(harvest, camden):
    harvest(camden)

    page = listing("camden/design-system")
    assert page.title == "Amsterdam Design System"
    assert page.repository_url.startswith("https://")
    submission = Submission.objects.get(page=page)
    assert submission.source == SubmissionSource.HARVEST
    assert submission.submitted_by is None
    assert submission.organisation is None
    assert "publiccodeYmlVersion" in submission.publiccode_text


def test_a_council_repository_without_publiccode_yml_is_filled_from_metadata_and_readme(
    harvest, camden
):
    harvest(camden)

    page = listing("camden/bin-rounds").get_latest_revision_as_object()
    assert page.title == "bin-rounds"
    assert page.summary == "Bulky-waste rounds planner"
    assert "Plans bulky-waste collection rounds" in page.long_description
    assert page.repository_url == "https://github.com/camden/bin-rounds"
    assert page.licence == "MIT"


def test_the_readme_is_kept_as_sanitised_html_and_an_excerpt(harvest, github, camden):
    github.change("camden", "bin-rounds", readme=README + "\n<script>alert(1)</script>\n")

    harvest(camden)

    row = repository("camden/bin-rounds")
    assert "<script>" not in row.readme_html
    assert '<p class="govuk-body">Plans bulky-waste collection rounds' in row.readme_html
    assert row.readme_excerpt.startswith("Plans bulky-waste collection rounds")


def test_a_first_run_keeps_the_metrics_on_the_listing(harvest, camden):
    harvest(camden)

    page = listing("camden/bin-rounds")
    assert page.github_latest_release == "v2.1.0"
    assert page.github_released_at.isoformat() == "2026-01-02T09:00:00+00:00"
    assert page.github_licence == "MIT"
    assert listing("camden/design-system").github_stars == 7
    assert page.metrics_harvested_at is not None


def test_the_listing_belongs_to_the_sources_organisation(harvest, github, council):
    github.add_repository("camden", "tool", readme=README)
    source = HarvestSourceFactory(value="camden", organisation=council)

    harvest(source)

    page = listing("camden/tool")
    assert page.owner_organisation == council
    assert page.provider == council
    assert Submission.objects.get(page=page).organisation == council


# Rerunning ----------------------------------------------------------------------------


def test_an_unchanged_rerun_gets_no_200_and_makes_no_repository_request(harvest, github, camden):
    harvest(camden)

    run = harvest(camden)

    assert run.requests == {"304": 1}
    assert paths(github) == ["/orgs/camden/repos?per_page=100&sort=full_name"]
    assert (run.seen, run.unchanged, run.changed, run.new) == (2, 2, 0, 0)


def test_an_unchanged_rerun_costs_one_request_per_page_of_the_list(harvest, github):
    for number in range(130):
        github.add_repository("nesta", f"repo-{number:03}")  # no publiccode.yml: not listed
    source = HarvestSourceFactory(value="nesta", not_council=True)
    harvest(source)

    run = harvest(source)

    assert run.requests == {"304": 2}
    assert run.unchanged == 130
    assert ResponseValidator.objects.filter(url__contains="/orgs/").count() == 1


def test_an_unchanged_rerun_in_a_new_process_uses_the_stored_etags(harvest, github, camden):
    harvest(camden)
    stored = ResponseValidator.objects.get(url__contains="/orgs/camden/repos")

    harvest(camden)

    first = github.requests[0]
    assert first.headers["If-None-Match"] == stored.etag
    assert first.status == 304


def test_only_the_repository_that_changed_is_read_again(harvest, github, camden):
    harvest(camden)
    github.change("camden", "bin-rounds", push=True, readme=README + "\nNow with maps.\n")

    run = harvest(camden)

    assert paths(github) == [
        "/orgs/camden/repos?per_page=100&sort=full_name",
        "/repos/camden/bin-rounds/contents/publiccode.yml",
        "/repos/camden/bin-rounds/contents/publiccode.yaml",
        "/repos/camden/bin-rounds/readme",
        "/repos/camden/bin-rounds/releases/latest",
    ]
    assert (run.changed, run.unchanged) == (1, 1)
    assert "Now with maps." in repository("camden/bin-rounds").readme_text


def test_files_a_push_left_alone_come_back_as_304s(harvest, github, camden):
    harvest(camden)
    github.change("camden", "bin-rounds", push=True)

    run = harvest(camden)

    assert run.requests == {"200": 1, "304": 2, "404": 2}


def test_a_change_of_figures_refreshes_the_live_listing_without_moderation(harvest, github, camden):
    harvest(camden)
    page = listing("camden/design-system")
    page.get_latest_revision().publish()
    revisions = page.revisions.count()
    github.change("camden", "design-system", stars=42, forks=3, open_issues=5)

    run = harvest(camden)

    page.refresh_from_db()
    assert (page.github_stars, page.github_forks, page.github_open_issues) == (42, 3, 5)
    assert page.revisions.count() == revisions
    assert Submission.objects.filter(page=page).count() == 1
    assert paths(github) == ["/orgs/camden/repos?per_page=100&sort=full_name"]
    assert run.changed == 1


def test_a_changed_description_becomes_a_revision_in_moderation(harvest, github, camden):
    harvest(camden)
    page = listing("camden/bin-rounds")
    page.get_latest_revision().publish()
    github.change("camden", "bin-rounds", description="Plans bulky-waste and graffiti rounds")

    harvest(camden)

    page.refresh_from_db()
    assert page.summary == "Bulky-waste rounds planner"  # the live page waits for a moderator
    latest = page.get_latest_revision_as_object()
    assert latest.summary == "Plans bulky-waste and graffiti rounds"
    change = Submission.objects.get(page=page, kind=SubmissionKind.CHANGE)
    assert change.source == SubmissionSource.HARVEST
    assert change.status == "in_moderation"
    assert WorkflowState.objects.filter(status="in_progress", object_id=str(page.pk)).exists()


def test_a_change_keeps_what_moderators_edited_since(harvest, github, camden):
    harvest(camden)
    page = listing("camden/bin-rounds").get_latest_revision_as_object()
    page.title = "Bin Rounds Planner"
    page.save_revision().publish()
    github.change("camden", "bin-rounds", description="Plans bulky-waste and graffiti rounds")

    harvest(camden)

    latest = listing("camden/bin-rounds").get_latest_revision_as_object()
    assert latest.title == "Bin Rounds Planner"
    assert latest.summary == "Plans bulky-waste and graffiti rounds"


# Failures and problems -------------------------------------------------------------


def test_a_500_on_one_repository_does_not_stop_the_others(harvest, github, camden):
    github.add_repository("camden", "broken", readme=README)
    github.fail(r"^/repos/camden/broken/")

    run = harvest(camden)

    assert run.status == "finished"
    assert run.failed == 1
    assert run.errors == [
        {"repository": "camden/broken", "message": "GitHub answered 500: Server Error"}
    ]
    broken = repository("camden/broken")
    assert broken.state == "unreachable"
    assert broken.last_error == "GitHub answered 500: Server Error"
    assert broken.solution_id is None
    assert SolutionPage.objects.filter(is_harvested=True).count() == 2


def test_a_500_is_retried_a_bounded_number_of_times(harvest, github, camden, settings):
    github.add_repository("camden", "broken", readme=README)
    github.fail(r"^/repos/camden/broken/")

    harvest(camden)

    tries = [p for p in paths(github) if p.startswith("/repos/camden/broken/")]
    assert tries == ["/repos/camden/broken/contents/publiccode.yml"] * (
        settings.HARVEST_RETRIES + 1
    )


def test_a_passing_500_is_retried_and_the_repository_harvested(harvest, github, camden):
    github.fail(r"^/repos/camden/bin-rounds/readme$", times=1)

    run = harvest(camden)

    assert run.failed == 0
    assert run.requests["500"] == 1
    assert repository("camden/bin-rounds").readme_excerpt


def test_an_unreachable_repository_is_tried_again_by_the_next_run(harvest, github, camden):
    github.add_repository("camden", "broken", readme=README)
    github.fail(r"^/repos/camden/broken/", times=3)
    harvest(camden)

    run = harvest(camden)

    assert run.requests.get("304") == 1  # the list had not changed
    broken = repository("camden/broken")
    assert broken.state == "active"
    assert broken.last_error == ""
    assert broken.solution_id is not None


def test_an_unreachable_listed_repository_keeps_its_listing_with_the_last_error(
    harvest, github, camden
):
    harvest(camden)
    github.change("camden", "bin-rounds", push=True)
    github.fail(r"^/repos/camden/bin-rounds/")

    harvest(camden)

    page = listing("camden/bin-rounds")
    assert page.repository_state == "unreachable"
    assert "GitHub answered 500: Server Error" in page.repository_state_detail


def test_a_malformed_publiccode_yml_is_recorded_and_the_listing_still_drafted(harvest, github):
    github.add_repository("camden", "broken", files={"publiccode.yml": BROKEN_PUBLICCODE})
    source = HarvestSourceFactory(value="camden", not_council=True)

    harvest(source)

    row = repository("camden/broken")
    assert row.state == "invalid_publiccode"
    problem = next(p for p in row.publiccode_problems if p["key"] == "developmentStatus")
    assert problem["line"] == 4
    assert problem["severity"] == "error"
    page = listing("camden/broken")
    assert page.title == "Broken Tool"
    assert page.repository_state == "invalid_publiccode"
    assert page.repository_state_detail.startswith("7 errors in publiccode.yml: platforms")
    # Moderators see the file's problems beside the draft, as for an import.
    assert Submission.objects.get(page=page).problems == row.publiccode_problems


def test_an_archived_repository_is_flagged_on_its_listing(harvest, github, camden):
    harvest(camden)
    github.change("camden", "bin-rounds", archived=True)

    harvest(camden)

    assert repository("camden/bin-rounds").state == "archived"
    page = listing("camden/bin-rounds")
    assert page.github_archived is True
    assert page.repository_state == "archived"
    assert page.maintenance_signal == "archived"


def test_a_dry_run_saves_nothing(harvest, camden):
    run = harvest(camden, dry_run=True)

    assert run.new == 2
    assert run.pk is None or not HarvestRun.objects.filter(pk=run.pk).exists()
    assert not HarvestedRepository.objects.exists()
    assert not SolutionPage.objects.filter(is_harvested=True).exists()
    assert not ResponseValidator.objects.exists()


def test_a_limit_leaves_the_rest_for_the_next_run(harvest, github, camden):
    run = harvest(camden, limit=1)

    assert HarvestedRepository.objects.filter(solution__isnull=False).count() == 1
    harvest(camden)
    assert HarvestedRepository.objects.filter(solution__isnull=False).count() == 2
    assert run.new == 2


def test_harvested_drafts_do_not_email_the_moderators_one_by_one(
    harvest, camden, moderator, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        harvest(camden)

    assert mail.outbox == []
