"""Serializers for /api/v1/submissions/: a submission's status out, a listing's answers in.

The answers are validated by ``ListingAnswersForm`` (the one place their rules live), not
by a serializer. ``NewSubmissionSerializer`` is built from that form's fields only so the
OpenAPI schema documents the JSON body with the form's own limits and choices.
"""

from django import forms

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from hub.links import page_absolute_url
from listings.models import Submission
from listings.submissions.answers import MAX_LIST_ITEMS, LinesField, ListingAnswersForm, YesNoField

#: The answer keys a JSON submission may send: every question of the form.
JSON_ANSWER_KEYS = tuple(ListingAnswersForm.base_fields)


class ProblemSerializer(serializers.Serializer):
    """One publiccode.yml problem: errors block a submission, warnings do not."""

    severity = serializers.ChoiceField(
        choices=[("error", "Error"), ("warning", "Warning")], read_only=True
    )
    key = serializers.CharField(
        read_only=True,
        help_text='Key path, e.g. "description.en.shortDescription"; "" for the whole file.',
    )
    line = serializers.IntegerField(read_only=True, allow_null=True, help_text="1-based.")
    column = serializers.IntegerField(read_only=True, allow_null=True, required=False)
    message = serializers.CharField(read_only=True)


class SubmissionPageSerializer(serializers.Serializer):
    """The listing a submission became (a draft until published) or was linked to."""

    id = serializers.IntegerField(read_only=True)
    title = serializers.CharField(read_only=True)
    live = serializers.BooleanField(read_only=True)
    url = serializers.SerializerMethodField(
        help_text="The listing on the website, or empty until it is published."
    )

    @extend_schema_field(OpenApiTypes.STR)
    def get_url(self, page) -> str:
        return page_absolute_url(page, request=self.context.get("request")) if page.live else ""


class SubmissionSerializer(serializers.ModelSerializer):
    """Where a submission stands: waiting for review, changes requested, published, linked."""

    id = serializers.UUIDField(source="public_id", read_only=True)
    url = serializers.HyperlinkedIdentityField(
        view_name="api:submission-detail", lookup_field="public_id", lookup_url_kwarg="id"
    )
    organisation = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    title = serializers.CharField(read_only=True)
    page = SubmissionPageSerializer(source="visible_page", read_only=True, allow_null=True)
    problems = ProblemSerializer(many=True, read_only=True)
    moderator_comment = serializers.CharField(
        read_only=True, help_text="What the moderator asked to change, if they did."
    )

    class Meta:
        model = Submission
        fields = [
            "id",
            "url",
            "status",
            "kind",
            "source",
            "organisation",
            "title",
            "page",
            "problems",
            "moderator_comment",
            "created_at",
            "submitted_at",
            "decided_at",
        ]
        read_only_fields = fields


def _serializer_field(form_field: forms.Field) -> serializers.Field:
    """The JSON field a form question accepts, with the same limits (for the schema)."""
    common = {"required": form_field.required, "help_text": str(form_field.label or "")}
    if isinstance(form_field, YesNoField):
        return serializers.BooleanField(**common)
    if isinstance(form_field, LinesField):
        child = serializers.CharField(max_length=form_field.item_max_length)
        return serializers.ListField(child=child, max_length=MAX_LIST_ITEMS, **common)
    if isinstance(form_field, forms.MultipleChoiceField):
        common["help_text"] += " (slugs, e.g. housing)"
        return serializers.ListField(child=serializers.SlugField(), **common)
    if isinstance(form_field, forms.ChoiceField):
        choices = [(value, label) for value, label in form_field.choices if value != ""]
        return serializers.ChoiceField(
            choices=choices, allow_blank=not form_field.required, **common
        )
    if isinstance(form_field, forms.DecimalField):
        return serializers.DecimalField(
            max_digits=form_field.max_digits,
            decimal_places=form_field.decimal_places,
            min_value=0,
            allow_null=True,
            **common,
        )
    text = {
        "max_length": form_field.max_length,
        "min_length": form_field.min_length,
        "allow_blank": not form_field.required,
        **common,
    }
    if isinstance(form_field, forms.EmailField):
        return serializers.EmailField(**text)
    if isinstance(form_field, forms.URLField):
        return serializers.URLField(**text)
    return serializers.CharField(**text)


#: The JSON body of POST /api/v1/submissions/ (documentation only; see the module doc).
NewSubmissionSerializer = type(
    "NewSubmissionSerializer",
    (serializers.Serializer,),
    {
        "__module__": __name__,
        "__doc__": (
            "A new listing: the organisation it is submitted for and the answers to every "
            "question of the submission form, keyed by answer."
        ),
        "organisation": serializers.SlugField(
            required=False,
            help_text=(
                "Slug of the organisation you submit for; optional if you are an approved "
                "member of exactly one."
            ),
        ),
        **{
            name: _serializer_field(field) for name, field in ListingAnswersForm.base_fields.items()
        },
    },
)
