from django.db.models import Q

import django_filters
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import serializers, viewsets

from hub.api.docs import BAD_PARAMETERS, PAST_THE_END, SLUG_PATTERN
from hub.api.errors import ErrorSerializer
from hub.filters import BooleanFilter, TextFilter
from hub.models import Organisation
from hub.models.organisations import Nation, OrganisationKind
from hub.search import SEARCH_MAX_LENGTH


class OrganisationSerializer(serializers.ModelSerializer):
    url = serializers.HyperlinkedIdentityField(
        view_name="api:organisation-detail", lookup_field="slug"
    )
    page_url = serializers.CharField(source="get_absolute_url", read_only=True)
    # Declared, not generated: read-only model fields lose `allow_blank`, and the schema then
    # promised a nation for every organisation and a URI for every website, while vendors
    # and public bodies answer "" for both.
    nation = serializers.ChoiceField(choices=Nation.choices, allow_blank=True, read_only=True)
    website = serializers.CharField(
        read_only=True, help_text="The organisation's website address, or empty if not known."
    )

    class Meta:
        model = Organisation
        fields = [
            "url",
            "page_url",
            "slug",
            "name",
            "official_name",
            "kind",
            "gss_code",
            "local_authority_code",
            "council_type",
            "council_type_name",
            "nation",
            "region",
            "population",
            "is_current",
            "website",
        ]
        read_only_fields = fields


class OrganisationFilter(django_filters.FilterSet):
    kind = django_filters.ChoiceFilter(choices=OrganisationKind.choices)
    nation = django_filters.ChoiceFilter(choices=Nation.choices)
    type = TextFilter(
        field_name="council_type",
        lookup_expr="iexact",
        label="Council type code, e.g. LBO",
        max_length=Organisation._meta.get_field("council_type").max_length,
        what="Council type",
    )
    current = BooleanFilter(field_name="is_current")
    search = TextFilter(
        method="filter_search",
        label="Name or GSS code",
        max_length=SEARCH_MAX_LENGTH,
        what="Search",
    )

    class Meta:
        model = Organisation
        fields = ["kind", "nation", "type", "current", "search"]

    def filter_search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(
            Q(name__icontains=value) | Q(official_name__icontains=value) | Q(gss_code__iexact=value)
        )


@extend_schema_view(
    list=extend_schema(
        summary="List councils, vendors and public bodies",
        responses={
            200: OrganisationSerializer(many=True),
            400: BAD_PARAMETERS,
            404: PAST_THE_END,
        },
    ),
    retrieve=extend_schema(
        summary="One organisation by slug",
        responses={
            200: OrganisationSerializer,
            404: OpenApiResponse(ErrorSerializer, description="No organisation has this slug."),
        },
    ),
)
class OrganisationViewSet(viewsets.ReadOnlyModelViewSet):
    queryset = Organisation.objects.order_by("name")
    serializer_class = OrganisationSerializer
    filterset_class = OrganisationFilter
    lookup_field = "slug"
    lookup_value_regex = SLUG_PATTERN
