"""OpenAPI pieces the API's endpoints share, written once."""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse

from hub.api.errors import ErrorSerializer

#: A slug's own characters (SlugField), for ``lookup_value_regex``: the router's default,
#: ``[^/.]+``, let the schema promise that any string routes to a detail view, and one that
#: doesn't match falls through to the website.
SLUG_PATTERN = r"[-a-zA-Z0-9_]+"

#: A list's 400: see ``hub.api.filters.validate_query_parameters``.
BAD_PARAMETERS = OpenApiResponse(
    OpenApiTypes.OBJECT,
    description=(
        "An unknown query parameter (`detail` names it, `allowed` lists the accepted ones) "
        "or an invalid filter value (keyed by parameter)."
    ),
)

#: A list's 404: ``page`` is past the last page.
PAST_THE_END = OpenApiResponse(ErrorSerializer, description="The page is past the end.")
