"""OpenAPI documentation of /api/v1/submissions/ (kept apart so the view stays readable)."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_view,
)

from hub.api.docs import BAD_PARAMETERS, PAST_THE_END, SLUG_PATTERN
from hub.api.errors import ErrorSerializer
from hub.api.idempotency import KEY_REUSED_RESPONSE, idempotency_key_parameter
from hub.models import Organisation
from listings.submissions.parsers import SubmissionJSONParser, submission_parsers
from listings.submissions.serializers import NewSubmissionSerializer, SubmissionSerializer

NOT_SIGNED_IN = OpenApiResponse(
    ErrorSerializer,
    description="No credentials, or a bad token: send `Authorization: Token <key>`.",
)
PUBLICCODE_BODY = {
    "type": "object",
    "additionalProperties": True,
    "description": (
        "A publiccode.yml (https://yml.publiccode.tools), as UTF-8 YAML text of at most "
        "1 MiB. Errors in it block the submission (unless a moderator overrides them); "
        "warnings do not. Answers the standard has no key for (processing of personal "
        "data, DPIA template) default to no; a proprietary listing has no cost model in "
        "the standard, so send it as JSON instead."
    ),
    "properties": {
        "publiccodeYmlVersion": {"type": "string", "example": "0.4"},
        "name": {"type": "string"},
        "url": {"type": "string", "description": "The source code repository."},
    },
}


MESSAGES = {"type": "array", "items": {"type": "string"}}
#: Why a POST was refused (400): the JSON answers' errors, or a publiccode.yml's problems.
REFUSED_BODY = {
    "type": "object",
    "properties": {
        "detail": {"type": "string"},
        "problems": {"type": "array", "items": {"$ref": "#/components/schemas/Problem"}},
        "answers": {
            "type": "object",
            "additionalProperties": MESSAGES,
            "description": "The answers at fault, keyed by answer, with their reasons.",
        },
    },
    "additionalProperties": MESSAGES,
}


def _request_bodies() -> dict[str, Any]:
    """The POST body per media type: the JSON answers, or a publiccode.yml."""
    bodies: dict[str, Any] = {}
    for parser in submission_parsers():
        is_json = isinstance(parser, SubmissionJSONParser)
        bodies.setdefault(
            parser.media_type, NewSubmissionSerializer if is_json else PUBLICCODE_BODY
        )
    return bodies


SUBMISSION_SCHEMA = extend_schema_view(
    list=extend_schema(
        summary="Your organisations' submissions, most recently changed first",
        responses={
            200: SubmissionSerializer(many=True),
            400: BAD_PARAMETERS,
            401: NOT_SIGNED_IN,
            404: PAST_THE_END,
        },
    ),
    retrieve=extend_schema(
        summary="Where one submission stands",
        description=(
            "`status`: `in_moderation` (waiting for review), `changes_requested` (see "
            "`moderator_comment`), `published`, or `linked` (the repository was already "
            "listed; `page` is that listing)."
        ),
        responses={
            200: SubmissionSerializer,
            401: NOT_SIGNED_IN,
            404: OpenApiResponse(
                ErrorSerializer, description="No submission of your organisations has this id."
            ),
        },
    ),
    create=extend_schema(
        summary="Submit a listing for moderation, as JSON or as a publiccode.yml",
        description=(
            "Send `application/json` with the answers of the submission form (the "
            "organisation in `organisation`), or a publiccode.yml as `application/yaml` "
            "(the organisation in the `organisation` query parameter). Invalid answers, "
            "publiccode.yml errors and anything else refused answer 4xx with the reason, "
            "and nothing is saved. A listing that passes becomes a draft in moderation; a "
            "repository already listed is linked to its listing instead (`status: linked`)."
        ),
        parameters=[
            OpenApiParameter(
                "organisation",
                {"type": "string", "maxLength": Organisation._meta.get_field("slug").max_length},
                pattern=f"^{SLUG_PATTERN}$",
                description=(
                    "Slug of the organisation you submit for (for a publiccode.yml; JSON may "
                    "say it in the body). Optional if you are an approved member of exactly one."
                ),
            ),
            OpenApiParameter(
                "override_errors",
                bool,
                description="Moderators only: import a publiccode.yml despite its errors.",
            ),
            idempotency_key_parameter(required=False),
        ],
        request=_request_bodies(),
        responses={
            201: OpenApiResponse(
                SubmissionSerializer,
                description="Sent: in moderation, or linked to the listing already there.",
            ),
            400: OpenApiResponse(
                REFUSED_BODY,
                description=(
                    "JSON: each invalid answer with its reasons, keyed by answer (or a "
                    "`detail`). publiccode.yml: `detail`, the file's `problems` (with key "
                    "paths and lines) and, if the listing it maps to is incomplete, the "
                    "`answers` at fault."
                ),
            ),
            401: NOT_SIGNED_IN,
            403: OpenApiResponse(
                ErrorSerializer,
                description=(
                    "You are not an approved member of the organisation, or not a moderator "
                    "and asked to override errors."
                ),
            ),
            413: OpenApiResponse(ErrorSerializer, description="The body is larger than 1 MiB."),
            415: OpenApiResponse(
                ErrorSerializer, description="Neither JSON nor a publiccode.yml (YAML)."
            ),
            422: KEY_REUSED_RESPONSE,
        },
    ),
)
