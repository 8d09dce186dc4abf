"""Routes of routable pages and the slugs of the pages under them.

``RoutablePageMixin.route`` tries a page's own routes before its children, so a child
whose slug a route answers (``/solutions/compare/``) could never be reached. Pages ask
here, through the page types they may sit under, rather than keep a list of names.
"""

from django.urls import Resolver404


def slug_is_routed(page_class, slug: str) -> bool:
    """Whether ``page_class`` answers ``/<slug>/`` itself, shadowing a child with that slug."""
    if not slug or not hasattr(page_class, "get_resolver"):
        return False
    try:
        page_class.get_resolver().resolve(f"/{slug}/")
    except Resolver404:
        return False
    return True
