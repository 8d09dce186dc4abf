"""Each publisher's repository status page: why each repository is or is not listed."""

from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from harvest.permissions import user_can_view_repository_status
from harvest.presenters import STATE_MEANINGS, repository_status
from harvest.selectors import (
    organisation_has_sources,
    organisation_repositories,
    organisation_repository_counts,
)
from hub.models import Organisation

#: Repositories per page of an organisation's status page.
REPOSITORIES_PER_PAGE = 20


def organisation_repository_status(request: HttpRequest, slug: str) -> HttpResponse:
    """/organisations/<slug>/repositories/: every repository the hub has seen for it."""
    organisation = get_object_or_404(Organisation, slug=slug)
    if not user_can_view_repository_status(user=request.user, organisation=organisation):
        raise Http404
    page = Paginator(organisation_repositories(organisation), REPOSITORIES_PER_PAGE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "harvest/organisation_repositories.html",
        {
            "organisation": organisation,
            "page": page,
            "repositories": [repository_status(row) for row in page],
            "counts": organisation_repository_counts(organisation),
            "has_sources": organisation_has_sources(organisation),
            "state_meanings": STATE_MEANINGS,
        },
    )
