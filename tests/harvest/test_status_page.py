"""/organisations/<slug>/repositories/: what the hub saw, and why each is or is not listed."""

from django.urls import reverse

import pytest

from harvest.factories import HarvestedRepositoryFactory, HarvestSourceFactory
from hub.factories import CouncilFactory
from tests.harvest.conftest_data import BROKEN_PUBLICCODE

pytestmark = pytest.mark.django_db
README = "# Tool\n\nA council tool.\n"


def status_page(client, organisation, **params):
    return client.get(
        reverse("harvest:organisation_repositories", args=[organisation.slug]), params
    )


@pytest.fixture
def harvested(harvest, github, council):
    """Camden's organisation harvested: a listed tool, a fork, and a broken publiccode.yml."""
    github.add_repository("camden", "tool", readme=README)
    github.add_repository("camden", "forked-tool", fork=True)
    github.add_repository("camden", "broken", files={"publiccode.yml": BROKEN_PUBLICCODE})
    harvest(HarvestSourceFactory(value="camden", organisation=council))
    return council


def test_every_repository_seen_for_the_organisation_is_listed(client, harvested):
    response = status_page(client, harvested)

    assert response.status_code == 200
    shown = [row.full_name for row in response.context["repositories"]]
    assert shown == ["camden/broken", "camden/forked-tool", "camden/tool"]


def test_a_fork_shows_the_rule_that_skipped_it(client, harvested):
    html = status_page(client, harvested).text

    card = html[html.index('data-repository="camden/forked-tool"') :]
    card = card[: card.index('data-repository="camden/tool"')]
    assert "Not listed. It is a fork, and its source skips forks" in card


def test_publiccode_problems_are_shown_with_their_lines(client, harvested):
    html = status_page(client, harvested).text

    card = html[html.index('data-repository="camden/broken"') :]
    assert "Invalid publiccode.yml" in card
    assert "<code>developmentStatus</code>" in card
    assert "must be one of: concept, development, beta, stable, obsolete" in card
    row = card[card.index("<code>developmentStatus</code>") :]
    assert '<td class="govuk-table__cell govuk-table__cell--numeric">4' in row


def test_a_listing_waiting_for_review_says_so(client, harvested):
    html = status_page(client, harvested).text

    card = html[html.index('data-repository="camden/tool"') :]
    assert "Waiting for moderators to review “tool”" in card


def test_a_published_listing_is_linked(client, harvested):
    row = harvested.harvest_sources.get().repositories.get(full_name="camden/tool")
    row.solution.get_latest_revision().publish()

    html = status_page(client, harvested).text

    assert f'Listed: <a class="govuk-link" href="{row.solution.url}">tool</a>' in html


def test_each_state_is_explained(client, harvested):
    html = status_page(client, harvested).text

    assert "What the states mean" in html
    assert "two checks at least a day apart" in html


def test_other_organisations_repositories_are_not_shown(client, harvested):
    leeds = CouncilFactory(name="Leeds")
    HarvestedRepositoryFactory(source=HarvestSourceFactory(value="leeds", organisation=leeds))

    shown = [row.full_name for row in status_page(client, harvested).context["repositories"]]

    assert all(name.startswith("camden/") for name in shown)


def test_the_page_is_paginated(client, council):
    source = HarvestSourceFactory(value="camden", organisation=council)
    HarvestedRepositoryFactory.create_batch(25, source=source)

    first = status_page(client, council)
    second = status_page(client, council, page=2)

    assert len(first.context["repositories"]) == 20
    assert len(second.context["repositories"]) == 5
    assert 'rel="next"' in first.text
    assert "(page 2 of 2)" in second.text


def test_an_organisation_without_a_source_is_told_how_to_get_one(client, council):
    html = status_page(client, council).text

    assert "The hub has not seen any repositories for Camden yet." in html
    assert "ask the hub's moderators to add your GitHub organisation" in html


def test_an_organisation_with_a_source_not_harvested_yet_is_told_to_wait(client, council):
    HarvestSourceFactory(value="camden", organisation=council)

    html = status_page(client, council).text

    assert "Its repositories appear here after the next harvest." in html


def test_the_page_sets_no_cookies_for_visitors(client, harvested):
    response = status_page(client, harvested)

    assert not response.cookies


def test_the_page_of_an_unknown_organisation_is_a_404(client, db):
    assert client.get("/organisations/nowhere/repositories/").status_code == 404


def test_the_query_count_does_not_grow_with_the_rows(
    client, council, django_assert_max_num_queries
):
    source = HarvestSourceFactory(value="camden", organisation=council)
    HarvestedRepositoryFactory.create_batch(20, source=source)

    with django_assert_max_num_queries(12):
        status_page(client, council)


def test_the_organisation_page_links_to_it(client, council):
    html = client.get(reverse("organisation_detail", args=[council.slug])).text

    assert f'href="/organisations/{council.slug}/repositories/"' in html
