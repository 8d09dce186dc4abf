import re

from django.core import mail
from django.db import IntegrityError, connection
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse

from wagtail.admin.utils import get_user_display_name

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


def sign_up(client, email):
    return client.post(
        SIGNUP, {"email": email, "password1": "a-long-pass-9876", "password2": "a-long-pass-9876"}
    )


def test_several_people_sign_up_one_after_another(client):
    emails = ["a@example.org", "b@example.org", "c@example.org"]
    for email in emails:
        client.cookies.clear()
        response = sign_up(client, email)
        assert response.status_code == 302, email
    users = User.objects.order_by("email")
    assert [user.email for user in users] == emails
    usernames = [user.username for user in users]
    assert all(usernames)
    assert len(set(usernames)) == len(emails)


def test_a_user_saved_without_a_username_gets_a_unique_one():
    first = User.objects.create(email="first@example.org")
    second = User.objects.create(email="second@example.org")
    assert first.username.startswith("user-")
    assert second.username.startswith("user-")
    assert first.username != second.username


def test_wagtail_shows_the_email_not_the_generated_username():
    user = User.objects.create(email="first@example.org")
    assert get_user_display_name(user) == "first@example.org"
    user.full_name = "Ada Lovelace"
    assert get_user_display_name(user) == "Ada Lovelace"


def test_a_chosen_username_is_kept():
    assert User.objects.create(email="x@example.org", username="chosen").username == "chosen"


def test_the_database_refuses_an_empty_username(user):
    with pytest.raises(IntegrityError):
        User.objects.filter(pk=user.pk).update(username="")


@pytest.mark.django_db(transaction=True)
def test_migration_repairs_the_empty_username_left_by_an_earlier_sign_up():
    executor = MigrationExecutor(connection)
    before = [("accounts", "0001_initial")]
    latest = executor.loader.graph.leaf_nodes("accounts")
    executor.migrate(before)
    old_user_model = executor.loader.project_state(before).apps.get_model("accounts", "User")
    stuck = old_user_model.objects.create(email="first@example.org", username="")
    kept = old_user_model.objects.create(email="admin@example.org", username="admin")

    executor = MigrationExecutor(connection)
    executor.migrate(latest)

    repaired = User.objects.get(pk=stuck.pk)
    assert repaired.username.startswith("user-")
    assert User.objects.get(pk=kept.pk).username == "admin"
