"""Cached catalogue pages and counts are never stale after a change.

The page cache is off in the test settings (views are tested as they render); these
tests turn it on, read a page, change the catalogue through its real entry points
(publishing a revision, unpublishing, recording an adoption through the service) and
read the page back.
"""

import re
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

from django.test import override_settings

import pytest

from hub.factories import CouncilFactory, UserFactory
from listings.factories import AdoptionFactory, SolutionPageFactory
from listings.search.caching import cached_by_version
from listings.selectors.search import solution_search

pytestmark = pytest.mark.django_db

URL = "/solutions/"
page_cache = override_settings(CATALOGUE_PAGE_CACHE_SECONDS=600)


def total(html: str) -> int:
    return int(re.search(r'role="status"><strong>([\d,]+)</strong>', html)[1].replace(",", ""))


@page_cache
def test_anonymous_pages_are_served_from_the_cache_with_shared_cache_headers(client):
    SolutionPageFactory(title="Fraud finder")

    first = client.get(URL)
    second = client.get(URL)

    assert first["X-Cache"] == "miss"
    assert second["X-Cache"] == "hit"
    assert second.content == first.content
    assert second["Cache-Control"] == "public, max-age=0, s-maxage=300"
    assert "Cookie" in second["Vary"]
    assert not second.cookies


@page_cache
def test_pages_with_a_query_string_must_be_revalidated_by_shared_caches(client):
    SolutionPageFactory(title="Fraud finder")

    first = client.get(URL, {"q": "fraud"})
    again = client.get(URL, {"q": "fraud"}, HTTP_IF_NONE_MATCH=first["ETag"])

    assert first["Cache-Control"] == "public, no-cache"
    assert again.status_code == 304


@page_cache
def test_signed_in_visitors_never_get_the_shared_copy(client):
    SolutionPageFactory(title="Fraud finder")
    client.get(URL)
    client.force_login(UserFactory())

    response = client.get(URL)

    assert "X-Cache" not in response


@page_cache
def test_a_published_change_is_shown_at_once(client):
    page = SolutionPageFactory(title="Fraud finder", summary="Old words.")
    client.get(f"{page.url}")
    client.get(URL)

    page.summary = "New words after a publish."
    page.save_revision().publish()

    assert "New words after a publish." in client.get(URL).content.decode()
    assert "New words after a publish." in client.get(page.url).content.decode()


@page_cache
def test_an_unpublished_solution_disappears_at_once(client):
    keep = SolutionPageFactory(title="Keeper")
    drop = SolutionPageFactory(title="Dropped tool")
    assert total(client.get(URL).content.decode()) == 2

    drop.unpublish()

    html = client.get(URL).content.decode()
    assert total(html) == 1
    assert "Dropped tool" not in html
    assert keep.title in html
    assert client.get(drop.url if drop.url else "/solutions/dropped-tool/").status_code == 404


@page_cache
def test_a_new_adoption_shows_on_the_list_and_the_page_at_once(client):
    page = SolutionPageFactory(title="Fraud finder")
    council = CouncilFactory(name="Testshire", region="North West")
    before_list = client.get(URL).content.decode()
    before_page = client.get(page.url).content.decode()
    assert "Testshire" not in before_page
    assert re.search(r"Councils using it</dt>\s*<dd>0</dd>", before_list)

    AdoptionFactory(solution=page, council=council)

    assert re.search(r"Councils using it</dt>\s*<dd>1</dd>", client.get(URL).content.decode())
    assert "Testshire" in client.get(page.url).content.decode()
    assert "North West" in client.get(URL).content.decode()  # the region facet


def test_unfiltered_facet_counts_are_recounted_after_every_change():
    calls = []

    def count():
        calls.append(1)
        return len(calls)

    assert cached_by_version("test-counts", count) == 1
    assert cached_by_version("test-counts", count) == 1  # kept
    SolutionPageFactory(title="New tool")  # a publish
    assert cached_by_version("test-counts", count) == 2


