"""SolutionIndexPage is routable: /solutions/ (the list), compare/ and feed/ are its routes,
and every template finds them through the page, wherever it has been moved."""

from django.template import Context, Template
from django.test import RequestFactory
from django.urls import NoReverseMatch, reverse

import pytest

from listings.factories import CaseStudyPageFactory
from listings.models import SolutionIndexPage, SolutionPage
from listings.models.routing import slug_is_routed

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("path", "route"),
    [("/solutions/", "index"), ("/solutions/compare/", "compare"), ("/solutions/feed/", "feed")],
)
def test_the_index_page_serves_its_routes(client, path, route):
    response = client.get(path)

    assert response.wsgi_request.routable_resolver_match.url_name == route
    assert response.status_code in (200, 400)  # compare with nothing chosen is a 400


def test_the_routes_are_no_longer_in_the_url_conf():
    for name in ("listings:compare", "listings:feed"):
        with pytest.raises(NoReverseMatch):
            reverse(name)


def test_the_routes_reverse_from_the_page():
    index = SolutionIndexPage.objects.get()

    assert [index.reverse_subpage(name) for name in ("index", "compare", "feed")] == [
        "",
        "compare/",
        "feed/",
    ]


@pytest.mark.parametrize(("slug", "routed"), [("compare", True), ("feed", True), ("x", False)])
def test_slug_is_routed_asks_the_page_types_resolver(slug, routed):
    assert slug_is_routed(SolutionIndexPage, slug) is routed


def test_a_page_type_without_routes_routes_no_slug():
    assert not slug_is_routed(SolutionPage, "compare")


def test_the_list_route_answers_400_for_a_filter_value_too_long(client):
    response = client.get("/solutions/", {"q": "x" * 1000})

    assert response.status_code == 400


def test_the_index_page_previews_through_its_list_route():
    index = SolutionIndexPage.objects.get()

    response = index.make_preview_request()

    assert response.status_code == 200
    assert response.template_name == "listings/solution_index_page.html"
    assert "search" in response.context_data  # the list's own context


def _render(source: str, **context) -> str:
    request = RequestFactory().get("/")
    template = Template("{% load solution_routes %}" + source)
    return template.render(Context({"request": request, **context}))


def test_solutions_url_finds_the_index_page_from_any_page():
    assert _render('{% solutions_url "feed" %} {% solutions_url "compare" %}') == (
        "/solutions/feed/ /solutions/compare/"
    )


def test_links_to_the_routes_follow_the_index_page_when_it_moves(client):
    index = SolutionIndexPage.objects.get()
    index.slug = "catalogue"
    index.save_revision().publish()
    story = CaseStudyPageFactory()

    html = client.get(story.url).content.decode()

    assert 'href="/catalogue/feed/"' in html
    assert client.get("/catalogue/feed/").status_code == 200


def test_solutions_url_is_empty_when_no_solutions_list_is_live():
    SolutionIndexPage.objects.get().unpublish()

    assert _render('{% solutions_url "feed" %}') == ""
