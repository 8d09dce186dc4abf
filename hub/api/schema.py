"""drf-spectacular hooks for the hub's public API schema."""

#: Only views mounted here belong in the public schema (Wagtail's admin API does not).
API_PATH_PREFIX = "/api/v1/"


def public_api_endpoints_only(endpoints, **kwargs):
    """Preprocessing hook: keep the hub's /api/v1/ endpoints, drop everything else.

    Without it drf-spectacular walks the whole urlconf, including Wagtail's admin API
    viewsets, which cannot be introspected and flood schema generation with errors.
    """
    return [endpoint for endpoint in endpoints if endpoint[0].startswith(API_PATH_PREFIX)]
