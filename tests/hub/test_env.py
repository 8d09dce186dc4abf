"""Settings read from the environment (hub.env)."""

import importlib
import os
import re
import subprocess
import sys
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

import pytest

from hub.env import VARIABLES, database_from_environment, declared_names, env

ROOT = Path(__file__).resolve().parents[2]
#: A corpus file that validates (warnings at most), so the command exits 0.
CLEAN_CORPUS_FILE = "ACN-IT__modulo_SBOM.publiccode.yml"


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
        "DJANGO_SETTINGS_MODULE": "hub.settings.dev",
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


def readme_table_names() -> list[str]:
    """The names in the README's table of environment variables, in order."""
    readme = (ROOT / "README.md").read_text().splitlines()
    start = readme.index("| variable | default | meaning |")
    names = []
    for line in readme[start + 2 :]:
        if not line.startswith("|"):
            break
        names.append(re.match(r"\| `([A-Z][A-Z0-9_]*)` \|", line).group(1))
    return names


def test_the_readme_table_and_the_registry_list_the_same_variables():
    table = readme_table_names()
    declared = [name for name, _, _ in VARIABLES]
    assert len(table) == len(set(table)), "a variable is listed twice in the README"
    assert len(declared) == len(set(declared)), "a variable is declared twice in hub.env"
    assert set(table) - set(declared) == set(), "in the README but never declared"
    assert set(declared) - set(table) == set(), "declared but missing from the README"


def test_the_settings_read_every_declared_variable_and_no_other():
    # Both modules load here (tests.settings imported production already), recording reads.
    importlib.import_module("hub.settings.dev")
    importlib.import_module("hub.settings.production")
    assert "PASSWORD_HASHERS" in env.read
    assert env.read == declared_names()


def test_an_undeclared_variable_is_refused(monkeypatch):
    monkeypatch.setenv("HUB_NOT_DECLARED", "1")
    with pytest.raises(ImproperlyConfigured, match="HUB_NOT_DECLARED"):
        env.str("HUB_NOT_DECLARED", default="")


def test_a_documented_command_works_on_a_fresh_clone_with_a_clean_environment(tmp_path):
    """`manage.py validate_publiccode FILE` as the README shows it: no variables set."""
    corpus = ROOT / "tests" / "harvest" / "data" / "publiccode" / CLEAN_CORPUS_FILE
    clean = {name: os.environ[name] for name in ("PATH", "HOME") if name in os.environ}
    result = subprocess.run(  # noqa: S603 - the test's own fixed command
        [sys.executable, "manage.py", "validate_publiccode", str(corpus)],
        cwd=ROOT,
        env=clean,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
