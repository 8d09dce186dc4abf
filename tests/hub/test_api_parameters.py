"""Every API endpoint answers an unknown query parameter with the same 400."""

import pytest
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from hub.api.filters import COMMON_PARAMETERS
from hub.factories import CouncilFactory
from listings.factories import SolutionPageFactory
from pledges.factories import CampaignFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def campaign(db):
    return CampaignFactory(slug="walked-campaign")


@pytest.fixture
def api(campaign):
    """A client that may read every list, a campaign's ledger included (as its lead)."""
    client = APIClient()
    token = Token.objects.create(user=campaign.lead_user)
    client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    return client


@pytest.mark.parametrize(
    ("method", "url", "expected"),
    [
        ("get", "/api/v1/organisations/", {"kind", "search"} | COMMON_PARAMETERS),
        ("get", "/api/v1/solutions/", {"q", "sort", "type"} | COMMON_PARAMETERS),
        ("get", "/api/v1/solutions/export.csv", {"q", "sort", "type"} | COMMON_PARAMETERS),
        ("get", "/api/v1/case-studies/", {"council", "solution"} | COMMON_PARAMETERS),
        ("get", "/api/v1/submissions/", {"status", "organisation"} | COMMON_PARAMETERS),
        ("post", "/api/v1/submissions/", {"organisation", "override_errors"}),
    ],
)
def test_an_unknown_parameter_is_the_same_400_everywhere(api, method, url, expected):
    response = getattr(api, method)(f"{url}?colour=red&b=1", format="json")

    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    body = response.json()
    assert body["detail"] == "Unknown query parameter(s): b, colour."
    assert expected <= set(body["allowed"])
    assert body["allowed"] == sorted(body["allowed"])
    assert not {"b", "colour"} & set(body["allowed"])
    if method == "post":
        assert body["allowed"] == sorted(expected)


# Values: a bad one is a 400 that names it, an empty one means no filter.

SCHEMA_URL = "/api/v1/schema/?format=json"

#: Values each kind of query parameter must refuse.
BAD_VALUES = {
    "boolean": ["banana", "maybe", "True", "1", "null"],
    "integer": ["null", "abc", "0", "-1", "1.5", "٣"],
    "enum": ["bogus", "null"],
}


def _kind(schema: dict) -> str | None:
    schema = schema.get("items", schema)
    if "enum" in schema:
        return "enum"
    return schema["type"] if schema["type"] in ("boolean", "integer") else None


def _list_parameters(api) -> list[tuple[str, dict]]:
    """(path, parameter) for every query parameter of every list; a path's ``{slug}`` is
    the walked campaign (the only list under a slug is a campaign's ledger)."""
    schema = api.get(SCHEMA_URL).json()
    return [
        (path.replace("{slug}", "walked-campaign"), parameter)
        for path, operations in schema["paths"].items()
        for parameter in operations.get("get", {}).get("parameters", [])
        if parameter["in"] == "query"
    ]


def test_every_bad_value_is_refused_with_its_reason(api):
    """From the schema: every boolean, number and choice parameter of every list."""
    accepted = []
    tried = set()
    for path, parameter in _list_parameters(api):
        name = parameter["name"]
        for value in BAD_VALUES.get(_kind(parameter["schema"]), []):
            tried.add((path, name))
            response = api.get(path, {name: value})
            if response.status_code != 400 or name not in response.json():
                accepted.append(f"{path}?{name}={value}: {response.status_code}")

    assert not accepted, "\n".join(accepted)
    assert {
        ("/api/v1/solutions/", "open_source"),
        ("/api/v1/solutions/", "verified_savings"),
        ("/api/v1/solutions/", "page_size"),
        ("/api/v1/organisations/", "current"),
        ("/api/v1/case-studies/", "page"),
    } <= tried


def _body(response) -> bytes:
    if response.streaming:
        return b"".join(response.streaming_content)
    return response.content


def test_every_empty_value_means_no_filter(api):
    """From the schema: every optional parameter of every list, sent empty, changes nothing."""
    SolutionPageFactory(service_areas=["housing"])
    CouncilFactory(camden=True)
    changed = []
    for path, parameter in _list_parameters(api):
        name = parameter["name"]
        unfiltered = api.get(path)
        response = api.get(path, {name: ""})
        if response.status_code != 200 or _body(response) != _body(unfiltered):
            changed.append(f"{path}?{name}=: {response.status_code}")

    assert not changed, "\n".join(changed)


@pytest.mark.parametrize(
    ("query", "name", "message"),
    [
        ("open_source=banana", "open_source", "Give true or false."),
        ("verified_savings=maybe", "verified_savings", "Give true or false."),
        ("page_size=null", "page_size", "Give a whole number, 1 or more."),
        ("page=last", "page", "Give a whole number, 1 or more."),
    ],
)
def test_the_probes_bad_values_are_refused(api, query, name, message):
    response = api.get(f"/api/v1/solutions/?{query}")

    assert response.status_code == 400
    assert response.json() == {name: [message]}


def test_an_empty_service_area_is_no_filter(api):
    SolutionPageFactory(slug="in-housing", service_areas=["housing"])
    SolutionPageFactory(slug="elsewhere", service_areas=[])

    response = api.get("/api/v1/solutions/?service_area=&service_area=housing")
    everything = api.get("/api/v1/solutions/?service_area=")

    assert [row["slug"] for row in response.json()["results"]] == ["in-housing"]
    assert everything.json()["count"] == 2


def test_true_and_false_filter(api):
    SolutionPageFactory(slug="open", is_open_source=True)
    SolutionPageFactory(slug="closed", is_open_source=False)

    def slugs(value):
        return [
            row["slug"]
            for row in api.get(f"/api/v1/solutions/?open_source={value}").json()["results"]
        ]

    assert slugs("true") == ["open"]
    assert slugs("false") == ["closed"]


def test_a_page_size_above_the_maximum_is_read_as_the_maximum(api):
    CouncilFactory.create_batch(101)  # beside the walked campaign's lead council

    response = api.get("/api/v1/organisations/", {"page_size": 100_000})

    assert response.status_code == 200
    assert len(response.json()["results"]) == 100
