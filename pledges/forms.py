"""Forms for pledging, following the money and tending a campaign.

Amounts are parsed by the services' own ``clean_money`` / ``clean_staff_days`` and the
pledge limits are the services' ``check_pledge_amounts``, so a form and the API refuse
exactly what the service refuses, in the same words. Proposing and the bake-off have
their own modules (``proposing_forms``, ``bakeoff_forms``).
"""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError

from hub.models import Organisation, ServiceArea
from pledges.models import Campaign, CampaignState, DeliveryStage, SignOff
from pledges.models.campaigns import BUDGET_YEAR_PATTERN
from pledges.models.choices import PUBLIC_STATES
from pledges.money import ZERO, ZERO_DAYS
from pledges.services.common import clean_money, clean_staff_days
from pledges.services.pledging import CONDITIONS_MAX_LENGTH, REASON_MAX_LENGTH, check_pledge_amounts


def _message(error: ValidationError) -> str:
    return error.messages[0]


class MoneyField(forms.CharField):
    """Pounds and pence as text, parsed by the services' ``clean_money``."""

    def __init__(self, *, allow_zero: bool = True, **kwargs):
        self.allow_zero = allow_zero
        kwargs.setdefault("max_length", 20)
        super().__init__(**kwargs)
        self.widget.attrs.update({"inputmode": "decimal", "spellcheck": "false"})

    def clean(self, value):
        value = super().clean(value)
        if value in ("", None):
            return None
        try:
            return clean_money(
                value.replace(",", "").replace("£", ""), field="x", allow_zero=self.allow_zero
            )
        except ValidationError as error:
            raise ValidationError(_message(error)) from None


class StaffDaysField(forms.CharField):
    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 12)
        super().__init__(**kwargs)
        self.widget.attrs.update({"inputmode": "decimal", "spellcheck": "false"})

    def clean(self, value):
        value = super().clean(value)
        if value in ("", None):
            return None
        try:
            return clean_staff_days(value)
        except ValidationError as error:
            raise ValidationError(_message(error)) from None


class BudgetYearField(forms.RegexField):
    def __init__(self, **kwargs):
        super().__init__(
            BUDGET_YEAR_PATTERN,
            max_length=7,
            error_messages={
                "required": "Enter the budget year, like 2026/27",
                "invalid": "Enter the budget year like 2026/27",
            },
            **kwargs,
        )
        self.widget.attrs.update({"spellcheck": "false"})


# Pledging ---------------------------------------------------------------------------------


class PledgeCouncilForm(forms.Form):
    council = forms.ModelChoiceField(
        queryset=Organisation.objects.none(),
        widget=forms.RadioSelect,
        label="Which council are you pledging for?",
        empty_label=None,
        error_messages={"required": "Select the council you are pledging for"},
    )

    def __init__(self, *args, councils, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["council"].queryset = Organisation.objects.filter(
            pk__in=[council.pk for council in councils]
        ).order_by("name")


class PledgeAmountForm(forms.Form):
    amount_gbp = MoneyField(
        label="How much money will your council pledge?",
        required=False,
        help_text=(
            "In pounds, for example 25000 or 25000.50. Leave it empty to pledge staff time only."
        ),
    )
    staff_days = StaffDaysField(
        label="How many days of staff time will your council give?",
        required=False,
        help_text="Optional. To one decimal place, for example 10 or 2.5.",
    )

    def __init__(self, *args, campaign: Campaign, current: Decimal = ZERO, **kwargs):
        self.campaign, self.current = campaign, current
        super().__init__(*args, **kwargs)

    def clean(self):
        cleaned = super().clean()
        if self.errors:
            return cleaned
        amount = cleaned.get("amount_gbp") or ZERO
        days = cleaned.get("staff_days") or ZERO_DAYS
        try:
            check_pledge_amounts(self.campaign, amount, days, current=self.current)
        except ValidationError as error:
            self.add_error("amount_gbp", _message(error))
        cleaned["amount_gbp"], cleaned["staff_days"] = amount, days
        return cleaned


class PledgeTermsForm(forms.Form):
    conditions = forms.CharField(
        label="Are there any conditions on the pledge?",
        required=False,
        max_length=CONDITIONS_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Optional. For example: subject to cabinet approval in June.",
    )
    sign_off = forms.ChoiceField(
        label="Has the budget holder approved this pledge?",
        choices=[
            (SignOff.BUDGET_HOLDER, "Yes, the budget holder has approved it"),
            (SignOff.INDICATIVE, "No, it is indicative for now"),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": "Select whether the budget holder has approved the pledge"},
    )
    budget_year = BudgetYearField(
        label="Which budget year is the money from?", help_text="For example, 2026/27."
    )


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label="Why are you changing your pledge?",
        max_length=REASON_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Everyone who can see the ledger will see this.",
        error_messages={"required": "Enter why you are changing your pledge"},
    )


class WithdrawForm(forms.Form):
    reason = forms.CharField(
        label="Why is your council withdrawing its pledge?",
        max_length=REASON_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Everyone who can see the ledger will see this.",
        error_messages={"required": "Enter why your council is withdrawing"},
    )


# Following the money ------------------------------------------------------------------------


class PurchaseOrderForm(forms.Form):
    po_number = forms.CharField(
        label="Purchase order number",
        max_length=100,
        error_messages={"required": "Enter the purchase order number"},
    )


class InvoiceForm(forms.Form):
    invoice_reference = forms.CharField(
        label="Invoice reference",
        max_length=100,
        error_messages={"required": "Enter the invoice reference"},
    )


# Tending -------------------------------------------------------------------------------------


class UpdateForm(forms.Form):
    text = forms.CharField(
        label="Post an update",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Followers get it in their next email digest.",
        error_messages={"required": "Write the update"},
    )


class StageGateForm(forms.Form):
    stage = forms.ChoiceField(
        label="Which stage has delivery reached?",
        choices=DeliveryStage.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select the stage"},
    )
    text = forms.CharField(
        label="What did this stage find or deliver?",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "Say what this stage found or delivered"},
    )


class CancelForm(forms.Form):
    reason = forms.CharField(
        label="Why is the campaign cancelled?",
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Enter why the campaign is cancelled"},
    )


class LinkListingForm(forms.Form):
    listing = forms.CharField(
        label="The listing's address on the hub",
        max_length=300,
        help_text="For example, /solutions/resident-index/ (the listing must be published).",
        error_messages={"required": "Enter the listing's address"},
    )


# The list's filters ---------------------------------------------------------------------------


class CampaignFilterForm(forms.Form):
    """The /campaigns/ filters; every value is a choice, so nothing unbounded reaches a query."""

    state = forms.ChoiceField(required=False, label="State")
    service_area = forms.ChoiceField(required=False, label="Council service")
    region = forms.ChoiceField(required=False, label="Region")

    def __init__(self, *args, regions: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["state"].choices = [
            ("", "Any state"),
            *((state, CampaignState(state).label) for state in PUBLIC_STATES),
        ]
        areas = ServiceArea.objects.order_by("sort_order", "name").values_list("slug", "name")
        self.fields["service_area"].choices = [("", "Any service"), *areas]
        self.fields["region"].choices = [("", "Any region"), *((r, r) for r in regions)]
