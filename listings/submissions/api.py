"""POST /api/v1/submissions/: submit a listing as JSON or as a publiccode.yml; GET its status.

A submission goes through the same services as the website's form (``submission_start``
then ``submission_send``), so it obeys the same rules: only approved members submit for an
organisation, ``ListingAnswersForm`` validates every answer, publiccode.yml errors block
unless a moderator overrides them (warnings never do), and a repository already listed is
linked to its listing rather than listed twice. Whatever is refused, nothing is saved: the
start and the send run in one transaction. A POST with an ``Idempotency-Key`` header is
done once: a retry with the same key gets the first answer (``hub.api.idempotency``).

The publiccode.yml parser belongs to harvest (which owns the safe YAML parsing); listings
never imports harvest, so the parsers come from the ``LISTINGS_SUBMISSION_PARSERS`` setting.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.validators import slug_re
from django.db import transaction

import django_filters
from rest_framework import mixins, status, viewsets
from rest_framework.authentication import SessionAuthentication, TokenAuthentication
from rest_framework.exceptions import (
    PermissionDenied,
    ValidationError,
)
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from hub.api.filters import validate_query_parameters
from hub.api.idempotency import idempotent
from hub.filters import TextFilter
from hub.models import Organisation
from listings.models import Submission, SubmissionSource, SubmissionStatus
from listings.permissions import user_can_submit_for
from listings.publiccode import ImportedPubliccode
from listings.submissions.answers import (
    LinesField,
    ListingAnswersForm,
    answers_from_cleaned,
    form_data_from_answers,
)
from listings.submissions.api_docs import SUBMISSION_SCHEMA
from listings.submissions.parsers import SubmissionJSONParser, submission_parsers
from listings.submissions.serializers import (
    JSON_ANSWER_KEYS,
    SubmissionSerializer,
)
from listings.submissions.services import (
    submission_send,
    submission_start,
    submitter_organisations,
)

#: Query parameters POST accepts.
POST_PARAMETERS = ("organisation", "override_errors")
UUID_PATTERN = r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}"
SLUG_MAX_LENGTH = Organisation._meta.get_field("slug").max_length
TRUE, FALSE = ("true", "1", "yes", "on"), ("false", "0", "no", "off", "")

#: Answers given as a list of strings (a single string is read one item per line).
LIST_ANSWERS = frozenset(
    name
    for name, field in ListingAnswersForm.base_fields.items()
    if isinstance(field, LinesField | forms.MultipleChoiceField)
)


def _message_dict(exc: DjangoValidationError) -> dict[str, list[str]]:
    """A Django ValidationError as {answer: [messages]} ("non_field_errors" for the rest)."""
    if not hasattr(exc, "error_dict"):
        return {"non_field_errors": exc.messages}
    return {
        ("non_field_errors" if key == "__all__" else key): messages
        for key, messages in exc.message_dict.items()
    }


def _has_unsafe_text(data: Any) -> bool:
    """Does any string (key or value) hold a NUL or a lone surrogate?

    Neither can be stored (PostgreSQL refuses both), and the form's list answers do not
    check their items for them. Walked with a stack: the body may nest deeply.
    """
    stack = [data]
    while stack:
        value = stack.pop()
        if isinstance(value, str):
            if "\x00" in value:
                return True
            try:
                value.encode("utf-8")
            except UnicodeEncodeError:
                return True
        elif isinstance(value, dict):
            stack.extend(value.keys())
            stack.extend(value.values())
        elif isinstance(value, list):
            stack.extend(value)
    return False


def _shape_errors(answers: dict[str, Any]) -> dict[str, list[str]]:
    """Answers of the wrong JSON type: lists where one value is wanted, and the reverse."""
    errors = {}
    for key, value in answers.items():
        if value is None:
            continue
        if key in LIST_ANSWERS:
            if not isinstance(value, str) and not (
                isinstance(value, list) and all(isinstance(item, str) for item in value)
            ):
                errors[key] = ["Give a list of strings."]
        elif not isinstance(value, str | int | float | bool):
            errors[key] = ["Give a single value, not a list or an object."]
    return errors


def _refused(body: dict[str, Any]) -> Response:
    """A 400 with this body as it is (a ValidationError would turn line numbers to text)."""
    return Response(body, status=status.HTTP_400_BAD_REQUEST)


def _query_flag(request, name: str) -> bool:
    value = request.query_params.get(name, "").strip().lower()
    if value in TRUE:
        return True
    if value in FALSE:
        return False
    raise ValidationError({name: ["Give true or false."]})


class SubmissionFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(choices=SubmissionStatus.choices)
    organisation = TextFilter(
        field_name="organisation__slug",
        label="Slug of the organisation it was submitted for",
        max_length=SLUG_MAX_LENGTH,
        what="Organisation",
    )

    class Meta:
        model = Submission
        fields = ["status", "organisation"]


@SUBMISSION_SCHEMA
class SubmissionViewSet(
    mixins.CreateModelMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    viewsets.GenericViewSet,
):
    """Submissions to the catalogue: send one, see where yours stand."""

    serializer_class = SubmissionSerializer
    filterset_class = SubmissionFilter
    # Token first, so a request without credentials is answered 401 with
    # `WWW-Authenticate: Token` (session-first answers 403).
    authentication_classes = [TokenAuthentication, SessionAuthentication]
    permission_classes = [IsAuthenticated]
    lookup_field = "public_id"
    lookup_url_kwarg = "id"
    lookup_value_regex = UUID_PATTERN

    def get_parsers(self):
        return submission_parsers()

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Submission.objects.none()
        return (
            Submission.objects.for_user(self.request.user)
            .select_related("organisation", "page")
            .order_by("-updated_at", "-pk")
        )

    def filter_queryset(self, queryset):
        # The filters are the list's; a submission's own address takes no parameters.
        return super().filter_queryset(queryset) if self.action == "list" else queryset

    # POST

    @idempotent(required=False)
    def create(self, request, *args, **kwargs):
        validate_query_parameters(request, POST_PARAMETERS)
        override = _query_flag(request, "override_errors")
        if override and not request.user.is_moderator:
            raise PermissionDenied("Only moderators can override errors in a publiccode.yml.")
        data = request.data
        if isinstance(data, ImportedPubliccode):
            return self._create_from_publiccode(request, data, override=override)
        parser = self.get_content_negotiator().select_parser(request, self.get_parsers())
        if parser is not None and not isinstance(parser, SubmissionJSONParser):
            # DRF hands an empty body to no parser at all.
            return _refused({"detail": "The publiccode.yml is empty.", "problems": []})
        return self._create_from_json(request, data)

    def _create_from_json(self, request, data):
        if not isinstance(data, dict):
            raise ValidationError(
                {"detail": "Send a JSON object: the answers, keyed by answer, and organisation."}
            )
        if _has_unsafe_text(data):
            raise ValidationError(
                {"detail": "Text must not contain NUL characters or unpaired surrogates."}
            )
        answers = dict(data)
        slug = answers.pop("organisation", None)
        unknown = sorted(set(answers) - set(JSON_ANSWER_KEYS))
        if unknown:
            raise ValidationError(
                {
                    "detail": f"Unknown answer(s): {', '.join(unknown)}.",
                    "allowed": ["organisation", *JSON_ANSWER_KEYS],
                }
            )
        query_slug = request.query_params.get("organisation")
        if slug is not None and query_slug is not None and slug != query_slug:
            raise ValidationError(
                {"organisation": ["The body and the query parameter name different ones."]}
            )
        organisation = self._organisation(request, slug if slug is not None else query_slug)
        errors = _shape_errors(answers)
        if errors:
            raise ValidationError(errors)
        form = ListingAnswersForm(data=form_data_from_answers(answers))
        if not form.is_valid():
            raise ValidationError(_message_dict(DjangoValidationError(form.errors)))
        try:
            submission = self._start_and_send(
                request,
                organisation=organisation,
                source=SubmissionSource.API_JSON,
                answers=answers_from_cleaned(form.cleaned_data),
            )
        except DjangoValidationError as exc:
            raise ValidationError(_message_dict(exc)) from None
        return self._created(submission)

    def _create_from_publiccode(self, request, imported: ImportedPubliccode, *, override: bool):
        organisation = self._organisation(request, request.query_params.get("organisation"))
        if imported.errors and not override:
            count = len(imported.errors)
            return _refused(
                {
                    "detail": (
                        f"The publiccode.yml has {count} error{'s' if count != 1 else ''}: fix "
                        f"{'them' if count != 1 else 'it'} and send it again (warnings do not "
                        "block a submission)."
                    ),
                    "problems": imported.problems,
                }
            )
        try:
            submission = self._start_and_send(
                request,
                organisation=organisation,
                source=SubmissionSource.API_PUBLICCODE,
                answers=imported.answers,
                publiccode_text=imported.text,
                problems=imported.problems,
                override_errors=override,
            )
        except DjangoValidationError as exc:
            return _refused(
                {
                    "detail": (
                        "The listing this publiccode.yml describes is incomplete or invalid: "
                        "see `answers`. Fix the file, or send the listing as JSON."
                    ),
                    "answers": _message_dict(exc),
                    "problems": imported.problems,
                }
            )
        return self._created(submission)

    def _organisation(self, request, slug) -> Organisation:
        """The organisation submitted for; 403 unless the user may submit for it."""
        user = request.user
        if slug is None or slug == "":
            mine = submitter_organisations(user)
            if len(mine) == 1:
                return mine[0]
            if not mine and not user.is_moderator:
                raise PermissionDenied(
                    "You are not an approved member of any organisation, so you cannot "
                    "submit listings."
                )
            raise ValidationError(
                {
                    "organisation": [
                        "Say which organisation you submit for"
                        + (f": one of {', '.join(o.slug for o in mine)}." if mine else ".")
                    ]
                }
            )
        if not isinstance(slug, str) or len(slug) > SLUG_MAX_LENGTH or not slug_re.match(slug):
            raise ValidationError({"organisation": ["Give an organisation's slug."]})
        organisation = Organisation.objects.filter(slug=slug).first()
        if organisation is None:
            raise ValidationError({"organisation": [f"No organisation has the slug “{slug}”."]})
        if not user_can_submit_for(user=user, organisation=organisation):
            raise PermissionDenied(
                f"You are not an approved member of {organisation.name}, so you cannot submit "
                "listings for it."
            )
        return organisation

    @staticmethod
    def _start_and_send(request, **start) -> Submission:
        """Start and send in one transaction: a refused send leaves no submission behind."""
        with transaction.atomic():
            submission = submission_start(user=request.user, **start)
            return submission_send(submission=submission, user=request.user)

    def _created(self, submission: Submission) -> Response:
        submission = Submission.objects.select_related("organisation", "page").get(pk=submission.pk)
        data = self.get_serializer(submission).data
        # str(): the url is DRF's Hyperlink, a str subclass a strict WSGI server refuses.
        location = str(data["url"])
        return Response(data, status=status.HTTP_201_CREATED, headers={"Location": location})
