"""Harvest sources: where the harvester looks for repositories, and its rules for new ones."""

from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower

from hub.models.constraints import valid_choice_constraint


class SourceKind(models.TextChoices):
    ORGANISATION = "organisation", "GitHub organisation"
    SEARCH = "search", "Search query"
    TOPIC = "topic", "Topic"
    REPOSITORY = "repository", "Single repository"


class PublisherKind(models.TextChoices):
    """Who publishes at the source. Only a council's repositories are listed without a
    publiccode.yml (see ``harvest.changes.skip_reason``)."""

    COUNCIL = "council", "Council"
    PUBLIC_BODY = "public_body", "Other public body"
    VENDOR = "vendor", "Vendor"
    CIVIC_TECH = "civic_tech", "Civic tech"
    OTHER = "other", "Other"


def _words(text: str) -> list[str]:
    return [word.strip().lower() for word in (text or "").replace(",", " ").split() if word]


class HarvestSource(models.Model):
    kind = models.CharField(max_length=20, choices=SourceKind.choices)
    value = models.CharField(
        max_length=255,
        help_text="The organisation's login, the search query, the topic, or owner/name",
    )
    name = models.CharField(max_length=200, blank=True, help_text="Shown in lists; optional")
    enabled = models.BooleanField(default=True)
    api_url = models.URLField(
        "GitHub Enterprise address",
        blank=True,
        help_text="The root of a GitHub Enterprise server. Leave blank for the hub's "
        "GITHUB_API_URL (normally github.com).",
    )
    organisation = models.ForeignKey(
        "hub.Organisation",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="harvest_sources",
        help_text="The hub organisation that publishes here: its repositories page lists "
        "them, and it owns the listings drafted from them",
    )
    publisher_kind = models.CharField(
        max_length=20, choices=PublisherKind.choices, default=PublisherKind.OTHER
    )
    skip_forks = models.BooleanField(default=True)
    skip_empty = models.BooleanField("skip empty repositories", default=True)
    skip_templates = models.BooleanField("skip template repositories", default=True)
    skip_archived = models.BooleanField(
        "skip archived repositories",
        default=True,
        help_text="Not listed when first seen archived (a listed one that is archived later "
        "stays, flagged)",
    )
    require_topics = models.CharField(
        max_length=500, blank=True, help_text="List only repositories with one of these topics"
    )
    exclude_topics = models.CharField(
        max_length=500, blank=True, help_text="Never list repositories with any of these topics"
    )
    min_stars = models.PositiveIntegerField("minimum stars", default=0)
    note = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["kind", "value"]
        constraints = [
            valid_choice_constraint(field="kind", choices=SourceKind, name="source_kind_valid"),
            valid_choice_constraint(
                field="publisher_kind", choices=PublisherKind, name="source_publisher_kind_valid"
            ),
            models.CheckConstraint(name="source_value_not_empty", condition=~Q(value="")),
            models.CheckConstraint(
                name="source_repository_is_owner_slash_name",
                condition=~Q(kind="repository")
                | (Q(value__contains="/") & ~Q(value__startswith="/") & ~Q(value__endswith="/")),
            ),
            models.UniqueConstraint(
                "kind", Lower("value"), "api_url", name="source_unique_per_server"
            ),
        ]

    def __str__(self) -> str:
        return self.name or f"{self.get_kind_display()}: {self.value}"

    @property
    def is_council(self) -> bool:
        return self.publisher_kind == PublisherKind.COUNCIL

    @property
    def required_topics(self) -> list[str]:
        return _words(self.require_topics)

    @property
    def excluded_topics(self) -> list[str]:
        return _words(self.exclude_topics)
