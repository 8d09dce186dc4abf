from django.urls import include, path

from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.routers import DefaultRouter

from hub.api.me import MeView
from hub.api.organisations import OrganisationViewSet
from listings.api import CaseStudyViewSet, SolutionExportView, SolutionViewSet
from listings.submissions.api import SubmissionViewSet

app_name = "api"

router = DefaultRouter()
router.register("organisations", OrganisationViewSet, basename="organisation")
router.register("solutions", SolutionViewSet, basename="solution")
router.register("case-studies", CaseStudyViewSet, basename="case-study")
router.register("submissions", SubmissionViewSet, basename="submission")

urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    # The split view serves Swagger UI's start-up script from a URL (?script), not inline,
    # so the Content-Security-Policy needs no exception for it.
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="api:schema"), name="docs"),
    path("me/", MeView.as_view(), name="me"),
    path("solutions/export.csv", SolutionExportView.as_view(), name="solution-export"),
    # Co-funding, by name: hub imports none of the apps it routes to.
    path("", include("pledges.api_urls")),
    path("", include(router.urls)),
    # Any other path under /api/v1/ is answered by hub.views.page_not_found (handler404) as
    # JSON. No catch-all route here: it would stop APPEND_SLASH redirecting
    # /api/v1/organisations to /api/v1/organisations/.
]
