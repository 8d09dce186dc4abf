from django.apps import AppConfig

from hub import checks  # noqa: F401 - registers the hub's system checks
from hub.csp import nonce_wagtail_choosers


class HubConfig(AppConfig):
    name = "hub"
    verbose_name = "Hub"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        nonce_wagtail_choosers()
