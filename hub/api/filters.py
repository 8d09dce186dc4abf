from django_filters.rest_framework import DjangoFilterBackend
from rest_framework.exceptions import ValidationError

#: Query parameters every list accepts besides its filters.
COMMON_PARAMETERS = {"page", "page_size", "format"}


class StrictDjangoFilterBackend(DjangoFilterBackend):
    """django-filter, but an unknown query parameter is a 400 rather than silently ignored.

    A client that misspells a filter otherwise gets the unfiltered list and no hint why.
    """

    def filter_queryset(self, request, queryset, view):
        filterset_class = self.get_filterset_class(view, queryset)
        if filterset_class is not None:
            self.reject_unknown_parameters(request, filterset_class, view)
        return super().filter_queryset(request, queryset, view)

    @staticmethod
    def reject_unknown_parameters(request, filterset_class, view) -> None:
        """Raise a 400 naming any query parameter that is neither a filter nor a common one.

        Views that filter through a selector rather than this backend call it directly, so
        every list answers a misspelt parameter the same way.
        """
        allowed = set(filterset_class.base_filters) | COMMON_PARAMETERS
        allowed |= set(getattr(view, "extra_query_parameters", ()))
        unknown = sorted(set(request.query_params) - allowed)
        if unknown:
            raise ValidationError(
                {
                    "detail": f"Unknown filter parameter(s): {', '.join(unknown)}.",
                    "allowed": sorted(allowed),
                }
            )
