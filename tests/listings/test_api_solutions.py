"""/api/v1/solutions/: search, filters, facets, sorting, detail with evidence, bad input."""

import datetime
import re
from decimal import Decimal

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

import pytest
from rest_framework.authtoken.models import Token

from hub.factories import CouncilFactory, VendorFactory
from listings.factories import AdoptionFactory, SavingsEvidenceFactory, SolutionPageFactory
from listings.models import (
    AdoptionStatus,
    CostModel,
    DevelopmentStatus,
    EvidenceLevel,
    Hosting,
    SavingsKind,
    SolutionPage,
    SolutionType,
)

LIST_URL = "/api/v1/solutions/"


def detail_url(slug):
    return f"/api/v1/solutions/{slug}/"


def slugs(response):
    return [row["slug"] for row in response.json()["results"]]


@pytest.fixture
def catalogue(db):
    """Three live solutions that differ on every filter, and a draft that must never show.

    resident-index: housing, data matching, stable, free, self-hosted, MIT, open source;
        used by Camden (London borough, production, £25,000.50 a year, level 4, verified)
        and piloted by Cardiff (Wales, level 2).
    bulky-waste-rounds: waste, geospatial, beta, subscription, SaaS, proprietary;
        used by Cardiff (£1,234.56 a year, level 3).
    food-safety-targeting: food safety and public health, predictive model, development,
        one-off, either hosting, AGPL; no adopters.
    """
    camden = CouncilFactory(camden=True)
    cardiff = CouncilFactory(cardiff=True)
    vendor = VendorFactory(name="Acme Data", slug="acme-data")
    now = timezone.now()
    resident = SolutionPageFactory(
        title="Resident index",
        slug="resident-index",
        summary="Finds illegal sublets by matching resident records.",
        service_areas=["housing"],
        tags=["fraud", "uprn"],
        provider=vendor,
        solution_type=SolutionType.DATA_MATCHING,
        development_status=DevelopmentStatus.STABLE,
        cost_model=CostModel.FREE,
        hosting=Hosting.SELF_HOSTED,
        licence="MIT",
        is_open_source=True,
        last_published_at=now - datetime.timedelta(days=30),
    )
    bulky = SolutionPageFactory(
        title="Bulky waste rounds",
        slug="bulky-waste-rounds",
        summary="Plans collection rounds on a map.",
        service_areas=["waste-and-environment"],
        solution_type=SolutionType.GEOSPATIAL,
        development_status=DevelopmentStatus.BETA,
        cost_model=CostModel.SUBSCRIPTION,
        hosting=Hosting.SAAS,
        licence="",
        is_open_source=False,
        price_min_gbp=Decimal("1500.00"),
        price_max_gbp=Decimal("9999.99"),
        last_published_at=now - datetime.timedelta(days=1),
    )
    food = SolutionPageFactory(
        title="Food safety targeting",
        slug="food-safety-targeting",
        summary="Ranks food businesses for inspection.",
        service_areas=["licensing-and-food-safety", "public-health"],
        solution_type=SolutionType.PREDICTIVE_MODEL,
        development_status=DevelopmentStatus.DEVELOPMENT,
        cost_model=CostModel.ONE_OFF,
        hosting=Hosting.EITHER,
        licence="AGPL-3.0-or-later",
        is_open_source=True,
        last_published_at=now - datetime.timedelta(days=10),
    )
    SolutionPageFactory(title="Secret draft", slug="secret-draft", live=False)

    camden_uses_resident = AdoptionFactory(solution=resident, council=camden)
    SavingsEvidenceFactory(
        adoption=camden_uses_resident,
        amount_gbp=Decimal("25000.50"),
        evidence_level=EvidenceLevel.INDEPENDENT_REPLICATION,
        verified_by_moderator=True,
        source_url="https://camden.example/report.pdf",
    )
    cardiff_pilots_resident = AdoptionFactory(
        solution=resident, council=cardiff, status=AdoptionStatus.PILOTING, confirmed=False
    )
    SavingsEvidenceFactory(
        adoption=cardiff_pilots_resident,
        kind=SavingsKind.STAFF_HOURS,
        amount_gbp=None,
        hours=Decimal("120.5"),
        evidence_level=EvidenceLevel.CORRELATION,
    )
    cardiff_uses_bulky = AdoptionFactory(solution=bulky, council=cardiff)
    SavingsEvidenceFactory(adoption=cardiff_uses_bulky, amount_gbp=Decimal("1234.56"))
    return {"resident": resident, "bulky": bulky, "food": food}


