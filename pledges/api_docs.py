"""OpenAPI documentation of the co-funding API (kept apart so the views stay readable)."""

from __future__ import annotations

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view

from hub.api.docs import BAD_PARAMETERS, PAST_THE_END
from hub.api.errors import ErrorSerializer
from hub.api.idempotency import KEY_REUSED_RESPONSE, idempotency_key_parameter
from pledges.exports import CSV_HEADER
from pledges.serializers import (
    CampaignDetailSerializer,
    CampaignSerializer,
    LedgerEntrySerializer,
    PledgeAmendSerializer,
    PledgeCreateSerializer,
    PledgeSerializer,
    PledgeWithdrawSerializer,
)

NOT_SIGNED_IN = OpenApiResponse(
    ErrorSerializer,
    description="No credentials, or a bad token: send `Authorization: Token <key>`.",
)
REFUSED = OpenApiResponse(
    OpenApiTypes.OBJECT,
    description=(
        "Refused, with the reason keyed by field (or in `detail`): an amount that is "
        "negative, zero, not a number or finer than pence; a currency other than GBP; below "
        "the minimum or above the remaining maximum; a campaign not open or past its deadline."
    ),
)
FORBIDDEN = OpenApiResponse(
    ErrorSerializer,
    description="You are not an approved procurement lead of that council.",
)
NO_CAMPAIGN = OpenApiResponse(ErrorSerializer, description="No campaign has this slug.")
NO_PLEDGE = OpenApiResponse(ErrorSerializer, description="No pledge of yours has this id.")
KEY = idempotency_key_parameter(required=True)

CAMPAIGN_SCHEMA = extend_schema_view(
    list=extend_schema(
        summary="Public campaigns, soonest deadline first",
        responses={200: CampaignSerializer(many=True), 400: BAD_PARAMETERS, 404: PAST_THE_END},
    ),
    retrieve=extend_schema(
        summary="One campaign with its pledges, money followed and updates",
        responses={200: CampaignDetailSerializer, 400: BAD_PARAMETERS, 404: NO_CAMPAIGN},
    ),
    pledge=extend_schema(
        summary="Pledge to a campaign for a council you lead procurement for",
        description=(
            "Money (`amount_gbp`), staff days, or both, in GBP. A pledge is a commitment to "
            "raise a purchase order if the campaign is funded, not a payment. One live "
            "pledge per council: amend it with PATCH /api/v1/pledges/{id}/."
        ),
        parameters=[KEY],
        request=PledgeCreateSerializer,
        responses={
            201: PledgeSerializer,
            400: REFUSED,
            401: NOT_SIGNED_IN,
            403: FORBIDDEN,
            404: NO_CAMPAIGN,
            422: KEY_REUSED_RESPONSE,
        },
    ),
    ledger=extend_schema(
        summary="Every change to every pledge of a campaign (for those taking part)",
        responses={
            200: LedgerEntrySerializer(many=True),
            400: BAD_PARAMETERS,
            401: NOT_SIGNED_IN,
            403: OpenApiResponse(
                ErrorSerializer, description="Only the councils taking part read the ledger."
            ),
            404: NO_CAMPAIGN,
        },
    ),
)

PLEDGE_SCHEMA = extend_schema_view(
    list=extend_schema(
        summary="Your councils' pledges, and pledges to campaigns you lead",
        responses={
            200: PledgeSerializer(many=True),
            400: BAD_PARAMETERS,
            401: NOT_SIGNED_IN,
            404: PAST_THE_END,
        },
    ),
    retrieve=extend_schema(
        summary="One pledge",
        responses={200: PledgeSerializer, 400: BAD_PARAMETERS, 401: NOT_SIGNED_IN, 404: NO_PLEDGE},
    ),
    partial_update=extend_schema(
        summary="Amend a pledge, up or down, until the deadline",
        description="The ledger records the amounts before and after, who and `reason`.",
        parameters=[KEY],
        request=PledgeAmendSerializer,
        responses={
            200: PledgeSerializer,
            400: REFUSED,
            401: NOT_SIGNED_IN,
            403: FORBIDDEN,
            404: NO_PLEDGE,
            422: KEY_REUSED_RESPONSE,
        },
    ),
    withdraw=extend_schema(
        summary="Withdraw a pledge before the deadline",
        parameters=[KEY],
        request=PledgeWithdrawSerializer,
        responses={
            200: PledgeSerializer,
            400: REFUSED,
            401: NOT_SIGNED_IN,
            403: FORBIDDEN,
            404: NO_PLEDGE,
            422: KEY_REUSED_RESPONSE,
        },
    ),
)

CSV_EXPORT_SCHEMA = extend_schema_view(
    get=extend_schema(
        operation_id="campaigns_export_csv",
        summary="Funded campaigns and their pledges as CSV",
        responses={
            (200, "text/csv"): OpenApiResponse(
                OpenApiTypes.STR,
                description=f"One row per pledge. Columns: {', '.join(CSV_HEADER)}.",
            ),
            400: BAD_PARAMETERS,
        },
    )
)
OCDS_SCHEMA = extend_schema_view(
    get=extend_schema(
        operation_id="campaigns_export_ocds",
        summary="Funded campaigns as an Open Contracting (OCDS 1.1) release package",
        description=(
            "One release per campaign. Every pledging council is a party with the role `buyer`; "
            "the lead council is `tender.procuringEntity`; each council's share is in "
            "`planning.budget.budgetBreakdown`. ocids use the configured prefix."
        ),
        responses={
            200: OpenApiResponse(OpenApiTypes.OBJECT, description="An OCDS 1.1 release package."),
            400: BAD_PARAMETERS,
        },
    )
)
THREESIXTYGIVING_SCHEMA = extend_schema_view(
    get=extend_schema(
        operation_id="campaigns_export_360giving",
        summary="Funded and delivered campaigns as 360Giving grants, one per paying council",
        responses={
            200: OpenApiResponse(OpenApiTypes.OBJECT, description="A 360Giving JSON package."),
            400: BAD_PARAMETERS,
        },
    )
)
