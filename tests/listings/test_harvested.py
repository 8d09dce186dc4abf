"""The harvester's way into the catalogue: figures, states, the maintenance signal, answers."""

from datetime import UTC, datetime, timedelta

from django.utils import timezone

import pytest

from listings.factories import SolutionPageFactory
from listings.harvested import (
    RepositoryFacts,
    RepositoryMetrics,
    harvested_answers,
    readme_rendered,
    solution_record_repository_state,
    solution_refresh_repository_metrics,
    solutions_refresh_maintenance_signals,
)
from listings.maintenance import maintenance_signal
from listings.models import SolutionPage

NOW = datetime(2026, 6, 1, 12, tzinfo=UTC)
FACTS = RepositoryFacts(
    full_name="camden/bin-rounds",
    html_url="https://github.com/camden/bin-rounds",
    description="Bulky-waste rounds planner",
    licence="MIT",
    readme="# Bin rounds\n\nPlans bulky-waste collection rounds from council GIS data.\n",
)


def days_ago(days: int) -> datetime:
    return NOW - timedelta(days=days)


# The maintenance signal ------------------------------------------------------------


@pytest.mark.parametrize(
    ("figures", "signal"),
    [
        ({"archived": True, "pushed_at": days_ago(1)}, "archived"),
        ({"pushed_at": days_ago(30)}, "active"),
        ({"pushed_at": days_ago(400), "released_at": days_ago(100)}, "active"),
        ({"pushed_at": days_ago(300), "open_issues": 3}, "quiet"),
        ({"pushed_at": days_ago(300), "open_issues": 25}, "dormant"),
        ({"pushed_at": days_ago(600), "open_issues": 0}, "dormant"),
        ({}, ""),
    ],
)
def test_the_maintenance_signal_follows_the_documented_rule(figures, signal):
    values = {"archived": False, "pushed_at": None, "released_at": None, "open_issues": None}

    assert maintenance_signal(**{**values, **figures}, now=NOW) == signal


# Figures and states on the live page -------------------------------------------------


@pytest.mark.django_db
def test_metrics_are_written_to_the_live_listing_without_a_revision():
    page = SolutionPageFactory()
    revisions = page.revisions.count()

    solution_refresh_repository_metrics(
        solution_id=page.pk,
        metrics=RepositoryMetrics(
            stars=12, forks=2, open_issues=4, pushed_at=timezone.now(), latest_release="v3"
        ),
    )

    page.refresh_from_db()
    assert (page.github_stars, page.github_forks, page.github_open_issues) == (12, 2, 4)
    assert page.github_latest_release == "v3"
    assert page.maintenance_signal == "active"
    assert page.is_harvested is True
    assert page.revisions.count() == revisions


@pytest.mark.django_db
def test_publishing_an_older_revision_keeps_the_harvested_figures():
    page = SolutionPageFactory()
    old = page.save_revision()
    solution_refresh_repository_metrics(
        solution_id=page.pk, metrics=RepositoryMetrics(stars=99, pushed_at=timezone.now())
    )
    solution_record_repository_state(solution_id=page.pk, state="moved", detail="Moved.")

    old.publish()

    page.refresh_from_db()
    assert (page.github_stars, page.repository_state, page.is_harvested) == (99, "moved", True)


@pytest.mark.django_db
def test_signals_are_recomputed_as_time_passes():
    page = SolutionPageFactory()
    solution_refresh_repository_metrics(
        solution_id=page.pk,
        metrics=RepositoryMetrics(pushed_at=timezone.now() - timedelta(days=170)),
    )

    changed = solutions_refresh_maintenance_signals(now=timezone.now() + timedelta(days=30))

    assert changed == 1
    assert SolutionPage.objects.get(pk=page.pk).maintenance_signal == "quiet"


# READMEs and answers -----------------------------------------------------------------


def test_a_readme_is_sanitised_and_excerpted():
    html, excerpt = readme_rendered(
        "# Title\n\n<script>alert(1)</script>\n\nFirst paragraph, [a link](javascript:x).\n\n"
        + "word " * 100
    )

    assert "<script" not in html
    assert 'href="javascript' not in html
    assert '<h3 class="govuk-heading-m">Title</h3>' in html
    # Plain text (escaped wherever it is shown), from the paragraphs only: no heading.
    assert excerpt.startswith("<script>alert(1)</script> First paragraph")
    assert excerpt.endswith("…")
    assert len(excerpt) <= 300


