"""Idempotency keys: each API write a client sent with an ``Idempotency-Key`` header.

A row is inserted in the same transaction as the write it guards, and holds the answer
the write gave. So a retry with the same key finds the row and gets that answer back
instead of doing the write again; a second identical request sent while the first is
still running waits on the row's unique index until the first commits (or rolls back,
in which case it does the work itself). A row exists only for a write that finished.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q

#: The longest key a client may send (Stripe's limit too).
IDEMPOTENCY_KEY_MAX_LENGTH = 255


class IdempotencyKey(models.Model):
    """One client key, the request it named (as a fingerprint) and the answer it got."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="idempotency_keys"
    )
    key = models.CharField(max_length=IDEMPOTENCY_KEY_MAX_LENGTH)
    method = models.CharField(max_length=10)
    path = models.CharField(max_length=2000)
    fingerprint = models.CharField(
        max_length=64, help_text="SHA-256 of the method, path and parsed body"
    )
    status_code = models.PositiveSmallIntegerField(null=True)
    response_body = models.JSONField(null=True, blank=True)
    location = models.CharField(max_length=2000, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        constraints = [
            # Keys are the client's, so they are unique per user, not across users.
            models.UniqueConstraint(fields=["user", "key"], name="one_idempotency_key_per_user"),
            # Server errors are never remembered: the retry must be allowed to run again.
            models.CheckConstraint(
                name="idempotency_key_remembers_no_server_error",
                condition=Q(status_code__isnull=True)
                | Q(status_code__gte=200, status_code__lt=500),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.method} {self.path} [{self.key}]"
