"""The OpenAPI schema, the Swagger docs page, and schemathesis against the live WSGI app."""

import re
from collections import Counter, defaultdict

from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.handlers.wsgi import WSGIHandler
from django.core.management import call_command
from django.core.signals import request_finished, request_started
from django.db import close_old_connections

import pytest
import schemathesis
from drf_spectacular.drainage import GENERATOR_STATS, reset_generator_stats
from drf_spectacular.generators import SchemaGenerator
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st
from rest_framework.authtoken.models import Token
from schemathesis.checks import (
    content_type_conformance,
    negative_data_rejection,
    not_a_server_error,
    positive_data_acceptance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)
from schemathesis.core.failures import FailureGroup
from schemathesis.generation import GenerationMode

from hub.factories import CouncilFactory, MembershipFactory, UserFactory, VendorFactory
from hub.models import MembershipStatus
from listings.factories import CaseStudyPageFactory, SavingsEvidenceFactory, SolutionPageFactory
from listings.models import Submission
from pledges.factories import CampaignFactory, PledgeFactory

SCHEMA_URL = "/api/v1/schema/?format=json"
LIST = "/api/v1/organisations/"
DETAIL = "/api/v1/organisations/{slug}/"
ME = "/api/v1/me/"
SOLUTIONS = "/api/v1/solutions/"
SOLUTION = "/api/v1/solutions/{slug}/"
SOLUTIONS_CSV = "/api/v1/solutions/export.csv"
CASE_STUDIES = "/api/v1/case-studies/"
CASE_STUDY = "/api/v1/case-studies/{slug}/"
SUBMISSIONS = "/api/v1/submissions/"
SUBMISSION = "/api/v1/submissions/{id}/"
SEEDED_SUBMISSION_ID = "7d7b7d34-4cd8-4c2e-9a55-0a3b6f1b2c11"
CAMPAIGNS = "/api/v1/campaigns/"
CAMPAIGN = "/api/v1/campaigns/{slug}/"
CAMPAIGN_PLEDGES = "/api/v1/campaigns/{slug}/pledges/"
CAMPAIGN_LEDGER = "/api/v1/campaigns/{slug}/ledger/"
CAMPAIGN_EXPORTS = {
    "/api/v1/campaigns/export.csv",
    "/api/v1/campaigns/ocds.json",
    "/api/v1/campaigns/360giving.json",
}
PLEDGES = "/api/v1/pledges/"
PLEDGE = "/api/v1/pledges/{id}/"
PLEDGE_WITHDRAW = "/api/v1/pledges/{id}/withdraw/"
PLEDGE_IDS = (PLEDGE, PLEDGE_WITHDRAW)


@pytest.fixture
def openapi(client, db):
    response = client.get(SCHEMA_URL)
    assert response.status_code == 200
    return response.json()


# The schema document


def test_schema_is_openapi_3(openapi):
    assert re.fullmatch(r"3\.\d+\.\d+", openapi["openapi"])
    assert openapi["info"]["title"] == "Council Solutions Hub API"


def test_schema_documents_the_api_paths(openapi):
    assert {LIST, DETAIL, ME} <= set(openapi["paths"])
    assert {SOLUTIONS, SOLUTION, SOLUTIONS_CSV, CASE_STUDIES, CASE_STUDY} <= set(openapi["paths"])
    assert {CAMPAIGNS, CAMPAIGN, CAMPAIGN_PLEDGES, CAMPAIGN_LEDGER, PLEDGE} <= set(openapi["paths"])
    assert set(openapi["paths"]) >= CAMPAIGN_EXPORTS


def test_schema_holds_only_the_public_api(openapi):
    # drf-spectacular walks the whole urlconf; Wagtail's admin API must stay out.
    assert all(path.startswith("/api/v1/") for path in openapi["paths"])


def test_schema_documents_the_list_filters(openapi):
    parameters = {p["name"]: p for p in openapi["paths"][LIST]["get"]["parameters"]}

    assert {"kind", "nation", "type", "search", "page", "page_size"} <= set(parameters)
    assert set(parameters["kind"]["schema"]["enum"]) == {"council", "vendor", "public_body"}
    assert "Wales" in parameters["nation"]["schema"]["enum"]


