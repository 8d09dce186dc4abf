"""Page-number pagination whose parameters are validated like filters.

DRF's own reads ``page_size=null`` (or 0, or -3) as "the default" and ``page=last`` as the
last page, neither of which the schema says. Here both parameters are whole numbers of 1
or more, anything else is a 400 with the reason, and an empty value means the default.
``page_size`` above 100 is read as 100, as the schema says.
"""

import re
from functools import partial

from rest_framework.exceptions import ValidationError
from rest_framework.pagination import PageNumberPagination

from hub.pagination import CountedPaginator

_WHOLE_NUMBER = re.compile(r"[0-9]+")


def _whole_number(request, name: str) -> int | None:
    """The parameter as a number of 1 or more; None when it is absent or empty."""
    raw = request.query_params.get(name, "")
    if raw == "":
        return None
    if not _WHOLE_NUMBER.fullmatch(raw) or int(raw) < 1:
        raise ValidationError({name: ["Give a whole number, 1 or more."]})
    return int(raw)


class HubPagination(PageNumberPagination):
    page_size_query_param = "page_size"
    max_page_size = 100
    last_page_strings = ()

    def get_page_size(self, request):
        size = _whole_number(request, self.page_size_query_param)
        return self.page_size if size is None else min(size, self.max_page_size)

    def get_page_number(self, request, paginator):
        return _whole_number(request, self.page_query_param) or 1

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            parameter["schema"]["minimum"] = 1
            if parameter["name"] == self.page_size_query_param:
                parameter["description"] = (
                    f"Results per page ({self.page_size} unless given; more than "
                    f"{self.max_page_size} is read as {self.max_page_size})."
                )
        return parameters

    def paginate_counted(self, queryset, request, view=None, *, count: int):
        """``paginate_queryset`` for results already counted: no ``SELECT COUNT(*)``."""
        self.django_paginator_class = partial(CountedPaginator, count=count)
        try:
            return self.paginate_queryset(queryset, request, view)
        finally:
            del self.django_paginator_class
