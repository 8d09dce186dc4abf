"""The hub's system checks (hub.checks)."""

from django.core.checks import Warning
from django.test import override_settings

import pytest

from hub.checks import rate_limit_cache_is_shared

LOCMEM = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}


@pytest.mark.parametrize(
    "backend",
    [
        "django.core.cache.backends.locmem.LocMemCache",
        "django.core.cache.backends.dummy.DummyCache",
    ],
)
def test_production_with_a_per_process_cache_is_warned(backend):
    with override_settings(DEBUG=False, CACHES={"default": {"BACKEND": backend}}):
        problems = rate_limit_cache_is_shared(None)
    assert [problem.id for problem in problems] == ["hub.W001"]
    assert isinstance(problems[0], Warning)
    assert "REDIS_URL" in problems[0].hint


@pytest.mark.parametrize(
    "cache",
    [
        {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": "redis://x:6379"},
        {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "hub_cache"},
    ],
)
def test_production_with_a_shared_cache_is_not_warned(cache):
    with override_settings(DEBUG=False, CACHES={"default": cache}):
        assert rate_limit_cache_is_shared(None) == []


def test_development_with_local_memory_is_not_warned():
    with override_settings(DEBUG=True, CACHES=LOCMEM):
        assert rate_limit_cache_is_shared(None) == []
