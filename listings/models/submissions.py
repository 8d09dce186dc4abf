"""Submissions: a listing proposed by an organisation's member, on its way to moderation.

A submission holds the submitter's answers until they send it; sending turns it into a
draft ``SolutionPage`` revision in Wagtail's moderation workflow. It also keeps where it
came from (form, publiccode.yml, GitHub, API, command line) and any validation problems,
so moderators can see both beside the page.
"""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q

from hub.models import Membership
from hub.models.constraints import valid_choice_constraint


class SubmissionSource(models.TextChoices):
    FORM = "form", "Online form"
    PUBLICCODE_PASTE = "publiccode_paste", "publiccode.yml, pasted"
    PUBLICCODE_UPLOAD = "publiccode_upload", "publiccode.yml, uploaded"
    GITHUB = "github", "publiccode.yml from a GitHub repository"
    API_JSON = "api_json", "API (JSON)"
    API_PUBLICCODE = "api_publiccode", "API (publiccode.yml)"
    COMMAND = "command", "Command line import"
    HARVEST = "harvest", "Harvested from GitHub"


class SubmissionKind(models.TextChoices):
    NEW = "new", "New listing"
    CHANGE = "change", "Change to a published listing"


class SubmissionStatus(models.TextChoices):
    DRAFT = "draft", "Not sent yet"
    IN_MODERATION = "in_moderation", "Waiting for review"
    CHANGES_REQUESTED = "changes_requested", "Changes requested"
    PUBLISHED = "published", "Published"
    LINKED = "linked", "Already listed"
    WITHDRAWN = "withdrawn", "Listing deleted"


class SubmissionQuerySet(models.QuerySet):
    def for_user(self, user):
        """Submissions of the user's organisations (approved memberships), and their own.

        Subqueries, not joins, so each submission is listed once without a DISTINCT.
        """
        organisations = Membership.objects.approved().filter(user=user).values("organisation")
        return self.filter(Q(organisation__in=organisations) | Q(submitted_by=user))

    def open(self):
        return self.filter(status__in=[SubmissionStatus.DRAFT, SubmissionStatus.CHANGES_REQUESTED])


class Submission(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    kind = models.CharField(max_length=10, choices=SubmissionKind.choices, default="new")
    status = models.CharField(
        max_length=20, choices=SubmissionStatus.choices, default=SubmissionStatus.DRAFT
    )
    source = models.CharField(
        max_length=20, choices=SubmissionSource.choices, default=SubmissionSource.FORM
    )
    #: Only a harvested repository may come from no organisation of the hub (a source
    #: not linked to one); every other submission is made for an organisation.
    organisation = models.ForeignKey(
        "hub.Organisation",
        on_delete=models.PROTECT,
        related_name="submissions",
        null=True,
        blank=True,
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="submissions",
    )
    #: The form's answers, keyed by listing field (see listings.submissions.answers).
    answers = models.JSONField(default=dict, blank=True)
    publiccode_text = models.TextField(blank=True, help_text="The publiccode.yml as received")
    problems = models.JSONField(
        default=list, blank=True, help_text="Validation problems: severity, key, line, message"
    )
    errors_overridden_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    page = models.ForeignKey(
        "listings.SolutionPage",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="submissions",
    )
    #: For a change: the page's answers when the proposal started, so sending applies only
    #: what the submitter changed and never undoes edits made since.
    base_answers = models.JSONField(default=dict, blank=True)
    moderator_comment = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)

    objects = SubmissionQuerySet.as_manager()

    class Meta:
        ordering = ["-updated_at"]
        constraints = [
            valid_choice_constraint(
                field="status", choices=SubmissionStatus, name="submission_status_valid"
            ),
            valid_choice_constraint(
                field="kind", choices=SubmissionKind, name="submission_kind_valid"
            ),
            valid_choice_constraint(
                field="source", choices=SubmissionSource, name="submission_source_valid"
            ),
            # Once sent, a submission points at the listing it became or joined, until
            # that listing is deleted (then it is withdrawn).
            models.CheckConstraint(
                name="sent_submission_has_page",
                condition=Q(status__in=["draft", "withdrawn"]) | Q(page__isnull=False),
            ),
            models.CheckConstraint(
                name="submission_has_organisation_unless_harvested",
                condition=Q(organisation__isnull=False) | Q(source="harvest"),
            ),
            models.CheckConstraint(
                name="change_submission_has_page",
                condition=~Q(kind="change") | Q(page__isnull=False) | Q(status="withdrawn"),
            ),
        ]

    def __str__(self) -> str:
        return self.title or "Untitled submission"

    @property
    def title(self) -> str:
        return str(self.answers.get("title") or "")

    @property
    def repository_url(self) -> str:
        """The repository answer, when it is a web address safe to link to."""
        url = self.answers.get("repository_url")
        return url if isinstance(url, str) and url.startswith(("https://", "http://")) else ""

    @property
    def error_count(self) -> int:
        return sum(1 for p in self.problems if p.get("severity") == "error")

    @property
    def warning_count(self) -> int:
        return sum(1 for p in self.problems if p.get("severity") == "warning")

    @property
    def unmatched_used_by(self) -> list[str]:
        return list(self.answers.get("publiccode_metadata", {}).get("usedByUnmatched", []))

    @property
    def visible_page(self):
        """The listing, unless it is another organisation's unpublished draft."""
        page = self.page
        if page is None:
            return None
        if page.live or page.owner_organisation_id == self.organisation_id:
            return page
        return None

    @property
    def is_editable(self) -> bool:
        return self.status in (SubmissionStatus.DRAFT, SubmissionStatus.CHANGES_REQUESTED)