# The list and its items


def test_list_holds_live_solutions_alphabetically_with_facets(client, catalogue):
    response = client.get(LIST_URL)

    assert response.status_code == 200
    body = response.json()
    assert list(body) == ["count", "next", "previous", "facets", "search", "results"]
    assert body["count"] == 3
    assert slugs(response) == ["bulky-waste-rounds", "food-safety-targeting", "resident-index"]


def test_list_item_describes_the_solution(client, catalogue):
    response = client.get(LIST_URL, {"type": "data_matching"})

    (row,) = response.json()["results"]
    assert row["title"] == "Resident index"
    assert row["url"] == "http://testserver/solutions/resident-index/"
    assert row["api_url"] == "http://testserver/api/v1/solutions/resident-index/"
    assert row["summary"] == "Finds illegal sublets by matching resident records."
    assert row["solution_type"] == "data_matching"
    assert row["development_status"] == "stable"
    assert row["licence"] == "MIT"
    assert row["is_open_source"] is True
    assert row["cost_model"] == "free"
    assert row["hosting"] == "self_hosted"
    assert row["service_areas"] == [{"slug": "housing", "name": "Housing"}]
    assert sorted(row["tags"]) == ["fraud", "uprn"]
    assert row["provider"] == {"slug": "acme-data", "name": "Acme Data"}
    assert row["adopter_count"] == 2
    assert row["best_evidence_level"] == 4
    assert row["has_verified_savings"] is True
    assert row["last_published_at"]


def test_money_is_a_decimal_string_never_a_float(client, catalogue):
    rows = {row["slug"]: row for row in client.get(LIST_URL).json()["results"]}

    assert rows["resident-index"]["annual_savings_gbp"] == "25000.50"
    assert rows["bulky-waste-rounds"]["price_min_gbp"] == "1500.00"
    assert rows["bulky-waste-rounds"]["price_max_gbp"] == "9999.99"
    assert rows["food-safety-targeting"]["annual_savings_gbp"] == "0.00"
    assert rows["food-safety-targeting"]["price_min_gbp"] is None


def test_a_solution_without_provider_has_null_provider(client, catalogue):
    (row,) = client.get(LIST_URL, {"type": "geospatial"}).json()["results"]

    assert row["provider"] is None
    assert row["best_evidence_level"] == 3


def test_drafts_are_not_listed(client, catalogue):
    assert "secret-draft" not in slugs(client.get(LIST_URL))


def test_page_size_walks_the_list_keeping_the_filters(client, catalogue):
    first = client.get(LIST_URL, {"open_source": "true", "page_size": 1}).json()
    second = client.get(first["next"]).json()

    assert first["count"] == 2
    assert [row["slug"] for row in first["results"]] == ["food-safety-targeting"]
    assert "open_source=true" in first["next"]
    assert [row["slug"] for row in second["results"]] == ["resident-index"]
    assert second["next"] is None


def test_page_past_the_end_is_a_json_404(client, catalogue):
    response = client.get(LIST_URL, {"page": 9})

    assert response.status_code == 404
    assert response.json() == {"detail": "Invalid page."}


# Facets


def facet(body, name):
    return {option["value"]: option for option in body["facets"][name]}


