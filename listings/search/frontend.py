"""Purging a CDN or Varnish in front of the hub (``wagtail.contrib.frontend_cache``).

Wagtail purges a page's own address when it is published or unpublished. A solution also
appears on /solutions/, /case-studies/ and the home page, and its page shows adoptions,
so those addresses are purged too, on publish, unpublish and adoption changes. Nothing
happens unless ``WAGTAILFRONTENDCACHE`` names a backend (``FRONTEND_CACHE_PURGE_URL``).
"""

from django.conf import settings

from wagtail.contrib.frontend_cache.utils import purge_urls_from_cache
from wagtail.models import Page, Site

from listings.models import CaseStudyIndexPage, SolutionIndexPage


def catalogue_urls(page: Page) -> list[str]:
    urls = [page.get_full_url()]
    for index in (
        SolutionIndexPage.objects.live().first(),
        CaseStudyIndexPage.objects.live().first(),
    ):
        if index is not None:
            urls.append(index.get_full_url())
    site = Site.objects.filter(is_default_site=True).first()
    if site is not None:
        urls.append(site.root_url.rstrip("/") + "/")
    return [url for url in dict.fromkeys(urls) if url]


def enabled() -> bool:
    return bool(getattr(settings, "WAGTAILFRONTENDCACHE", None))


def purge_catalogue(page: Page) -> None:
    if not enabled():
        return
    purge_urls_from_cache(catalogue_urls(page))