@pytest.mark.django_db
def test_answers_from_metadata_and_readme_are_valid_on_their_own():
    result = harvested_answers(facts=FACTS)

    assert result.problems == []
    assert result.answers["title"] == "bin-rounds"
    assert result.answers["summary"] == "Bulky-waste rounds planner"
    assert result.answers["is_open_source"] is True
    assert len(result.answers["long_description"]) >= 150


@pytest.mark.django_db
def test_an_answer_a_publiccode_yml_gets_wrong_is_replaced_with_a_warning():
    result = harvested_answers(
        facts=FACTS, publiccode_answers={"title": "Bin Rounds", "summary": "x" * 200}
    )

    assert result.answers["title"] == "Bin Rounds"
    assert result.answers["summary"] == "Bulky-waste rounds planner"
    assert result.problems == [
        {
            "severity": "warning",
            "key": "summary",
            "line": None,
            "column": None,
            "message": "The summary must be 150 characters or fewer "
            "(so the repository's own value is used).",
        }
    ]


# The facet ----------------------------------------------------------------------------


@pytest.fixture
def signals(db):
    pages = {}
    for signal in ("active", "active", "dormant", ""):
        page = SolutionPageFactory()
        SolutionPage.objects.filter(pk=page.pk).update(maintenance_signal=signal)
        pages.setdefault(signal, []).append(page)
    return pages


def test_solutions_filter_by_maintenance_signal(client, signals):
    response = client.get("/api/v1/solutions/", {"maintenance": "active"})

    assert response.status_code == 200
    assert response.json()["count"] == 2
    assert {row["maintenance_signal"] for row in response.json()["results"]} == {"active"}


def test_the_maintenance_facet_counts_each_signal(client, signals):
    facets = client.get("/api/v1/solutions/").json()["facets"]["maintenance"]

    counts = {option["value"]: option["count"] for option in facets}
    assert counts == {"active": 2, "quiet": 0, "dormant": 1, "archived": 0}


def test_an_unknown_maintenance_signal_is_refused_by_the_api(client, signals):
    assert client.get("/api/v1/solutions/", {"maintenance": "sleepy"}).status_code == 400


def test_the_solutions_page_offers_the_maintenance_facet(client, signals):
    html = client.get("/solutions/", {"maintenance": "dormant"}).text

    assert "Maintenance" in html
    assert 'name="maintenance" type="checkbox" value="dormant" checked' in html


# The listing page --------------------------------------------------------------------


@pytest.mark.django_db
def test_a_harvested_listing_shows_its_marker_signal_and_the_rule(client):
    page = SolutionPageFactory()
    solution_refresh_repository_metrics(
        solution_id=page.pk, metrics=RepositoryMetrics(stars=5, pushed_at=timezone.now())
    )
    solution_record_repository_state(solution_id=page.pk, state="active")

    html = client.get(page.url).text

    assert "Harvested from GitHub" in html
    assert '<strong class="govuk-tag govuk-tag--green">Active</strong>' in html
    assert "How we work out maintenance" in html
    assert "code pushed or a release published in the last 6 months" in html


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("state", "says"),
    [
        ("gone", "Its code repository has gone from GitHub."),
        ("moved", "Its code repository has moved. Moved from a/b to c/d."),
        ("unreachable", "We could not read its code repository when we last tried."),
        ("invalid_publiccode", "The publiccode.yml in its repository has errors"),
    ],
)
def test_a_harvested_listing_shows_its_repository_state(client, state, says):
    page = SolutionPageFactory()
    detail = "Moved from a/b to c/d." if state == "moved" else ""
    solution_record_repository_state(solution_id=page.pk, state=state, detail=detail)

    html = client.get(page.url).text

    assert says in html
    assert f'data-repository-state="{state}"' in html


@pytest.mark.django_db
def test_a_listing_not_harvested_has_no_marker(client):
    page = SolutionPageFactory()

    assert "Harvested from GitHub" not in client.get(page.url).text
