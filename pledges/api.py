"""The co-funding API: campaigns, pledges (create, amend, withdraw), the ledger, exports.

Every write needs an ``Idempotency-Key`` header (``hub.api.idempotency``): a retry with the
same key gets the first answer and never pledges twice. Writes go through the same
services as the pages, so the same rules refuse the same things: 403 for who is asking
(not a procurement lead of that council), 400 for what or when (bad amounts, limits, a
closed campaign), each with the reason. OpenAPI documentation is in ``api_docs``.
"""

from __future__ import annotations

from django.db.models import Q
from django.http import Http404, HttpResponse

import django_filters
from django_filters.utils import translate_validation
from rest_framework import mixins, status, viewsets
from rest_framework.authentication import SessionAuthentication, TokenAuthentication
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.permissions import IsAuthenticated, IsAuthenticatedOrReadOnly
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from rest_framework.views import APIView

from hub.api.docs import SLUG_PATTERN
from hub.api.filters import list_parameters, validate_query_parameters
from hub.api.idempotency import idempotent
from hub.filters import TextFilter
from hub.models import Organisation
from hub.models.organisations import OrganisationKind
from pledges import api_docs as docs
from pledges import exports, selectors
from pledges.models import Campaign, CampaignState, Pledge, SignOff
from pledges.models.choices import PUBLIC_STATES
from pledges.money import ZERO, ZERO_DAYS
from pledges.permissions import user_can_see_ledger, user_can_view
from pledges.serializers import (
    CampaignDetailSerializer,
    CampaignSerializer,
    LedgerEntrySerializer,
    PledgeAmendSerializer,
    PledgeCreateSerializer,
    PledgeSerializer,
    PledgeWithdrawSerializer,
)
from pledges.services.pledging import pledge_amend, pledge_create, pledge_withdraw

UUID_PATTERN = r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}"
FILTER_MAX_LENGTH = 100


class CampaignFilter(django_filters.FilterSet):
    """The list's filters; ``campaign_list`` applies them (the page's own selector)."""

    state = django_filters.ChoiceFilter(
        choices=[(state, CampaignState(state).label) for state in PUBLIC_STATES]
    )
    service_area = TextFilter(
        label="Service area slug, e.g. housing",
        max_length=FILTER_MAX_LENGTH,
        what="Service area",
    )
    region = TextFilter(
        label="Region of the lead or of a pledging council, e.g. London",
        max_length=FILTER_MAX_LENGTH,
        what="Region",
    )
    # A choice, not a BooleanFilter: that one ignores a value it cannot read ("maybe").
    waiting = django_filters.ChoiceFilter(
        choices=[("true", "true"), ("false", "false")],
        label="true: only open campaigns still short of a target (waiting for co-funders)",
    )

    class Meta:
        model = Campaign
        fields = ["state", "service_area", "region", "waiting"]


class _Authenticated:
    # Token first: a request without credentials is answered 401 with
    # `WWW-Authenticate: Token` (session-first answers 403).
    authentication_classes = [TokenAuthentication, SessionAuthentication]


def _created(data, url) -> Response:
    return Response(data, status=status.HTTP_201_CREATED, headers={"Location": str(url)})


@docs.CAMPAIGN_SCHEMA
class CampaignViewSet(_Authenticated, viewsets.ReadOnlyModelViewSet):
    """Public campaigns; pledging to one; its ledger (for those taking part)."""

    serializer_class = CampaignSerializer
    filterset_class = CampaignFilter
    permission_classes = [IsAuthenticatedOrReadOnly]
    lookup_field = "slug"
    lookup_value_regex = SLUG_PATTERN

    def get_queryset(self):
        return selectors.campaign_list()

    def get_serializer_class(self):
        if self.action == "retrieve":
            return CampaignDetailSerializer
        if self.action == "ledger":
            return LedgerEntrySerializer
        if self.action == "pledge":
            return PledgeCreateSerializer
        return CampaignSerializer

    def list(self, request, *args, **kwargs):
        validate_query_parameters(request, list_parameters(CampaignFilter, self))
        filters = CampaignFilter(request.query_params, queryset=Campaign.objects.none())
        if not filters.is_valid():
            raise translate_validation(filters.errors)
        chosen = filters.form.cleaned_data
        campaigns = selectors.campaign_list(
            state=chosen.get("state") or "",
            service_area=chosen.get("service_area") or "",
            region=chosen.get("region") or "",
            waiting=chosen.get("waiting") == "true",
        ).select_related("lead_user")
        page = self.paginate_queryset(campaigns)
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    def get_object(self):
        if self.action != "ledger":  # the ledger is a list: it checks its own parameters
            validate_query_parameters(self.request, ("format",))
        campaign = selectors.campaign_for_page(self.kwargs["slug"])
        if campaign is None or not user_can_view(user=self.request.user, campaign=campaign):
            raise Http404("No campaign has this slug.")
        return campaign

    def retrieve(self, request, *args, **kwargs):
        campaign = self.get_object()
        campaign.live_pledges = list(selectors.live_pledges(campaign))
        campaign.recent_updates = list(selectors.campaign_updates(campaign)[:20])
        campaign.money_followed = (
            selectors.money_followed(campaign) if campaign.settled_at else None
        )
        return Response(self.get_serializer(campaign).data)

    @action(
        detail=True,
        methods=["post"],
        url_path="pledges",
        permission_classes=[IsAuthenticated],
    )
    @idempotent(required=True)
    def pledge(self, request, *args, **kwargs):
        validate_query_parameters(request, ())
        campaign = Campaign.objects.filter(slug=kwargs["slug"]).first()
        if campaign is None or not user_can_view(user=request.user, campaign=campaign):
            raise Http404("No campaign has this slug.")
        incoming = PledgeCreateSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        data = incoming.validated_data
        council = Organisation.objects.filter(
            slug=data["council"], kind=OrganisationKind.COUNCIL
        ).first()
        if council is None:
            raise ValidationError({"council": [f"No council has the slug “{data['council']}”."]})
        pledge = pledge_create(
            user=request.user,
            campaign=campaign,
            council=council,
            amount_gbp=data.get("amount_gbp", ZERO),
            staff_days=data.get("staff_days", ZERO_DAYS),
            conditions=data.get("conditions", ""),
            sign_off=data.get("sign_off", SignOff.INDICATIVE),
            budget_year=data.get("budget_year", campaign.budget_year),
            reason=data.get("reason", ""),
        )
        out = PledgeSerializer(pledge, context=self.get_serializer_context()).data
        return _created(out, out["url"])

    # Paginated like a list, but none of the campaign list's filters.
    @action(detail=True, methods=["get"], url_path="ledger", filterset_class=None)
    def ledger(self, request, *args, **kwargs):
        validate_query_parameters(request, ("page", "page_size", "format"))
        campaign = self.get_object()
        if not request.user.is_authenticated:
            self.permission_denied(request)
        if not user_can_see_ledger(user=request.user, campaign=campaign):
            raise PermissionDenied("Only the councils taking part can read the ledger.")
        page = self.paginate_queryset(selectors.ledger_entries(campaign).select_related("pledge"))
        return self.get_paginated_response(LedgerEntrySerializer(page, many=True).data)


