"""Reading the demo catalogue's data files: what they hold, and a clear error for a bad one."""

import io
from datetime import date
from decimal import Decimal
from pathlib import Path

from django.core.management import CommandError, call_command

import pytest
import yaml

from hub.models import Organisation
from listings import demo_files
from listings.demo_files import (
    FICTIONAL_NOTE,
    DemoFileError,
    demo_catalogue_read,
    named_provider_note,
    reported_note,
)


def _solution(**changes) -> dict:
    entry = {
        "slug": "a-tool",
        "title": "A tool",
        "summary": "Does a thing.",
        "problem": "A problem.",
        "service_areas": ["housing"],
        "solution_type": "dashboard",
        "provider": "camden",
        "development_status": "beta",
        "licence": "MIT",
        "cost_model": "free",
        "hosting": "saas",
        "adoptions": [
            {
                "council": "Camden",
                "evidence": [
                    {
                        "kind": "cashable",
                        "year_from": 2023,
                        "year_to": 2023,
                        "evidence_level": 2,
                        "amount_gbp": "1000.00",
                        "baseline": "Before.",
                        "method": "Demo figure: counted.",
                    }
                ],
            }
        ],
    }
    return entry | changes


def _case_study(**changes) -> dict:
    entry = {
        "slug": "a-study",
        "title": "A study",
        "council": "Camden",
        "solutions": ["a-tool"],
        "date": date(2024, 1, 1),  # written as a YAML date, as the real files have it
        "problem": "<p>Demo.</p>",
        "approach": "<p>An approach.</p>",
        "outcomes": "<p>Outcomes.</p>",
    }
    return entry | changes


def _write(folder: Path, name: str, data) -> Path:
    text = data if isinstance(data, str) else yaml.safe_dump(data, sort_keys=False)
    (folder / name).write_text(text, encoding="utf-8")
    return folder


def _evidence_with(**changes) -> dict:
    solution = _solution()
    solution["adoptions"][0]["evidence"][0].update(changes)
    return solution


def test_the_packaged_files_hold_the_catalogue_make_run_shows():
    # Pinned on purpose: a file left unread or an entry lost changes these numbers.
    catalogue = demo_catalogue_read()
    adoptions = [a for s in catalogue.solutions for a in s.adoptions]
    assert (len(catalogue.solutions), len(adoptions), len(catalogue.case_studies)) == (51, 121, 8)
    assert sum(len(a.evidence) for a in adoptions) == 42
    assert catalogue.items[0].slug == "camden-residents-index"
    assert catalogue.items[-1].slug == "cardiff-canvass-data-matching"


def test_a_valid_file_reads_into_specs_with_their_defaults(tmp_path):
    catalogue = demo_catalogue_read(_write(tmp_path, "a.yaml", {"solutions": [_solution()]}))
    (solution,) = catalogue.solutions
    (adoption,) = solution.adoptions
    (evidence,) = adoption.evidence
    assert solution.demo_note == FICTIONAL_NOTE
    assert solution.service_areas == ("housing",)
    assert adoption.status == "production"
    assert not adoption.confirmed
    assert evidence.period == "per_year"
    assert evidence.amount_gbp == Decimal("1000.00")


