import csv
import io
import shutil
from pathlib import Path

from django.core.management import call_command

import pytest

from hub.councils import COUNCILS_CSV, councils_load, read_council_rows
from hub.models import Organisation

pytestmark = pytest.mark.django_db


def test_every_row_of_the_local_authority_list_becomes_a_council():
    stats = councils_load(rows=read_council_rows())
    with COUNCILS_CSV.open(encoding="utf-8") as handle:
        expected = sum(1 for _ in csv.DictReader(handle))
    assert stats.created == expected
    assert Organisation.objects.councils().count() == expected


def test_loaded_council_keeps_codes_type_nation_region_population_and_currency():
    councils_load(rows=read_council_rows())
    camden = Organisation.objects.get(local_authority_code="CMD")
    assert camden.name == "Camden"
    assert camden.gss_code == "E09000007"
    assert camden.council_type == "LBO"
    assert camden.nation == "England"
    assert camden.region == "London"
    assert camden.population > 200_000
    assert camden.is_current is True
    assert camden.slug == "camden"


def test_former_authority_is_kept_but_marked_not_current():
    councils_load(rows=read_council_rows())
    former_somerset = Organisation.objects.get(local_authority_code="SOM")
    assert former_somerset.is_current is False
    assert former_somerset.slug == "somerset-som"
    assert Organisation.objects.get(slug="somerset").local_authority_code == "SMT"


def test_loading_twice_creates_nothing_twice():
    councils_load(rows=read_council_rows())
    count = Organisation.objects.count()
    second = councils_load(rows=read_council_rows())
    assert second.created == 0
    assert second.updated == 0
    assert second.unchanged == count
    assert Organisation.objects.count() == count


def test_changed_row_updates_the_existing_council(tmp_path: Path):
    councils_load(rows=read_council_rows())
    edited = tmp_path / "councils.csv"
    text = COUNCILS_CSV.read_text(encoding="utf-8")
    rows = list(csv.DictReader(io.StringIO(text)))
    for row in rows:
        if row["local-authority-code"] == "CMD":
            row["pop-2020"] = "123456.0"
    with edited.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=rows[0].keys())
        writer.writeheader()
        writer.writerows(rows)
    stats = councils_load(rows=read_council_rows(edited))
    assert stats.updated == 1
    assert Organisation.objects.get(local_authority_code="CMD").population == 123456


def test_loader_leaves_hand_edited_fields_alone():
    councils_load(rows=read_council_rows())
    Organisation.objects.filter(local_authority_code="CMD").update(website="https://camden.gov.uk")
    councils_load(rows=read_council_rows())
    assert Organisation.objects.get(local_authority_code="CMD").website == "https://camden.gov.uk"


def test_command_reports_counts(tmp_path: Path):
    small = tmp_path / "few.csv"
    lines = COUNCILS_CSV.read_text(encoding="utf-8").splitlines(keepends=True)
    small.write_text("".join(lines[:4]), encoding="utf-8")
    out = io.StringIO()
    call_command("load_councils", path=small, no_progress=True, stdout=out)
    assert "3 created, 0 updated, 0 unchanged" in out.getvalue()


def test_command_shows_a_progress_bar(capsys):
    call_command("load_councils", stdout=io.StringIO())
    assert "Councils: 100%" in capsys.readouterr().err


def test_command_is_idempotent(tmp_path: Path):
    small = tmp_path / "few.csv"
    shutil.copy(COUNCILS_CSV, small)
    call_command("load_councils", path=small, no_progress=True, stdout=io.StringIO())
    out = io.StringIO()
    call_command("load_councils", path=small, no_progress=True, stdout=out)
    assert " 0 created, 0 updated" in out.getvalue()
