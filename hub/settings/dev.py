"""Development settings, `manage.py`'s default: a fresh clone runs with no variables set.

DEBUG is on, the secret key is a fixed development-only one, static files are served
from source and links are plain HTTP. Never serve the internet with these settings: use
hub.settings.production (the wsgi and asgi default).
"""

from hub.env import env
from hub.settings.base import *  # noqa: F403
from hub.settings.base import static_storages

DEBUG = env.bool("DEBUG", default=True)
SECRET_KEY = env.str("SECRET_KEY", default="django-insecure-development-key-not-for-production-use")
STORAGES = static_storages(manifest=env.bool("STATIC_MANIFEST", default=False))
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "http"
