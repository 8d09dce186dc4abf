"""What the /solutions/ page shows: its search, facets as the form offers them, the filters
in force and the links that change them (``SolutionIndexPage.get_context`` calls it).

/solutions/ is the GOV.UK filter pattern without JavaScript: one GET form holds the
search, every facet and the sort, so the URL always carries the whole state. Links that
change it (pagination, "remove this filter") are built from the search's *applied*
parameters, so an invalid value someone typed is dropped rather than carried along.
"""

import hashlib
from dataclasses import dataclass
from urllib.parse import urlencode

from django.db.models import prefetch_related_objects
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from hub.filters import too_long_errors
from hub.pagination import CountedPaginator
from listings.filters import SORT_CHOICES
from listings.search.caching import cached_many_by_version
from listings.search.query import MAX_QUERY_LENGTH, MAX_QUERY_TERMS
from listings.selectors.search import (
    FACETS,
    MULTIPLE_CHOICE_FACETS,
    FacetOption,
    SolutionSearch,
    solution_search,
)

SOLUTIONS_PER_PAGE = 20
SOLUTION_CARD_TEMPLATE = "listings/includes/solution_card.html"

#: How each facet is offered: many-choice facets as checkboxes, short single-choice
#: ones as radios, long single-choice ones (open-ended values) as selects.
_RADIO_FACETS = ("open_source", "min_evidence", "verified_savings")
_ADOPTER_FACETS = {"council_type": "Council type", "nation": "Nation", "region": "Region"}
_ANY_LABELS = {
    "open_source": "Any",
    "min_evidence": "Any, or none yet",
    "verified_savings": "Any",
    "licence": "Any licence",
    "council_type": "Any type",
    "nation": "Anywhere in the UK",
    "region": "Any region",
}
#: Where each filter's input is on the page, for the error summary's links.
_FIELD_ANCHORS = {"q": "solution-search"} | {name: f"filter-{name}" for name in FACETS}


@dataclass(frozen=True)
class FilterGroup:
    """One facet as the form shows it."""

    name: str
    legend: str
    widget: str  # "checkboxes", "radios" or "select"
    options: list[FacetOption]
    any_label: str = ""

    @property
    def nothing_selected(self) -> bool:
        return not any(option.selected for option in self.options)


@dataclass(frozen=True)
class SelectedFilter:
    """A filter in force, with the link that removes just it."""

    group: str
    label: str
    remove_url: str


def solution_index_context(request, *, index_page) -> dict:
    """The catalogue page's context. ``errors`` holds each value longer than its filter
    allows: the page answers 400 and says so (still showing the results of the rest)."""
    search = solution_search(request.GET)
    errors = too_long_errors(search.filterset.form, _FIELD_ANCHORS)
    groups = _filter_groups(search.facets)
    paginator = CountedPaginator(search.results, SOLUTIONS_PER_PAGE, count=search.total)
    page_obj = paginator.get_page(request.GET.get("page"))
    snippets = search.snippets(page_obj.object_list)
    for solution in page_obj.object_list:
        solution.search_snippet = snippets.get(solution.pk, "")
    _attach_card_html(request, page_obj.object_list)
    base_url = index_page.get_url(request)
    return {
        "search": search,
        "page_obj": page_obj,
        "filter_groups": [g for g in groups if g.name not in _ADOPTER_FACETS],
        "adopter_groups": [g for g in groups if g.name in _ADOPTER_FACETS],
        "selected_filters": _selected_filters(search, base_url),
        "query_string": urlencode(search.applied),
        "clear_filters_url": _url(
            base_url, [(k, v) for k, v in search.applied if k in ("q", "sort")]
        ),
        "sort_choices": SORT_CHOICES,
        "errors": errors,
        "search_error": next((e["message"] for e in errors if e["field"] == "q"), ""),
        "search_max_length": MAX_QUERY_LENGTH,
        "search_max_terms": MAX_QUERY_TERMS,
        "suggestion_url": _url(
            base_url,
            [("q", search.suggestion)] + [(k, v) for k, v in search.applied if k != "q"],
        )
        if search.suggestion
        else "",
    }


def _attach_card_html(request, solutions) -> None:
    """Each result's card as HTML, rendered once per catalogue version and reused by every
    search that shows it: rendering 20 cards was most of the page's time. A card differs
    only by its solution, the host its links are relative to and the search's snippet."""
    host = request.get_host()

    def key(solution) -> str:
        varies = f"{host}\n{solution.search_snippet}".encode()
        return f"{solution.pk}:{hashlib.sha256(varies).hexdigest()[:16]}"

    def render(missing: dict) -> dict:
        # Only the cards not already cached need their service areas.
        prefetch_related_objects(list(missing.values()), "service_areas")
        return {
            part: render_to_string(SOLUTION_CARD_TEMPLATE, {"solution": solution}, request)
            for part, solution in missing.items()
        }

    keys = {solution.pk: key(solution) for solution in solutions}
    cards = cached_many_by_version(
        "solution-card", {keys[solution.pk]: solution for solution in solutions}, render
    )
    for solution in solutions:
        # Rendered (and escaped) by the card template itself.
        solution.card_html = mark_safe(cards[keys[solution.pk]])  # noqa: S308


def _url(base_url: str, pairs: list[tuple[str, str]]) -> str:
    return f"{base_url}?{urlencode(pairs)}" if pairs else base_url


def _filter_groups(facets: dict[str, list[FacetOption]]) -> list[FilterGroup]:
    groups = []
    for name, legend in FACETS.items():
        options = facets[name]
        if name in MULTIPLE_CHOICE_FACETS:
            widget = "checkboxes"
        elif name in _RADIO_FACETS:
            widget = "radios"
        else:
            widget = "select"
            # Open-ended values: offer those some result has, and the one in force.
            options = [option for option in options if option.count or option.selected]
        groups.append(
            FilterGroup(
                name=name,
                legend=_ADOPTER_FACETS.get(name, legend),
                widget=widget,
                options=options,
                any_label=_ANY_LABELS.get(name, ""),
            )
        )
    return groups


def _selected_filters(search: SolutionSearch, base_url: str) -> list[SelectedFilter]:
    labels = {
        (name, option.value.casefold()): option.label
        for name, options in search.facets.items()
        for option in options
    }
    selected = []
    for pair in search.applied:
        name, value = pair
        if name == "sort":
            continue
        if name == "q":
            group, label = "Search", f"“{value}”"
        else:
            group = FACETS.get(name, name)
            label = labels.get((name, value.casefold()), value)
        remaining = [other for other in search.applied if other != pair]
        selected.append(SelectedFilter(group, label, _url(base_url, remaining)))
    return selected
