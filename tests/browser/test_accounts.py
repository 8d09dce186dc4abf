"""Creating an account and signing in, with GOV.UK error summaries."""

import re

from playwright.sync_api import expect

from hub.accounts.models import User
from hub.factories import DEFAULT_PASSWORD, UserFactory

NEW_PASSWORD = "plaid-otter-lantern-91"


def fill_signup(page, email, password=NEW_PASSWORD, confirmation=None):
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Create a password").fill(password)
    page.get_by_label("Confirm your password").fill(confirmation or password)
    page.get_by_role("button", name="Create account").click()


def sign_in(page, email, password):
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password", exact=True).fill(password)
    page.locator("main").get_by_role("button", name="Sign in").click()


def test_signup_page_is_accessible(page, assert_accessible):
    page.goto("/accounts/signup/")

    expect(page.get_by_role("heading", level=1)).to_have_text("Create an account")
    assert_accessible(page)


def test_empty_signup_shows_an_error_summary_linked_to_the_fields(page, assert_accessible):
    page.goto("/accounts/signup/")
    page.get_by_role("button", name="Create account").click()

    summary = page.locator(".govuk-error-summary")
    expect(summary).to_be_visible()
    expect(summary).to_be_focused()  # govuk-frontend moves focus to the summary
    expect(page).to_have_title(re.compile("^Error: Create an account"))
    links = summary.get_by_role("link")
    hrefs = [links.nth(i).get_attribute("href") for i in range(links.count())]
    assert hrefs == ["#id_email", "#id_password1", "#id_password2"]
    for href in hrefs:
        field = page.locator(href)
        expect(field).to_have_class(re.compile(r"\bgovuk-input--error\b"))
        expect(field).to_have_attribute("aria-describedby", re.compile(rf"{href[1:]}-error"))

    links.first.click()

    expect(page.locator("#id_email")).to_be_focused()
    assert_accessible(page)


def test_signup_with_a_registered_email_shows_an_error_and_creates_no_account(page, mailoutbox):
    UserFactory(email="taken@example.org")

    page.goto("/accounts/signup/")
    fill_signup(page, "TAKEN@example.org")

    summary = page.locator(".govuk-error-summary")
    expect(summary).to_be_visible()
    expect(summary.get_by_role("link")).to_have_text(
        "A user is already registered with this email address."
    )
    expect(summary.get_by_role("link")).to_have_attribute("href", "#id_email")
    expect(page.locator("#id_email-error")).to_contain_text("already registered")
    assert User.objects.count() == 1
    assert mailoutbox == []


def test_mismatched_passwords_show_an_error_and_create_no_account(page):
    page.goto("/accounts/signup/")
    fill_signup(page, "new.person@example.org", confirmation="plaid-otter-lantern-92")

    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text("You must type the same password each time.")
    expect(summary.get_by_role("link")).to_have_attribute("href", "#id_password2")
    expect(page.get_by_label("Email address")).to_have_value("new.person@example.org")
    assert not User.objects.exists()


