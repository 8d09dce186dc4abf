"""The organisations API, /api/v1/me/, authentication and throttling."""

import os

from django.conf import settings
from django.core.cache import cache

import pytest
from rest_framework.authtoken.models import Token
from rest_framework.throttling import AnonRateThrottle

import hub.settings.production
from hub.env import VARIABLES
from hub.factories import CouncilFactory, MembershipFactory, UserFactory, VendorFactory
from hub.models import MembershipRole, MembershipStatus, Organisation
from hub.models.organisations import OrganisationKind

LIST_URL = "/api/v1/organisations/"
ME_URL = "/api/v1/me/"


@pytest.fixture
def organisations(db):
    """Two councils in different nations and of different types, a vendor and a public body."""
    camden = CouncilFactory(camden=True)
    cardiff = CouncilFactory(cardiff=True)
    vendor = VendorFactory(name="Acme Data Ltd", slug="acme-data")
    public_body = Organisation.objects.create(
        kind=OrganisationKind.PUBLIC_BODY, name="Office for Local Data", slug="old"
    )
    return {"camden": camden, "cardiff": cardiff, "vendor": vendor, "public_body": public_body}


@pytest.fixture
def token(user):
    return Token.objects.create(user=user)


def slugs(response):
    return [row["slug"] for row in response.json()["results"]]


# Listing and filtering


def test_list_is_paginated_and_ordered_by_name(client, organisations):
    response = client.get(LIST_URL)

    assert response.status_code == 200
    body = response.json()
    assert set(body) == {"count", "next", "previous", "results"}
    assert body["count"] == 4
    assert body["next"] is None
    assert body["previous"] is None
    assert slugs(response) == ["acme-data", "camden", "cardiff", "old"]


def test_list_row_describes_the_organisation(client, organisations):
    response = client.get(LIST_URL, {"search": "Camden"})

    (row,) = response.json()["results"]
    assert row["url"] == "http://testserver/api/v1/organisations/camden/"
    assert row["page_url"] == "/organisations/camden/"
    assert row["kind"] == "council"
    assert row["gss_code"] == "E09000007"
    assert row["local_authority_code"] == "CMD"
    assert row["council_type"] == "LBO"
    assert row["nation"] == "England"


def test_page_size_and_page_walk_the_list(client, organisations):
    first = client.get(LIST_URL, {"page_size": 3}).json()
    second = client.get(LIST_URL, {"page_size": 3, "page": 2}).json()

    assert [row["slug"] for row in first["results"]] == ["acme-data", "camden", "cardiff"]
    assert first["next"] == "http://testserver/api/v1/organisations/?page=2&page_size=3"
    assert [row["slug"] for row in second["results"]] == ["old"]
    assert second["previous"] == "http://testserver/api/v1/organisations/?page_size=3"


def test_page_size_is_capped_at_100(client, db):
    Organisation.objects.bulk_create(
        Organisation(kind=OrganisationKind.VENDOR, name=f"Vendor {n:03d}", slug=f"vendor-{n:03d}")
        for n in range(105)
    )

    body = client.get(LIST_URL, {"page_size": 1000}).json()

    assert body["count"] == 105
    assert len(body["results"]) == 100
    assert body["next"] is not None


def test_filter_by_kind(client, organisations):
    response = client.get(LIST_URL, {"kind": "vendor"})

    assert response.status_code == 200
    assert slugs(response) == ["acme-data"]


def test_filter_by_nation(client, organisations):
    response = client.get(LIST_URL, {"nation": "Wales"})

    assert response.status_code == 200
    assert slugs(response) == ["cardiff"]


def test_filter_by_council_type_code_ignores_case(client, organisations):
    response = client.get(LIST_URL, {"type": "lbo"})

    assert response.status_code == 200
    assert slugs(response) == ["camden"]


def test_search_by_name(client, organisations):
    response = client.get(LIST_URL, {"search": "cardi"})

    assert slugs(response) == ["cardiff"]


def test_search_by_gss_code(client, organisations):
    response = client.get(LIST_URL, {"search": "e09000007"})

    assert slugs(response) == ["camden"]


def test_filters_combine(client, organisations):
    response = client.get(LIST_URL, {"kind": "council", "nation": "England"})

    assert slugs(response) == ["camden"]


def test_unknown_query_parameter_is_a_400_naming_it(client, organisations):
    response = client.get(LIST_URL, {"colour": "red"})

    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    body = response.json()
    assert body["detail"] == "Unknown query parameter(s): colour."
    assert body["allowed"] == sorted(
        {"kind", "nation", "type", "current", "search", "page", "page_size", "format"}
    )


def test_invalid_choice_is_a_400_with_a_reason(client, organisations):
    response = client.get(LIST_URL, {"kind": "spaceship"})

    assert response.status_code == 400
    (reason,) = response.json()["kind"]
    assert "spaceship is not one of the available choices" in reason


def test_page_past_the_end_is_a_404(client, organisations):
    response = client.get(LIST_URL, {"page": 99})

    assert response.status_code == 404
    assert response.json() == {"detail": "Invalid page."}


# Detail


def test_detail_by_slug(client, organisations):
    response = client.get("/api/v1/organisations/cardiff/")

    assert response.status_code == 200
    body = response.json()
    assert body["name"] == "Cardiff"
    assert body["gss_code"] == "W06000015"
    assert body["nation"] == "Wales"


def test_vendor_has_blank_council_facts(client, organisations):
    body = client.get("/api/v1/organisations/acme-data/").json()

    assert body["kind"] == "vendor"
    assert body["gss_code"] is None
    assert body["nation"] == ""
    assert body["website"] == ""


def test_unknown_slug_is_a_404(client, organisations):
    response = client.get("/api/v1/organisations/atlantis/")

    assert response.status_code == 404
    assert response.json() == {"detail": "No Organisation matches the given query."}


