"""Query parameters as every API endpoint checks them, and as the OpenAPI schema states them.

Names first (an unknown one is a 400 that lists the accepted ones), then length (no value
longer than ``MAX_PARAMETER_LENGTH`` reaches a filter, whatever the parameter), then each
filter's own validation (``hub.filters``). The schema says the same: text filters carry
their ``maxLength`` (and a ``pattern`` refusing NUL, as Django's text fields do), and
every optional parameter ``allowEmptyValue`` (empty means no
filter; see ``hub.api.schema``).
"""

from collections.abc import Iterable

from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.contrib.django_filters import DjangoFilterExtension
from rest_framework.exceptions import ValidationError

from hub.filters import TextFilter, too_long_message

#: Query parameters every list accepts besides its filters.
COMMON_PARAMETERS = frozenset({"page", "page_size", "format"})
#: No query-parameter value is longer. Text filters have their own, shorter limits; this
#: one holds for every other parameter (numbers, choices, ``format``), so no value of
#: any length reaches a filter or the database.
MAX_PARAMETER_LENGTH = 1_000
#: Text without NUL characters, as a schema ``pattern``.
NO_NUL_PATTERN = r"^[^\x00]*$"


def validate_query_parameters(request, allowed: Iterable[str]) -> None:
    """Raise a 400 naming every query parameter not in ``allowed`` (and listing those), or
    every value longer than ``MAX_PARAMETER_LENGTH``.

    The one check for every endpoint, so a misspelt parameter is answered the same way
    whether the view filters through the backend below, a selector, or takes no filters.
    """
    allowed = set(allowed)
    params = request.query_params
    unknown = sorted(set(params) - allowed)
    if unknown:
        raise ValidationError(
            {
                "detail": f"Unknown query parameter(s): {', '.join(unknown)}.",
                "allowed": sorted(allowed),
            }
        )
    too_long = {
        name: [too_long_message(name, MAX_PARAMETER_LENGTH)]
        for name in sorted(params)
        if any(len(value) > MAX_PARAMETER_LENGTH for value in params.getlist(name))
    }
    if too_long:
        raise ValidationError(too_long)


def list_parameters(filterset_class, view=None) -> set[str]:
    """The query parameters a list takes: its filters, the common ones and the view's extras."""
    allowed = set(filterset_class.base_filters) | COMMON_PARAMETERS
    return allowed | set(getattr(view, "extra_query_parameters", ()))


class StrictDjangoFilterBackend(DjangoFilterBackend):
    """django-filter, but an unknown query parameter is a 400 rather than silently ignored.

    A client that misspells a filter otherwise gets the unfiltered list and no hint why.
    """

    def filter_queryset(self, request, queryset, view):
        filterset_class = self.get_filterset_class(view, queryset)
        if filterset_class is not None:
            validate_query_parameters(request, list_parameters(filterset_class, view))
        return super().filter_queryset(request, queryset, view)


class StrictFilterSchema(DjangoFilterExtension):
    """drf-spectacular's django-filter introspection, plus each text filter's ``maxLength``.

    Registered by being defined (drf-spectacular collects extension subclasses); it sits
    beside the backend so it exists wherever the backend is used.
    """

    target_class = "hub.api.filters.StrictDjangoFilterBackend"
    priority = 1

    def resolve_filter_field(self, auto_schema, model, filterset_class, field_name, filter_field):
        parameters = super().resolve_filter_field(
            auto_schema, model, filterset_class, field_name, filter_field
        )
        if isinstance(filter_field, TextFilter):
            for parameter in parameters:
                parameter["schema"]["maxLength"] = filter_field.extra["max_length"]
                # Django's text fields refuse NUL characters (no database stores them).
                parameter["schema"].setdefault("pattern", NO_NUL_PATTERN)
        return parameters
