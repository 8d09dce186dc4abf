"""read_publiccode: values no database can store are errors and never reach the answers."""

import json

import pytest

from harvest.publiccode import importer
from harvest.publiccode.importer import read_publiccode
from harvest.publiccode.parser import ParseResult


def problems_at(imported, key):
    return [p for p in imported.problems if p["key"] == key]


@pytest.mark.parametrize("value", [".nan", ".NaN", ".inf", "-.inf", "+.Inf", "1.0e+400"])
def test_nan_and_infinity_are_errors_with_key_path_and_line(value):
    imported = read_publiccode(f"name: x\nsoftwareVersion: {value}\n".encode())
    (problem,) = problems_at(imported, "softwareVersion")
    assert problem["severity"] == "error"
    assert problem["line"] == 2
    assert problem["message"] == "NaN and infinity cannot be stored: quote it as text"


def test_quoted_nan_is_plain_text_and_not_an_error():
    imported = read_publiccode(b'name: x\nsoftwareVersion: ".nan"\n')
    assert problems_at(imported, "softwareVersion") == []
    assert imported.answers["publiccode_metadata"]["softwareVersion"] == ".nan"


def test_nul_in_a_nested_value_is_an_error_with_key_path_and_line():
    document = (
        b'name: x\ndescription:\n  en:\n    features:\n      - fine\n      - "bad\\0feature"\n'
    )
    imported = read_publiccode(document)
    (problem,) = problems_at(imported, "description.en.features[1]")
    assert problem["severity"] == "error"
    assert problem["line"] == 6
    assert problem["message"] == "contains a NUL character"


def test_nul_in_a_key_is_an_error_shown_escaped():
    imported = read_publiccode(b'name: x\nlegal:\n  "lic\\0ense": MIT\n')
    (problem,) = [p for p in imported.problems if "NUL" in p["message"]]
    assert problem["severity"] == "error"
    assert problem["key"] == "legal.lic\\0ense"
    assert problem["line"] == 3
    assert problem["message"] == "key contains a NUL character"


def test_answers_and_problems_are_json_even_with_nan_infinity_and_nul():
    document = (
        b'name: "Road\\0works"\n'
        b"softwareVersion: .nan\n"
        b"legal:\n"
        b"  license: MIT\n"
        b"  repoOwner: -.inf\n"
        b"description:\n"
        b"  en:\n"
        b'    shortDescription: "Short\\0text"\n'
        b"    features: [.inf]\n"
    )
    imported = read_publiccode(document)
    assert imported.errors  # the moderator may still override and import the answers
    json.dumps(imported.answers, allow_nan=False)
    json.dumps(imported.problems, allow_nan=False)
    assert "\x00" not in json.dumps(imported.answers)
    assert imported.answers["title"] == "Roadworks"
    assert imported.answers["publiccode_metadata"]["softwareVersion"] == "nan"
    assert imported.answers["publiccode_metadata"]["legal"]["repoOwner"] == "-inf"


def test_lone_surrogates_are_errors_and_stripped_from_the_answers(monkeypatch):
    # libyaml refuses "\ud800" escapes, but the pure-Python loader builds such strings.
    def validate(content):
        result = ParseResult(data={"name": "Road\ud800works", "\udfffkey": "x"})
        result.lines.update({"": 1, "name": 1, "\udfffkey": 2})
        return result

    monkeypatch.setattr(importer, "validate_publiccode", validate)
    imported = read_publiccode(b"ignored")
    assert [(p["key"], p["line"], p["message"]) for p in imported.problems] == [
        ("name", 1, "contains a lone surrogate (not valid Unicode text)"),
        ("\\udfffkey", 2, "key contains a lone surrogate (not valid Unicode text)"),
    ]
    assert imported.answers["title"] == "Roadworks"
    json.dumps(imported.problems, ensure_ascii=False).encode("utf-8")
