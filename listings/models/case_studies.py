"""A case study: one council's story of using one or more solutions."""

from django.db import models

from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from listings.blocks import RICH_TEXT_FEATURES
from listings.sanitise import sanitise_rich_text


class CaseStudyPage(Page):
    """One council's story of using one or more solutions, with figures and lessons."""

    council = models.ForeignKey(
        "hub.Organisation",
        on_delete=models.PROTECT,
        related_name="case_studies",
        limit_choices_to={"kind": "council"},
    )
    solutions = ParentalManyToManyField(
        "listings.SolutionPage", related_name="case_studies", blank=True
    )
    date = models.DateField("date of the case study")
    problem = RichTextField(features=RICH_TEXT_FEATURES)
    approach = RichTextField(features=RICH_TEXT_FEATURES)
    outcomes = RichTextField(features=RICH_TEXT_FEATURES)
    figures = RichTextField(
        features=RICH_TEXT_FEATURES, blank=True, help_text="Key numbers, with their sources"
    )
    lessons = RichTextField("lessons learned", features=RICH_TEXT_FEATURES, blank=True)

    search_fields = [
        *Page.search_fields,
        index.SearchField("problem"),
        index.SearchField("approach"),
        index.SearchField("outcomes"),
        index.SearchField("lessons"),
        index.RelatedFields("council", [index.SearchField("name")]),
    ]
    content_panels = [
        *Page.content_panels,
        FieldPanel("council"),
        FieldPanel("solutions"),
        FieldPanel("date"),
        FieldPanel("problem"),
        FieldPanel("approach"),
        FieldPanel("outcomes"),
        FieldPanel("figures"),
        FieldPanel("lessons"),
    ]
    parent_page_types = ["listings.CaseStudyIndexPage"]
    subpage_types: list[str] = []
    template = "listings/case_study_page.html"

    RICH_TEXT_FIELDS = ("problem", "approach", "outcomes", "figures", "lessons")

    def _sanitise(self):
        for field in self.RICH_TEXT_FIELDS:
            setattr(self, field, sanitise_rich_text(getattr(self, field)))

    def full_clean(self, *args, **kwargs):
        self._sanitise()
        return super().full_clean(*args, **kwargs)

    def save(self, *args, **kwargs):
        self._sanitise()
        return super().save(*args, **kwargs)
