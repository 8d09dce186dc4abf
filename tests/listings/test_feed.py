"""/solutions/feed/: an Atom feed of newly published solutions and case studies."""

import datetime
import xml.etree.ElementTree as ET

from django.utils import timezone

import pytest

from listings.factories import CaseStudyPageFactory, SolutionPageFactory
from listings.presenters import feed

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"


def published(days_ago: int) -> datetime.datetime:
    return timezone.now() - datetime.timedelta(days=days_ago)


def entries(client) -> list[ET.Element]:
    response = client.get("/solutions/feed/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    return ET.fromstring(response.content).findall(f"{ATOM}entry")  # noqa: S314 - our own feed


def titles(client) -> list[str]:
    return [entry.findtext(f"{ATOM}title") for entry in entries(client)]


def test_feed_lists_solutions_and_case_studies_newest_first(client):
    SolutionPageFactory(title="Oldest tool", first_published_at=published(30))
    CaseStudyPageFactory(title="Middle story", first_published_at=published(10))
    SolutionPageFactory(title="Newest tool", first_published_at=published(1))

    assert titles(client) == [
        "Solution: Newest tool",
        "Case study: Middle story",
        "Solution: Oldest tool",
    ]


def test_feed_excludes_drafts(client):
    SolutionPageFactory(title="Live tool")
    SolutionPageFactory(title="Draft tool", live=False)
    CaseStudyPageFactory(title="Draft story", live=False)

    assert titles(client) == ["Solution: Live tool"]


def test_feed_entries_link_to_the_page_with_its_summary(client):
    solution = SolutionPageFactory(title="Resident index", summary="Finds illegal sublets.")

    (entry,) = entries(client)

    assert entry.find(f"{ATOM}link").get("href") == f"http://testserver{solution.url}"
    assert entry.findtext(f"{ATOM}summary") == "Finds illegal sublets."


def test_feed_is_limited(client, monkeypatch):
    monkeypatch.setattr(feed, "FEED_LIMIT", 2)
    for days in (3, 2, 1):
        SolutionPageFactory(title=f"Tool {days}", first_published_at=published(days))

    assert titles(client) == ["Solution: Tool 1", "Solution: Tool 2"]


def test_feed_escapes_markup_in_summaries(client):
    SolutionPageFactory(summary='<img src=x onerror="alert(1)">')
    body = client.get("/solutions/feed/").content.decode()
    # Escaped twice: once as text in HTML, once for XML. Decoded by a reader, it is text.
    assert "&amp;lt;img" in body
    assert "&lt;img" not in body.replace("&amp;lt;img", "")
