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


@pytest.mark.parametrize("query", NASTY, ids=range(len(NASTY)))
@pytest.mark.parametrize("path", ["/solutions/", "/case-studies/", "/search/"])
def test_pages_answer_normally(client, catalogue, path, query):
    response = client.get(path, {"q": query})

    assert response.status_code == 200
    assert b"govuk-template" in response.content


def test_a_too_long_search_on_the_page_says_what_was_searched(client, catalogue):
    html = client.get("/solutions/", {"q": "fraud " * 20_000}).content.decode()

    assert "Your search was too long" in html
    assert "Tenancy fraud finder" in html


@pytest.mark.parametrize(
    ("query", "reason"),
    [
        ("x" * 100_000, "at most 200 characters"),
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
