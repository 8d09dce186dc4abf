"""Absolute links to the hub's own pages, built one way for every page, feed, export and email.

With a request, a link uses the host the visitor reached the hub by, so it works however
the hub is reached. Without one (emails sent from cron or a moderator's decision, the
demo's printout), it uses ``WAGTAILADMIN_BASE_URL``, which defaults to
``http://127.0.0.1:$PORT``. Never the Wagtail Site's hostname: the hub is one site, and
that hostname ("localhost" since the first migration) made JSON-LD and exports say
``http://localhost/...``.
"""

from django.conf import settings
from django.http import HttpRequest


def absolute_url(path: str, *, request: HttpRequest | None = None) -> str:
    """``path`` (starting with "/") as an absolute URL on the hub.

    Where every plain-HTTP request is redirected to HTTPS (``SECURE_SSL_REDIRECT``), links
    are https even if a proxy did not say the request was.
    """
    if not path.startswith("/"):
        raise ValueError(f"Give a path on the hub, not {path!r}.")
    if request is None:
        return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path
    url = request.build_absolute_uri(path)
    if settings.SECURE_SSL_REDIRECT and url.startswith("http://"):
        url = "https://" + url.removeprefix("http://")
    return url


def page_absolute_url(page, *, request: HttpRequest | None = None) -> str:
    """A Wagtail page's absolute URL, or "" if it is not routable (not under the site)."""
    parts = page.get_url_parts(request=request)
    if parts is None:
        return ""
    _site_id, _root_url, page_path = parts
    return absolute_url(page_path, request=request)
