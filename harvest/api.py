"""The publiccode.yml request parser for the API (POST /api/v1/submissions/).

It lives in harvest, which owns the safe YAML parsing; listings names it in the
``LISTINGS_SUBMISSION_PARSERS`` setting rather than importing it, so data keeps flowing
from harvest to listings. Parsing problems are not exceptions: the parser hands the view
an ``ImportedPubliccode`` whose problems (with key paths and lines) say what is wrong, and
the view decides whether they block. Only a body too large to read is refused here.
"""

from __future__ import annotations

from rest_framework import status
from rest_framework.exceptions import APIException
from rest_framework.parsers import BaseParser

from harvest.publiccode.importer import read_publiccode
from harvest.publiccode.parser import MAX_BYTES
from listings.publiccode import ImportedPubliccode

#: Every spelling of YAML's media type in use; application/yaml is the registered one.
YAML_MEDIA_TYPES = ("application/yaml", "application/x-yaml", "text/yaml", "text/x-yaml")


class PayloadTooLarge(APIException):
    status_code = status.HTTP_413_REQUEST_ENTITY_TOO_LARGE
    default_detail = "The request body is too large."
    default_code = "payload_too_large"


class PubliccodeParser(BaseParser):
    """A publiccode.yml request body, read (at most 1 MiB) into an ``ImportedPubliccode``.

    DRF matches a parser on its one ``media_type``; ``media_types`` lists every type this
    parser reads, and a view wanting them all makes one instance per type (see
    ``listings.submissions.parsers.submission_parsers``).
    """

    media_type = YAML_MEDIA_TYPES[0]
    media_types = YAML_MEDIA_TYPES

    def __init__(self, media_type: str | None = None):
        if media_type is not None:
            if media_type not in self.media_types:
                raise ValueError(f"{media_type!r} is not one of {self.media_types}")
            self.media_type = media_type

    def parse(self, stream, media_type=None, parser_context=None) -> ImportedPubliccode:
        # One byte more than allowed tells "too large" apart from "exactly the limit"
        # without ever holding more than that in memory.
        raw = stream.read(MAX_BYTES + 1) if stream is not None else b""
        if len(raw) > MAX_BYTES:
            raise PayloadTooLarge("publiccode.yml is larger than 1 MiB.")
        return read_publiccode(raw)
