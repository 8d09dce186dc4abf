"""Keeping the search index current: one page at a time on publish, or all at once.

Only live pages are indexed; a page that stops being live leaves the index. Both are
called by ``listings.search.receivers`` (Wagtail's publish, unpublish and delete, and
saves of live pages) and by ``manage.py search_index --rebuild``.
"""

from collections.abc import Callable, Iterable

from listings.models import CaseStudyPage, SolutionPage
from listings.search import get_backend
from listings.search.documents import page_text
from listings.search.facets import adopter_facets_rebuild

BATCH_SIZE = 500


def index_page(page) -> None:
    """Index ``page`` if it is live, else take it out of the index."""
    backend = get_backend()
    text = page_text(page) if page.live else None
    if text is None:
        backend.remove_pages([page.pk])
    else:
        backend.index_pages([text])


def unindex_pages(page_ids: Iterable[int]) -> None:
    get_backend().remove_pages(list(page_ids))


def live_pages_to_index():
    """Every live solution and case study, with what their text needs, in batches."""
    solutions = (
        SolutionPage.objects.live()
        .select_related("provider")
        .prefetch_related("tags", "service_areas")
        .order_by("pk")
    )
    studies = (
        CaseStudyPage.objects.live()
        .select_related("council")
        .prefetch_related("solutions")
        .order_by("pk")
    )
    return [solutions, studies]


def rebuild(progress: Callable[[int], None] | None = None) -> int:
    """Index every live page again. The backend decides how (the database backends clear
    and refill in one transaction; Elasticsearch fills a new index, then swaps its alias).
    ``progress`` is called with the number of pages done after each batch."""
    backend = get_backend()

    def batches():
        for queryset in live_pages_to_index():
            last = 0
            while batch := list(queryset.filter(pk__gt=last)[:BATCH_SIZE]):
                last = batch[-1].pk
                yield [page_text(page) for page in batch]

    adopter_facets_rebuild()
    done = 0
    for count in backend.rebuild(batches()):
        done += count
        if progress:
            progress(count)
    return done
