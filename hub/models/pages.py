from django.db import models

from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page

from hub.selectors import headline_figures


class HomePage(Page):
    """The front door: the problem-first search box and the hub's headline figures."""

    heading = models.CharField(max_length=150, default="Find data tools other councils already use")
    intro = RichTextField(
        blank=True,
        features=["bold", "italic", "link"],
        help_text="A sentence or two under the heading.",
    )
    search_prompt = models.CharField(
        max_length=100, default="What problem are you trying to solve?"
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("heading"),
        FieldPanel("intro"),
        FieldPanel("search_prompt"),
    ]

    parent_page_types = ["wagtailcore.Page"]
    max_count = 1
    template = "hub/home_page.html"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["figures"] = headline_figures()
        return context