def test_schema_documents_the_detail_slug(openapi):
    (parameter,) = openapi["paths"][DETAIL]["get"]["parameters"]

    assert parameter["name"] == "slug"
    assert parameter["in"] == "path"
    assert parameter["schema"]["pattern"] == "^[-a-zA-Z0-9_]+$"


def test_schema_documents_token_and_session_auth(openapi):
    schemes = openapi["components"]["securitySchemes"]

    assert schemes["tokenAuth"]["in"] == "header"
    assert schemes["tokenAuth"]["name"] == "Authorization"
    assert schemes["cookieAuth"]["in"] == "cookie"


def test_schema_generation_emits_no_warnings_or_errors(db):
    reset_generator_stats()

    schema = SchemaGenerator().get_schema(request=None, public=True)

    assert schema["paths"]
    assert not GENERATOR_STATS, (
        f"warnings: {list(GENERATOR_STATS._warn_cache)}, "
        f"errors: {list(GENERATOR_STATS._error_cache)}"
    )


def test_spectacular_command_validates_the_schema_failing_on_warnings(db, tmp_path):
    out = tmp_path / "schema.yml"

    # Raises SchemaGenerationError on any warning and a validation error on an invalid schema.
    call_command("spectacular", "--fail-on-warn", "--validate", "--file", str(out))

    assert "/api/v1/organisations/{slug}/:" in out.read_text()


# The Swagger UI page


@pytest.fixture
def docs_page(client, db):
    response = client.get("/api/v1/docs/")
    assert response.status_code == 200
    return response.content.decode()


#: Swagger UI's start-up script, served by the docs view itself (no inline script, for the CSP).
DOCS_SCRIPT = "/api/v1/docs/?script="


def test_docs_page_points_swagger_at_the_schema(client, docs_page):
    assert '<div id="swagger-ui">' in docs_page
    assert f'<script src="{DOCS_SCRIPT}">' in docs_page
    assert "/api/v1/schema/" in client.get(DOCS_SCRIPT).content.decode()


def test_docs_page_uses_no_cdn(docs_page):
    for cdn in ("jsdelivr", "unpkg", "cdnjs", "googleapis", "//cdn."):
        assert cdn not in docs_page
    assert not re.search(r"""(?:src|href)=["'](?:https?:)?//""", docs_page)


def test_docs_page_assets_are_served_from_static(docs_page):
    assets = re.findall(r"""(?:src|href)=["']([^"']+)["']""", docs_page)
    assets.remove(DOCS_SCRIPT)

    assert len(assets) >= 3  # stylesheet, bundle and preset at least
    for asset in assets:
        assert asset.startswith(settings.STATIC_URL), asset
        assert finders.find(asset.removeprefix(settings.STATIC_URL)), f"{asset} is not shipped"


# schemathesis: generated requests against the real WSGI app


@pytest.fixture
def wsgi_app():
    """The project's WSGI application, as the live server runs it.

    Django's test client stops request signals from closing the database connection,
    which inside a test's transaction would abort it (on PostgreSQL; SQLite's in-memory
    test database ignores the close). Calling the WSGI handler directly needs the same.
    """
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield WSGIHandler()
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


@pytest.fixture
def api_schema(wsgi_app):
    return schemathesis.openapi.from_wsgi(SCHEMA_URL, wsgi_app)


#: Slugs that exist, per detail path: random slugs almost never do.
SEEDED_SLUGS = {
    DETAIL: ["camden", "cardiff", "acme-data"],
    SOLUTION: ["resident-index"],
    CASE_STUDY: ["camden-sublets"],
    CAMPAIGN: ["shared-resident-index"],
    CAMPAIGN_PLEDGES: ["shared-resident-index"],
    CAMPAIGN_LEDGER: ["shared-resident-index"],
}
#: The seeded pledge (by Camden, which the token's user belongs to without the procurement role).
SEEDED_PLEDGE_ID = "3f0c1c3e-2a55-4b0e-8f1d-6a7e9b2c4d10"


