from django.core.exceptions import ValidationError

import pytest

from listings.factories import SolutionPageFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("slug", ["compare", "feed"])
def test_solution_slugs_used_by_catalogue_urls_are_refused(slug):
    solution = SolutionPageFactory()
    solution.slug = slug
    with pytest.raises(ValidationError) as error:
        solution.full_clean()
    assert "slug" in error.value.message_dict
