"""/api/v1/case-studies/: live case studies, newest first, with their council and solutions."""

import datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest

from hub.factories import CouncilFactory
from listings.factories import CaseStudyPageFactory, SolutionPageFactory

LIST_URL = "/api/v1/case-studies/"


def detail_url(slug):
    return f"/api/v1/case-studies/{slug}/"


def slugs(response):
    return [row["slug"] for row in response.json()["results"]]


@pytest.fixture
def studies(db):
    """Camden's 2024 story (two solutions, one of them a draft), Leeds's 2023 one, a draft."""
    camden = CouncilFactory(camden=True)
    leeds = CouncilFactory(
        name="Leeds", slug="leeds", gss_code="E08000035", local_authority_code="LDS"
    )
    resident = SolutionPageFactory(title="Resident index", slug="resident-index")
    waste = SolutionPageFactory(title="Bulky waste rounds", slug="bulky-waste-rounds")
    unpublished = SolutionPageFactory(title="Unpublished tool", slug="unpublished-tool", live=False)
    CaseStudyPageFactory(
        title="Finding illegal sublets in Camden",
        slug="camden-sublets",
        council=camden,
        date=datetime.date(2024, 3, 1),
        solutions=[resident, waste, unpublished],
        figures="<p>£1.2m recovered, from the <b>audit report</b>.</p>",
        lessons="<p>Start with address data quality.</p>",
    )
    CaseStudyPageFactory(
        title="Rounds in Leeds",
        slug="leeds-rounds",
        council=leeds,
        date=datetime.date(2023, 9, 1),
        solutions=[waste],
    )
    CaseStudyPageFactory(title="Draft story", slug="draft-story", council=leeds, live=False)


def test_list_holds_live_case_studies_newest_first(client, studies):
    response = client.get(LIST_URL)

    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 2
    assert slugs(response) == ["camden-sublets", "leeds-rounds"]


def test_list_item_tells_the_story(client, studies):
    row = client.get(LIST_URL).json()["results"][0]

    assert row["title"] == "Finding illegal sublets in Camden"
    assert row["url"] == "http://testserver/case-studies/camden-sublets/"
    assert row["api_url"] == "http://testserver/api/v1/case-studies/camden-sublets/"
    assert row["council"] == {"slug": "camden", "name": "Camden", "gss_code": "E09000007"}
    assert row["date"] == "2024-03-01"
    assert row["problem"] == "<p>Too many households were waiting too long.</p>"
    assert row["approach"] == "<p>We matched data across services.</p>"
    assert row["outcomes"] == "<p>Waiting times fell by a third.</p>"
    assert row["figures"] == "<p>£1.2m recovered, from the <b>audit report</b>.</p>"
    assert row["lessons"] == "<p>Start with address data quality.</p>"


def test_solutions_are_the_live_ones_by_slug(client, studies):
    body = client.get(detail_url("camden-sublets")).json()

    assert body["solutions"] == ["bulky-waste-rounds", "resident-index"]


def test_detail_by_slug(client, studies):
    response = client.get(detail_url("leeds-rounds"))

    assert response.status_code == 200
    body = response.json()
    assert body["title"] == "Rounds in Leeds"
    assert body["council"]["slug"] == "leeds"
    assert body["solutions"] == ["bulky-waste-rounds"]
    assert body["lessons"] == ""


def test_filter_by_council(client, studies):
    assert slugs(client.get(LIST_URL, {"council": "leeds"})) == ["leeds-rounds"]


def test_filter_by_solution(client, studies):
    response = client.get(LIST_URL, {"solution": "bulky-waste-rounds"})

    assert slugs(response) == ["camden-sublets", "leeds-rounds"]


def test_drafts_are_not_listed_or_found(client, studies):
    assert "draft-story" not in slugs(client.get(LIST_URL))
    assert client.get(detail_url("draft-story")).status_code == 404


def test_unknown_slug_is_a_json_404(client, studies):
    response = client.get(detail_url("atlantis"))

    assert response.status_code == 404
    assert response.json() == {"detail": "No live case study has this slug."}


def test_unknown_parameter_is_a_400_naming_it(client, studies):
    response = client.get(LIST_URL, {"year": "2024"})

    assert response.status_code == 400
    assert "year" in response.json()["detail"]


def test_writes_are_refused(client, studies):
    response = client.post(LIST_URL, {"title": "Sneaky"}, content_type="application/json")

    assert response.status_code == 403


def test_list_query_count_does_not_grow_with_page_size(client, db):
    council = CouncilFactory()
    solution = SolutionPageFactory()
    for _ in range(6):
        CaseStudyPageFactory(council=council, solutions=[solution])

    def queries(page_size):
        with CaptureQueriesContext(connection) as context:
            response = client.get(LIST_URL, {"page_size": page_size})
        assert len(response.json()["results"]) == page_size
        return len(context)

    queries(2)  # warm the caches (Wagtail's site root paths)
    assert queries(2) == queries(6)


def test_schema_documents_the_case_study_endpoints(client, db):
    paths = client.get("/api/v1/schema/?format=json").json()["paths"]

    assert {LIST_URL, "/api/v1/case-studies/{slug}/"} <= set(paths)
    parameters = {p["name"] for p in paths[LIST_URL]["get"]["parameters"]}
    assert {"council", "solution", "page", "page_size"} <= parameters
