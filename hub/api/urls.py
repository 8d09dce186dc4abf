from django.http import JsonResponse
from django.urls import include, path, re_path

from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView
from rest_framework.routers import DefaultRouter

from hub.api.me import MeView
from hub.api.organisations import OrganisationViewSet
from listings.api import CaseStudyViewSet, SolutionExportView, SolutionViewSet
from listings.api_submissions import SubmissionViewSet

app_name = "api"

router = DefaultRouter()
router.register("organisations", OrganisationViewSet, basename="organisation")
router.register("solutions", SolutionViewSet, basename="solution")
router.register("case-studies", CaseStudyViewSet, basename="case-study")
router.register("submissions", SubmissionViewSet, basename="submission")

urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", SpectacularSwaggerView.as_view(url_name="api:schema"), name="docs"),
    path("me/", MeView.as_view(), name="me"),
    path("solutions/export.csv", SolutionExportView.as_view(), name="solution-export"),
    path("", include(router.urls)),
    # Anything else under /api/v1/ is a JSON 404, never the website's HTML page.
    re_path(
        r"^.*$", lambda request, *args, **kwargs: JsonResponse({"detail": "Not found."}, status=404)
    ),
]
