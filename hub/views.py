"""Thin views for organisations, memberships and the shell's static pages."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.module_loading import import_string
from django.views import defaults
from django.views.decorators.http import require_POST

from hub import selectors, services
from hub.api.schema import API_PATH_PREFIX
from hub.filters import too_long_errors
from hub.forms import MembershipDecisionForm, OrganisationFilterForm, SiteSearchForm
from hub.models import Membership, MembershipStatus, Organisation
from hub.permissions import user_can_manage_members
from hub.search import SEARCH_MAX_LENGTH, search_words

ORGANISATIONS_PER_PAGE = 50


def page_not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    """The 404 handler: JSON under the API, never the website's HTML page; the page elsewhere.

    API views answer their own 404s; this covers paths no API route matches.
    """
    if request.path_info.startswith(API_PATH_PREFIX):
        return JsonResponse({"detail": "Not found."}, status=404)
    return defaults.page_not_found(request, exception)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """A refused form post: JSON under the API (API views are exempt, so this is a write to
    a path no API route matches), a GOV.UK page elsewhere."""
    if request.path_info.startswith(API_PATH_PREFIX):
        return JsonResponse({"detail": f"CSRF Failed: {reason}"}, status=403)
    return render(request, "403_csrf.html", {"reason": reason}, status=403)


def organisation_list(request: HttpRequest) -> HttpResponse:
    form = OrganisationFilterForm(
        request.GET or None, council_types=selectors.council_type_choices()
    )
    filters = form.filters()
    organisations = selectors.organisation_list(**filters)
    page = Paginator(organisations, ORGANISATIONS_PER_PAGE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    errors = too_long_errors(form, {"q": form["q"].auto_id})
    return render(
        request,
        "organisations/organisation_list.html",
        {
            "form": form,
            "errors": errors,
            "page": page,
            "facets": selectors.organisation_facets(organisations),
            "filters": filters,
            "query_string": query.urlencode(),
        },
        status=400 if errors else 200,
    )


def organisation_detail(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = get_object_or_404(Organisation, slug=slug)
    context = {
        "organisation": organisation,
        "members": selectors.organisation_members(organisation),
    }
    if request.user.is_authenticated:
        context["own_membership"] = organisation.memberships.filter(user=request.user).first()
        if user_can_manage_members(user=request.user, organisation=organisation):
            context["pending"] = organisation.memberships.pending().select_related("user")
            context["decision_form"] = MembershipDecisionForm()
    return render(request, "organisations/organisation_detail.html", context)


@login_required
@require_POST
def membership_request(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = get_object_or_404(Organisation, slug=slug)
    services.membership_request(user=request.user, organisation=organisation)
    messages.success(request, f"You have asked to join {organisation}. An admin will decide.")
    return redirect(organisation)


@login_required
@require_POST
def membership_decide(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    membership = get_object_or_404(
        Membership, pk=pk, organisation__slug=slug, status=MembershipStatus.PENDING
    )
    if not user_can_manage_members(user=request.user, organisation=membership.organisation):
        raise PermissionDenied
    form = MembershipDecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Choose a role and whether to approve the request.")
        return redirect(membership.organisation)
    approve = form.cleaned_data["decision"] == "approve"
    services.membership_decide(
        membership=membership,
        decided_by=request.user,
        approve=approve,
        role=form.cleaned_data["role"],
    )
    verb = "approved" if approve else "rejected"
    messages.success(request, f"You {verb} {membership.user}'s request to join.")
    return redirect(membership.organisation)


@login_required
def account_dashboard(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "hub/account_dashboard.html",
        {"memberships": selectors.user_memberships(request.user)},
    )


def site_search(request: HttpRequest) -> HttpResponse:
    """Organisations, plus the sections each app offers (``HUB_SITE_SEARCH_SECTIONS``:
    dotted paths to callables taking the raw query), so hub imports none of the apps.

    A term longer than any search allows is a 400 that says so."""
    form = SiteSearchForm(request.GET)
    errors = too_long_errors(form, {"q": "site-search"})
    # NUL bytes cannot reach PostgreSQL's text search: they are word breaks here.
    query = form.cleaned_data["q"].replace("\x00", " ").strip() if form.is_valid() else ""
    terms = " ".join(search_words(query))
    organisations = selectors.organisation_list(q=terms)[:20] if terms else []
    sections = []
    if terms:
        for path in settings.HUB_SITE_SEARCH_SECTIONS:
            sections += import_string(path)(query)
    return render(
        request,
        "hub/search.html",
        {
            "query": query,
            "errors": errors,
            "search_max_length": SEARCH_MAX_LENGTH,
            "organisations": organisations,
            "sections": sections,
            "has_results": bool(organisations) or any(section.results for section in sections),
            "suggestion": next((s.suggestion for s in sections if s.suggestion), ""),
        },
        status=400 if errors else 200,
    )
