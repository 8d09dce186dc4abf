"""The catalogue's sections of the site search (/search/).

hub owns /search/ but imports no app: it calls the functions named in the
``HUB_SITE_SEARCH_SECTIONS`` setting. This one answers with solutions and case studies,
through the same text search as /solutions/ and /case-studies/.
"""

from dataclasses import dataclass
from urllib.parse import urlencode

from django.utils.safestring import SafeString

from listings.filters import live_solutions
from listings.models import CaseStudyIndexPage, CaseStudyPage, SolutionIndexPage
from listings.search.models import SearchDocumentKind
from listings.search.text import text_search

RESULTS_PER_SECTION = 10


@dataclass(frozen=True)
class SiteSearchResult:
    title: str
    url: str
    snippet: SafeString | str = ""


@dataclass(frozen=True)
class SiteSearchSection:
    heading: str
    results: list[SiteSearchResult]
    more_url: str = ""
    message: str = ""
    suggestion: str = ""


def _section(heading, kind, queryset, index_model, raw_query) -> SiteSearchSection:
    text = text_search(kind, raw_query)
    if not text:
        return SiteSearchSection(heading, [])
    pages = list(text.order(text.filter(queryset))[:RESULTS_PER_SECTION])
    snippets = text.snippets(pages)
    index = index_model.objects.live().first()
    return SiteSearchSection(
        heading=heading,
        results=[
            SiteSearchResult(page.title, page.url or "", snippets.get(page.pk, ""))
            for page in pages
        ],
        more_url=f"{index.url}?{urlencode({'q': text.text})}" if index and pages else "",
        message=(
            "No results for all of your words; showing results for any of them."
            if text.fallback and pages
            else ""
        ),
        suggestion=text.suggestion,
    )


def catalogue_sections(raw_query: str) -> list[SiteSearchSection]:
    return [
        _section(
            "Solutions", SearchDocumentKind.SOLUTION, live_solutions(), SolutionIndexPage, raw_query
        ),
        _section(
            "Case studies",
            SearchDocumentKind.CASE_STUDY,
            CaseStudyPage.objects.live().public(),
            CaseStudyIndexPage,
            raw_query,
        ),
    ]
