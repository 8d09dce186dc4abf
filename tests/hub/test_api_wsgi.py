"""Every write the API offers, answered as a strict WSGI server needs it.

Gunicorn accepts a ``str`` subclass as a header value; runserver (wsgiref) answers 500
instead, after the view has already saved. ``wsgiref.validate.validator`` applies the
WSGI specification's checks (plain ``str`` status and headers, bytes body, closed
iterators), so any response that would break a strict server fails here. The operations
come from the OpenAPI schema: a write added later without a case here fails the test.
"""

import io
import json
import sys
import warnings
from wsgiref.util import setup_testing_defaults
from wsgiref.validate import WSGIWarning, validator

from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.http import HttpResponse
from django.test import override_settings
from django.urls import path
from django.utils.safestring import mark_safe

import pytest
from rest_framework.authtoken.models import Token

from hub import urls as hub_urls
from hub.factories import CouncilFactory
from listings.models import Submission
from pledges.factories import CampaignFactory, procurement_lead
from tests.listings.submissions.test_api import WARNINGS_ONLY
from tests.listings.submissions.test_services import valid_answers

pytestmark = pytest.mark.django_db

WRITE_METHODS = {"post", "put", "patch", "delete"}


@pytest.fixture
def strict_app():
    """The project's WSGI application behind the WSGI specification's validator.

    Request signals would close the test transaction's connection (see test_api_schema).
    """
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield validator(WSGIHandler())
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


def call(app, method, url, *, body=b"", content_type="", token=None, headers=None):
    """One request through ``app`` as a WSGI server sends it: (status code, headers, body)."""
    path, _, query = url.partition("?")
    environ = {
        "REQUEST_METHOD": method,
        "PATH_INFO": path,
        "SCRIPT_NAME": "",
        "QUERY_STRING": query,
        "SERVER_NAME": "testserver",
        "CONTENT_LENGTH": str(len(body)),
        "wsgi.input": io.BytesIO(body),
        "wsgi.errors": sys.stderr,
    }
    if content_type:
        environ["CONTENT_TYPE"] = content_type
    if token:
        environ["HTTP_AUTHORIZATION"] = f"Token {token}"
    for name, value in (headers or {}).items():
        environ[f"HTTP_{name.upper().replace('-', '_')}"] = value
    setup_testing_defaults(environ)
    started = {}

    def start_response(status, headers, exc_info=None):
        started.update(status=status, headers=headers)
        return lambda data: None

    with warnings.catch_warnings():
        warnings.simplefilter("error", WSGIWarning)
        result = app(environ, start_response)
        try:
            content = b"".join(result)
        finally:
            result.close()
    return int(started["status"].split()[0]), dict(started["headers"]), content


@pytest.fixture
def member_token(vendor_member):
    return Token.objects.create(user=vendor_member.user).key


def _json(answers):
    return json.dumps(answers).encode(), "application/json"


#: For each write operation, requests that should succeed and requests that should be
#: refused (each refusal must be valid WSGI too): (query, body and content type, status).
WRITE_CASES = {
    ("POST", "/api/v1/submissions/"): [
        ("", _json(valid_answers()), 201),
        ("", (WARNINGS_ONLY.read_bytes(), "application/yaml"), 201),
        ("", _json(valid_answers(title="")), 400),
        ("?bogus=1", _json(valid_answers()), 400),
        ("?organisation=nobody-at-all", _json(valid_answers()), 400),
    ],
}


#: The pledge writes, run in order by ``test_pledge_writes_answer_valid_wsgi``.
PLEDGE_WRITES = {
    ("POST", "/api/v1/campaigns/{slug}/pledges/"),
    ("PATCH", "/api/v1/pledges/{id}/"),
    ("POST", "/api/v1/pledges/{id}/withdraw/"),
}


def test_every_write_operation_has_cases(client):
    schema = client.get("/api/v1/schema/?format=json").json()

    writes = {
        (method.upper(), path)
        for path, operations in schema["paths"].items()
        for method in operations
        if method in WRITE_METHODS
    }

    assert writes == set(WRITE_CASES) | PLEDGE_WRITES


@pytest.mark.parametrize(
    ("operation", "case"),
    [(operation, case) for operation, cases in WRITE_CASES.items() for case in cases],
)
def test_write_operations_answer_valid_wsgi(strict_app, member_token, operation, case):
    method, url = operation
    query, (body, content_type), expected = case

    status, headers, content = call(
        strict_app, method, url + query, body=body, content_type=content_type, token=member_token
    )

    assert status == expected, content[:500]
    if status == 201:
        submission = Submission.objects.get()
        assert headers["Location"].endswith(f"/api/v1/submissions/{submission.public_id}/")
        assert json.loads(content)["url"] == headers["Location"]


def test_a_write_without_credentials_answers_valid_wsgi(strict_app):
    status, headers, _ = call(
        strict_app,
        "POST",
        "/api/v1/submissions/",
        body=_json(valid_answers())[0],
        content_type="application/json",
    )

    assert status == 401
    assert headers["WWW-Authenticate"] == "Token"
    assert not Submission.objects.exists()


# The middleware behind it: every header value leaves as a plain str, whoever set it.


def _safe_string_header(request):
    response = HttpResponse("ok")
    response["X-Label"] = mark_safe("council")  # SafeString: a str subclass
    return response


# The project's own routes too: its middleware reverses some of them (the admin's, for the CSP).
urlpatterns = [path("safe-header/", _safe_string_header), *hub_urls.urlpatterns]


@override_settings(ROOT_URLCONF=__name__)
def test_str_subclass_header_values_leave_as_plain_str(strict_app):
    status, headers, _ = call(strict_app, "GET", "/safe-header/")

    assert status == 200
    assert type(headers["X-Label"]) is str
    assert headers["X-Label"] == "council"


def test_pledge_writes_answer_valid_wsgi(strict_app):
    """Pledge, amend and withdraw (each with its Idempotency-Key, and one refusal) through
    the strict validator, with the Location header of the pledge created."""
    campaign = CampaignFactory(slug="wsgi-campaign")
    council = CouncilFactory()
    token = Token.objects.create(user=procurement_lead(council)).key

    def send(method, url, body, key):
        return call(
            strict_app,
            method,
            url,
            body=json.dumps(body).encode(),
            content_type="application/json",
            token=token,
            headers={"Idempotency-Key": key},
        )

    pledges_url = f"/api/v1/campaigns/{campaign.slug}/pledges/"
    status, headers, content = send("POST", pledges_url, {"council": council.slug}, "k0")
    assert status == 400, content[:500]  # nothing pledged
    status, headers, content = send(
        "POST", pledges_url, {"council": council.slug, "amount_gbp": "5000.00"}, "k1"
    )
    assert status == 201, content[:500]
    pledge_url = json.loads(content)["url"]
    assert headers["Location"] == pledge_url
    path = pledge_url.removeprefix("http://testserver")
    status, _, content = send("PATCH", path, {"amount_gbp": "6000.00", "reason": "More"}, "k2")
    assert status == 200, content[:500]
    status, _, content = send("POST", f"{path}withdraw/", {"reason": "Budget cut"}, "k3")
    assert status == 200, content[:500]
