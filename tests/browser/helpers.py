"""Steps that several browser tests take: signing in to the site or to Wagtail's admin."""

import re
from urllib.parse import quote

from playwright.sync_api import expect

from hub.factories import DEFAULT_PASSWORD


def site_sign_in(page, email, next_url, password=DEFAULT_PASSWORD):
    page.goto(f"/accounts/login/?next={quote(next_url)}")
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password", exact=True).fill(password)
    page.locator("main").get_by_role("button", name="Sign in").click()
    expect(page).to_have_url(re.compile(re.escape(next_url) + "$"))


def admin_sign_in(page, email, password=DEFAULT_PASSWORD):
    page.goto("/admin/login/")
    page.get_by_label(re.compile("Email|Username")).fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    expect(page).to_have_url(re.compile(r"/admin/$"))
