"""/solutions/: the GOV.UK filter page over the catalogue, without JavaScript."""

import re
from decimal import Decimal
from html import unescape

from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest

from hub.factories import CouncilFactory, VendorFactory
from listings.factories import SavingsEvidenceFactory, SolutionPageFactory
from listings.presenters import solution_index as views

pytestmark = pytest.mark.django_db

URL = "/solutions/"


def html_of(client, query: str = "") -> str:
    response = client.get(f"{URL}?{query}" if query else URL)
    assert response.status_code == 200
    return unescape(response.content.decode())


def card_titles(html: str) -> list[str]:
    return re.findall(
        r'<h2 class="govuk-heading-m[^"]*"><a class="govuk-link" href="[^"]+">([^<]+)</a>', html
    )


def count_queries(client, path: str) -> int:
    client.get(path)  # warm per-process caches (site root paths, content types)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(path).status_code == 200
    return len(captured.captured_queries)


def make_catalogue(size: int) -> None:
    councils = [CouncilFactory(region=region) for region in ("London", "Wales", "North West")]
    for n in range(size):
        solution = SolutionPageFactory(
            service_areas=["housing", "waste-and-environment"][: 1 + n % 2],
            tags=["fraud"],
            provider=VendorFactory() if n % 3 == 0 else None,
        )
        SavingsEvidenceFactory(adoption__solution=solution, adoption__council=councils[n % 3])


# The cards -------------------------------------------------------------------------


def test_a_card_shows_what_a_council_needs_to_judge_a_solution(client):
    solution = SolutionPageFactory(
        title="Resident index",
        summary="Matches residents across council systems.",
        provider=VendorFactory(name="Acme Data Ltd"),
        development_status="beta",
        licence="AGPL-3.0-or-later",
    )
    SavingsEvidenceFactory(
        adoption__solution=solution, amount_gbp=Decimal("12345.60"), evidence_level=4
    )

    html = html_of(client)

    assert f'<a class="govuk-link" href="{solution.url}">Resident index</a>' in html
    assert "Matches residents across council systems." in html
    assert "Acme Data Ltd" in html
    assert '<strong class="govuk-tag govuk-tag--blue">Beta</strong>' in html
    assert "AGPL-3.0-or-later (open source)" in html
    assert re.search(r"Councils using it</dt>\s*<dd>1</dd>", html)
    assert "£12,345.60 a year" in html
    assert "Level 4 of 5" in html


def test_a_card_without_evidence_says_so(client):
    SolutionPageFactory(title="Brand new")

    html = html_of(client)

    assert "None evidenced yet" in html
    assert "None yet" in html


def test_result_count_is_a_status_message(client):
    SolutionPageFactory.create_batch(3)

    html = html_of(client)

    assert re.search(r'role="status"><strong>3</strong> solutions', html)


# The filter form -------------------------------------------------------------------


def test_facet_options_show_their_counts(client):
    SolutionPageFactory(service_areas=["housing"])
    SolutionPageFactory(service_areas=["housing"], solution_type="geospatial")

    html = html_of(client)

    assert re.search(
        r'value="housing">\s*<label[^>]*>Housing <span class="hub-facet-count">\(2\)', html
    )
    assert re.search(r">Geospatial <span class=\"hub-facet-count\">\(1\)", html)


def test_applied_filters_are_checked_and_counted_over_the_results(client):
    SolutionPageFactory(title="Map", service_areas=["housing"], solution_type="geospatial")
    SolutionPageFactory(title="Board", service_areas=["housing"], solution_type="dashboard")

    html = html_of(client, "type=geospatial")

    assert card_titles(html) == ["Map"]
    assert re.search(r'name="type" type="checkbox" value="geospatial" checked>', html)
    assert re.search(
        r'value="housing">\s*<label[^>]*>Housing <span class="hub-facet-count">\(1\)', html
    )


def test_every_checkbox_group_is_a_fieldset_with_a_legend(client):
    html = html_of(client)

    for legend in ("Service area", "Solution type", "Development status", "Cost model", "Hosting"):
        assert (
            f'<legend class="govuk-fieldset__legend govuk-fieldset__legend--s">{legend}</legend>'
            in html
        )


def test_ids_on_the_page_are_unique(client):
    make_catalogue(3)

    ids = re.findall(r'\sid="([^"]+)"', html_of(client))

    assert len(ids) == len(set(ids))


def test_search_box_keeps_the_term(client):
    SolutionPageFactory(title="Tenancy fraud finder")

    html = html_of(client, "q=tenancy+fraud")

    assert 'name="q" type="search" value="tenancy fraud"' in html
    assert "matching “tenancy fraud”" in html
    assert card_titles(html) == ["Tenancy fraud finder"]


def test_sort_select_belongs_to_the_filter_form_and_keeps_the_choice(client):
    html = html_of(client, "sort=highest_savings")

    assert (
        '<select class="govuk-select" id="solution-sort" name="sort" form="solution-filters">'
        in html
    )
    assert '<option value="highest_savings" selected>' in html


