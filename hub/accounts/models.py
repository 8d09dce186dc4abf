from django.contrib.auth.models import AbstractUser
from django.db import models


class User(AbstractUser):
    """A person who signs in by email. The username is kept only for Django's admin."""

    email = models.EmailField("email address", unique=True)
    full_name = models.CharField(max_length=200, blank=True)

    def __str__(self) -> str:
        return self.full_name or self.email or self.username

    @property
    def is_moderator(self) -> bool:
        from django.conf import settings

        if self.is_superuser:
            return True
        return self.groups.filter(name=settings.WAGTAIL_MODERATORS_GROUP).exists()
