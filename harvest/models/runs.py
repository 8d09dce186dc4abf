"""Harvest runs: what each run did, as counts, requests by status, and errors."""

from django.db import models
from django.db.models import Q

from hub.models.constraints import valid_choice_constraint


class RunStatus(models.TextChoices):
    RUNNING = "running", "Running"
    FINISHED = "finished", "Finished"
    STOPPED_EARLY = "stopped_early", "Stopped at the rate limit"
    FAILED = "failed", "Failed"
    INTERRUPTED = "interrupted", "Interrupted"


#: The counts every run keeps, in the order the summary shows them.
COUNTS = ("seen", "new", "changed", "unchanged", "skipped", "failed")


class HarvestRun(models.Model):
    started_at = models.DateTimeField()
    finished_at = models.DateTimeField(null=True, blank=True)
    status = models.CharField(max_length=20, choices=RunStatus.choices, default="running")
    sources = models.ManyToManyField("harvest.HarvestSource", related_name="runs", blank=True)
    options = models.JSONField(default=dict, blank=True, help_text="How it was started")
    seen = models.PositiveIntegerField(default=0)
    new = models.PositiveIntegerField(default=0)
    changed = models.PositiveIntegerField(default=0)
    unchanged = models.PositiveIntegerField(default=0)
    skipped = models.PositiveIntegerField(default=0)
    failed = models.PositiveIntegerField(default=0)
    #: Responses by HTTP status, e.g. {"200": 12, "304": 40}.
    requests = models.JSONField(default=dict, blank=True)
    rate_limit_remaining = models.IntegerField(null=True, blank=True)
    rate_limit_reset_at = models.DateTimeField(null=True, blank=True)
    stopped_early = models.BooleanField(default=False)
    #: Where a stopped run stopped: the sources still to do, first the one interrupted.
    resume_cursor = models.JSONField(default=dict, blank=True)
    #: [{"repository": "owner/name", "message": "..."}] for every repository that failed.
    errors = models.JSONField(default=list, blank=True)
    error = models.TextField(blank=True, help_text="Why the run as a whole failed")

    class Meta:
        ordering = ["-started_at", "-pk"]
        get_latest_by = "started_at"
        constraints = [
            valid_choice_constraint(field="status", choices=RunStatus, name="run_status_valid"),
            models.CheckConstraint(
                name="run_stopped_early_matches_status",
                condition=Q(stopped_early=False) | Q(status="stopped_early"),
            ),
            models.CheckConstraint(
                name="run_finishes_after_it_starts",
                condition=Q(finished_at__isnull=True) | Q(finished_at__gte=models.F("started_at")),
            ),
        ]

    def __str__(self) -> str:
        return f"Harvest run of {self.started_at:%Y-%m-%d %H:%M}"

    @property
    def request_count(self) -> int:
        return sum(self.requests.values())
