from collections.abc import Iterable

from django_filters.rest_framework import DjangoFilterBackend
from rest_framework.exceptions import ValidationError

#: Query parameters every list accepts besides its filters.
COMMON_PARAMETERS = frozenset({"page", "page_size", "format"})


def reject_unknown_parameters(request, allowed: Iterable[str]) -> None:
    """Raise a 400 naming every query parameter not in ``allowed`` (and listing those).

    The one check for every endpoint, so a misspelt parameter is answered the same way
    whether the view filters through the backend below, a selector, or takes no filters.
    """
    allowed = set(allowed)
    unknown = sorted(set(request.query_params) - allowed)
    if unknown:
        raise ValidationError(
            {
                "detail": f"Unknown query parameter(s): {', '.join(unknown)}.",
                "allowed": sorted(allowed),
            }
        )


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
            reject_unknown_parameters(request, list_parameters(filterset_class, view))
        return super().filter_queryset(request, queryset, view)
