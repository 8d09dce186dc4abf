from django.urls import path

from harvest import views

app_name = "harvest"

urlpatterns = [
    path("submit/import/", views.submission_import, name="submission_import"),
    path(
        "organisations/<slug:slug>/repositories/",
        views.organisation_repository_status,
        name="organisation_repositories",
    ),
]
