from django.apps import AppConfig


class HarvestConfig(AppConfig):
    name = "harvest"
    default_auto_field = "django.db.models.BigAutoField"
