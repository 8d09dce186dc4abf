"""Settings read from the environment (hub.env)."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from hub.env import VARIABLES, database_from_environment

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def database_env(monkeypatch):
    monkeypatch.setenv("DATABASE_URL", "postgres://hub@db.example.org:5432/hub")
    monkeypatch.delenv("CONN_MAX_AGE", raising=False)
    return monkeypatch


def test_connections_closed_after_each_request_need_no_health_check(database_env):
    database = database_from_environment()
    assert database["CONN_MAX_AGE"] == 0
    assert not database.get("CONN_HEALTH_CHECKS", False)


@pytest.mark.parametrize("seconds", ["1", "60", "600"])
def test_connections_kept_open_are_health_checked(database_env, seconds):
    database_env.setenv("CONN_MAX_AGE", seconds)
    database = database_from_environment()
    assert database["CONN_MAX_AGE"] == int(seconds)
    assert database["CONN_HEALTH_CHECKS"] is True


def test_a_max_age_in_the_database_url_is_health_checked_too(database_env):
    database_env.setenv("DATABASE_URL", "postgres://hub@db.example.org:5432/hub?conn_max_age=300")
    database = database_from_environment()
    assert database["CONN_MAX_AGE"] == 300
    assert database["CONN_HEALTH_CHECKS"] is True


def test_the_settings_health_check_kept_connections(tmp_path):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "hub.settings",
        "DEBUG": "true",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'kept.sqlite3'}",
        "CONN_MAX_AGE": "60",
    }
    code = (
        "import django; django.setup(); from django.conf import settings; "
        "print(settings.DATABASES['default'].get('CONN_HEALTH_CHECKS'))"
    )
    result = subprocess.run(  # noqa: S603 - the test's own fixed command
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "True"


def test_every_variable_the_settings_read_is_documented():
    source = "".join((ROOT / "hub" / name).read_text() for name in ("settings.py", "env.py"))
    read = set(re.findall(r'env(?:\.[a-z_]+)?\(\s*"([A-Z][A-Z0-9_]+)"', source))
    assert "DATABASE_URL" in read  # the pattern finds reads spread over lines too
    assert "PASSWORD_HASHERS" in read
    assert read - {name for name, _, _ in VARIABLES} == set()
