from django.apps import AppConfig


class ListingsConfig(AppConfig):
    name = "listings"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from listings import signals  # noqa: F401 - connects the figure refresh
        from listings.follows import receivers as follow_receivers  # noqa: F401 - followers' news
        from listings.search import receivers  # noqa: F401 - keeps the index and caches current
        from listings.submissions import moderation

        moderation.connect()
