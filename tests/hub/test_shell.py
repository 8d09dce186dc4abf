import io
import os
import subprocess
import sys
from pathlib import Path

from django.core.management import call_command
from django.test import Client, override_settings

import pytest

from hub.accounts.models import User
from hub.factories import CouncilFactory
from hub.models import Organisation

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/organisations/",
        "/organisations/camden/",
        "/search/?q=x",
        "/accessibility/",
        "/cookies/",
        "/api/v1/organisations/",
    ],
)
def test_anonymous_pages_set_no_cookies(client, council, path):
    response = client.get(path)
    assert response.status_code == 200
    assert not response.cookies, f"{path} set {list(response.cookies)}"


def test_signing_out_leaves_no_session_cookie_behind(client, user):
    client.force_login(user)
    response = client.post("/accounts/logout/", follow=True)
    assert response.redirect_chain[-1][0] == "/signed-out/"
    assert "You have signed out" in response.text
    assert all(morsel.value == "" for morsel in client.cookies.values())


def test_home_page_has_shell_search_and_headline_figures(client, council):
    html = client.get("/").text
    assert 'class="govuk-skip-link"' in html
    assert "govuk-phase-banner" in html
    assert "govuk-service-navigation" in html
    assert 'class="govuk-footer"' in html
    assert 'action="/solutions/"' in html
    assert "UK councils" in html


def test_home_page_counts_current_councils(client):
    CouncilFactory.create_batch(3)
    CouncilFactory(is_current=False)
    response = client.get("/")
    assert response.context["figures"]["councils"] == 3


def test_shell_never_uses_the_crown_or_gds_transport(client, db):
    html = client.get("/").text
    assert "govuk-header__logotype" not in html
    css = (ROOT / "hub/static/hub/dist/hub.css").read_text()
    assert "GDS Transport" not in css


def test_unknown_page_is_a_friendly_404(client, db):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert response["Content-Type"].startswith("text/html")
    assert "Page not found" in response.text


@override_settings(DEBUG=False)
def test_server_error_page_renders_without_request_context(client, db):
    from django.template.loader import render_to_string

    html = render_to_string("500.html")
    assert "Sorry, there is a problem with the service" in html


def test_accessibility_statement_exists(client, db):
    assert "Accessibility statement" in client.get("/accessibility/").text


def test_wagtail_admin_is_at_admin(client, db):
    response = client.get("/admin/")
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_demo_setup_is_idempotent_and_prints_credentials(settings):
    from hub.models import Membership

    def admin_memberships():
        memberships = Membership.objects.approved().filter(user__email="admin@example.com")
        return sorted(memberships.values_list("organisation__slug", flat=True))

    settings.DEBUG = True
    settings.WAGTAILADMIN_BASE_URL = "http://127.0.0.1:8123"  # what PORT=8123 gives
    first = io.StringIO()
    call_command("setup_demo", no_progress=True, stdout=first)
    counts = (Organisation.objects.count(), User.objects.count(), Membership.objects.count())
    # The demo admin belongs to a demo vendor and a council, and is told where to submit;
    # the demo campaigns make it a procurement lead of Islington, so it can pledge.
    demo_memberships = ["camden", "demo-civic-data-matching-ltd", "islington"]
    assert admin_memberships() == demo_memberships
    assert "Sign in at http://127.0.0.1:8123/admin/ with" in first.getvalue()
    assert "submit a listing at http://127.0.0.1:8123/submit/" in first.getvalue()
    assert ":8000" not in first.getvalue()
    # The default harvest sources are seeded too (by command name: hub imports no app).
    assert "Harvest sources: 34 created" in first.getvalue()
    second = io.StringIO()
    call_command("setup_demo", no_progress=True, stdout=second)
    assert (
        Organisation.objects.count(),
        User.objects.count(),
        Membership.objects.count(),
    ) == counts
    assert admin_memberships() == demo_memberships
    assert "admin@example.com" in first.getvalue()
    assert "password: hub-demo-admin" in first.getvalue()
    assert "already exists" in second.getvalue()


def test_demo_admin_can_sign_in_to_wagtail_admin_by_email(client):
    from hub import demo

    assert demo.demo_admin_ensure() is True
    assert demo.demo_admin_ensure() is False
    response = client.post(
        "/admin/login/", {"username": "admin@example.com", "password": "hub-demo-admin"}
    )
    assert response.status_code == 302
    assert client.get("/admin/").status_code == 200


def test_demo_setup_refuses_to_run_without_debug(settings):
    from django.core.management.base import CommandError

    settings.DEBUG = False
    with pytest.raises(CommandError):
        call_command("setup_demo", no_progress=True, stdout=io.StringIO())


def deploy_check(tmp_path, **variables):
    env = {
        **{name: value for name, value in os.environ.items() if name != "REDIS_URL"},
        "DJANGO_SETTINGS_MODULE": "hub.settings.production",
        "SECRET_KEY": "x7#Qm!2vK9pZ4wL8rT1yB6nH3cJ0dF5gS_e-Aq*uXoWiVlYkRb",
        "ALLOWED_HOSTS": "hub.example.org",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'deploy.sqlite3'}",
        **variables,
    }
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_configuration_passes_deploy_check_with_no_warnings(tmp_path):
    # The check only reads the settings: it never connects to Redis.
    result = deploy_check(tmp_path, REDIS_URL="redis://127.0.0.1:6379/1")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_production_without_a_shared_cache_fails_the_deploy_check(tmp_path):
    result = deploy_check(tmp_path)
    assert result.returncode != 0
    assert "hub.W001" in result.stdout + result.stderr
    assert "REDIS_URL" in result.stdout + result.stderr


@pytest.mark.parametrize("term", ['"', 'fraud"', 'a "b'])
def test_site_search_with_stray_quotes_answers(client, db, term):
    assert client.get("/search/", {"q": term}).status_code == 200


def test_production_settings_refuse_to_start_without_a_secret_key():
    env = {k: v for k, v in os.environ.items() if k != "SECRET_KEY"}
    env.update({"DJANGO_SETTINGS_MODULE": "hub.settings.production"})
    result = subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode != 0
    assert "Set SECRET_KEY" in result.stderr


def test_demo_organisations_are_created_once_through_the_service():
    from hub.demo import DEMO_ORGANISATIONS, demo_organisations_load

    assert demo_organisations_load() == len(DEMO_ORGANISATIONS)
    assert demo_organisations_load() == 0
    vendor = Organisation.objects.get(slug="demo-civic-data-matching-ltd")
    assert (vendor.kind, vendor.name) == ("vendor", "Demo: Civic Data Matching Ltd")
    assert not vendor.memberships.exists()  # no creator: nobody is made its admin


def test_a_refused_form_post_is_a_page_that_says_nothing_was_saved(db):
    client = Client(enforce_csrf_checks=True)

    response = client.post("/accounts/login/", {"login": "a@example.org", "password": "x"})

    assert response.status_code == 403
    assert "nothing was saved" in response.content.decode()
    assert "govuk-template" in response.content.decode()


def test_a_refused_write_under_the_api_answers_json(db):
    client = Client(enforce_csrf_checks=True)

    response = client.patch("/api/v1/no-such-thing/", "{}", content_type="application/json")

    assert response.status_code == 403
    assert response["Content-Type"] == "application/json"
    assert response.json()["detail"].startswith("CSRF Failed")