# Read only


def test_anonymous_post_is_refused_as_unauthenticated(client, organisations):
    # IsAuthenticatedOrReadOnly runs before method dispatch; SessionAuthentication, listed
    # first, sends no WWW-Authenticate challenge, so DRF answers 403 rather than 401.
    response = client.post(LIST_URL, {"name": "Sneaky"}, content_type="application/json")

    assert response.status_code == 403
    assert Organisation.objects.filter(name="Sneaky").count() == 0


def test_authenticated_post_is_method_not_allowed(client, organisations, token):
    response = client.post(
        LIST_URL,
        {"name": "Sneaky"},
        content_type="application/json",
        headers={"Authorization": f"Token {token.key}"},
    )

    assert response.status_code == 405
    assert response["Allow"] == "GET, HEAD, OPTIONS"
    assert Organisation.objects.filter(name="Sneaky").count() == 0


def test_authenticated_delete_is_method_not_allowed(client, organisations, token):
    response = client.delete(
        "/api/v1/organisations/camden/", headers={"Authorization": f"Token {token.key}"}
    )

    assert response.status_code == 405
    assert Organisation.objects.filter(slug="camden").exists()


# Authentication and /api/v1/me/


def test_me_requires_authentication(client, db):
    response = client.get(ME_URL)

    assert response.status_code == 403
    assert response.json() == {"detail": "Authentication credentials were not provided."}


def test_me_with_a_session(client, user):
    client.force_login(user)

    response = client.get(ME_URL)

    assert response.status_code == 200
    assert response.json()["email"] == user.email


def test_me_with_a_token(client, token):
    response = client.get(ME_URL, headers={"Authorization": f"Token {token.key}"})

    assert response.status_code == 200
    assert response.json()["email"] == token.user.email


def test_me_with_a_bad_token_is_refused(client, token):
    response = client.get(ME_URL, headers={"Authorization": "Token not-a-real-key"})

    assert response.status_code == 403
    assert response.json() == {"detail": "Invalid token."}


def test_me_lists_only_my_memberships(client, organisations, token):
    MembershipFactory(
        user=token.user, organisation=organisations["camden"], role=MembershipRole.ADMIN
    )
    MembershipFactory(
        user=token.user,
        organisation=organisations["cardiff"],
        status=MembershipStatus.PENDING,
    )
    MembershipFactory(user=UserFactory(), organisation=organisations["vendor"])

    response = client.get(ME_URL, headers={"Authorization": f"Token {token.key}"})

    assert response.json()["memberships"] == [
        {
            "organisation": "camden",
            "organisation_name": "Camden",
            "role": "admin",
            "status": "approved",
        },
        {
            "organisation": "cardiff",
            "organisation_name": "Cardiff",
            "role": "member",
            "status": "pending",
        },
    ]


# Throttling


def test_throttling_is_configured_in_the_production_settings():
    """tests.settings raises the rates so tests are not throttled; this reads the real ones."""
    production = hub.settings.production.REST_FRAMEWORK
    assert production["DEFAULT_THROTTLE_CLASSES"] == [
        "rest_framework.throttling.AnonRateThrottle",
        "rest_framework.throttling.UserRateThrottle",
    ]
    documented = {name: default for name, default, _ in VARIABLES}
    assert documented["API_THROTTLE_ANON"] == "100/minute"
    assert documented["API_THROTTLE_USER"] == "1000/minute"
    assert production["DEFAULT_THROTTLE_RATES"] == {
        "anon": os.environ.get("API_THROTTLE_ANON", documented["API_THROTTLE_ANON"]),
        "user": os.environ.get("API_THROTTLE_USER", documented["API_THROTTLE_USER"]),
    }
    # The tests differ from production in the rates alone.
    tested = settings.REST_FRAMEWORK
    assert tested == {**production, "DEFAULT_THROTTLE_RATES": tested["DEFAULT_THROTTLE_RATES"]}


@pytest.fixture
def empty_cache():
    """Throttle history lives in the cache; start and finish with none."""
    cache.clear()
    yield
    cache.clear()


def test_anonymous_requests_past_the_rate_get_429_with_retry_after(
    client, organisations, empty_cache, monkeypatch
):
    # DRF copies the rates onto the throttle class at import, out of override_settings' reach.
    monkeypatch.setattr(AnonRateThrottle, "THROTTLE_RATES", {"anon": "3/minute"})

    statuses = [client.get(LIST_URL).status_code for _ in range(3)]
    refused = client.get(LIST_URL)

    assert statuses == [200, 200, 200]
    assert refused.status_code == 429
    assert 0 < int(refused["Retry-After"]) <= 60


def test_anonymous_rate_does_not_apply_to_a_signed_in_user(
    client, organisations, token, empty_cache, monkeypatch
):
    monkeypatch.setattr(AnonRateThrottle, "THROTTLE_RATES", {"anon": "3/minute"})
    headers = {"Authorization": f"Token {token.key}"}

    statuses = [client.get(LIST_URL, headers=headers).status_code for _ in range(4)]

    assert statuses == [200, 200, 200, 200]


@pytest.mark.parametrize(
    "path", ["/api/v1/no-such-thing/", "/api/v1/organisations/a/b/", "/api/v1/x.json"]
)
def test_unknown_api_path_answers_json_404(client, db, path):
    response = client.get(path)
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"detail": "Not found."}


@pytest.mark.parametrize("query", ["", "?kind=council"])
def test_api_path_without_its_slash_redirects_to_the_slash_url(client, db, query):
    response = client.get(f"/api/v1/organisations{query}")
    assert response.status_code == 301
    assert response["Location"] == f"/api/v1/organisations/{query}"
