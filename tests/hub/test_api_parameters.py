"""Every API endpoint answers an unknown query parameter with the same 400."""

import pytest
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from hub.api.filters import COMMON_PARAMETERS

pytestmark = pytest.mark.django_db


@pytest.fixture
def api(user):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=user).key}")
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
