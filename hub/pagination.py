"""Pagination shared by the site's pages and the API."""

from django.core.paginator import Paginator


class CountedPaginator(Paginator):
    """A Django paginator told the number of results, so it never runs a COUNT of its own.

    For a search whose total is already known (the catalogue's facets query counts it).
    """

    def __init__(self, object_list, per_page, *args, count: int, **kwargs):
        super().__init__(object_list, per_page, *args, **kwargs)
        self._known_count = count

    @property
    def count(self) -> int:
        return self._known_count
