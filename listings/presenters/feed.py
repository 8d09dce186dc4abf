"""What /solutions/feed/ says: an Atom document of newly published solutions and case
studies (``SolutionIndexPage.feed`` writes it into the response).

Django's ``Feed`` class is the definition of the document; only its ``get_feed`` is used
here, never its view. Links are built by ``hub.links`` from the request, like every
other absolute link; one instance serves one request, so no state is shared between
threads.
"""

import html

from django.contrib.syndication.views import Feed
from django.db.models import F
from django.utils.feedgenerator import Atom1Feed, SyndicationFeed
from django.utils.html import escape, strip_tags
from django.utils.text import Truncator

from wagtail.models import Page

from hub.links import absolute_url, page_absolute_url
from listings.models.case_studies import CaseStudyPage
from listings.models.solutions import SolutionPage

FEED_LIMIT = 50


class CatalogueFeed(Feed):
    feed_type = Atom1Feed
    title = "New solutions and case studies on the Council Solutions Hub"
    subtitle = "Data tools UK councils use, and the stories of how they used them."

    def __init__(self, *, request, index_page):
        super().__init__()
        self.request = request
        self.index_page = index_page

    def link(self):
        return page_absolute_url(self.index_page, request=self.request)

    def feed_url(self):
        path = self.index_page.get_url(self.request) + self.index_page.reverse_subpage("feed")
        return absolute_url(path, request=self.request)

    def items(self):
        return (
            Page.objects.live()
            .public()
            .type(SolutionPage, CaseStudyPage)
            .filter(first_published_at__isnull=False)
            .order_by(F("first_published_at").desc(), "-pk")
            .specific()[:FEED_LIMIT]
        )

    def item_title(self, item):
        kind = "Case study" if isinstance(item, CaseStudyPage) else "Solution"
        return f"{kind}: {item.title}"

    def item_description(self, item):
        # Atom carries descriptions as HTML, so plain text is escaped: a summary that
        # arrived from a submission or the harvester must not become markup in a reader.
        if isinstance(item, SolutionPage):
            return escape(item.summary)
        return escape(Truncator(html.unescape(strip_tags(item.problem))).words(60))

    def item_link(self, item):
        return page_absolute_url(item, request=self.request)

    def item_pubdate(self, item):
        return item.first_published_at

    def item_updateddate(self, item):
        return item.last_published_at or item.first_published_at

    def item_categories(self, item):
        return ["Case study" if isinstance(item, CaseStudyPage) else "Solution"]


def catalogue_feed(request, *, index_page) -> SyndicationFeed:
    """The feed as a document; the route writes it with its ``Last-Modified``."""
    return CatalogueFeed(request=request, index_page=index_page).get_feed(None, request)
