"""Hostile or careless input: a normal page, or a 400 from the API with the reason."""

import pytest

from listings.factories import CaseStudyPageFactory, SolutionPageFactory

pytestmark = pytest.mark.django_db

NASTY = [
    "x" * 100_000,
    '"tenancy fraud',
    "fraud' OR 1=1 --",
    "fraud AND NOT (sublets OR",
    "NEAR(fraud tenancy, 2)",
    "fraud\x00sublets",
    "🏠🔥 empty homes",
    "*",
    " ".join(["fraud"] * 500),
]


@pytest.fixture
def catalogue(db):
    SolutionPageFactory(title="Tenancy fraud finder")
    CaseStudyPageFactory(title="Camden finds fraud")


PAGES = ["/solutions/", "/case-studies/", "/search/"]


@pytest.mark.parametrize("query", NASTY, ids=range(len(NASTY)))
@pytest.mark.parametrize("path", PAGES)
def test_pages_answer_normally(client, catalogue, path, query):
    response = client.get(path, {"q": query})

    # Longer than any search allows: the page, with a 400 and an error summary saying why.
    assert response.status_code == (400 if len(query) > 200 else 200)
    assert b"govuk-template" in response.content
    if response.status_code == 400:
        assert "Search must be 200 characters or fewer" in response.content.decode()


@pytest.mark.parametrize("path", ["/solutions/", "/case-studies/"])
def test_a_too_long_search_on_the_page_still_lists_the_catalogue(client, catalogue, path):
    html = client.get(path, {"q": "fraud " * 20_000}).content.decode()

    assert "govuk-error-summary" in html
    assert ("Tenancy fraud finder" if path == "/solutions/" else "Camden finds fraud") in html


@pytest.mark.parametrize(
    ("query", "reason"),
    [
        ("x" * 100_000, "1,000 characters or fewer"),
        ("x" * 201, "200 characters or fewer"),
        (" ".join(["fraud"] * 13), "at most 12 words"),
        ("fraud\x00sublets", "Null characters are not allowed"),
    ],
)
def test_the_api_refuses_with_the_reason(client, catalogue, query, reason):
    response = client.get("/api/v1/solutions/", {"q": query})

    assert response.status_code == 400
    assert reason in response.content.decode()


@pytest.mark.parametrize("query", ['"tenancy fraud', "🏠 fraud", "fraud)", "NEAR(fraud)"])
def test_the_api_answers_odd_but_short_queries(client, catalogue, query):
    response = client.get("/api/v1/solutions/", {"q": query})

    assert response.status_code == 200
    assert response.json()["search"]["query"]


def test_the_api_says_when_it_fell_back_and_highlights(client, catalogue):
    body = client.get("/api/v1/solutions/", {"q": "tenancy potholes"}).json()

    [result] = body["results"]
    assert body["search"]["any_word"] is True
    assert body["search"]["message"]
    assert "<mark>Tenancy</mark>" in body["search"]["highlights"][result["slug"]]


def test_site_search_lists_its_results_in_the_page_not_the_title(client, catalogue):
    html = client.get("/search/", {"q": "tenancy fraud"}).content.decode()

    title = html.split("<title>", 1)[1].split("</title>", 1)[0]
    main = html.split("<main", 1)[1]
    assert "Search results for “tenancy fraud”" in title
    assert "Tenancy fraud finder" not in title
    assert "Tenancy fraud finder" in main
