"""``Idempotency-Key`` for API writes: a retried request gets the first answer, once.

Decorate a DRF handler with ``@idempotent(required=...)``. With a key, the handler runs
inside one transaction that first inserts an ``IdempotencyKey`` row for (user, key):

* a new key: the handler runs and its answer (anything but a 5xx) is stored with the key;
* a key already stored for the same request (method, path and body): the stored answer
  is sent again, with ``Idempotent-Replayed: true``, and the handler does not run;
* a key already stored for a different request: 422, nothing runs;
* the same key sent twice at once: the second request waits on the row's unique index
  until the first commits, then gets its answer (if the first fails, the second runs).

A 5xx is never stored (the transaction rolls back), so a retry after a server error runs
again. Keys belong to a user: two clients can never collide on each other's keys.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import json
import re
from typing import Any

from django.db import IntegrityError, transaction

from drf_spectacular.utils import OpenApiParameter, OpenApiResponse
from rest_framework import status
from rest_framework.exceptions import ValidationError
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response

from hub.api.errors import ErrorSerializer
from hub.models.idempotency import IDEMPOTENCY_KEY_MAX_LENGTH, IdempotencyKey

HEADER = "Idempotency-Key"
REPLAYED_HEADER = "Idempotent-Replayed"
#: Visible ASCII, no spaces: a UUID, a ULID or any token a client makes up.
KEY_PATTERN = rf"^[!-~]{{1,{IDEMPOTENCY_KEY_MAX_LENGTH}}}$"
_KEY_RE = re.compile(KEY_PATTERN)

KEY_REUSED = (
    "This Idempotency-Key was already used for a different request (another method, "
    "address or body). Send a new key for a new request."
)


def idempotency_key_parameter(*, required: bool) -> OpenApiParameter:
    """The header as the OpenAPI schema documents it."""
    return OpenApiParameter(
        HEADER,
        {"type": "string", "minLength": 1, "maxLength": IDEMPOTENCY_KEY_MAX_LENGTH},
        OpenApiParameter.HEADER,
        required=required,
        pattern=KEY_PATTERN,
        description=(
            ("Required. " if required else "")
            + "A key you make up for this request (a UUID is best). Send the same key "
            "when you retry: you get the first answer again and the write is never done "
            "twice. A key used for a different request answers 422."
        ),
    )


#: The 422 a reused key answers, for each decorated operation's schema.
KEY_REUSED_RESPONSE = OpenApiResponse(
    ErrorSerializer, description="The Idempotency-Key was already used for a different request."
)


def _canonical(data: Any) -> str:
    """The parsed body as stable text: key order and JSON spacing do not change it."""
    if dataclasses.is_dataclass(data) and not isinstance(data, type):
        data = dataclasses.asdict(data)
    if hasattr(data, "lists"):  # a QueryDict (form data): keep every value of each key
        data = dict(data.lists())
    return json.dumps(data, sort_keys=True, separators=(",", ":"), default=str)


def request_fingerprint(request) -> str:
    """SHA-256 of the method, the full path and the parsed body."""
    text = "\n".join((request.method, request.get_full_path(), _canonical(request.data)))
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def _replay(record: IdempotencyKey) -> Response:
    headers = {REPLAYED_HEADER: "true"}
    if record.location:
        headers["Location"] = record.location
    return Response(record.response_body, status=record.status_code, headers=headers)


def _stored_body(response: Response) -> Any:
    """The answer's data as plain JSON (Decimals, dates and UUIDs become strings)."""
    if response.data is None:
        return None
    return json.loads(JSONRenderer().render(response.data))


def _run_once(view, request, key: str, fingerprint: str, handler) -> Response:
    with transaction.atomic():
        try:
            with transaction.atomic():
                record = IdempotencyKey.objects.create(
                    user=request.user,
                    key=key,
                    method=request.method,
                    path=request.path[:2000],
                    fingerprint=fingerprint,
                )
        except IntegrityError:
            record = IdempotencyKey.objects.get(user=request.user, key=key)
            if record.fingerprint != fingerprint:
                return Response({"detail": KEY_REUSED}, status=status.HTTP_422_UNPROCESSABLE_ENTITY)
            return _replay(record)
        try:
            with transaction.atomic():  # a refused request leaves none of its writes behind
                response = handler()
        except Exception as exc:  # the view's own handling: a 4xx answer, or re-raised
            response = view.handle_exception(exc)
        if response.status_code >= 500:
            transaction.set_rollback(True)
            return response
        record.status_code = response.status_code
        record.response_body = _stored_body(response)
        record.location = str(response.get("Location", ""))[:2000]
        record.save(update_fields=["status_code", "response_body", "location"])
        return response


def idempotent(*, required: bool):
    """Make a DRF handler (``create``, ``post``...) answer a retried key with the first answer.

    ``required``: refuse a request without the header (400). Money writes require it;
    endpoints that had clients before the header existed accept it.
    """

    def decorator(handler):
        @functools.wraps(handler)
        def wrapper(view, request, *args, **kwargs):
            key = request.headers.get(HEADER)
            if key is None:
                if required:
                    raise ValidationError(
                        {HEADER: [f"Send an {HEADER} header: a new key (a UUID) per request."]}
                    )
                return handler(view, request, *args, **kwargs)
            if not _KEY_RE.fullmatch(key):
                raise ValidationError(
                    {
                        HEADER: [
                            f"Give 1 to {IDEMPOTENCY_KEY_MAX_LENGTH} visible ASCII characters "
                            "with no spaces (a UUID is best)."
                        ]
                    }
                )
            fingerprint = request_fingerprint(request)
            return _run_once(
                view, request, key, fingerprint, lambda: handler(view, request, *args, **kwargs)
            )

        return wrapper

    return decorator
