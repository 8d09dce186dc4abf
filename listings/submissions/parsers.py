"""Request parsers for POST /api/v1/submissions/: size-capped JSON, plus those in settings.

The publiccode.yml parser belongs to harvest (which owns the safe YAML parsing); listings
never imports harvest, so it is named in the ``LISTINGS_SUBMISSION_PARSERS`` setting.
"""

from __future__ import annotations

import io

from django.conf import settings
from django.utils.module_loading import import_string

from rest_framework import status
from rest_framework.exceptions import APIException, ParseError
from rest_framework.parsers import BaseParser, JSONParser

#: A JSON body larger than this is refused (the longest valid listing is far smaller).
JSON_MAX_BYTES = 1024 * 1024


class PayloadTooLarge(APIException):
    status_code = status.HTTP_413_REQUEST_ENTITY_TOO_LARGE
    default_detail = "The request body is too large."
    default_code = "payload_too_large"


class SubmissionJSONParser(BaseParser):
    """DRF's JSON parser, reading at most ``JSON_MAX_BYTES`` of the body.

    Not a ``JSONParser`` subclass on purpose: DRF reads a JSONParser's whole body into
    memory first (and answers an oversized one with Django's HTML 400 page).
    """

    media_type = "application/json"

    def parse(self, stream, media_type=None, parser_context=None):
        raw = stream.read(JSON_MAX_BYTES + 1) if stream is not None else b""
        if len(raw) > JSON_MAX_BYTES:
            raise PayloadTooLarge("The JSON body is larger than 1 MiB.")
        try:
            return JSONParser().parse(io.BytesIO(raw), media_type, parser_context)
        except RecursionError:
            raise ParseError("JSON parse error - nested too deeply.") from None


def submission_parsers() -> list[BaseParser]:
    """JSON, then every parser named in ``LISTINGS_SUBMISSION_PARSERS``.

    DRF matches a parser on its one ``media_type``; a parser class that reads several
    lists them in ``media_types`` and is made once per type (``cls(media_type=...)``).
    """
    parsers: list[BaseParser] = [SubmissionJSONParser()]
    for path in settings.LISTINGS_SUBMISSION_PARSERS:
        parser_class = import_string(path)
        media_types = getattr(parser_class, "media_types", None)
        if media_types:
            parsers += [parser_class(media_type=media_type) for media_type in media_types]
        else:
            parsers.append(parser_class())
    return parsers