def test_facets_count_every_facet_over_all_results(client, catalogue):
    body = client.get(LIST_URL).json()

    assert list(body["facets"]) == [
        "service_area",
        "type",
        "status",
        "open_source",
        "licence",
        "cost",
        "hosting",
        "min_evidence",
        "maintenance",
        "council_type",
        "nation",
        "region",
        "verified_savings",
    ]
    assert facet(body, "type")["data_matching"] == {
        "value": "data_matching",
        "label": "Data matching / master data",
        "count": 1,
        "selected": False,
    }
    assert facet(body, "open_source")["true"]["count"] == 2
    assert facet(body, "service_area")["housing"]["count"] == 1
    assert facet(body, "nation")["Wales"]["count"] == 2
    assert facet(body, "min_evidence")["3"]["count"] == 2


def test_facets_count_only_the_filtered_results_and_mark_the_applied_ones(client, catalogue):
    body = client.get(LIST_URL, {"open_source": "true"}).json()

    assert facet(body, "type")["geospatial"]["count"] == 0
    assert facet(body, "type")["predictive_model"]["count"] == 1
    assert facet(body, "open_source")["true"]["selected"] is True
    assert facet(body, "open_source")["false"]["count"] == 0
    assert facet(body, "licence") == {
        "AGPL-3.0-or-later": {
            "value": "AGPL-3.0-or-later",
            "label": "AGPL-3.0-or-later",
            "count": 1,
            "selected": False,
        },
        "MIT": {"value": "MIT", "label": "MIT", "count": 1, "selected": False},
    }


# Each filter, through the API


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"q": "sublets"}, ["resident-index"]),
        ({"service_area": "housing"}, ["resident-index"]),
        (
            {"service_area": ["public-health", "housing"]},
            ["food-safety-targeting", "resident-index"],
        ),
        ({"type": "geospatial"}, ["bulky-waste-rounds"]),
        (
            {"type": ["geospatial", "predictive_model"]},
            ["bulky-waste-rounds", "food-safety-targeting"],
        ),
        ({"status": "beta"}, ["bulky-waste-rounds"]),
        ({"open_source": "false"}, ["bulky-waste-rounds"]),
        ({"licence": "mit"}, ["resident-index"]),
        ({"cost": "subscription"}, ["bulky-waste-rounds"]),
        ({"hosting": "either"}, ["food-safety-targeting"]),
        ({"min_evidence": "3"}, ["bulky-waste-rounds", "resident-index"]),
        ({"council_type": "ua"}, ["bulky-waste-rounds", "resident-index"]),
        ({"nation": "England"}, ["resident-index"]),
        ({"region": "london"}, ["resident-index"]),
        ({"verified_savings": "true"}, ["resident-index"]),
        ({"type": "geospatial", "nation": "Wales"}, ["bulky-waste-rounds"]),
    ],
    ids=lambda value: (
        "-".join(f"{k}={v}" for k, v in value.items()) if isinstance(value, dict) else None
    ),
)
def test_filter(client, catalogue, params, expected):
    response = client.get(LIST_URL, params)

    assert response.status_code == 200
    assert slugs(response) == expected
    assert response.json()["count"] == len(expected)


def test_service_area_filter_still_works_after_the_schema_is_generated(client, catalogue):
    client.get("/api/v1/schema/?format=json")

    response = client.get(LIST_URL, {"service_area": "housing"})

    assert response.status_code == 200
    assert slugs(response) == ["resident-index"]


def test_search_that_matches_nothing_is_an_empty_list(client, catalogue):
    body = client.get(LIST_URL, {"q": "zeppelin"}).json()

    assert body["count"] == 0
    assert body["results"] == []


def test_search_with_quotes_is_answered_not_a_server_error(client, catalogue):
    response = client.get(LIST_URL, {"q": 'resident "sublets'})

    assert response.status_code == 200
    assert slugs(response) == ["resident-index"]


# Sorting


@pytest.mark.parametrize(
    ("sort", "expected"),
    [
        ("relevance", ["bulky-waste-rounds", "food-safety-targeting", "resident-index"]),
        ("most_adopted", ["resident-index", "bulky-waste-rounds", "food-safety-targeting"]),
        ("highest_savings", ["resident-index", "bulky-waste-rounds", "food-safety-targeting"]),
        ("recently_updated", ["bulky-waste-rounds", "food-safety-targeting", "resident-index"]),
    ],
)
def test_sort(client, catalogue, sort, expected):
    response = client.get(LIST_URL, {"sort": sort})

    assert response.status_code == 200
    assert slugs(response) == expected


