"""The catalogue's two index pages: /solutions/ (routable: the list, compare and the feed)
and /case-studies/.

They sit at the top of ``listings.models``: their routes call presenters (imported here,
once, at module level), and those presenters and the selectors under them import the
model modules below (``solutions``, ``case_studies``, ``records``), never this one.
"""

from django.http import HttpResponse
from django.shortcuts import render
from django.utils.http import http_date

from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Page

from listings.presenters.compare import solution_comparison
from listings.presenters.feed import catalogue_feed
from listings.presenters.solution_index import solution_index_context
from listings.search.case_studies import case_study_context


class SolutionIndexPage(RoutablePageMixin, Page):
    """/solutions/: search, facets, sorting and pagination over live solutions, and its
    routes ``compare/`` and ``feed/`` (``SolutionPage.clean`` keeps children off them)."""

    intro = RichTextField(blank=True, features=["bold", "italic", "link"])

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["hub.HomePage"]
    subpage_types = ["listings.SolutionPage"]
    max_count = 1
    template = "listings/solution_index_page.html"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(solution_index_context(request, index_page=self))
        return context

    @path("", name="index")
    def solution_list(self, request):
        """The list; a value longer than its filter allows is a 400 that gives its reason."""
        request.is_preview = getattr(request, "is_preview", False)
        response = self.render(request)
        if response.context_data.get("errors"):
            response.status_code = 400
        return response

    @path("compare/", name="compare")
    def compare(self, request):
        """?s=<slug>&s=<slug>: two to four solutions side by side."""
        comparison = solution_comparison(request.GET)
        context = {**comparison.context, "solution_index_page": self}
        return render(request, "listings/compare.html", context, status=comparison.status)

    @path("feed/", name="feed")
    def feed(self, request):
        """An Atom feed of newly published solutions and case studies."""
        document = catalogue_feed(request, index_page=self)
        response = HttpResponse(content_type=document.content_type)
        # As Django's Feed view does, so ConditionalGetMiddleware can answer 304.
        response.headers["Last-Modified"] = http_date(document.latest_post_date().timestamp())
        document.write(response, "utf-8")
        return response


class CaseStudyIndexPage(Page):
    intro = RichTextField(blank=True, features=["bold", "italic", "link"])

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["hub.HomePage"]
    subpage_types = ["listings.CaseStudyPage"]
    max_count = 1
    template = "listings/case_study_index_page.html"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(case_study_context(request.GET, index_page=self))
        return context

    def serve(self, request, *args, **kwargs):
        response = super().serve(request, *args, **kwargs)
        if response.context_data.get("errors"):
            response.status_code = 400  # a search longer than allowed, shown with its reason
        return response
