"""Harvested repositories: every repository the harvester has seen, with an explicit state.

A repository is never silently dropped: when it stops being listed or reachable its
state says why (archived, gone after two 404s a day apart, moved with its old name kept
as an alias, invalid publiccode.yml with the problems, unreachable with the last error),
and when it is not listed ``skip_reason`` names the rule that skipped it.
"""

from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower

from hub.models.constraints import valid_choice_constraint
from listings.models.choices import RepositoryState


class SkipReason(models.TextChoices):
    PRIVATE = "private", "It is private"
    FORK = "fork", "It is a fork, and its source skips forks"
    EMPTY = "empty", "It is empty, and its source skips empty repositories"
    TEMPLATE = "template", "It is a template, and its source skips templates"
    ARCHIVED = "archived", "It was archived before it was listed, and its source skips those"
    MISSING_TOPIC = "missing_topic", "It has none of the topics its source requires"
    EXCLUDED_TOPIC = "excluded_topic", "It has a topic its source excludes"
    TOO_FEW_STARS = "too_few_stars", "It has fewer stars than its source requires"
    NO_PUBLICCODE = (
        "no_publiccode",
        "It has no publiccode.yml, and its source is not a council's organisation",
    )


class HarvestedRepository(models.Model):
    source = models.ForeignKey(
        "harvest.HarvestSource", on_delete=models.PROTECT, related_name="repositories"
    )
    #: The API root it was read from (a GitHub Enterprise server or github.com).
    api_url = models.CharField(max_length=255)
    github_id = models.BigIntegerField(null=True, blank=True)
    full_name = models.CharField(max_length=200, help_text="owner/name, as GitHub spells it")
    html_url = models.URLField(max_length=500, blank=True)

    # What GitHub last said about it.
    description = models.TextField(blank=True)
    homepage = models.CharField(max_length=500, blank=True)
    licence = models.CharField(max_length=100, blank=True, help_text="SPDX identifier")
    topics = models.JSONField(default=list, blank=True)
    stars = models.PositiveIntegerField(null=True, blank=True)
    forks = models.PositiveIntegerField(null=True, blank=True)
    open_issues = models.PositiveIntegerField(null=True, blank=True)
    default_branch = models.CharField(max_length=255, blank=True)
    pushed_at = models.DateTimeField(null=True, blank=True)
    archived = models.BooleanField(default=False)
    is_fork = models.BooleanField(default=False)
    is_template = models.BooleanField(default=False)
    is_empty = models.BooleanField(default=False)
    private = models.BooleanField(default=False)
    latest_release = models.CharField(max_length=255, blank=True)
    released_at = models.DateTimeField(null=True, blank=True)
    readme_text = models.TextField(blank=True)
    readme_html = models.TextField(blank=True, help_text="Sanitised")
    readme_excerpt = models.TextField(blank=True)
    publiccode_path = models.CharField(max_length=50, blank=True)
    publiccode_text = models.TextField(blank=True)
    publiccode_problems = models.JSONField(
        default=list, blank=True, help_text="severity, key, line, column, message"
    )

    state = models.CharField(
        max_length=20, choices=RepositoryState.choices, default=RepositoryState.ACTIVE
    )
    skip_reason = models.CharField(max_length=20, choices=SkipReason.choices, blank=True)
    skip_detail = models.CharField(max_length=500, blank=True)
    solution = models.ForeignKey(
        "listings.SolutionPage",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    #: The answers last sent to the listing: what changed since is a descriptive change.
    harvested_answers = models.JSONField(default=dict, blank=True)

    # Change detection (harvest.changes): the list entry's fingerprint as last listed, and
    # the fingerprint whose consequences were fully applied. They differ while work is
    # pending (a stopped run, a failure), so the next run picks it up even after a 304.
    listed_fingerprint = models.CharField(max_length=64, blank=True)
    applied_fingerprint = models.CharField(max_length=64, blank=True)
    details_pushed_at = models.DateTimeField(null=True, blank=True)

    first_seen_at = models.DateTimeField(auto_now_add=True)
    last_seen_at = models.DateTimeField(null=True, blank=True)
    last_checked_at = models.DateTimeField(null=True, blank=True)
    last_changed_at = models.DateTimeField(null=True, blank=True)
    not_found_since = models.DateTimeField(null=True, blank=True)
    not_found_count = models.PositiveIntegerField(default=0)
    moved_at = models.DateTimeField(null=True, blank=True)
    last_error = models.TextField(blank=True)
    last_error_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["full_name"]
        verbose_name_plural = "harvested repositories"
        constraints = [
            valid_choice_constraint(
                field="state", choices=RepositoryState, name="repository_state_valid"
            ),
            valid_choice_constraint(
                field="skip_reason", choices=SkipReason, name="repository_skip_valid", blank=True
            ),
            models.UniqueConstraint(
                "api_url",
                "github_id",
                condition=Q(github_id__isnull=False),
                name="repository_unique_github_id",
            ),
            models.UniqueConstraint(
                "api_url", Lower("full_name"), name="repository_unique_full_name"
            ),
            models.CheckConstraint(
                name="repository_full_name_owner_slash_name",
                condition=Q(full_name__contains="/")
                & ~Q(full_name__startswith="/")
                & ~Q(full_name__endswith="/"),
            ),
            # A listed repository is not skipped, and a gone one has had its 404s.
            models.CheckConstraint(
                name="repository_listed_not_skipped",
                condition=Q(solution__isnull=True) | Q(skip_reason=""),
            ),
            models.CheckConstraint(
                name="repository_gone_after_not_found",
                condition=~Q(state="gone") | Q(not_found_count__gte=2),
            ),
        ]

    def __str__(self) -> str:
        return self.full_name

    @property
    def owner(self) -> str:
        return self.full_name.partition("/")[0]

    @property
    def name(self) -> str:
        return self.full_name.partition("/")[2]

    @property
    def errors(self) -> list[dict]:
        return [p for p in self.publiccode_problems if p.get("severity") == "error"]


class RepositoryAlias(models.Model):
    """An earlier name of a repository that moved (renamed or transferred)."""

    repository = models.ForeignKey(
        HarvestedRepository, on_delete=models.CASCADE, related_name="aliases"
    )
    full_name = models.CharField(max_length=200)
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-recorded_at"]
        verbose_name_plural = "repository aliases"
        constraints = [
            models.UniqueConstraint(
                "repository", Lower("full_name"), name="alias_unique_per_repository"
            )
        ]

    def __str__(self) -> str:
        return self.full_name