# Bad input


def test_unknown_parameter_is_a_400_naming_it(client, catalogue):
    response = client.get(LIST_URL, {"colour": "red", "type": "geospatial"})

    assert response.status_code == 400
    body = response.json()
    assert body["detail"] == "Unknown query parameter(s): colour."
    assert {"q", "sort", "service_area", "type", "page", "page_size"} <= set(body["allowed"])
    assert "colour" not in body["allowed"]
    assert body["allowed"] == sorted(body["allowed"])


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"type": "spaceship"}, "type"),
        ({"sort": "cheapest"}, "sort"),
        ({"min_evidence": "9"}, "min_evidence"),
        ({"service_area": "astrology"}, "service_area"),
        ({"nation": "Atlantis"}, "nation"),
    ],
)
def test_invalid_choice_is_a_400_with_a_reason(client, catalogue, params, field):
    response = client.get(LIST_URL, params)

    assert response.status_code == 400
    (reason,) = response.json()[field]
    assert "not one of the available choices" in reason


def test_unknown_slug_is_a_json_404(client, catalogue):
    response = client.get(detail_url("atlantis"))

    assert response.status_code == 404
    assert response.json() == {"detail": "No live solution has this slug."}


def test_draft_detail_is_a_404(client, catalogue):
    assert client.get(detail_url("secret-draft")).status_code == 404


def test_anonymous_post_is_refused(client, catalogue):
    response = client.post(LIST_URL, {"title": "Sneaky"}, content_type="application/json")

    assert response.status_code == 403
    assert not SolutionPage.objects.filter(title="Sneaky").exists()


def test_authenticated_writes_are_not_allowed(client, catalogue, user):
    headers = {"Authorization": f"Token {Token.objects.create(user=user).key}"}

    post = client.post(LIST_URL, {}, content_type="application/json", headers=headers)
    delete = client.delete(detail_url("resident-index"), headers=headers)

    assert post.status_code == 405
    assert delete.status_code == 405
    assert SolutionPage.objects.filter(slug="resident-index").exists()


# Detail


def test_detail_adds_problem_data_protection_and_metrics(client, catalogue):
    SolutionPage.objects.filter(slug="resident-index").update(
        audience="Tenancy fraud teams",
        data_needed="Council tax, electoral register",
        data_standards="UPRN",
        processes_personal_data=True,
        dpia_template_available=True,
        repository_url="https://github.com/example/resident-index",
        github_stars=42,
    )

    body = client.get(detail_url("resident-index")).json()

    assert body["title"] == "Resident index"
    assert body["problem"] == "<p>Councils hold the data but cannot act on it.</p>"
    assert body["audience"] == "Tenancy fraud teams"
    assert body["data_needed"] == "Council tax, electoral register"
    assert body["data_standards"] == "UPRN"
    assert body["processes_personal_data"] is True
    assert body["dpia_template_available"] is True
    assert body["repository_url"] == "https://github.com/example/resident-index"
    assert body["website"] == ""
    assert body["github_stars"] == 42
    assert body["annual_savings_gbp"] == "25000.50"


def test_detail_lists_adoptions_with_their_evidence(client, catalogue):
    body = client.get(detail_url("resident-index")).json()

    camden, cardiff = body["adoptions"]
    assert camden["council"] == {"slug": "camden", "name": "Camden", "gss_code": "E09000007"}
    assert camden["status"] == "production"
    assert camden["since"] == "2022-04-01"
    assert camden["verification"] == "confirmed"
    (saving,) = camden["evidence"]
    assert saving == {
        "kind": "cashable",
        "amount_gbp": "25000.50",
        "hours": None,
        "period": "per_year",
        "year_from": 2023,
        "year_to": 2024,
        "baseline": "The year before the tool was introduced.",
        "method": "Finance team comparison of spend against the baseline.",
        "evidence_level": 4,
        "source_url": "https://camden.example/report.pdf",
        "attested": True,
        "verified": True,
    }
    assert cardiff["council"]["gss_code"] == "W06000015"
    assert cardiff["status"] == "piloting"
    assert cardiff["verification"] == "reported"


