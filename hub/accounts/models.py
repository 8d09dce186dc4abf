import secrets

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models import Q

#: Generated usernames look like ``user-3f9a0c1d2e4b5a6c``: unique without a query.
USERNAME_PREFIX = "user-"


def username_generate() -> str:
    """A fresh username for a person who never chose one (64 random bits)."""
    return f"{USERNAME_PREFIX}{secrets.token_hex(8)}"


class User(AbstractUser):
    """A person who signs in by email. The username is kept only for Django's admin.

    People sign up with an email address alone (allauth fills in no username), yet
    ``AbstractUser.username`` is unique: a blank one would let only one person ever sign
    up. So a user saved without a username gets a generated one, and the database
    refuses an empty username however the row is written.
    """

    email = models.EmailField("email address", unique=True)
    full_name = models.CharField(max_length=200, blank=True)

    class Meta(AbstractUser.Meta):
        constraints = [
            models.CheckConstraint(
                condition=~Q(username=""), name="accounts_user_username_not_empty"
            ),
        ]

    def __str__(self) -> str:
        return self.full_name or self.email or self.username

    def get_full_name(self) -> str:
        """What Wagtail shows for the person: never the generated username."""
        return self.full_name or super().get_full_name() or self.email

    def save(self, *args, **kwargs):
        if not self.username:
            self.username = username_generate()
            update_fields = kwargs.get("update_fields")
            if update_fields is not None:
                kwargs["update_fields"] = {*update_fields, "username"}
        super().save(*args, **kwargs)

    @property
    def is_moderator(self) -> bool:
        if self.is_superuser:
            return True
        return self.groups.filter(name=settings.WAGTAIL_MODERATORS_GROUP).exists()
