"""Catalogue URLs that are not Wagtail pages (follow, the publiccode.yml download,
submissions, adoptions). /solutions/compare/ and /solutions/feed/ are routes of
``SolutionIndexPage``.
"""

from django.urls import path

from listings.adoptions import views as adoption_views
from listings.follows import views as follow_views
from listings.submissions import views as submission_views
from listings.views import publiccode_export

app_name = "listings"

urlpatterns = [
    path("solutions/<int:page_id>/follow/", follow_views.follow, name="follow"),
    path("solutions/<int:page_id>/unfollow/", follow_views.unfollow, name="unfollow"),
    path("solutions/<int:page_id>/publiccode.yml", publiccode_export, name="publiccode_export"),
    # Submitting and changing listings (listings/submissions/views.py).
    path("account/listings/", submission_views.your_listings, name="your_listings"),
    path("submit/", submission_views.submission_new, name="submission_new"),
    path(
        "submit/<uuid:public_id>/check/",
        submission_views.submission_check,
        name="submission_check",
    ),
    path("submit/<uuid:public_id>/sent/", submission_views.submission_sent, name="submission_sent"),
    path(
        "submit/<uuid:public_id>/<slug:step>/",
        submission_views.submission_step,
        name="submission_step",
    ),
    path(
        "solutions/<int:page_id>/propose-changes/",
        submission_views.propose_changes,
        name="propose_changes",
    ),
    # Adoptions and evidence by councils and by anyone signed in (listings/adoptions/views.py).
    path(
        "solutions/<int:page_id>/adoptions/add/",
        adoption_views.adoption_add,
        name="adoption_add",
    ),
    path(
        "solutions/<int:page_id>/adoptions/report/",
        adoption_views.adoption_report,
        name="adoption_report",
    ),
    path("adoptions/<int:pk>/confirm/", adoption_views.adoption_confirm, name="adoption_confirm"),
    path("adoptions/<int:pk>/evidence/add/", adoption_views.evidence_add, name="evidence_add"),
    path("evidence/<int:pk>/attest/", adoption_views.evidence_attest, name="evidence_attest"),
]
