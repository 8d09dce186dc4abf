"""Catalogue URLs that are not Wagtail pages (compare, follow, feeds)."""

app_name = "listings"

urlpatterns: list = []
