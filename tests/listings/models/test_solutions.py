"""SolutionPage's own rules: no slug that a route of the solutions list would shadow."""

from django.core.exceptions import ValidationError
from django.urls import reverse

from wagtail.fields import StreamField
from wagtail.test.utils.form_data import querydict_from_html

import pytest

from hub.factories import UserFactory
from listings.factories import SolutionPageFactory
from listings.models import SolutionIndexPage, SolutionPage

pytestmark = pytest.mark.django_db

SLUG_ERROR = "Enter a different slug: “{}” is already the address of a page of the solutions list"


@pytest.mark.parametrize("slug", ["compare", "feed"])
def test_a_slug_a_route_answers_is_refused(slug):
    solution = SolutionPageFactory()
    solution.slug = slug

    with pytest.raises(ValidationError) as error:
        solution.full_clean()

    assert error.value.message_dict["slug"] == [SLUG_ERROR.format(slug)]


@pytest.mark.parametrize("slug", ["compare-tools", "feeds", "comparison"])
def test_slugs_that_only_look_like_a_route_are_allowed(slug):
    solution = SolutionPageFactory()
    solution.slug = slug

    solution.full_clean()  # no error

    assert solution.slug == slug


def test_a_child_page_with_a_route_slug_cannot_be_added():
    index = SolutionIndexPage.objects.get()
    page = SolutionPageFactory.build(slug="feed", title="Feed reader")

    with pytest.raises(ValidationError):
        index.add_child(instance=page)

    assert not SolutionPage.objects.filter(slug="feed").exists()


def _edit_form_data(client, page):
    """The admin edit form as the browser would post it, unchanged."""
    response = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    assert response.status_code == 200
    data = querydict_from_html(response.content.decode(), form_id="page-edit-form")
    for field in page._meta.get_fields():  # StreamFields are drawn by JavaScript; empty here
        if isinstance(field, StreamField) and f"{field.name}-count" not in data:
            data[f"{field.name}-count"] = "0"
    return data


def test_the_admin_shows_the_slug_error_on_the_slug_field(client):
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    page = SolutionPageFactory(slug="resident-index")
    data = _edit_form_data(client, page)
    data["slug"] = "compare"

    response = client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), data)

    assert response.status_code == 200  # the form again, not a crash or a redirect
    assert response.context["form"].errors["slug"] == [SLUG_ERROR.format("compare")]
    assert SLUG_ERROR.format("compare") in response.content.decode()
    page.refresh_from_db()
    assert page.slug == "resident-index"
