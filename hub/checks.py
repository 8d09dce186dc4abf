"""System checks for a production configuration that would quietly weaken the hub.

Rate limits (allauth's sign-in and sign-up limits, DRF's API throttles) count in the
default cache. Django's local-memory cache lives inside one process, so with two
gunicorn workers an attacker gets twice the attempts, and with ten, ten times; the
dummy cache counts nothing at all. Production therefore needs a cache every process
shares: Redis (``REDIS_URL``) or Django's database cache.
"""

from django.conf import settings
from django.core.checks import Tags, Warning, register

#: Caches that no two processes share.
PER_PROCESS_CACHES = (
    "django.core.cache.backends.locmem.LocMemCache",
    "django.core.cache.backends.dummy.DummyCache",
)


@register(Tags.caches)
def rate_limit_cache_is_shared(app_configs, **kwargs):
    """Warn when DEBUG is off and the default cache is not shared between processes."""
    backend = settings.CACHES.get("default", {}).get("BACKEND", "")
    if settings.DEBUG or backend not in PER_PROCESS_CACHES:
        return []
    return [
        Warning(
            f"The default cache ({backend.rsplit('.', 1)[-1]}) is not shared between processes,"
            " so each web process keeps its own count of sign-in attempts and API requests"
            " and the rate limits multiply with the number of processes.",
            hint="Set REDIS_URL (or configure Django's database cache) in production.",
            id="hub.W001",
        )
    ]
