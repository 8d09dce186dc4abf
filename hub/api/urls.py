from django.urls import include, path

from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.routers import DefaultRouter

from hub.api.me import MeView
from hub.api.organisations import OrganisationViewSet

app_name = "api"


class HubRouter(DefaultRouter):
    """The API root lists hub's own routes and, by URL name, the catalogue's (included below)."""

    #: Prefix and URL name of each app's list route shown on the browsable root, in order.
    APP_ROOT_ROUTES = {
        "solutions": "solution-list",
        "case-studies": "case-study-list",
        "submissions": "submission-list",
    }

    def get_api_root_view(self, api_urls=None):
        list_name = self.routes[0].name
        api_root_dict = {
            prefix: list_name.format(basename=basename) for prefix, _, basename in self.registry
        }
        api_root_dict.update(self.APP_ROOT_ROUTES)
        return self.APIRootView.as_view(api_root_dict=api_root_dict)


router = HubRouter()
router.register("organisations", OrganisationViewSet, basename="organisation")

urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    # The split view serves Swagger UI's start-up script from a URL (?script), not inline,
    # so the Content-Security-Policy needs no exception for it.
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="api:schema"), name="docs"),
    path("me/", MeView.as_view(), name="me"),
    # The catalogue and co-funding, by name: hub imports none of the apps it routes to.
    path("", include("listings.api_urls")),
    path("", include("pledges.api_urls")),
    path("", include(router.urls)),
    # Any other path under /api/v1/ is answered by hub.views.page_not_found (handler404) as
    # JSON. No catch-all route here: it would stop APPEND_SLASH redirecting
    # /api/v1/organisations to /api/v1/organisations/.
]