@pytest.fixture
def api_token(db):
    """Organisations for lookups to find, and a user with memberships and a token."""
    camden = CouncilFactory(camden=True)
    cardiff = CouncilFactory(cardiff=True)
    vendor = VendorFactory(name="Acme Data", slug="acme-data")
    # One solution with an adopter and evidence, and a case study about it, for the
    # catalogue's detail endpoints to find and its nested serializers to answer with.
    solution = SolutionPageFactory(
        slug="resident-index", provider=vendor, service_areas=["housing"], tags=["fraud"]
    )
    SavingsEvidenceFactory(adoption__solution=solution, adoption__council=camden)
    CaseStudyPageFactory(slug="camden-sublets", council=camden, solutions=[solution])
    user = UserFactory()
    MembershipFactory(user=user, organisation=camden)
    MembershipFactory(user=user, organisation=cardiff, status=MembershipStatus.PENDING)
    Submission.objects.create(
        public_id=SEEDED_SUBMISSION_ID,
        organisation=camden,
        submitted_by=user,
        answers={"title": "Half-finished idea"},
    )
    # A campaign Camden pledged to, for the co-funding endpoints to find.
    campaign = CampaignFactory(slug="shared-resident-index", solution=solution)
    pledge = PledgeFactory(campaign=campaign, council=camden)
    pledge.public_id = SEEDED_PLEDGE_ID
    pledge.save(update_fields=["public_id"])
    return Token.objects.create(user=user).key


def run_generated_cases(strategy, *, token, checks_for):
    """Send up to 25 generated cases, some signed in with a token; tally the status codes.

    ``checks_for(case)`` names the checks each response must pass.
    """
    statuses = Counter()

    @given(case=strategy, signed_in=st.booleans())
    @hypothesis_settings(
        max_examples=25,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
    )
    def run(case, signed_in):
        headers = {"Authorization": f"Token {token}"} if signed_in else None
        response = case.call_and_validate(headers=headers, checks=checks_for(case))
        statuses[response.status_code] += 1

    run()
    return statuses


#: Every answer: no 5xx, a documented status, content type, headers and body.
RESPONSE_CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
]


def positive_checks(case):
    """Schema-valid requests are also accepted (2xx, or 401/403/404), except where the
    schema cannot say everything a valid request needs: a complete listing for POST, and
    service areas, whose slugs are data (an unknown one is a 400; an empty one is not)."""
    service_areas = (case.query or {}).get("service_area") or []
    if isinstance(service_areas, str):
        service_areas = [service_areas]
    if case.method.upper() != "GET" or any(service_areas):
        return RESPONSE_CHECKS
    return [*RESPONSE_CHECKS, positive_data_acceptance]


def negative_checks(case):
    """Schema-violating requests are refused (4xx), with documented answers."""
    return [*RESPONSE_CHECKS, negative_data_rejection]


def _strategy(operation, mode):
    strategy = operation.as_strategy(mode)
    if mode is GenerationMode.POSITIVE and operation.path in SEEDED_SLUGS:
        # Random slugs almost never exist; mix in the seeded ones so lookups find data.
        strategy = st.one_of(
            strategy,
            *(
                operation.as_strategy(path_parameters={"slug": s})
                for s in SEEDED_SLUGS[operation.path]
            ),
        )
    if mode is GenerationMode.POSITIVE and operation.path == SUBMISSION:
        strategy = st.one_of(
            strategy, operation.as_strategy(path_parameters={"id": SEEDED_SUBMISSION_ID})
        )
    if mode is GenerationMode.POSITIVE and operation.path in PLEDGE_IDS:
        strategy = st.one_of(
            strategy, operation.as_strategy(path_parameters={"id": SEEDED_PLEDGE_ID})
        )
    return strategy


