"""``{% solutions_url "feed" %}``: the address of a route of the solutions list (the list,
``compare``, ``feed``) from any page, so no template spells out /solutions/…/.

The routes are ``SolutionIndexPage``'s (``wagtail.contrib.routable_page``). The index page
is the context's (``page`` on /solutions/, ``solution_index_page`` on its routes) or
found once per request.
"""

from django import template

from wagtail.contrib.routable_page.templatetags.wagtailroutablepage_tags import routablepageurl

from listings.models import SolutionIndexPage

register = template.Library()

_REQUEST_ATTRIBUTE = "_solution_index_page"


def _index_page(context) -> SolutionIndexPage | None:
    for name in ("solution_index_page", "page"):
        if isinstance(context.get(name), SolutionIndexPage):
            return context[name]
    request = context["request"]
    if not hasattr(request, _REQUEST_ATTRIBUTE):
        setattr(request, _REQUEST_ATTRIBUTE, SolutionIndexPage.objects.live().first())
    return getattr(request, _REQUEST_ATTRIBUTE)


@register.simple_tag(takes_context=True)
def solutions_url(context, route_name: str) -> str:
    """The route's address, or "" when there is no live solutions list to route it."""
    index_page = _index_page(context)
    if index_page is None:
        return ""
    return routablepageurl(context, index_page, route_name)
