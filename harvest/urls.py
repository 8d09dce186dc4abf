from django.urls import path

from harvest import views
from harvest.imports import views as import_views

app_name = "harvest"

urlpatterns = [
    path("submit/import/", import_views.submission_import, name="submission_import"),
    path(
        "organisations/<slug:slug>/repositories/",
        views.organisation_repository_status,
        name="organisation_repositories",
    ),
]
