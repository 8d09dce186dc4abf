"""Absolute links are built one way (hub.links): from the request when there is one, else
from WAGTAILADMIN_BASE_URL; never from the Wagtail Site's hostname ("localhost"), which is
what JSON-LD and the publiccode.yml export used to say."""

import json
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

from django.core import mail
from django.test import RequestFactory, override_settings

import pytest
import yaml

from hub.factories import UserFactory, VendorFactory
from hub.links import absolute_url, page_absolute_url
from listings.factories import SolutionPageFactory
from listings.submissions.services import submission_send, submission_start
from tests.listings.submissions.test_services import _approve, valid_answers

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]
HOST = "hub.example.org"
BASE = "https://base.example.org"
on_a_real_host = override_settings(ALLOWED_HOSTS=[HOST], WAGTAILADMIN_BASE_URL=BASE)


# The function


@override_settings(ALLOWED_HOSTS=[HOST])
def test_with_a_request_the_link_is_on_the_host_asked_for():
    request = RequestFactory().get("/", HTTP_HOST=HOST)

    assert absolute_url("/solutions/", request=request) == f"http://{HOST}/solutions/"


@override_settings(WAGTAILADMIN_BASE_URL=f"{BASE}/")
def test_without_a_request_the_link_is_on_the_base_url():
    assert absolute_url("/solutions/?q=fraud") == f"{BASE}/solutions/?q=fraud"


@override_settings(ALLOWED_HOSTS=[HOST], SECURE_SSL_REDIRECT=True)
def test_where_plain_http_is_redirected_links_are_https():
    request = RequestFactory().get("/", HTTP_HOST=HOST)

    assert absolute_url("/x/", request=request) == f"https://{HOST}/x/"


def test_only_paths_on_the_hub_are_made_absolute():
    with pytest.raises(ValueError):
        absolute_url("https://elsewhere.example/")


@on_a_real_host
def test_a_page_link_ignores_the_wagtail_sites_hostname():
    solution = SolutionPageFactory(slug="resident-index")

    assert page_absolute_url(solution) == f"{BASE}/solutions/resident-index/"


# Pages, exports and feeds: the visitor's host


@on_a_real_host
def test_json_ld_links_are_on_the_request_host(client):
    solution = SolutionPageFactory(provider=VendorFactory(slug="acme-data"))

    html = client.get(solution.url, HTTP_HOST=HOST).text

    data = json.loads(re.search(r'application/ld\+json">(.*?)</script>', html).group(1))
    assert data["url"] == f"http://{HOST}{solution.url}"
    assert data["provider"]["url"] == f"http://{HOST}/organisations/acme-data/"


@on_a_real_host
def test_the_publiccode_export_links_the_listing_on_the_request_host(client):
    solution = SolutionPageFactory(
        repository_url="", website="", long_description="", description=[], problem="Short."
    )

    response = client.get(f"/solutions/{solution.pk}/publiccode.yml", HTTP_HOST=HOST)

    document = yaml.safe_load(response.content)
    assert document["url"] == f"http://{HOST}{solution.url}"
    description = next(iter(document["description"].values()))["longDescription"]
    assert f"http://{HOST}{solution.url}" in description
    assert "localhost" not in response.text


@on_a_real_host
def test_the_feed_links_are_on_the_request_host(client):
    solution = SolutionPageFactory()

    response = client.get("/solutions/feed/", HTTP_HOST=HOST)

    feed = ET.fromstring(response.content)  # noqa: S314 - our own feed
    atom = "{http://www.w3.org/2005/Atom}"
    assert feed.find(f"{atom}entry/{atom}link").get("href") == f"http://{HOST}{solution.url}"
    assert {link.get("href") for link in feed.findall(f"{atom}link")} == {
        f"http://{HOST}/solutions/",
        f"http://{HOST}/solutions/feed/",
    }


@on_a_real_host
def test_the_api_links_pages_on_the_request_host(client):
    solution = SolutionPageFactory(slug="resident-index")

    body = client.get("/api/v1/solutions/resident-index/", HTTP_HOST=HOST).json()
    csv = client.get("/api/v1/solutions/export.csv", HTTP_HOST=HOST)

    assert body["url"] == f"http://{HOST}{solution.url}"
    assert f"http://{HOST}{solution.url}" in b"".join(csv.streaming_content).decode()


# Emails: the request's host when a visitor's action sends them, else the base URL


@on_a_real_host
def test_a_moderation_email_links_the_base_url(
    vendor_member, moderator, django_capture_on_commit_callbacks
):
    submission = submission_start(
        user=vendor_member.user, organisation=vendor_member.organisation, answers=valid_answers()
    )
    submission = submission_send(submission=submission, user=vendor_member.user)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        _approve(submission.page, moderator)

    submission.refresh_from_db()
    (message,) = mail.outbox
    assert f"{BASE}{submission.page.url}" in message.body
    assert f"{BASE}/account/listings/" in message.body
    assert "localhost" not in message.body


@on_a_real_host
def test_the_verification_email_links_the_request_host(client):
    client.post(
        "/accounts/signup/",
        {
            "email": "new@example.org",
            "password1": "a-long-pass-phrase",
            "password2": "a-long-pass-phrase",
        },
        HTTP_HOST=HOST,
    )

    (message,) = mail.outbox
    assert re.search(rf"http://{re.escape(HOST)}/accounts/confirm-email/\S+/", message.body)


@on_a_real_host
def test_the_password_reset_email_links_the_request_host(client):
    UserFactory(email="known@example.org")

    client.post("/accounts/password/reset/", {"email": "known@example.org"}, HTTP_HOST=HOST)

    (message,) = mail.outbox
    assert re.search(rf"http://{re.escape(HOST)}/accounts/password/reset/key/\S+/", message.body)


# setup_demo's printout: the base URL, which follows PORT


def test_the_base_url_follows_port():
    env = {k: v for k, v in os.environ.items() if k != "WAGTAILADMIN_BASE_URL"}
    env.update(PORT="8123", DJANGO_SETTINGS_MODULE="tests.settings")
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "import django; django.setup(); from django.conf import settings; "
            "print(settings.WAGTAILADMIN_BASE_URL)",
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )

    assert result.stdout.strip() == "http://127.0.0.1:8123", result.stderr
