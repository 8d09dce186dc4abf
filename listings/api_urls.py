"""The catalogue API's routes, included by ``hub.api.urls`` by name (hub imports no app).

No ``app_name``: the routes join the ``api`` namespace (``api:solution-detail``...).
"""

from django.urls import include, path

from rest_framework.routers import SimpleRouter
from rest_framework.urlpatterns import format_suffix_patterns

from listings.api import CaseStudyViewSet, SolutionExportView, SolutionViewSet
from listings.submissions.api import SubmissionViewSet

router = SimpleRouter()
router.register("solutions", SolutionViewSet, basename="solution")
router.register("case-studies", CaseStudyViewSet, basename="case-study")
router.register("submissions", SubmissionViewSet, basename="submission")

urlpatterns = [
    # Before the router, whose solutions/<slug>/ would take it.
    path("solutions/export.csv", SolutionExportView.as_view(), name="solution-export"),
    # With format suffixes (solutions.json), as hub's DefaultRouter gave them before.
    path("", include(format_suffix_patterns(router.urls))),
]