# Selected filters and links that keep the state ------------------------------------


def test_each_selected_filter_has_a_link_removing_only_it(client):
    SolutionPageFactory(service_areas=["housing"], solution_type="geospatial")

    html = html_of(client, "q=map&service_area=housing&type=geospatial&sort=most_adopted")

    assert 'href="/solutions/?q=map&type=geospatial&sort=most_adopted">' in html
    assert "Remove filter: </span>Service area: Housing" in html
    assert 'href="/solutions/?service_area=housing&type=geospatial&sort=most_adopted">' in html


def test_clear_filters_keeps_the_search_and_sort(client):
    html = html_of(client, "q=map&service_area=housing&sort=most_adopted")

    assert (
        '<a class="govuk-link" href="/solutions/?q=map&sort=most_adopted">Clear filters</a>' in html
    )


def test_pagination_links_keep_every_filter(client):
    SolutionPageFactory.create_batch(22, service_areas=["housing"], solution_type="geospatial")

    html = html_of(client, "service_area=housing&type=geospatial&sort=recently_updated")

    assert len(card_titles(html)) == 20
    assert 'href="?service_area=housing&type=geospatial&sort=recently_updated&page=2"' in html


def test_second_page_shows_the_rest(client):
    for n in range(22):
        SolutionPageFactory(title=f"Tool {n:02d}")

    html = html_of(client, "page=2")

    assert card_titles(html) == ["Tool 20", "Tool 21"]
    assert "(page 2 of 2)" in html


# No results, and whatever is typed into the URL -----------------------------------


def test_no_results_explain_what_to_try(client):
    SolutionPageFactory(solution_type="dashboard")

    html = html_of(client, "type=geospatial")

    assert "No solutions match with these filters" in html
    assert '<a class="govuk-link" href="/solutions/">Clear all filters and search</a>' in html


@pytest.mark.parametrize(
    "query",
    [
        "type=bogus",
        "service_area=nowhere",
        "min_evidence=9",
        "min_evidence=high",
        "open_source=maybe",
        "verified_savings=2",
        "nation=Narnia",
        "sort=sideways",
        "page=abc",
        "page=-1",
        "page=999",
        'q="',
        "q=(",
        "q=NOT",
        "q=%00",
        "licence=<script>alert(1)</script>",
        "region=%F0%9F%8F%A0",
        "type=geospatial&type=",
        "q=fraud&page=0",
    ],
)
def test_invalid_query_strings_still_render(client, query):
    """(Values longer than their filter allows are a 400: tests/hub/test_query_limits.py.)"""
    SolutionPageFactory(title="Still listed", licence="MIT")

    response = client.get(f"{URL}?{query}")

    assert response.status_code == 200
    assert b"<script>alert(1)</script>" not in response.content


def test_an_invalid_value_is_dropped_from_links(client):
    SolutionPageFactory.create_batch(21, solution_type="geospatial")

    html = html_of(client, "type=geospatial&min_evidence=9")

    assert 'href="?type=geospatial&page=2"' in html


# Queries ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "query",
    [
        "",
        "service_area=housing&region=London&min_evidence=2",
        "q=fraud",
        "q=fraud&sort=most_adopted",
    ],
    ids=["unfiltered", "filtered", "search", "search-sorted"],
)
def test_query_count_does_not_grow_with_the_catalogue(client, query):
    make_catalogue(5)
    small = count_queries(client, f"{URL}?{query}")
    make_catalogue(25)
    large = count_queries(client, f"{URL}?{query}")

    assert small == large


def test_query_count_does_not_grow_with_the_page_size(client, monkeypatch):
    make_catalogue(30)
    monkeypatch.setattr(views, "SOLUTIONS_PER_PAGE", 5)
    five = count_queries(client, URL)
    monkeypatch.setattr(views, "SOLUTIONS_PER_PAGE", 30)
    thirty = count_queries(client, URL)

    assert five == thirty
    assert len(card_titles(html_of(client))) == 30


# The shell --------------------------------------------------------------------------


def test_service_navigation_links_to_solutions_and_case_studies(client):
    html = html_of(client)

    assert re.search(r'href="/solutions/" aria-current="page">', html)
    assert 'href="/case-studies/">Case studies</a>' in html


def test_home_page_search_goes_to_solutions(client):
    html = client.get("/").content.decode()

    assert '<form action="/solutions/" method="get" role="search"' in html


def test_results_offer_compare_checkboxes_feed_and_csv_with_the_filters(client):
    SolutionPageFactory(slug="resident-index", solution_type="data_matching")
    html = client.get("/solutions/", {"type": "data_matching"}).text
    assert 'id="compare-form"' in html
    assert 'name="s" type="checkbox" value="resident-index" form="compare-form"' in html
    assert 'type="application/atom+xml"' in html
    assert "/api/v1/solutions/export.csv?type=data_matching" in html
