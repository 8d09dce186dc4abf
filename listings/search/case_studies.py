"""/case-studies/ with a search box: the same text search, over case studies."""

from urllib.parse import urlencode

from django.core.paginator import Paginator

from listings.models import CaseStudyPage
from listings.search.models import SearchDocumentKind
from listings.search.text import text_search

CASE_STUDIES_PER_PAGE = 20


def case_study_context(params, *, index_page) -> dict:
    """The live case studies under ``index_page`` matching ``q`` (all of them without
    one), newest first or most relevant first, paginated; snippets set on each."""
    text = text_search(SearchDocumentKind.CASE_STUDY, params.get("q"))
    studies = text.filter(
        CaseStudyPage.objects.live().public().descendant_of(index_page).select_related("council")
    )
    studies = text.order(studies) if text else studies.order_by("-date", "title")
    page_obj = Paginator(studies, CASE_STUDIES_PER_PAGE).get_page(params.get("page"))
    snippets = text.snippets(page_obj.object_list)
    for study in page_obj.object_list:
        study.search_snippet = snippets.get(study.pk, "")
    return {
        "search": text,
        "page_obj": page_obj,
        "query_string": urlencode({"q": text.text}) if text else "",
    }
