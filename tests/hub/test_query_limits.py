"""Every filter of every list, in the API and on the pages, refuses an over-long value with
a 400 that says why. (On SQLite a 50,000-character value in a LIKE was a 500.)

The filters are discovered, not listed here: the API's from its OpenAPI schema, the
pages' from the forms and filtersets behind them. A filter added later is covered too,
and one added without a maximum length fails.
"""

from urllib.parse import urlencode

from django import forms

import pytest
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from hub.api.filters import MAX_PARAMETER_LENGTH
from hub.filters import TextFilter, too_long_message
from hub.forms import OrganisationFilterForm, SiteSearchForm
from listings.factories import AdoptionFactory, CaseStudyPageFactory, SolutionPageFactory
from listings.filters import SolutionFilter
from listings.presenters.compare import COMPARE_PARAM, COMPARE_SLUG_MAX_LENGTH
from listings.search.case_studies import CaseStudySearchForm
from pledges.factories import CampaignFactory

pytestmark = pytest.mark.django_db

SCHEMA_URL = "/api/v1/schema/?format=json"
OVERLONG = "x" * 100_000

#: Each page with filters, and where its parameters are defined.
PAGES = {
    "/solutions/": SolutionFilter,
    "/organisations/": OrganisationFilterForm,
    "/search/": SiteSearchForm,
    "/solutions/compare/": {COMPARE_PARAM: COMPARE_SLUG_MAX_LENGTH},
    "/case-studies/": CaseStudySearchForm,
}


def page_parameters(source) -> dict[str, int | None]:
    """Each parameter of a page: its maximum length if it is free text, else None."""
    if isinstance(source, dict):
        return source
    if hasattr(source, "base_filters"):
        return {
            name: filter_.extra["max_length"] if isinstance(filter_, TextFilter) else None
            for name, filter_ in source.base_filters.items()
        }
    return {
        name: field.max_length if type(field) is forms.CharField else None
        for name, field in source.base_fields.items()
    } | {"page": None}


def api_parameters(schema) -> list[tuple[str, str, dict]]:
    """(method, path, parameter) for every query parameter of every operation."""
    return [
        (method, path, parameter)
        for path, operations in schema["paths"].items()
        for method, operation in operations.items()
        for parameter in operation.get("parameters", [])
        if parameter["in"] == "query"
    ]


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


@pytest.fixture
def catalogue(council):
    """A row for every filter to be tried against: SQLite only parses a LIKE it runs."""
    solution = SolutionPageFactory(licence="MIT", service_areas=["housing"])
    AdoptionFactory(solution=solution, council=council)
    CaseStudyPageFactory(council=council, solutions=[solution])


def test_every_filter_of_every_list_refuses_an_overlong_value(client, api, catalogue):
    failures = []

    def expect(response, label, *, refused: bool, names: str = ""):
        if response.status_code >= 500:
            failures.append(f"{label}: {response.status_code}")
        elif refused and response.status_code != 400:
            failures.append(f"{label}: {response.status_code}, not 400")
        elif refused and names and names not in response.content.decode():
            failures.append(f"{label}: the 400 does not say {names!r}")
        elif not refused and response.status_code == 400:
            failures.append(f"{label}: refused at its maximum length")

    # The API: every query parameter in the schema.
    covered = set()
    for method, path, parameter in api_parameters(client.get(SCHEMA_URL).json()):
        name, schema = parameter["name"], parameter["schema"]

        def send(path, params, method=method):
            path = path.replace("{slug}", "walked-campaign")  # a campaign's ledger
            if method == "get":
                return api.get(path, params)
            return getattr(api, method)(f"{path}?{urlencode(params)}", {}, format="json")

        covered.add((path, name))
        label = f"{method.upper()} {path}?{name}="
        expect(send(path, {name: OVERLONG}), f"{label}<100,000>", refused=True, names=name)
        text = schema.get("type") == "string" and "enum" not in schema
        if text and "maxLength" not in schema:
            failures.append(f"{label}: free text with no maxLength in the schema")
        if "maxLength" in schema:
            limit = schema["maxLength"]
            assert limit <= MAX_PARAMETER_LENGTH
            over = send(path, {name: "a" * (limit + 1)})
            expect(over, f"{label}<{limit + 1}>", refused=True, names=name)
            if method == "get":
                expect(send(path, {name: "a" * limit}), f"{label}<{limit}>", refused=False)

    assert {
        ("/api/v1/organisations/", "search"),
        ("/api/v1/organisations/", "type"),
        ("/api/v1/solutions/", "licence"),
        ("/api/v1/solutions/", "region"),
        ("/api/v1/solutions/export.csv", "q"),
        ("/api/v1/case-studies/", "council"),
        ("/api/v1/submissions/", "organisation"),
    } <= covered

    # The pages: free text over its limit is a 400 that says so; nothing is ever a 500.
    for url, source in PAGES.items():
        for name, limit in page_parameters(source).items():
            label = f"GET {url}?{name}="
            if limit is None:
                expect(client.get(url, {name: OVERLONG}), f"{label}<100,000>", refused=False)
                continue
            for length in (len(OVERLONG), limit + 1):
                response = client.get(url, {name: "a" * length})
                expect(response, f"{label}<{length}>", refused=True)
                if response.status_code == 400 and "govuk-error-summary" not in response.text:
                    failures.append(f"{label}<{length}>: no error summary")
            at_limit = client.get(url, {name: "a" * limit})
            if at_limit.status_code >= 500 or f"{limit:,} characters or fewer" in at_limit.text:
                failures.append(f"{label}<{limit}>: refused at its maximum length")

    assert not failures, "\n".join(failures)


@pytest.mark.parametrize(
    ("url", "name", "anchor"),
    [
        ("/solutions/", "q", "solution-search"),
        ("/solutions/", "licence", "filter-licence"),
        ("/organisations/", "q", "id_q"),
        ("/search/", "q", "site-search"),
        ("/case-studies/", "q", "case-study-search"),
    ],
)
def test_a_page_links_its_error_to_the_field(client, url, name, anchor):
    response = client.get(url, {name: OVERLONG})

    assert response.status_code == 400
    assert response.text.count("govuk-error-summary__list") == 1
    assert f'href="#{anchor}"' in response.text
    assert f'id="{anchor}"' in response.text
    assert "<title>Error:" in response.text


def test_the_solutions_page_still_shows_the_results_of_the_other_filters(client):
    SolutionPageFactory(title="Bulky Waste Rounds", solution_type="geospatial")
    SolutionPageFactory(title="Fraud Dashboard", solution_type="dashboard")

    response = client.get("/solutions/", {"q": OVERLONG, "type": "geospatial"})

    assert response.status_code == 400
    assert too_long_message("Search", 200) in response.text
    assert "Bulky Waste Rounds" in response.text
    assert "Fraud Dashboard" not in response.text


def test_the_api_names_the_limit(client):
    response = client.get("/api/v1/solutions/", {"licence": "M" * 101})

    assert response.status_code == 400
    assert response.json() == {"licence": ["Licence must be 100 characters or fewer"]}


def test_any_api_parameter_longer_than_the_cap_is_refused_before_its_filter(client):
    response = client.get("/api/v1/organisations/", {"kind": "c" * (MAX_PARAMETER_LENGTH + 1)})

    assert response.status_code == 400
    assert response.json() == {"kind": ["kind must be 1,000 characters or fewer"]}
