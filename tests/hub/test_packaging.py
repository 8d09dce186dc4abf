"""An installed package carries the data files the apps read at run time."""

import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
APPS = ("hub", "listings", "pledges", "harvest")


def _package_data() -> dict[str, list[str]]:
    with (ROOT / "pyproject.toml").open("rb") as handle:
        return tomllib.load(handle)["tool"]["setuptools"]["package-data"]


def test_every_file_in_an_apps_data_folder_is_package_data():
    package_data = _package_data()
    for app in APPS:
        data = ROOT / app / "data"
        files = {path for path in data.rglob("*") if path.is_file()} if data.is_dir() else set()
        matched = {
            path for pattern in package_data.get(app, []) for path in (ROOT / app).glob(pattern)
        }
        assert files - matched == set(), app


def test_the_demo_catalogue_files_are_package_data():
    demo = ROOT / "listings" / "data" / "demo"
    matched = {
        path
        for pattern in _package_data()["listings"]
        for path in (ROOT / "listings").glob(pattern)
    }
    assert sorted(demo.glob("*.yaml")) and set(demo.glob("*.yaml")) <= matched
