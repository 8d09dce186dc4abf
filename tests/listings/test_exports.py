"""CSV export of the filtered catalogue: /api/v1/solutions/export.csv."""

import csv
import io
from decimal import Decimal

from django.db import connection
from django.http import StreamingHttpResponse
from django.test.utils import CaptureQueriesContext

import pytest

from hub.factories import VendorFactory
from listings.exports import HEADER, neutralise_formula
from listings.factories import AdoptionFactory, SavingsEvidenceFactory, SolutionPageFactory
from listings.models import CostModel, DevelopmentStatus, Hosting, SolutionType

EXPORT_URL = "/api/v1/solutions/export.csv"


def read_csv(response) -> list[dict]:
    assert isinstance(response, StreamingHttpResponse)
    text = b"".join(response.streaming_content).decode("utf-8")
    return list(csv.DictReader(io.StringIO(text)))


@pytest.fixture
def catalogue(db):
    resident = SolutionPageFactory(
        title="Resident index",
        slug="resident-index",
        summary="Finds illegal sublets.",
        service_areas=["housing", "revenues-and-benefits"],
        provider=VendorFactory(name="Acme Data", slug="acme-data"),
        solution_type=SolutionType.DATA_MATCHING,
        development_status=DevelopmentStatus.STABLE,
        cost_model=CostModel.FREE,
        hosting=Hosting.SELF_HOSTED,
        licence="MIT",
        is_open_source=True,
    )
    SavingsEvidenceFactory(
        adoption=AdoptionFactory(solution=resident),
        amount_gbp=Decimal("25000.50"),
        verified_by_moderator=True,
    )
    SolutionPageFactory(
        title="Bulky waste rounds",
        slug="bulky-waste-rounds",
        solution_type=SolutionType.GEOSPATIAL,
        cost_model=CostModel.SUBSCRIPTION,
        hosting=Hosting.SAAS,
        licence="",
        is_open_source=False,
    )
    SolutionPageFactory(title="Secret draft", slug="secret-draft", live=False)


def test_export_is_a_streamed_csv_attachment(client, catalogue):
    response = client.get(EXPORT_URL)

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="solutions.csv"'
    assert response.streaming


def test_export_has_the_documented_columns(client, catalogue):
    text = b"".join(client.get(EXPORT_URL).streaming_content).decode()

    assert next(csv.reader(io.StringIO(text))) == [
        "Title",
        "URL",
        "Summary",
        "Type",
        "Status",
        "Licence",
        "Open source",
        "Cost model",
        "Hosting",
        "Provider",
        "Adopters",
        "Annual savings GBP",
        "Best evidence level",
        "Verified savings",
        "Service areas",
    ]
    assert len(HEADER) == 15


def test_export_row_describes_the_solution(client, catalogue):
    (row,) = read_csv(client.get(EXPORT_URL, {"type": "data_matching"}))

    assert row == {
        "Title": "Resident index",
        "URL": "http://testserver/solutions/resident-index/",
        "Summary": "Finds illegal sublets.",
        "Type": "Data matching / master data",
        "Status": "Stable",
        "Licence": "MIT",
        "Open source": "yes",
        "Cost model": "Free",
        "Hosting": "Self-hosted",
        "Provider": "Acme Data",
        "Adopters": "1",
        "Annual savings GBP": "25000.50",
        "Best evidence level": "3",
        "Verified savings": "yes",
        "Service areas": "Housing; Revenues and benefits",
    }


def test_export_holds_every_live_solution_and_no_draft(client, catalogue):
    titles = [row["Title"] for row in read_csv(client.get(EXPORT_URL))]

    assert titles == ["Bulky waste rounds", "Resident index"]


def test_export_honours_the_filters(client, catalogue):
    rows = read_csv(client.get(EXPORT_URL, {"open_source": "false", "hosting": "saas"}))

    assert [row["Title"] for row in rows] == ["Bulky waste rounds"]
    assert rows[0]["Provider"] == ""
    assert rows[0]["Best evidence level"] == ""


def test_export_search_with_a_stray_quote_is_answered(client, catalogue):
    rows = read_csv(client.get(EXPORT_URL, {"q": '"sublets'}))

    assert [row["Title"] for row in rows] == ["Resident index"]


def test_export_honours_the_sort(client, catalogue):
    rows = read_csv(client.get(EXPORT_URL, {"sort": "highest_savings"}))

    assert [row["Title"] for row in rows] == ["Resident index", "Bulky waste rounds"]


def test_export_neutralises_spreadsheet_formulas(client, db):
    SolutionPageFactory(
        title='=HYPERLINK("http://evil.example","Click")',
        summary="+44 is the UK's dialling code",
        licence="@SUM(1+1)",
        provider=VendorFactory(name="-2+3 Ltd", slug="minus-ltd"),
    )

    (row,) = read_csv(client.get(EXPORT_URL))

    assert row["Title"] == """'=HYPERLINK("http://evil.example","Click")"""
    assert row["Summary"] == "'+44 is the UK's dialling code"
    assert row["Licence"] == "'@SUM(1+1)"
    assert row["Provider"] == "'-2+3 Ltd"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("=1+1", "'=1+1"),
        ("+1", "'+1"),
        ("-1", "'-1"),
        ("@A1", "'@A1"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        ("plain = text", "plain = text"),
        (12, "12"),
        (None, ""),
    ],
)
def test_neutralise_formula(value, expected):
    assert neutralise_formula(value) == expected


def test_unknown_parameter_is_a_json_400(client, catalogue):
    response = client.get(EXPORT_URL, {"colour": "red"})

    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    assert "colour" in response.json()["detail"]


def test_invalid_choice_is_a_json_400_even_when_csv_is_asked_for(client, catalogue):
    response = client.get(EXPORT_URL, {"type": "spaceship"}, headers={"Accept": "text/csv"})

    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    assert "spaceship" in response.json()["type"][0]


def test_asking_for_csv_gets_csv(client, catalogue):
    response = client.get(EXPORT_URL, headers={"Accept": "text/csv"})

    assert response.status_code == 200
    assert len(read_csv(response)) == 2


def test_export_query_count_does_not_grow_with_rows(client, db):
    def queries():
        with CaptureQueriesContext(connection) as context:
            response = client.get(EXPORT_URL)
            rows = read_csv(response)
        return len(rows), len(context)

    vendor = VendorFactory()
    for _ in range(3):
        SolutionPageFactory(provider=vendor, service_areas=["housing"])
    queries()  # warm the caches (Wagtail's site root paths)
    few = queries()
    for _ in range(12):
        SolutionPageFactory(provider=vendor, service_areas=["housing"])
    many = queries()

    assert (few[0], many[0]) == (3, 15)
    assert few[1] == many[1]


def test_schema_documents_the_export_as_csv(client, db):
    operation = client.get("/api/v1/schema/?format=json").json()["paths"][EXPORT_URL]["get"]

    assert list(operation["responses"]["200"]["content"]) == ["text/csv"]
    parameters = {p["name"] for p in operation["parameters"]}
    assert {"q", "type", "service_area", "sort"} <= parameters
    assert "page" not in parameters
