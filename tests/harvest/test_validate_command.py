"""manage.py validate_publiccode: per-file results, --json, exit status."""

import json
from io import StringIO
from pathlib import Path

from django.core.management import CommandError, call_command

import pytest

CORPUS = Path(__file__).parent / "data" / "publiccode"
CLEAN = CORPUS / "Amsterdam__design-system.publiccode.yml"  # 0.7, no problems
WARNINGS_ONLY = CORPUS / "ARPALit__SIAPI.publiccode.yml"  # lowercase 'it' section
BROKEN = CORPUS / "ConductionNL__OpenPub.publiccode.yml"  # releaseDate 2021-31-01, ...


def run(*args):
    out = StringIO()
    try:
        call_command("validate_publiccode", *map(str, args), stdout=out)
        code = 0
    except SystemExit as exc:
        code = exc.code
    return code, out.getvalue()


def test_clean_file_prints_ok_and_exits_zero():
    code, out = run(CLEAN)
    assert code == 0
    assert f"{CLEAN}: ok" in out
    assert "1 file(s): 1 ok, 0 with warnings only, 0 with errors" in out


def test_warnings_alone_do_not_fail():
    code, out = run(WARNINGS_ONLY)
    assert code == 0
    assert f"{WARNINGS_ONLY}: warnings" in out
    assert "warning: it:" in out


def test_errors_are_printed_with_line_and_key_and_exit_non_zero():
    code, out = run(CLEAN, BROKEN)
    assert code == 1
    assert f"{BROKEN}: errors" in out
    assert "line 9: error: releaseDate: must be a date with format 'YYYY-MM-DD'" in out


def test_json_output_lists_every_file_with_its_problems():
    code, out = run("--json", CLEAN, BROKEN)
    assert code == 1
    report = json.loads(out)
    assert report["failed"] == 1
    by_path = {f["path"]: f for f in report["files"]}
    assert by_path[str(CLEAN)]["status"] == "ok"
    assert by_path[str(CLEAN)]["version"] == "0.7"
    problem = next(p for p in by_path[str(BROKEN)]["problems"] if p["key"] == "releaseDate")
    assert problem == {
        "severity": "error",
        "key": "releaseDate",
        "line": 9,
        "column": None,
        "message": "must be a date with format 'YYYY-MM-DD' (got '2021-31-01')",
    }


def test_a_directory_validates_every_yaml_file_in_it(tmp_path):
    (tmp_path / "a.yml").write_bytes(CLEAN.read_bytes())
    (tmp_path / "b.yaml").write_bytes(b"name: !!python/object:os.system x\n")
    (tmp_path / "notes.txt").write_text("ignored")
    code, out = run("--json", tmp_path)
    assert code == 1
    statuses = {Path(f["path"]).name: f["status"] for f in json.loads(out)["files"]}
    assert statuses == {"a.yml": "ok", "b.yaml": "errors"}


def test_an_oversized_file_is_reported_not_read_whole(tmp_path):
    big = tmp_path / "publiccode.yml"
    big.write_bytes(b"name: x\n" + b"#" * (2 * 1024 * 1024))
    code, out = run(big)
    assert code == 1
    assert "over the 1 MiB limit" in out


def test_a_missing_path_is_a_command_error():
    with pytest.raises(CommandError, match="no such file"):
        call_command("validate_publiccode", "/nonexistent/publiccode.yml")
