from django.apps import AppConfig


class ListingsConfig(AppConfig):
    name = "listings"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from listings import (
            follows,  # noqa: F401 - records followers' updates on new adoptions and evidence
            signals,  # noqa: F401 - connects the figure refresh
        )
        from listings.search import receivers  # noqa: F401 - keeps the index and caches current
        from listings.submissions import moderation

        moderation.connect()
