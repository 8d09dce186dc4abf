from django.apps import AppConfig


class AccountsConfig(AppConfig):
    """People: the custom user model lives alone so Wagtail's migrations can depend on it."""

    name = "hub.accounts"
    label = "accounts"
    default_auto_field = "django.db.models.BigAutoField"
