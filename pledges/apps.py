from django.apps import AppConfig


class PledgesConfig(AppConfig):
    name = "pledges"
    verbose_name = "Co-funding"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from pledges import receivers  # noqa: PLC0415, F401 - AppConfig.ready: apps loaded
