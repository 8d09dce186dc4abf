from django.db.models import Prefetch, prefetch_related_objects

from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import generics, serializers
from rest_framework.permissions import IsAuthenticated

from hub.accounts.models import User
from hub.api.errors import ErrorSerializer
from hub.models import Membership


class MyMembershipSerializer(serializers.ModelSerializer):
    organisation = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    organisation_name = serializers.CharField(source="organisation.name", read_only=True)

    class Meta:
        model = Membership
        fields = ["organisation", "organisation_name", "role", "status"]
        read_only_fields = fields


class MeSerializer(serializers.ModelSerializer):
    memberships = MyMembershipSerializer(many=True, read_only=True)

    class Meta:
        model = User
        fields = ["email", "full_name", "memberships"]
        read_only_fields = fields


@extend_schema(
    summary="The signed-in user and their memberships",
    responses={
        200: MeSerializer,
        403: OpenApiResponse(ErrorSerializer, description="Not signed in, or a bad token."),
    },
)
class MeView(generics.RetrieveAPIView):
    """Who the session or `Authorization: Token <key>` header belongs to."""

    permission_classes = [IsAuthenticated]
    serializer_class = MeSerializer

    def get_object(self):
        user = self.request.user
        prefetch_related_objects(
            [user], Prefetch("memberships", Membership.objects.select_related("organisation"))
        )
        return user