def test_generated_requests_get_documented_answers_and_are_accepted(api_schema, api_token):
    """Schema-valid requests to every operation: no 5xx, answers match the schema, and
    valid filters are accepted."""
    statuses = defaultdict(Counter)
    for result in api_schema.get_all_operations():
        operation = result.ok()
        statuses[(operation.path, operation.method.upper())] = run_generated_cases(
            _strategy(operation, GenerationMode.POSITIVE),
            token=api_token,
            checks_for=positive_checks,
        )

    reads = {LIST, DETAIL, ME, SOLUTIONS, SOLUTION, SOLUTIONS_CSV, CASE_STUDIES, CASE_STUDY}
    reads |= {SUBMISSIONS, SUBMISSION}
    reads |= {CAMPAIGNS, CAMPAIGN, CAMPAIGN_LEDGER, PLEDGES, PLEDGE, *CAMPAIGN_EXPORTS}
    writes = {(SUBMISSIONS, "POST"), (CAMPAIGN_PLEDGES, "POST"), (PLEDGE, "PATCH")}
    writes |= {(PLEDGE_WITHDRAW, "POST")}
    assert set(statuses) == {(path, "GET") for path in reads} | writes
    for (path, method), tally in statuses.items():
        assert tally.total() >= 10, f"only {tally.total()} cases ran for {method} {path}"
        if method == "GET":
            assert 200 in tally, f"no case for {path} succeeded: {dict(tally)}"
    for path in SEEDED_SLUGS:
        tally = sum((t for (p, _), t in statuses.items() if p == path), Counter())
        assert 404 in tally, f"no unknown slug tried for {path}: {dict(tally)}"
    assert 403 in statuses[(ME, "GET")]
    # Random bodies rarely make a complete listing; what matters is no 5xx and 401 or 400.
    assert {401, 400} & set(statuses[(SUBMISSIONS, "POST")])
    # The token's user is a member of Camden, not its procurement lead: pledges are refused.
    assert 401 in statuses[(CAMPAIGN_PLEDGES, "POST")]
    assert {400, 403} & set(statuses[(CAMPAIGN_PLEDGES, "POST")])
    assert {200, 401} <= set(statuses[(CAMPAIGN_LEDGER, "GET")])


def run_coverage_cases(api_schema, token, mode) -> tuple[Counter, list[str]]:
    """Schemathesis's coverage phase for every operation: deterministic cases built from
    the schema, parameter by parameter (each boundary, each wrong type, each value outside
    an enum, empty values, missing ones...). Returns the cases per operation and the
    failures, each with the request that reproduces it."""
    checks_for = positive_checks if mode is GenerationMode.POSITIVE else negative_checks
    tally, failures = Counter(), []
    for result in api_schema.get_all_operations():
        operation = result.ok()
        config = api_schema.config.generation_for(operation=operation, phase="coverage")
        cases = api_schema.iter_coverage_cases(
            operation, generation_modes=[mode], generation_config=config
        )
        for case in cases:
            tally[(operation.path, operation.method.upper())] += 1
            try:
                case.call_and_validate(
                    headers={"Authorization": f"Token {token}"}, checks=checks_for(case)
                )
            except FailureGroup as failure:
                failures.append(str(failure))
    return tally, failures


LISTS_AND_WRITES = {
    (path, "GET") for path in (LIST, SOLUTIONS, SOLUTIONS_CSV, CASE_STUDIES, SUBMISSIONS, CAMPAIGNS)
} | {(SUBMISSIONS, "POST"), (CAMPAIGN_PLEDGES, "POST")}


def test_every_valid_parameter_value_is_accepted_with_a_documented_answer(api_schema, api_token):
    """Each parameter at its boundaries, empty, each enum value: accepted, answered as
    documented. (An empty ``service_area`` was a 400.)"""
    tally, failures = run_coverage_cases(api_schema, api_token, GenerationMode.POSITIVE)

    assert not failures, "\n\n".join(failures[:5])
    assert all(tally[operation] >= 10 for operation in LISTS_AND_WRITES), tally


def test_every_invalid_parameter_value_is_refused_with_a_documented_answer(api_schema, api_token):
    """Each parameter of the wrong type, past its bounds, outside its enum, and invalid
    bodies: a documented 4xx every time, never a 2xx that ignored the value (as
    ``open_source=banana`` was) and never a 5xx."""
    tally, failures = run_coverage_cases(api_schema, api_token, GenerationMode.NEGATIVE)

    assert not failures, "\n\n".join(failures[:5])
    assert all(tally[operation] >= 10 for operation in LISTS_AND_WRITES), tally
