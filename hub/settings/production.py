"""Production settings, the wsgi and asgi default: DEBUG off and every guard on.

SECRET_KEY has no fallback, HTTPS is enforced (redirect, HSTS, secure cookies) and
`manage.py check --deploy` passes with no warnings. Run management commands on a server
with DJANGO_SETTINGS_MODULE=hub.settings.production.
"""

from django.core.exceptions import ImproperlyConfigured

from hub.env import env
from hub.settings.base import *  # noqa: F403
from hub.settings.base import static_storages

DEBUG = False
SECRET_KEY = env.str("SECRET_KEY", default="")
if not SECRET_KEY:
    raise ImproperlyConfigured("Set SECRET_KEY: production settings have no fallback key.")
STORAGES = static_storages(manifest=env.bool("STATIC_MANIFEST", default=True))
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "https"

SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = env.bool("SESSION_COOKIE_SECURE", default=True)
CSRF_COOKIE_SECURE = env.bool("CSRF_COOKIE_SECURE", default=True)
