"""/solutions/feed/: an Atom feed of newly published solutions and case studies."""

import html

from django.contrib.syndication.views import Feed
from django.db.models import F
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape, strip_tags
from django.utils.text import Truncator

from wagtail.models import Page

from listings.models import CaseStudyPage, SolutionPage

FEED_LIMIT = 50


class CatalogueFeed(Feed):
    feed_type = Atom1Feed
    title = "New solutions and case studies on the Council Solutions Hub"
    subtitle = "Data tools UK councils use, and the stories of how they used them."
    link = "/solutions/"
    feed_url = "/solutions/feed/"

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
        return item.url

    def item_pubdate(self, item):
        return item.first_published_at

    def item_updateddate(self, item):
        return item.last_published_at or item.first_published_at

    def item_categories(self, item):
        return ["Case study" if isinstance(item, CaseStudyPage) else "Solution"]