def test_valid_signup_creates_one_account_and_asks_for_verification(
    page, mailoutbox, assert_accessible
):
    page.goto("/accounts/signup/")
    fill_signup(page, "new.person@example.org")

    expect(page).to_have_url(re.compile(r"/accounts/confirm-email/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Verify Your Email Address")
    expect(page.locator("main")).to_contain_text("We have sent an email to you for verification.")
    user = User.objects.get()
    assert user.email == "new.person@example.org"
    assert not user.emailaddress_set.get().verified
    assert [message.to for message in mailoutbox] == [["new.person@example.org"]]
    assert_accessible(page)


def test_signin_page_is_accessible(page, assert_accessible):
    page.goto("/accounts/login/")

    expect(page.get_by_role("heading", level=1)).to_have_text("Sign in")
    assert_accessible(page)


def test_wrong_password_shows_an_error_and_starts_no_session(page, context, assert_accessible):
    UserFactory(email="someone@example.org")

    page.goto("/accounts/login/")
    sign_in(page, "someone@example.org", "not-the-password")

    summary = page.locator(".govuk-error-summary")
    expect(summary).to_be_visible()
    expect(summary.get_by_role("link")).to_have_attribute("href", "#id_login")
    expect(page.get_by_role("navigation", name="Your account")).to_contain_text("Sign in")
    assert "sessionid" not in {cookie["name"] for cookie in context.cookies()}
    assert_accessible(page)


def test_correct_password_signs_in(page, context):
    UserFactory(email="someone@example.org")

    page.goto("/accounts/login/")
    sign_in(page, "someone@example.org", DEFAULT_PASSWORD)

    expect(page).to_have_url(re.compile(r"/account/$"))
    account_nav = page.get_by_role("navigation", name="Your account")
    expect(account_nav.get_by_role("button", name="Sign out")).to_be_visible()
    expect(account_nav.get_by_role("link", name="Your account")).to_have_attribute(
        "href", "/account/"
    )
    expect(account_nav.get_by_role("link", name="Sign in")).to_have_count(0)
    assert "sessionid" in {cookie["name"] for cookie in context.cookies()}


def test_signed_in_header_is_accessible_on_a_small_screen(page, assert_accessible):
    UserFactory(email="someone@example.org")
    page.set_viewport_size({"width": 320, "height": 640})

    page.goto("/accounts/login/")
    sign_in(page, "someone@example.org", DEFAULT_PASSWORD)

    account_nav = page.get_by_role("navigation", name="Your account")
    sign_out = account_nav.get_by_role("button", name="Sign out")
    expect(sign_out).to_be_visible()
    box = sign_out.bounding_box()
    assert box is not None and box["height"] >= 24
    assert_accessible(page)


def link_in(message, path_pattern):
    """The one link in an email whose path matches ``path_pattern``."""
    links = re.findall(rf"https?://[^\s\"<>]+{path_pattern}", message.body)
    assert len(set(links)) == 1, message.body
    return links[0]


def test_two_people_sign_up_in_a_row_and_each_verifies_by_the_emailed_link(
    new_context, mailoutbox, assert_accessible
):
    emails = ["first.person@example.org", "second.person@example.org"]
    for email in emails:
        page = new_context().new_page()
        page.goto("/accounts/signup/")
        fill_signup(page, email)
        expect(page).to_have_url(re.compile(r"/accounts/confirm-email/$"))
        assert mailoutbox[-1].to == [email]

        page.goto(link_in(mailoutbox[-1], r"/accounts/confirm-email/[^/\s]+/"))
        expect(page.get_by_role("heading", level=1)).to_have_text("Confirm Email Address")
        assert_accessible(page)
        page.get_by_role("button", name="Confirm").click()

        # Verified, the person is sent to sign in, and can.
        expect(page).to_have_url(re.compile(r"/accounts/login/$"))
        assert User.objects.get(email=email).emailaddress_set.get().verified
        sign_in(page, email, NEW_PASSWORD)
        expect(page).to_have_url(re.compile(r"/account/$"))
    assert sorted(User.objects.values_list("email", flat=True)) == emails
    assert len(set(User.objects.values_list("username", flat=True))) == 2


def test_a_forgotten_password_is_reset_through_the_emailed_link(page, mailoutbox):
    UserFactory(email="forgetful@example.org")

    page.goto("/accounts/password/reset/")
    page.get_by_label("Email").fill("forgetful@example.org")
    page.locator("main").get_by_role("button").click()
    expect(page).to_have_url(re.compile(r"/accounts/password/reset/done/$"))
    assert [message.to for message in mailoutbox] == [["forgetful@example.org"]]

    page.goto(link_in(mailoutbox[0], r"/accounts/password/reset/key/[^\s]+/"))
    page.get_by_label(re.compile(r"^new password$", re.I)).fill(NEW_PASSWORD)
    page.get_by_label(re.compile(r"^new password \(again\)$", re.I)).fill(NEW_PASSWORD)
    page.get_by_role("button", name="Change Password").click()
    expect(page).to_have_url(re.compile(r"/accounts/password/reset/key/done/$"))

    page.goto("/accounts/login/")
    sign_in(page, "forgetful@example.org", DEFAULT_PASSWORD)
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    sign_in(page, "forgetful@example.org", NEW_PASSWORD)
    expect(page).to_have_url(re.compile(r"/account/$"))
