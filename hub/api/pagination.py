from functools import partial

from rest_framework.pagination import PageNumberPagination

from hub.pagination import CountedPaginator


class HubPagination(PageNumberPagination):
    page_size_query_param = "page_size"
    max_page_size = 100

    def paginate_counted(self, queryset, request, view=None, *, count: int):
        """``paginate_queryset`` for results already counted: no ``SELECT COUNT(*)``."""
        self.django_paginator_class = partial(CountedPaginator, count=count)
        try:
            return self.paginate_queryset(queryset, request, view)
        finally:
            del self.django_paginator_class
