from django.conf import settings
from django.contrib.staticfiles.urls import staticfiles_urlpatterns
from django.urls import include, path
from django.views.generic import TemplateView

from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from hub import views

#: A JSON 404 under /api/v1/, the site's 404 page elsewhere.
handler404 = views.page_not_found

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("api/v1/", include("hub.api.urls")),
    path("accounts/", include("allauth.urls")),
    path("account/", views.account_dashboard, name="account_dashboard"),
    path("organisations/", views.organisation_list, name="organisation_list"),
    path("organisations/<slug:slug>/", views.organisation_detail, name="organisation_detail"),
    path("organisations/<slug:slug>/join/", views.membership_request, name="membership_request"),
    path(
        "organisations/<slug:slug>/requests/<int:pk>/",
        views.membership_decide,
        name="membership_decide",
    ),
    path("search/", views.site_search, name="search"),
    path("", include("harvest.urls")),
    path("", include("listings.urls")),
    path("", include("pledges.urls")),
    path(
        "accessibility/",
        TemplateView.as_view(template_name="hub/accessibility.html"),
        name="accessibility",
    ),
    path(
        "signed-out/",
        TemplateView.as_view(template_name="hub/signed_out.html"),
        name="signed_out",
    ),
    path("cookies/", TemplateView.as_view(template_name="hub/cookies.html"), name="cookies"),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += staticfiles_urlpatterns()
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns.append(path("", include(wagtail_urls)))