@docs.PLEDGE_SCHEMA
class PledgeViewSet(
    _Authenticated,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    viewsets.GenericViewSet,
):
    """Your councils' pledges (and those to campaigns you lead): read, amend, withdraw."""

    serializer_class = PledgeSerializer
    permission_classes = [IsAuthenticated]
    lookup_field = "public_id"
    lookup_url_kwarg = "id"
    lookup_value_regex = UUID_PATTERN
    http_method_names = ["get", "patch", "post", "head", "options"]
    filter_backends = []

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Pledge.objects.none()
        user = self.request.user
        mine = selectors.council_pledges_for(user)
        led = Pledge.objects.filter(campaign__lead_user=user)
        return (
            Pledge.objects.filter(Q(pk__in=mine.values("pk")) | Q(pk__in=led.values("pk")))
            .select_related("campaign", "council", "commitment")
            .order_by("-updated_at", "-pk")
        )

    def list(self, request, *args, **kwargs):
        validate_query_parameters(request, ("page", "page_size", "format"))
        return super().list(request, *args, **kwargs)

    def get_object(self):
        if self.action != "list":
            validate_query_parameters(self.request, ("format",))
        return super().get_object()

    def get_serializer_class(self):
        if self.action == "partial_update":
            return PledgeAmendSerializer
        if self.action == "withdraw":
            return PledgeWithdrawSerializer
        return PledgeSerializer

    def _answer(self, pledge) -> Response:
        pledge = self.get_queryset().get(pk=pledge.pk)
        return Response(PledgeSerializer(pledge, context=self.get_serializer_context()).data)

    @idempotent(required=True)
    def partial_update(self, request, *args, **kwargs):
        pledge = self.get_object()
        incoming = PledgeAmendSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        data = incoming.validated_data
        pledge = pledge_amend(
            user=request.user,
            pledge=pledge,
            amount_gbp=data["amount_gbp"],
            staff_days=data.get("staff_days", pledge.staff_days),
            reason=data["reason"],
            conditions=data.get("conditions"),
            sign_off=data.get("sign_off"),
            budget_year=data.get("budget_year"),
        )
        return self._answer(pledge)

    @action(detail=True, methods=["post"], url_path="withdraw")
    @idempotent(required=True)
    def withdraw(self, request, *args, **kwargs):
        pledge = self.get_object()
        incoming = PledgeWithdrawSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        pledge = pledge_withdraw(
            user=request.user, pledge=pledge, reason=incoming.validated_data["reason"]
        )
        return self._answer(pledge)


# Exports -----------------------------------------------------------------------------------------


class _Export(APIView):
    permission_classes = []
    renderer_classes = [JSONRenderer]

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        validate_query_parameters(request, ())


@docs.CSV_EXPORT_SCHEMA
class CampaignExportCSV(_Export):
    def get(self, request):
        response = HttpResponse(exports.campaigns_csv(), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="campaigns.csv"'
        return response


@docs.OCDS_SCHEMA
class CampaignExportOCDS(_Export):
    def get(self, request):
        return Response(exports.ocds_release_package(uri=request.build_absolute_uri()))


@docs.THREESIXTYGIVING_SCHEMA
class CampaignExport360Giving(_Export):
    def get(self, request):
        return Response(exports.threesixtygiving_grants(uri=request.build_absolute_uri()))
