"""The relevance set (listings.search.relevance) on the demo catalogue, for every backend:
each query's expected listing is among the first three, and most are first."""

import io

from django.core.management import call_command
from django.db import transaction
from django.http import QueryDict

import pytest

from hub.councils import councils_load, read_council_rows
from listings.search import relevance
from listings.search.indexing import rebuild
from listings.selectors.search import solution_search


@pytest.fixture(scope="module")
def demo_catalogue(django_db_setup, django_db_blocker):
    """Councils and the demo catalogue, once for the module, rolled back after it."""
    with django_db_blocker.unblock(), transaction.atomic():
        councils_load(rows=read_council_rows())
        call_command("load_demo_catalogue", no_progress=True, stdout=io.StringIO())
        yield
        transaction.set_rollback(True)


def ranked_slugs(query: str) -> list[str]:
    results = solution_search(QueryDict(f"q={query}")).results
    return list(results.values_list("slug", flat=True)[:10])


def test_every_query_finds_its_listing_near_the_top(demo_catalogue, search_backend):
    rebuild()  # the backend under test indexes the demo catalogue

    scores = relevance.evaluate(ranked_slugs)

    misses = {s.judgement.query: s.ranked[:3] for s in scores if not s.rank or s.rank > 3}
    assert misses == {}
    assert relevance.precision_at_1(scores) >= 0.9
    assert len(scores) >= 20
