from django.apps import AppConfig


class PledgesConfig(AppConfig):
    name = "pledges"
    default_auto_field = "django.db.models.BigAutoField"