def test_staff_hours_evidence_has_hours_and_no_amount(client, catalogue):
    body = client.get(detail_url("resident-index")).json()

    (hours,) = body["adoptions"][1]["evidence"]
    assert hours["kind"] == "staff_hours"
    assert hours["amount_gbp"] is None
    assert hours["hours"] == "120.5"


def test_detail_query_count_does_not_grow_with_adoptions(client, catalogue):
    def queries():
        with CaptureQueriesContext(connection) as context:
            assert client.get(detail_url("resident-index")).status_code == 200
        return len(context)

    queries()  # warm the caches (Wagtail's site root paths)
    before = queries()
    for n in range(4):
        adoption = AdoptionFactory(solution=catalogue["resident"], council=CouncilFactory())
        SavingsEvidenceFactory(adoption=adoption, amount_gbp=Decimal(1000 + n))

    assert queries() == before


# Query counts


def test_list_query_count_does_not_grow_with_page_size(client, db):
    vendor = VendorFactory()
    for _ in range(25):
        SolutionPageFactory(provider=vendor, service_areas=["housing"], tags=["fraud"])

    def queries(page_size):
        with CaptureQueriesContext(connection) as context:
            response = client.get(LIST_URL, {"page_size": page_size, "type": "data_matching"})
        assert len(response.json()["results"]) == page_size
        return len(context)

    queries(5)  # warm the caches (Wagtail's site root paths)
    assert queries(5) == queries(25)


@pytest.mark.parametrize(
    ("params", "count", "shown"),
    [
        ({"q": "resident"}, 1, ["resident-index"]),
        ({"q": "nothing-matches-this"}, 0, []),
        ({"open_source": "true", "page_size": 1}, 2, ["food-safety-targeting"]),
    ],
)
def test_list_is_counted_by_the_facets_query_alone(client, catalogue, params, count, shown):
    """The paginator is told the total the facets query counted: no COUNT(*) of its own."""
    client.get(LIST_URL, params)  # warm the caches (Wagtail's site root paths)
    with CaptureQueriesContext(connection) as context:
        response = client.get(LIST_URL, params)

    assert response.status_code == 200
    assert response.json()["count"] == count
    assert slugs(response) == shown
    own_counts = [
        query["sql"]
        for query in context.captured_queries
        if re.match(r"\s*SELECT\s+COUNT\(\*\)", query["sql"], re.IGNORECASE)
    ]
    assert own_counts == []


# Schema


def test_schema_documents_the_solution_endpoints(client, db):
    schema = client.get("/api/v1/schema/?format=json").json()
    paths = schema["paths"]

    assert {LIST_URL, "/api/v1/solutions/{slug}/", "/api/v1/solutions/export.csv"} <= set(paths)
    parameters = {p["name"] for p in paths[LIST_URL]["get"]["parameters"]}
    assert {"q", "service_area", "type", "status", "open_source", "licence", "cost"} <= parameters
    assert {"hosting", "min_evidence", "council_type", "nation", "region"} <= parameters
    assert {"verified_savings", "sort", "page", "page_size"} <= parameters
    response = paths[LIST_URL]["get"]["responses"]["200"]["content"]["application/json"]
    listing = schema["components"]["schemas"][response["schema"]["$ref"].split("/")[-1]]
    assert list(listing["properties"]) == [
        "count",
        "next",
        "previous",
        "facets",
        "search",
        "results",
    ]
    money = schema["components"]["schemas"]["SolutionListItem"]["properties"]["annual_savings_gbp"]
    assert money["type"] == "string"
    assert money["format"] == "decimal"
