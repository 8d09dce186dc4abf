"""Catalogue URLs that are not Wagtail pages (compare, follow, feeds).

They sit under /solutions/ beside the Wagtail pages and are matched first, so
``compare`` and ``feed`` cannot be used as solution slugs.
"""

from django.urls import path

from listings import follows
from listings.compare import solution_compare
from listings.feeds import CatalogueFeed

app_name = "listings"

urlpatterns = [
    path("solutions/compare/", solution_compare, name="compare"),
    path("solutions/feed/", CatalogueFeed(), name="feed"),
    path("solutions/<int:page_id>/follow/", follows.follow, name="follow"),
    path("solutions/<int:page_id>/unfollow/", follows.unfollow, name="unfollow"),
]