def test_unfiltered_facet_counts_change_with_an_adoption(client):

    page = SolutionPageFactory(title="Fraud finder")
    empty = {o.value: o.count for o in solution_search({}).facets["nation"]}
    AdoptionFactory(solution=page, council=CouncilFactory(nation="Wales"))
    after = {o.value: o.count for o in solution_search({}).facets["nation"]}

    assert empty["Wales"] == 0
    assert after["Wales"] == 1


class _PurgeRecorder(BaseHTTPRequestHandler):
    """A stand-in for Varnish on loopback: records the PURGE requests it receives."""

    received: list[str] = []

    def do_PURGE(self):
        self.received.append(self.path)
        self.send_response(200)
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def purge_server():
    _PurgeRecorder.received = []
    server = HTTPServer(("127.0.0.1", 0), _PurgeRecorder)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}", _PurgeRecorder.received
    server.shutdown()


def test_publishing_purges_the_page_and_the_lists_from_the_frontend_cache(
    purge_server, django_capture_on_commit_callbacks
):
    location, received = purge_server
    page = SolutionPageFactory(title="Fraud finder", slug="fraud-finder")
    frontend = {
        "default": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": location,
        }
    }
    with (
        override_settings(WAGTAILFRONTENDCACHE=frontend),
        django_capture_on_commit_callbacks(execute=True),
    ):
        page.save_revision().publish()

    assert "/solutions/fraud-finder/" in received
    assert "/solutions/" in received
    assert "/case-studies/" in received


# The result cards: rendered once per catalogue version and shared by every search that
# shows them (the page cache stays off here, so only the card cache could be stale).


def card_of(html: str, title: str) -> str:
    start = html.index(f">{title}</a></h2>")
    return html[start : html.index("</li>", start)]


def test_a_card_shows_a_published_change_at_once(client):
    page = SolutionPageFactory(title="Fraud finder", summary="Old words.")
    assert "Old words." in card_of(client.get(URL).content.decode(), "Fraud finder")

    page.summary = "New words after a publish."
    page.save_revision().publish()

    card = card_of(client.get(URL).content.decode(), "Fraud finder")
    assert "New words after a publish." in card
    assert "Old words." not in card


def test_a_card_shows_a_new_adoption_at_once(client):
    page = SolutionPageFactory(title="Fraud finder")
    assert re.search(r"Councils using it</dt>\s*<dd>0</dd>", client.get(URL).content.decode())

    AdoptionFactory(solution=page, council=CouncilFactory())

    card = card_of(client.get(URL).content.decode(), "Fraud finder")
    assert re.search(r"Councils using it</dt>\s*<dd>1</dd>", card)


def test_a_card_shows_a_renamed_provider_at_once(client):
    page = SolutionPageFactory(title="Fraud finder", provider=CouncilFactory(name="Oldham"))
    assert "Oldham" in card_of(client.get(URL).content.decode(), "Fraud finder")

    provider = page.provider
    provider.name = "Newham"
    provider.save()

    assert "Newham" in card_of(client.get(URL).content.decode(), "Fraud finder")


def test_each_search_shows_its_own_snippet_on_a_shared_card(client):
    # Words in no synonym group, so each search marks only its own word.
    SolutionPageFactory(
        title="Fraud finder", summary="Reads spreadsheet exports to check postcodes."
    )

    spreadsheet = card_of(client.get(URL, {"q": "spreadsheet"}).content.decode(), "Fraud finder")
    postcodes = card_of(client.get(URL, {"q": "postcodes"}).content.decode(), "Fraud finder")
    browse = card_of(client.get(URL).content.decode(), "Fraud finder")

    assert "<mark>spreadsheet</mark>" in spreadsheet and "<mark>postcodes</mark>" not in spreadsheet
    assert "<mark>postcodes</mark>" in postcodes and "<mark>spreadsheet</mark>" not in postcodes
    assert "hub-search-snippet" not in browse
