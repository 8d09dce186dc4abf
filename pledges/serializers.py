"""Serializers of the co-funding API: campaigns and pledges out, pledge changes in.

Money travels as a decimal string of pounds and pence (``"25000.50"``; a JSON number is
read too) with ``currency`` always ``"GBP"``. Incoming amounts are parsed by the services'
own ``clean_money``, so the API refuses exactly what the pages refuse, in the same words.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError as DjangoValidationError

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from listings.serializers import OrganisationRefSerializer
from pledges.models import (
    Campaign,
    CampaignUpdate,
    Commitment,
    LedgerEntry,
    Pledge,
    PledgeStatus,
    SignOff,
)
from pledges.models.campaigns import BUDGET_YEAR_PATTERN
from pledges.money import CURRENCY
from pledges.services.common import clean_money, clean_staff_days
from pledges.services.pledging import CONDITIONS_MAX_LENGTH, REASON_MAX_LENGTH

#: Pledge statuses that can have a commitment (funded; released by a later cancellation).
COMMITMENT_STATUSES = (PledgeStatus.COMMITTED, PledgeStatus.RELEASED)
MONEY_SCHEMA = {
    "type": "string",
    "pattern": r"^\d{1,10}(\.\d{1,2})?$",
    "example": "25000.50",
    "description": "Pounds and pence, as a decimal string.",
}
DAYS_SCHEMA = {"type": "string", "pattern": r"^\d{1,6}(\.\d)?$", "example": "2.5"}


@extend_schema_field(MONEY_SCHEMA)
class MoneyField(serializers.Field):
    def to_internal_value(self, data):
        if isinstance(data, bool) or not isinstance(data, str | int | float):
            raise serializers.ValidationError("Give the amount as a decimal string, like 1250.50.")
        try:
            return clean_money(str(data), field=self.field_name or "amount")
        except DjangoValidationError as error:  # the service's own words
            raise serializers.ValidationError(error.messages) from None

    def to_representation(self, value):
        return f"{value:.2f}"


@extend_schema_field(DAYS_SCHEMA)
class StaffDaysField(serializers.Field):
    def to_internal_value(self, data):
        if isinstance(data, bool) or not isinstance(data, str | int | float):
            raise serializers.ValidationError("Give staff days as a decimal string, like 2.5.")
        try:
            return clean_staff_days(str(data), field=self.field_name or "staff_days")
        except DjangoValidationError as error:
            raise serializers.ValidationError(error.messages) from None

    def to_representation(self, value):
        return f"{value:.1f}"


class CurrencyField(serializers.ChoiceField):
    def __init__(self, **kwargs):
        super().__init__(
            choices=[(CURRENCY, "Pounds sterling")],
            default=CURRENCY,
            error_messages={
                "invalid_choice": "Pledges are in pounds sterling only: send currency GBP."
            },
            **kwargs,
        )


# Out --------------------------------------------------------------------------------------------


class CampaignSerializer(serializers.ModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:campaign-detail", lookup_field="slug")
    page_url = serializers.CharField(source="get_absolute_url", read_only=True)
    lead_council = OrganisationRefSerializer(read_only=True)
    lead = serializers.SerializerMethodField()
    match_funder = OrganisationRefSerializer(read_only=True, allow_null=True)
    solution = serializers.SlugRelatedField(slug_field="slug", read_only=True, allow_null=True)
    service_areas = serializers.SlugRelatedField(slug_field="slug", many=True, read_only=True)
    currency = serializers.SerializerMethodField()
    target_gbp = MoneyField(read_only=True)
    min_pledge_gbp = MoneyField(read_only=True, allow_null=True)
    max_pledge_gbp = MoneyField(read_only=True, allow_null=True)
    max_total_gbp = MoneyField(read_only=True, allow_null=True)
    match_cap_gbp = MoneyField(read_only=True, allow_null=True)
    match_gbp = MoneyField(read_only=True, allow_null=True)
    pledged_gbp = MoneyField(read_only=True)
    settled_gbp = MoneyField(read_only=True, allow_null=True)
    pledged_staff_days = StaffDaysField(read_only=True)
    delivery_stage = serializers.CharField(read_only=True, help_text="Empty until delivery.")

    class Meta:
        model = Campaign
        fields = [
            "url",
            "page_url",
            "slug",
            "title",
            "kind",
            "state",
            "delivery_stage",
            "is_demo",
            "pitch",
            "lead_council",
            "lead",
            "funding_model",
            "currency",
            "target_gbp",
            "min_councils",
            "min_pledge_gbp",
            "max_pledge_gbp",
            "max_total_gbp",
            "pledged_gbp",
            "pledged_staff_days",
            "council_count",
            "settled_gbp",
            "match_funder",
            "match_cap_gbp",
            "match_gbp",
            "opens_at",
            "closes_at",
            "budget_year",
            "procurement_route",
            "solution",
            "service_areas",
        ]
        read_only_fields = fields

    def get_lead(self, campaign) -> str:
        return campaign.lead_user.full_name or campaign.lead_user.email

    def get_currency(self, campaign) -> str:
        return CURRENCY


class CampaignPledgeSerializer(serializers.ModelSerializer):
    council = OrganisationRefSerializer(read_only=True)
    amount_gbp = MoneyField(read_only=True)
    staff_days = StaffDaysField(read_only=True)

    class Meta:
        model = Pledge
        fields = ["council", "status", "amount_gbp", "staff_days", "sign_off", "conditions"]
        read_only_fields = fields


class MoneyFollowedSerializer(serializers.Serializer):
    committed = MoneyField(read_only=True)
    ordered = MoneyField(read_only=True)
    invoiced = MoneyField(read_only=True)
    paid = MoneyField(read_only=True)


class UpdateSerializer(serializers.ModelSerializer):
    class Meta:
        model = CampaignUpdate
        fields = ["created_at", "stage", "text"]
        read_only_fields = fields


class CampaignDetailSerializer(CampaignSerializer):
    pledges = CampaignPledgeSerializer(many=True, read_only=True, source="live_pledges")
    money_followed = MoneyFollowedSerializer(read_only=True, allow_null=True)
    updates = UpdateSerializer(many=True, read_only=True, source="recent_updates")

    class Meta(CampaignSerializer.Meta):
        fields = [
            *CampaignSerializer.Meta.fields,
            "problem",
            "outcomes",
            "business_case",
            "pledges",
            "money_followed",
            "updates",
        ]
        read_only_fields = fields


class CommitmentSerializer(serializers.ModelSerializer):
    amount_gbp = MoneyField(read_only=True)

    class Meta:
        model = Commitment
        fields = ["status", "amount_gbp", "po_number", "ordered_at", "invoiced_at", "paid_at"]
        read_only_fields = fields


class PledgeSerializer(serializers.ModelSerializer):
    id = serializers.UUIDField(source="public_id", read_only=True)
    url = serializers.HyperlinkedIdentityField(
        view_name="api:pledge-detail", lookup_field="public_id", lookup_url_kwarg="id"
    )
    campaign = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    council = OrganisationRefSerializer(read_only=True)
    currency = serializers.SerializerMethodField()
    amount_gbp = MoneyField(read_only=True)
    staff_days = StaffDaysField(read_only=True)
    commitment = serializers.SerializerMethodField()

    class Meta:
        model = Pledge
        fields = [
            "id",
            "url",
            "campaign",
            "council",
            "status",
            "currency",
            "amount_gbp",
            "staff_days",
            "conditions",
            "sign_off",
            "budget_year",
            "commitment",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields

    def get_currency(self, pledge) -> str:
        return CURRENCY

    @extend_schema_field(CommitmentSerializer(allow_null=True))
    def get_commitment(self, pledge):
        if pledge.status not in COMMITMENT_STATUSES:
            return None  # only a funded pledge has one: no query for the others
        commitment = getattr(pledge, "commitment", None)
        return CommitmentSerializer(commitment).data if commitment is not None else None


class LedgerEntrySerializer(serializers.ModelSerializer):
    pledge = serializers.UUIDField(source="pledge.public_id", read_only=True)
    council = OrganisationRefSerializer(read_only=True)
    actor = serializers.SerializerMethodField(help_text="Who made the change; empty for the hub.")
    amount_before = MoneyField(read_only=True)
    amount_after = MoneyField(read_only=True)
    amount_delta = MoneyField(read_only=True)

    class Meta:
        model = LedgerEntry
        fields = [
            "created_at",
            "pledge",
            "council",
            "kind",
            "amount_before",
            "amount_after",
            "amount_delta",
            "staff_days_before",
            "staff_days_after",
            "councils_delta",
            "actor",
            "reason",
        ]
        read_only_fields = fields

    def get_actor(self, entry) -> str:
        return (entry.actor.full_name or entry.actor.email) if entry.actor else ""


# In ----------------------------------------------------------------------------------------------


class _PledgeTermsSerializer(serializers.Serializer):
    currency = CurrencyField()
    staff_days = StaffDaysField(required=False)
    conditions = serializers.CharField(
        required=False, allow_blank=True, max_length=CONDITIONS_MAX_LENGTH
    )
    sign_off = serializers.ChoiceField(choices=SignOff.choices, required=False)
    budget_year = serializers.RegexField(
        BUDGET_YEAR_PATTERN,
        max_length=7,
        required=False,
        error_messages={"invalid": "Enter a financial year like 2026/27."},
    )


class PledgeCreateSerializer(_PledgeTermsSerializer):
    council = serializers.SlugField(
        max_length=120, help_text="Slug of the council you pledge for (you lead its procurement)."
    )
    amount_gbp = MoneyField(required=False)
    reason = serializers.CharField(required=False, allow_blank=True, max_length=REASON_MAX_LENGTH)


class PledgeAmendSerializer(_PledgeTermsSerializer):
    amount_gbp = MoneyField()
    reason = serializers.CharField(
        max_length=REASON_MAX_LENGTH, help_text="Why the pledge changes (kept in the ledger)."
    )


class PledgeWithdrawSerializer(serializers.Serializer):
    reason = serializers.CharField(
        max_length=REASON_MAX_LENGTH, help_text="Why the council withdraws (kept in the ledger)."
    )
