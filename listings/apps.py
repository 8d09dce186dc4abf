from django.apps import AppConfig


class ListingsConfig(AppConfig):
    name = "listings"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Receivers connect once every app's models are loaded: imports belong here.
        from listings import signals  # noqa: PLC0415, F401 - the figure refresh
        from listings.follows import receivers as follows  # noqa: PLC0415, F401 - followers' news
        from listings.search import receivers  # noqa: PLC0415, F401 - index and caches
        from listings.submissions import moderation  # noqa: PLC0415 - moderation emails

        moderation.connect()