def test_reported_by_and_named_provider_choose_the_listings_demo_note(tmp_path):
    data = {
        "solutions": [
            _solution(slug="reported", reported_by="the London Borough of Camden"),
            _solution(slug="named", named_provider="Leeds City Council"),
        ]
    }
    reported, named = demo_catalogue_read(_write(tmp_path, "a.yaml", data)).solutions
    assert reported.demo_note == reported_note("the London Borough of Camden")
    assert named.demo_note == named_provider_note("Leeds City Council")


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        (
            _solution(summery="typo"),
            r"^bad\.yaml, solutions\[0\]: unknown key summery$",
        ),
        (
            {k: v for k, v in _solution().items() if k not in ("title", "hosting")},
            r"^bad\.yaml, solutions\[0\]: missing title, hosting$",
        ),
        (
            _solution(hosting="cloud"),
            r"^bad\.yaml, solutions\[0\]: hosting should be one of saas, self_hosted, either, "
            r"not 'cloud'$",
        ),
        (
            _solution(processes_personal_data="yes"),
            r"processes_personal_data should be true or false, not 'yes'",
        ),
        (
            _solution(service_areas="housing"),
            r"service_areas should be a list of text, not 'housing'",
        ),
        (
            _solution(reported_by="Camden", named_provider="Camden"),
            r"^bad\.yaml, solutions\[0\] \(a-tool\): give reported_by or named_provider, not both$",
        ),
        (
            _evidence_with(amount_gbp=1000.5),
            r"^bad\.yaml, solutions\[0\] \(a-tool\), adoptions\[0\], evidence\[0\]: amount_gbp "
            r'should be a quoted decimal such as "1200.00", not 1000.5$',
        ),
        (
            _evidence_with(evidence_level=6),
            r"adoptions\[0\], evidence\[0\]: evidence_level should be one of 1, 2, 3, 4, 5, not 6$",
        ),
        (
            _evidence_with(year_from="2023"),
            r"evidence\[0\]: year_from should be a year such as 2024, not '2023'$",
        ),
        (
            _solution(adoptions=[{"council": "Camden", "since": "April 2024"}]),
            r"adoptions\[0\]: since should be a date such as 2024-04-01, not 'April 2024'$",
        ),
        (
            _solution(adoptions={"council": "Camden"}),
            r"^bad\.yaml, solutions\[0\] \(a-tool\), adoptions: should be a list of entries",
        ),
    ],
)
def test_a_bad_entry_is_named_with_its_file_and_place(tmp_path, entry, message):
    _write(tmp_path, "bad.yaml", {"solutions": [entry]})
    with pytest.raises(DemoFileError, match=message):
        demo_catalogue_read(tmp_path)


def test_a_file_that_is_not_yaml_is_named(tmp_path):
    _write(tmp_path, "broken.yaml", "solutions:\n  - slug: [unclosed\n")
    with pytest.raises(DemoFileError, match=r"^broken\.yaml: not valid YAML"):
        demo_catalogue_read(tmp_path)


def test_a_file_with_other_top_level_keys_is_refused(tmp_path):
    _write(tmp_path, "odd.yaml", {"listings": [_solution()]})
    with pytest.raises(DemoFileError, match=r"^odd\.yaml: should hold `solutions:`"):
        demo_catalogue_read(tmp_path)


def test_a_slug_used_in_two_files_names_both(tmp_path):
    _write(tmp_path, "a.yaml", {"solutions": [_solution()]})
    _write(tmp_path, "b.yaml", {"solutions": [_solution()]})
    with pytest.raises(
        DemoFileError, match=r"^b\.yaml, solutions\[0\]: slug a-tool is already used in a\.yaml$"
    ):
        demo_catalogue_read(tmp_path)


def test_a_case_study_of_an_unknown_solution_is_named(tmp_path):
    study = _case_study(solutions=["a-tool", "no-such-tool"])
    _write(tmp_path, "a.yaml", {"solutions": [_solution()], "case_studies": [study]})
    with pytest.raises(
        DemoFileError,
        match=r"^a\.yaml, case_studies\[0\] \(a-study\): no demo solution no-such-tool$",
    ):
        demo_catalogue_read(tmp_path)


def test_a_folder_without_data_files_is_refused(tmp_path):
    with pytest.raises(DemoFileError, match="No demo data files"):
        demo_catalogue_read(tmp_path)


@pytest.mark.django_db
def test_the_command_reports_a_bad_file_and_creates_nothing(tmp_path, monkeypatch):
    _write(tmp_path, "bad.yaml", {"solutions": [_solution(hosting="cloud")]})
    monkeypatch.setattr(demo_files, "DEMO_DIR", tmp_path)
    before = Organisation.objects.count()
    with pytest.raises(CommandError, match=r"bad\.yaml, solutions\[0\]: hosting should be"):
        call_command("load_demo_catalogue", no_progress=True, stdout=io.StringIO())
    assert Organisation.objects.count() == before


def test_a_case_study_may_tell_of_a_solution_in_a_later_file(tmp_path):
    _write(tmp_path, "a.yaml", {"case_studies": [_case_study()]})
    _write(tmp_path, "b.yaml", {"solutions": [_solution()]})
    catalogue = demo_catalogue_read(tmp_path)
    assert [item.slug for item in catalogue.items] == ["a-tool", "a-study"]


def test_a_case_study_slug_used_twice_names_the_first_file(tmp_path):
    _write(tmp_path, "a.yaml", {"solutions": [_solution()], "case_studies": [_case_study()]})
    _write(tmp_path, "b.yaml", {"case_studies": [_case_study()]})
    with pytest.raises(
        DemoFileError,
        match=r"^b\.yaml, case_studies\[0\] \(a-study\): slug is already used in a\.yaml$",
    ):
        demo_catalogue_read(tmp_path)
