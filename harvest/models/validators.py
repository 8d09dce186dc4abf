"""Response validators (ETag, Last-Modified) kept in the database, so that every run, in
whatever process, sends ``If-None-Match`` and an unchanged answer costs no rate limit."""

import hashlib

from django.db import models


def url_key(url: str) -> str:
    return hashlib.sha256(url.encode()).hexdigest()


class ResponseValidator(models.Model):
    url_hash = models.CharField(max_length=64, unique=True, editable=False)
    url = models.TextField()
    etag = models.CharField(max_length=255, blank=True)
    last_modified = models.CharField(max_length=64, blank=True)
    #: For a page of a repository list: the repositories on it and the next page, so a
    #: 304 (which has no body) still says what the page holds.
    summary = models.JSONField(default=dict, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return self.url

    def save(self, *args, **kwargs):
        self.url_hash = url_key(self.url)
        super().save(*args, **kwargs)
