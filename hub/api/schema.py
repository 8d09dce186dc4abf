"""drf-spectacular hooks for the hub's public API schema."""

#: Only views mounted here belong in the public schema (Wagtail's admin API does not).
API_PATH_PREFIX = "/api/v1/"


def public_api_endpoints_only(endpoints, **kwargs):
    """Preprocessing hook: keep the hub's /api/v1/ endpoints, drop everything else.

    Without it drf-spectacular walks the whole urlconf, including Wagtail's admin API
    viewsets, which cannot be introspected and flood schema generation with errors.
    """
    return [endpoint for endpoint in endpoints if endpoint[0].startswith(API_PATH_PREFIX)]


def empty_query_values_allowed(result, generator, request, public):
    """Postprocessing hook: every optional query parameter may be sent empty, none as null.

    An empty value means "no filter" (or the default page) everywhere in the API, as
    forms send a blank option; ``allowEmptyValue`` is how OpenAPI says so, and schema-driven
    clients and fuzzers read it. A query string has no null (``min_evidence`` inherits
    ``nullable`` from its model field): ``min_evidence=null`` is refused like any bad value.
    """
    for operations in result.get("paths", {}).values():
        for operation in operations.values():
            for parameter in operation.get("parameters", []):
                if parameter["in"] == "query" and not parameter.get("required"):
                    parameter["allowEmptyValue"] = True
                    parameter["schema"].pop("nullable", None)
    return result
