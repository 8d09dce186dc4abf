"""The Content-Security-Policy header on every response (hub.csp, django-csp)."""

import re

import pytest
from bs4 import BeautifulSoup

from hub.csp import csp_nonce
from hub.factories import CouncilFactory
from listings.factories import AdoptionFactory, SavingsEvidenceFactory

pytestmark = pytest.mark.django_db


def directives(response) -> dict[str, list[str]]:
    header = response["Content-Security-Policy"]
    parsed = {}
    for part in header.split(";"):
        name, *values = part.split()
        parsed[name] = values
    return parsed


@pytest.mark.parametrize(
    "path", ["/", "/solutions/", "/accounts/signup/", "/api/v1/organisations/", "/api/v1/docs/"]
)
def test_every_response_has_a_strict_policy(client, path):
    policy = directives(client.get(path))
    assert policy["default-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'self'"]
    assert policy["base-uri"] == ["'self'"]
    assert policy["form-action"] == ["'self'"]
    for name in ("script-src", "style-src"):
        assert "'unsafe-inline'" not in policy[name]
        assert "'unsafe-eval'" not in policy[name]
        assert all(re.fullmatch(r"'self'|'nonce-[A-Za-z0-9+/=]+'", value) for value in policy[name])


def test_an_error_page_has_the_policy_too(client):
    assert directives(client.get("/no-such-page/"))["default-src"] == ["'self'"]


def test_the_shell_script_carries_the_nonce_in_the_header(client):
    response = client.get("/")
    nonce = re.search(r"'nonce-([^']+)'", response["Content-Security-Policy"]).group(1)
    assert f'<script nonce="{nonce}">document.body.className' in response.text


def test_each_response_gets_a_new_nonce(client):
    first, second = (client.get("/")["Content-Security-Policy"] for _ in range(2))
    assert re.search(r"'nonce-[^']+'", first)
    assert first != second


def test_the_admin_allows_inline_styles_but_keeps_scripts_strict(admin_client):
    policy = directives(admin_client.get("/admin/"))
    assert policy["style-src"] == ["'self'", "'unsafe-inline'"]
    assert "'unsafe-inline'" not in policy["script-src"]


def test_swagger_ui_loads_its_start_up_script_from_a_url(client):
    html = client.get("/api/v1/docs/").text
    assert '<script src="/api/v1/docs/?script="></script>' in html
    script = client.get("/api/v1/docs/?script=")
    assert script["Content-Type"].startswith("application/javascript")
    assert "SwaggerUIBundle" in script.text


def test_no_nonce_outside_a_request():
    assert csp_nonce() == ""


def inline_scripts_without_the_nonce(response) -> list[str]:
    nonce = re.search(r"'nonce-([^']+)'", response["Content-Security-Policy"]).group(1)
    soup = BeautifulSoup(response.text, "html.parser")
    return [
        str(script)[:80]
        for script in soup.find_all("script")
        if not script.get("src")
        and script.get("type", "text/javascript") in ("text/javascript", "module")
        and script.get("nonce") != nonce
    ]


def test_wagtail_editors_inline_scripts_all_carry_the_nonce(admin_client):
    adoption = AdoptionFactory(council=CouncilFactory(camden=True))
    SavingsEvidenceFactory(adoption=adoption)
    for url in (
        f"/admin/snippets/listings/adoption/edit/{adoption.pk}/",
        f"/admin/pages/{adoption.solution_id}/edit/",
        f"/admin/pages/{adoption.solution_id}/",
    ):
        response = admin_client.get(url)
        assert response.status_code == 200, url
        assert inline_scripts_without_the_nonce(response) == [], url


def test_the_server_error_page_carries_the_nonce_though_it_has_no_request(
    client, settings, monkeypatch
):
    """Django renders 500.html without a request; the shell's script still gets the nonce."""
    settings.DEBUG = False

    def broken(**filters):
        raise RuntimeError("the database went away")

    monkeypatch.setattr("hub.views.selectors.organisation_list", broken)
    client.raise_request_exception = False
    response = client.get("/organisations/")
    assert response.status_code == 500
    nonce = re.search(r"'nonce-([^']+)'", response["Content-Security-Policy"]).group(1)
    assert f'<script nonce="{nonce}">document.body.className' in response.text
