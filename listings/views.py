"""Thin views for the catalogue."""

from django.core.paginator import Paginator
from django.shortcuts import render

from listings.selectors import solution_search

SOLUTIONS_PER_PAGE = 20


def solution_index(request, *, index_page):
    search = solution_search(request.GET)
    page = Paginator(search.results, SOLUTIONS_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        index_page.template,
        {"page": index_page, "self": index_page, "filterset": search.filterset, "page_obj": page},
    )
