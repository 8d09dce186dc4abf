import re

from django.core import mail
from django.urls import reverse

import pytest

from hub.accounts.models import User
from hub.factories import DEFAULT_PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

SIGNUP = "/accounts/signup/"
LOGIN = "/accounts/login/"


def error_summary_links(html: str) -> list[str]:
    summary = re.search(r'<div class="govuk-error-summary".*?</ul>', html, re.S)
    assert summary, "no GOV.UK error summary on the page"
    return re.findall(r'href="(#[^"]+)"', summary.group(0))


def test_signup_with_missing_fields_shows_error_summary_linking_to_each_field(client):
    response = client.post(SIGNUP, {"email": "", "password1": "", "password2": ""})
    assert response.status_code == 200
    assert response.text.count("govuk-error-message") >= 2
    links = error_summary_links(response.text)
    assert "#id_email" in links
    assert "#id_password1" in links
    assert "<title>Error: " in response.text
    assert not User.objects.exists()


def test_signup_with_taken_email_is_refused_and_creates_nothing(client):
    UserFactory(email="taken@example.org")
    response = client.post(
        SIGNUP,
        {
            "email": "taken@example.org",
            "password1": "a-long-pass-9876",
            "password2": "a-long-pass-9876",
        },
    )
    assert response.status_code == 200
    assert "#id_email" in error_summary_links(response.text)
    assert User.objects.filter(email__iexact="taken@example.org").count() == 1


def test_signup_with_mismatched_passwords_is_refused(client):
    response = client.post(
        SIGNUP,
        {
            "email": "new@example.org",
            "password1": "a-long-pass-9876",
            "password2": "different-1234",
        },
    )
    assert error_summary_links(response.text)
    assert not User.objects.filter(email="new@example.org").exists()


def test_valid_signup_creates_one_user_and_sends_a_verification_email(client):
    response = client.post(
        SIGNUP,
        {
            "email": "new@example.org",
            "password1": "a-long-pass-9876",
            "password2": "a-long-pass-9876",
        },
    )
    assert response.status_code == 302
    assert User.objects.filter(email="new@example.org").count() == 1
    assert len(mail.outbox) == 1
    assert "new@example.org" in mail.outbox[0].to


def test_wrong_password_shows_error_summary_and_does_not_sign_in(client):
    UserFactory(email="person@example.org")
    response = client.post(LOGIN, {"login": "person@example.org", "password": "wrong-password"})
    assert response.status_code == 200
    assert error_summary_links(response.text)
    assert "_auth_user_id" not in client.session


def test_missing_login_fields_link_to_the_fields(client):
    response = client.post(LOGIN, {"login": "", "password": ""})
    links = error_summary_links(response.text)
    assert "#id_login" in links
    assert "#id_password" in links


def test_correct_password_signs_in(client):
    UserFactory(email="person@example.org")
    response = client.post(LOGIN, {"login": "person@example.org", "password": DEFAULT_PASSWORD})
    assert response.status_code == 302
    assert client.session["_auth_user_id"]


def test_unverified_user_is_asked_to_verify_before_signing_in(client):
    UserFactory(email="unverified@example.org", verified=False)
    response = client.post(LOGIN, {"login": "unverified@example.org", "password": DEFAULT_PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == reverse("account_email_verification_sent")
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["unverified@example.org"]
    assert "_auth_user_id" not in client.session


def test_password_reset_sends_a_link(client):
    UserFactory(email="forgetful@example.org")
    response = client.post("/accounts/password/reset/", {"email": "forgetful@example.org"})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    assert "/accounts/password/reset/key/" in mail.outbox[0].body


def test_sign_out_needs_a_post(client, user):
    client.force_login(user)
    response = client.get("/accounts/logout/")
    assert response.status_code == 200
    assert client.session["_auth_user_id"] == str(user.pk)
    response = client.post("/accounts/logout/")
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session
