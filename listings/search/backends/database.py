"""What the two database backends share: the ``SearchDocument`` rows and the vocabulary."""

from collections.abc import Iterable

from django.db import transaction

from listings.search.backends.base import SearchBackend, vocabulary
from listings.search.documents import PageText
from listings.search.models import SearchDocument, SearchWord


class DatabaseBackend(SearchBackend):
    """Keeps ``SearchDocument`` and ``SearchWord``; subclasses add their full-text index."""

    def any_match(self, kind: str, query) -> bool:
        return SearchDocument.objects.filter(page_id__in=self.matching(kind, query)).exists()

    def index_pages(self, texts: list[PageText]) -> None:
        if not texts:
            return
        with transaction.atomic():
            ids = [text.page_id for text in texts]
            SearchDocument.objects.filter(page_id__in=ids).delete()
            SearchDocument.objects.bulk_create(
                [
                    SearchDocument(
                        page_id=t.page_id,
                        kind=t.kind,
                        title=t.title,
                        weight_b=t.weight_b,
                        weight_c=t.weight_c,
                        weight_d=t.weight_d,
                    )
                    for t in texts
                ],
                batch_size=500,
            )
            self._index_full_text(texts)
            SearchWord.objects.bulk_create(
                [SearchWord(word=word) for word in sorted(vocabulary(texts))],
                batch_size=1000,
                ignore_conflicts=True,
            )

    def remove_pages(self, page_ids: Iterable[int]) -> None:
        ids = list(page_ids)
        if not ids:
            return
        self._remove_full_text(ids)
        SearchDocument.objects.filter(page_id__in=ids).delete()

    def rebuild(self, batches):
        """Clear and refill in one transaction: searches see the old index until it commits."""
        with transaction.atomic():
            yield from super().rebuild(batches)

    def clear(self) -> None:
        with transaction.atomic():
            self._clear_full_text()
            SearchDocument.objects.all().delete()
            SearchWord.objects.all().delete()

    def _index_full_text(self, texts: list[PageText]) -> None:
        """Write the backend's own index for ``texts`` (their documents are saved)."""

    def _remove_full_text(self, page_ids: list[int]) -> None:
        """Remove ``page_ids`` from the backend's own index."""

    def _clear_full_text(self) -> None:
        """Empty the backend's own index."""
