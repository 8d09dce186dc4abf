"""Requests over Django's parsing limits answer 400 with the reason (hub.middleware)."""

import pytest

pytestmark = pytest.mark.django_db

#: One more field than Django's DATA_UPLOAD_MAX_NUMBER_FIELDS (1,000) allows.
TOO_MANY = 1001


def many_parameters(count: int) -> str:
    return "&".join(f"s=solution-{n}" for n in range(count))


@pytest.mark.parametrize("debug", [True, False])
@pytest.mark.parametrize("path", ["/solutions/compare/", "/solutions/", "/organisations/"])
def test_a_page_with_too_many_parameters_is_a_400_with_the_reason(client, settings, debug, path):
    settings.DEBUG = debug
    response = client.get(f"{path}?{many_parameters(TOO_MANY)}")
    assert response.status_code == 400
    assert "There is a problem with your request" in response.text
    assert "1001 query parameters" in response.text
    assert "the most the hub accepts is 1000" in response.text


@pytest.mark.parametrize("debug", [True, False])
def test_the_api_answers_too_many_parameters_in_json(client, settings, debug):
    settings.DEBUG = debug
    response = client.get(f"/api/v1/solutions/?{many_parameters(TOO_MANY)}")
    assert response.status_code == 400
    assert "1001 query parameters" in response.json()["detail"]


def test_as_many_parameters_as_allowed_reach_the_page(client):
    response = client.get(f"/?{many_parameters(1000)}")
    assert response.status_code == 200


def test_an_empty_query_string_is_no_parameter(client):
    assert client.get("/").status_code == 200


@pytest.mark.parametrize("debug", [True, False])
def test_a_form_with_too_many_fields_is_a_400_with_the_reason(client, settings, debug):
    settings.DEBUG = debug
    fields = {f"field{n}": "x" for n in range(TOO_MANY)}
    response = client.post("/accounts/login/", fields)
    assert response.status_code == 400
    assert "The form sent is too large" in response.text


@pytest.mark.parametrize("debug", [True, False])
def test_a_form_body_over_the_size_limit_is_a_400_with_the_reason(client, settings, debug):
    settings.DEBUG = debug
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    response = client.post("/accounts/login/", {"login": "x" * 2000, "password": "y"})
    assert response.status_code == 400
    assert "The form sent is too large" in response.text


def test_the_refusal_page_carries_the_content_security_policy(client):
    response = client.get(f"/solutions/compare/?{many_parameters(TOO_MANY)}")
    assert "default-src 'self'" in response["Content-Security-Policy"]
