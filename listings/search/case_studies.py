"""/case-studies/ with a search box: the same text search, over case studies."""

from urllib.parse import urlencode

from django import forms
from django.core.paginator import Paginator

from hub.filters import too_long_errors, too_long_message
from hub.search import SEARCH_MAX_LENGTH
from listings.models.case_studies import CaseStudyPage
from listings.search.models import SearchDocumentKind
from listings.search.text import text_search

CASE_STUDIES_PER_PAGE = 20


class CaseStudySearchForm(forms.Form):
    q = forms.CharField(
        required=False,
        max_length=SEARCH_MAX_LENGTH,
        error_messages={"max_length": too_long_message("Search", SEARCH_MAX_LENGTH)},
    )


def case_study_context(params, *, index_page) -> dict:
    """The live case studies under ``index_page`` matching ``q`` (all of them without
    one), newest first or most relevant first, paginated; snippets set on each.

    A search longer than any search allows is listed in ``errors`` and not applied (the
    page answers 400 with the reason and the whole list)."""
    form = CaseStudySearchForm(params)
    errors = too_long_errors(form, {"q": "case-study-search"})
    text = text_search(SearchDocumentKind.CASE_STUDY, None if errors else params.get("q"))
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
        "errors": errors,
        "search_max_length": SEARCH_MAX_LENGTH,
        "page_obj": page_obj,
        "query_string": urlencode({"q": text.text}) if text else "",
    }
