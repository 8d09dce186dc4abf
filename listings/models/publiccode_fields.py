"""Listing fields that come from the publiccode.yml standard.

Kept as a mixin so the page model stays readable: these are the keys a publiccode.yml
import fills and an export writes back, so import -> export -> import keeps a listing.
"""

from django.db import models

from wagtail.admin.panels import FieldPanel, MultiFieldPanel

from listings.models.choices import MAINTENANCE_TYPE_CHOICES, SOFTWARE_TYPE_CHOICES

LONG_DESCRIPTION_MIN = 150
LONG_DESCRIPTION_MAX = 10_000

#: The listing facts the standard has no key for travel as one JSON object on a comment
#: line of the file (docs/publiccode.md): every publiccode.yml parser ignores comments, so
#: the export stays valid for the official parser, which refuses every key it does not know.
HUB_FACTS = "council-solutions-hub"
HUB_FACTS_PREFIX = f"# {HUB_FACTS}: "
#: The top-level section earlier exports carried the same facts in; still read on import.
HUB_EXTENSION = "x-council-solutions-hub"
#: The facts' keys (camelCase, as the standard's).
HUB_EXTENSION_KEYS = (
    "listingURL",
    "solutionType",
    "costModel",
    "hosting",
    "priceMinGBP",
    "priceMaxGBP",
    "serviceAreas",
    "processesPersonalData",
    "dpiaTemplateAvailable",
)


class PubliccodeFields(models.Model):
    long_description = models.TextField(
        blank=True,
        help_text="Markdown, 150 to 10,000 characters (publiccode.yml's longDescription). "
        "Rendered sanitised.",
    )
    features = models.JSONField(default=list, blank=True, help_text="A list of short phrases")
    software_type = models.CharField(max_length=30, choices=SOFTWARE_TYPE_CHOICES, blank=True)
    platforms = models.JSONField(default=list, blank=True, help_text="e.g. web, linux, windows")
    categories = models.JSONField(
        default=list, blank=True, help_text="publiccode.yml categories, e.g. data-analytics"
    )
    maintenance_type = models.CharField(max_length=20, choices=MAINTENANCE_TYPE_CHOICES, blank=True)
    #: Everything else publiccode.yml says (screenshots, maintenance contractors and
    #: contacts, organisation, fundedBy, dependsOn, localisation, the `it` extension,
    #: descriptions in other languages, usedBy names matching no council), kept as written.
    publiccode_metadata = models.JSONField(default=dict, blank=True)

    publiccode_panels = [
        MultiFieldPanel(
            [
                FieldPanel("long_description"),
                FieldPanel("features"),
                FieldPanel("software_type"),
                FieldPanel("platforms"),
                FieldPanel("categories"),
                FieldPanel("maintenance_type"),
                FieldPanel("publiccode_metadata"),
            ],
            heading="publiccode.yml details",
        )
    ]

    class Meta:
        abstract = True
