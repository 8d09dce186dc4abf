"""harvest.api.PubliccodeParser: a publiccode.yml request body, read safely and never raising
on bad content (the view decides what problems mean)."""

import io
from pathlib import Path

from django.conf import settings
from django.utils.module_loading import import_string

import pytest

from harvest.api import YAML_MEDIA_TYPES, PayloadTooLarge, PubliccodeParser
from harvest.publiccode.parser import MAX_BYTES
from listings.publiccode import ImportedPubliccode

DATA = Path(__file__).resolve().parent / "data" / "publiccode"


class CountingStream(io.BytesIO):
    """Records how much the parser asked for."""

    def __init__(self, data: bytes):
        super().__init__(data)
        self.requested: list[int] = []

    def read(self, size=-1):
        self.requested.append(size)
        return super().read(size)


def parse(data: bytes) -> ImportedPubliccode:
    return PubliccodeParser().parse(io.BytesIO(data), YAML_MEDIA_TYPES[0])


def test_the_setting_names_this_parser():
    assert import_string(settings.LISTINGS_SUBMISSION_PARSERS[0]) is PubliccodeParser


def test_one_instance_per_media_type():
    parsers = [
        PubliccodeParser(media_type=media_type) for media_type in PubliccodeParser.media_types
    ]

    assert [parser.media_type for parser in parsers] == [
        "application/yaml",
        "application/x-yaml",
        "text/yaml",
        "text/x-yaml",
    ]
    assert PubliccodeParser().media_type == "application/yaml"


def test_an_unknown_media_type_is_a_programming_error():
    with pytest.raises(ValueError):
        PubliccodeParser(media_type="application/json")


@pytest.mark.django_db
def test_a_valid_file_parses_to_answers_and_warnings():
    raw = (DATA / "ARPA-SIMC__dballe.publiccode.yml").read_bytes()

    imported = parse(raw)

    assert isinstance(imported, ImportedPubliccode)
    assert imported.text == raw.decode()
    assert imported.answers["title"] == "DB-All.e"
    assert imported.answers["processes_personal_data"] is False
    assert imported.errors == []
    assert len(imported.warnings) == 1


def test_errors_are_problems_not_exceptions():
    imported = parse((DATA / "5Tsrl__emma-backend.publiccode.yml").read_bytes())

    assert len(imported.errors) == 2
    assert all(p["key"] and p["line"] for p in imported.errors)
    assert imported.answers  # a moderator may still override


@pytest.mark.parametrize(
    ("raw", "line", "words"),
    [
        (b"name: x\nurl:\n\t- y\n", 3, "tab character"),
        (b"name: [x\n", 2, "invalid YAML"),
        (b"name: x\x00\n", 1, "binary content"),
        (b"name: \xff\n", 1, "not valid UTF-8"),
        (b"", 1, "the file is empty"),
        (b"!!python/object:os.system {}\n", 1, "YAML tags are not allowed"),
    ],
)
def test_unreadable_files_are_one_error_with_a_line(raw, line, words):
    imported = parse(raw)

    (problem,) = imported.problems
    assert problem["severity"] == "error"
    assert problem["line"] == line
    assert words in problem["message"]
    assert imported.answers == {}


def test_reads_at_most_one_byte_over_the_limit():
    stream = CountingStream(b"#" * (5 * MAX_BYTES))

    with pytest.raises(PayloadTooLarge) as refused:
        PubliccodeParser().parse(stream)

    assert stream.requested == [MAX_BYTES + 1]
    assert refused.value.status_code == 413
    assert str(refused.value.detail) == "publiccode.yml is larger than 1 MiB."


def test_a_file_of_exactly_1_mib_is_read():
    raw = b"name: x\n" + b"#" * (MAX_BYTES - 8)

    imported = parse(raw)

    assert len(raw) == MAX_BYTES
    assert imported.problems  # the standard's required keys are missing, but it was read
    assert not any("1 MiB" in p["message"] for p in imported.problems)


def test_no_stream_is_an_empty_file():
    imported = PubliccodeParser().parse(None)

    assert imported.errors[0]["message"] == "the file is empty"
