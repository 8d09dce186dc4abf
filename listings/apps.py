from django.apps import AppConfig


class ListingsConfig(AppConfig):
    name = "listings"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from listings import signals  # noqa: F401 - connects the figure refresh
