"""Safe loading of publiccode.yml: every unsafe or broken input becomes a located error."""

import csv
import time
from pathlib import Path

import pytest

from harvest.publiccode import MAX_BYTES, parse_publiccode, validate_publiccode

CORPUS = Path(__file__).parent / "data" / "publiccode"
CORPUS_FILES = sorted(p for p in CORPUS.iterdir() if p.suffix in (".yml", ".yaml"))


def only_error(result):
    assert result.data is None
    assert len(result.problems) == 1
    (problem,) = result.problems
    assert problem.severity == "error"
    return problem


def test_keys_get_their_line_numbers():
    result = parse_publiccode(b"name: x\nlegal:\n  license: MIT\nplatforms:\n  - web\n")
    assert result.problems == []
    assert result.data == {"name": "x", "legal": {"license": "MIT"}, "platforms": ["web"]}
    assert result.lines["legal.license"] == 3
    assert result.lines["platforms[0]"] == 5


def test_version_is_kept_as_written_even_when_yaml_reads_a_number():
    assert parse_publiccode(b"publiccodeYmlVersion: 0.50\n").version == "0.50"
    assert parse_publiccode(b"publiccodeYmlVersion: '0.4.0'\n").version == "0.4.0"


def test_dates_stay_text_so_impossible_dates_do_not_crash():
    result = parse_publiccode(b"releaseDate: 2021-31-01\n")
    assert result.problems == []
    assert result.data == {"releaseDate": "2021-31-01"}


def test_input_over_one_mib_is_refused_before_parsing():
    problem = only_error(parse_publiccode(b"name: x\n" + b"#" * MAX_BYTES))
    assert "1 MiB" in problem.message


@pytest.mark.parametrize(
    "document",
    [
        b"name: !!python/object/apply:os.system ['echo hi']\n",
        b"name: !custom value\n",
        b"legal: !!map {license: MIT}\n",
        b"name: !!str x\n",
    ],
)
def test_every_yaml_tag_is_refused_with_its_line(document):
    problem = only_error(parse_publiccode(b"url: https://x.org\n" + document))
    assert "tags are not allowed" in problem.message
    assert problem.line == 2


def test_alias_expansion_bomb_is_refused():
    lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(1, 10):
        refs = ",".join([f"*a{i - 1}"] * 9)
        lines.append(f"a{i}: &a{i} [{refs}]")
    problem = only_error(parse_publiccode("\n".join(lines).encode()))
    assert "alias expansion" in problem.message


def test_merge_key_bomb_is_refused():
    lines = ["m0: &m0 {a: 1, b: 2}"]
    for i in range(1, 12):
        lines.append(f"m{i}: &m{i} {{<<: [{', '.join([f'*m{i - 1}'] * 10)}], k{i}: 1}}")
    problem = only_error(parse_publiccode("\n".join(lines).encode()))
    assert "alias expansion" in problem.message


def test_recursive_alias_is_refused():
    problem = only_error(parse_publiccode(b"a: &x [*x]\n"))
    assert "nesting" in problem.message or "alias" in problem.message


def test_small_aliases_are_expanded():
    result = parse_publiccode(b"base: &b [web]\nplatforms: *b\n")
    assert result.problems == []
    assert result.data["platforms"] == ["web"]


def test_aliases_of_a_huge_string_are_refused_quickly_with_the_anchor_line():
    # Under 1 MiB and under the node budget, but json.dumps of the data would be ~34 GB.
    huge = "x" * 700_000
    document = f'name: x\nawards:\n  - &a "{huge}"\n  - [{", ".join(["*a"] * 49_000)}]\n'
    assert len(document.encode()) < MAX_BYTES
    started = time.monotonic()
    problem = only_error(parse_publiccode(document.encode()))
    assert time.monotonic() - started < 2
    assert "aliases expand to more than 4,194,304 characters" in problem.message
    assert problem.line == 3


def test_aliases_of_a_mapping_with_a_huge_key_are_refused():
    # An explicit key ("? ..."): YAML limits implicit keys to 1024 characters.
    key = "k" * 500_000
    document = f'base: &m\n  ? "{key}"\n  : 1\nlist: [{", ".join(["*m"] * 9)}]\n'
    problem = only_error(parse_publiccode(document.encode()))
    assert "aliases expand to more than" in problem.message
    assert problem.line == 2


def test_a_file_with_a_few_aliases_of_long_texts_still_parses():
    text = "A long description. " * 500  # 10,000 characters, used four times
    document = (
        f'name: x\ndescription:\n  en:\n    longDescription: &long "{text}"\n'
        "  it:\n    longDescription: *long\n"
        "  fr:\n    longDescription: *long\n"
        "  de:\n    longDescription: *long\n"
    )
    result = parse_publiccode(document.encode())
    assert result.problems == []
    assert result.data["description"]["de"]["longDescription"] == text
    assert result.lines["description.fr.longDescription"] == 8


def test_text_with_a_lone_surrogate_is_reported_not_raised():
    problem = only_error(parse_publiccode("name: x\nurl: \ud800\n"))
    assert "not valid UTF-8" in problem.message
    assert problem.line == 2


def test_tab_indentation_is_reported_with_line_and_column():
    problem = only_error(parse_publiccode(b"name: x\nlegal:\n\tlicense: MIT\n"))
    assert problem.line == 3
    assert problem.column == 1
    assert "tab" in problem.message


def test_bad_encoding_is_reported_with_byte_offset_and_line():
    problem = only_error(parse_publiccode("name: café\n".encode("latin-1")))
    assert "not valid UTF-8" in problem.message
    assert "byte offset 9" in problem.message
    assert problem.line == 1


def test_binary_content_is_refused():
    problem = only_error(parse_publiccode(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"))
    assert "binary" in problem.message


def test_invalid_yaml_is_reported_with_its_line():
    problem = only_error(parse_publiccode(b"name: x\nplatforms: [web\nurl: y\n"))
    assert problem.message.startswith("invalid YAML")
    assert problem.line in (3, 4)


def test_duplicate_keys_are_errors_at_the_second_key():
    result = parse_publiccode(b"name: a\nname: b\n")
    assert [(p.key, p.line, p.severity) for p in result.problems] == [("name", 2, "error")]


def test_a_top_level_list_or_empty_file_is_refused():
    assert "mapping" in only_error(parse_publiccode(b"- a\n- b\n")).message
    assert "empty" in only_error(parse_publiccode(b"# just a comment\n")).message


def test_utf8_bom_is_accepted():
    assert parse_publiccode(b"\xef\xbb\xbfname: x\n").data == {"name": "x"}


def test_every_corpus_file_has_attribution():
    with (CORPUS / "SOURCES.csv").open(newline="") as fh:
        listed = {row["file"] for row in csv.DictReader(fh)}
    assert {p.name for p in CORPUS_FILES} <= listed


@pytest.mark.parametrize("path", CORPUS_FILES, ids=lambda p: p.name)
def test_every_corpus_file_yields_a_located_result(path):
    result = validate_publiccode(path.read_bytes())
    assert result.data is not None
    assert result.status in ("ok", "warnings", "errors")
    for problem in result.problems:
        assert problem.severity in ("error", "warning")
        assert problem.line is not None and problem.line >= 1
        assert problem.message
