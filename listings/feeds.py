"""/solutions/feed/: an Atom feed of newly published solutions and case studies.

Links are built by ``hub.links`` from the request, like every other absolute link. The
feed is one instance for every request, so each request is served by a copy that knows
its request (never state shared between threads).
"""

import copy
import html

from django.contrib.syndication.views import Feed
from django.db.models import F
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape, strip_tags
from django.utils.text import Truncator

from wagtail.models import Page

from hub.links import absolute_url, page_absolute_url
from listings.models import CaseStudyPage, SolutionPage

FEED_LIMIT = 50


class CatalogueFeed(Feed):
    feed_type = Atom1Feed
    title = "New solutions and case studies on the Council Solutions Hub"
    subtitle = "Data tools UK councils use, and the stories of how they used them."
    request = None

    def __call__(self, request, *args, **kwargs):
        feed = copy.copy(self)
        feed.request = request
        return Feed.__call__(feed, request, *args, **kwargs)

    def link(self):
        return absolute_url("/solutions/", request=self.request)

    def feed_url(self):
        return absolute_url("/solutions/feed/", request=self.request)

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
