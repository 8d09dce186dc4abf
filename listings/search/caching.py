"""Caching the catalogue without ever serving it stale.

Everything cached here is keyed by the *catalogue version*, a token in the configured
cache (local memory by default, Redis with ``REDIS_URL``, shared by every process).
``catalogue_changed()`` replaces the token whenever something a catalogue page shows
changes (``listings.search.receivers``: publish, unpublish, delete, adoptions, evidence,
organisations, service areas, synonyms, view restrictions), both at once and again when
the transaction commits: a page rendered from data read before the commit is stored
under a token nobody asks for any more.

* ``cached_by_version(name, compute)``: a value (the unfiltered facet counts) kept until
  the catalogue changes. ``cached_many_by_version`` does the same for many values in one
  cache round trip (the result cards of a catalogue page).
* ``AnonymousPageCacheMiddleware``: whole anonymous responses for the catalogue's pages
  (``CATALOGUE_CACHE_PREFIXES``). A request is anonymous when it carries no session
  cookie and no Authorization header; only a 200 that sets no cookie is stored. Cached
  or not, such responses say ``Cache-Control: public`` with an ``s-maxage`` for a CDN
  or Varnish (purged on publish through ``wagtail.contrib.frontend_cache``) and
  ``Vary: Cookie`` so a signed-in visitor never gets a shared copy. Addresses with a
  query string cannot be purged one by one, so a shared cache must revalidate them
  (``no-cache`` with an ``ETag``), which the server answers from its own cache.
"""

import hashlib
import uuid
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.http import HttpResponseNotModified
from django.utils.cache import patch_vary_headers

VERSION_KEY = "listings:catalogue:version"
PAGE_KEY_PREFIX = "listings:page"
#: How long a version-keyed value may sit unused in the cache.
VALUE_TIMEOUT = 60 * 60 * 24


def catalogue_version() -> str:
    version = cache.get(VERSION_KEY)
    if version is None:
        version = uuid.uuid4().hex
        if not cache.add(VERSION_KEY, version, None):
            version = cache.get(VERSION_KEY) or version
    return version


def _bump() -> None:
    cache.set(VERSION_KEY, uuid.uuid4().hex, None)


def catalogue_changed() -> None:
    """Something catalogue pages show has changed: nothing cached before is served again."""
    _bump()
    transaction.on_commit(_bump)


def cached_by_version(name: str, compute):
    """``compute()``, kept in the cache until the catalogue changes."""
    key = f"listings:value:{name}:{catalogue_version()}"
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, VALUE_TIMEOUT)
    return value


def cached_many_by_version(
    name: str, items: dict[str, Any], compute_missing: Callable[[dict[str, Any]], dict]
) -> dict:
    """A value for each of ``items`` (part key -> object), kept until the catalogue changes:
    one ``get_many`` for all, then ``compute_missing({part: object})`` once for those not
    cached, stored with one ``set_many``."""
    version = catalogue_version()
    keys = {part: f"listings:value:{name}:{version}:{part}" for part in items}
    found = cache.get_many(list(keys.values()))
    values = {part: found[key] for part, key in keys.items() if key in found}
    missing = {part: item for part, item in items.items() if part not in values}
    if missing:
        computed = compute_missing(missing)
        cache.set_many({keys[part]: computed[part] for part in missing}, VALUE_TIMEOUT)
        values.update(computed)
    return values


def _cacheable_request(request) -> bool:
    return (
        request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and "HTTP_AUTHORIZATION" not in request.META
        and request.path_info.startswith(tuple(settings.CATALOGUE_CACHE_PREFIXES))
    )


def _cache_headers(response, *, has_query: bool, etag: str) -> None:
    if has_query:
        response["Cache-Control"] = "public, no-cache"
    else:
        response["Cache-Control"] = (
            f"public, max-age=0, s-maxage={settings.CATALOGUE_SHARED_CACHE_SECONDS}"
        )
    response["ETag"] = etag
    patch_vary_headers(response, ["Cookie"])


class AnonymousPageCacheMiddleware:
    """Serve anonymous catalogue pages from the configured cache (see the module doc)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not settings.CATALOGUE_PAGE_CACHE_SECONDS or not _cacheable_request(request):
            return self.get_response(request)
        full_path = request.get_full_path()
        digest = hashlib.sha256(f"{request.get_host()}{full_path}".encode()).hexdigest()
        version = catalogue_version()
        key = f"{PAGE_KEY_PREFIX}:{version}:{digest}"
        etag = f'"{version[:12]}-{digest[:16]}"'
        has_query = bool(request.META.get("QUERY_STRING"))
        cached = cache.get(key)
        if cached is not None:
            if request.META.get("HTTP_IF_NONE_MATCH") == etag:
                not_modified = HttpResponseNotModified()
                _cache_headers(not_modified, has_query=has_query, etag=etag)
                return not_modified
            response = cached
            response["X-Cache"] = "hit"
            return response
        response = self.get_response(request)
        if response.status_code != 200 or response.cookies or response.streaming:
            return response
        _cache_headers(response, has_query=has_query, etag=etag)
        if "no-store" not in response.get("Cache-Control", ""):
            response["X-Cache"] = "miss"
            cache.set(key, response, settings.CATALOGUE_PAGE_CACHE_SECONDS)
        return response
