import os
from pathlib import Path

from django.contrib.auth.models import Group
from django.core.cache import cache

import pytest

from hub.factories import CouncilFactory, MembershipFactory, UserFactory, VendorFactory
from tests.browser.chromium import find_chromium, not_found_message

BROWSER_TESTS = Path(__file__).resolve().parent / "browser"


def _browser_tests_selected(config) -> bool:
    """Whether the run's paths include tests/browser and its marks do not exclude them."""
    if "not browser" in (config.option.markexpr or ""):
        return False
    for arg in config.args:
        path = Path(str(arg).split("::", 1)[0]).resolve()
        if path == BROWSER_TESTS or BROWSER_TESTS in path.parents or path in BROWSER_TESTS.parents:
            return True
    return False


def pytest_configure(config):
    """Find Chromium once, before any worker starts: with none, stop with one line.

    xdist's workers inherit CHROMIUM, so they launch the same one (tests/browser/conftest.py).
    """
    if hasattr(config, "workerinput") or config.option.collectonly:
        return
    if not _browser_tests_selected(config):
        return
    executable = find_chromium()
    if executable is None:
        raise pytest.UsageError(not_found_message())
    os.environ["CHROMIUM"] = executable


if os.environ.get("HUB_MUTATION_DB_TEMPLATE"):  # make mutation (bench/mutation.py)
    from tests.mutation_db import use_template

    use_template(Path(os.environ["HUB_MUTATION_DB_TEMPLATE"]))


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with an empty cache: a rolled-back test's cached counts must not
    meet the next test (in production every change moves the catalogue version on)."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def user(db):
    return UserFactory()


@pytest.fixture
def council(db):
    return CouncilFactory(camden=True)


@pytest.fixture
def vendor(db):
    return VendorFactory()


@pytest.fixture
def vendor_member(db):
    """An approved member of a vendor organisation, who may submit listings for it."""
    return MembershipFactory(organisation=VendorFactory(name="Civic Data Co"), user=UserFactory())


@pytest.fixture
def moderator(db):
    user = UserFactory(email="moderator@example.org")
    user.groups.add(Group.objects.get(name="Moderators"))
    return user
