"""The co-funding API's routes, included by ``hub.api.urls`` by name (hub imports no app).

No ``app_name``: the routes join the ``api`` namespace (``api:campaign-detail``...).
"""

from django.urls import include, path

from rest_framework.routers import SimpleRouter

from pledges.api import (
    CampaignExport360Giving,
    CampaignExportCSV,
    CampaignExportOCDS,
    CampaignViewSet,
    PledgeViewSet,
)

router = SimpleRouter()
router.register("campaigns", CampaignViewSet, basename="campaign")
router.register("pledges", PledgeViewSet, basename="pledge")

urlpatterns = [
    path("campaigns/export.csv", CampaignExportCSV.as_view(), name="campaign-export-csv"),
    path("campaigns/ocds.json", CampaignExportOCDS.as_view(), name="campaign-export-ocds"),
    path(
        "campaigns/360giving.json",
        CampaignExport360Giving.as_view(),
        name="campaign-export-360giving",
    ),
    path("", include(router.urls)),
]
