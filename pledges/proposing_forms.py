"""The question pages of proposing a campaign (about it, the money, timing and the lead).

Each form asks a few of ``campaign_propose``'s arguments; ``proposal_arguments`` turns the
cleaned answers of all three into those arguments.
"""

from __future__ import annotations

from datetime import datetime, time, timedelta

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone

from hub.models import Membership, Organisation, ServiceArea, User
from hub.models.organisations import OrganisationKind
from listings.models import SolutionPage
from pledges.forms import BudgetYearField, MoneyField
from pledges.models import CampaignKind, FundingModel

SOLUTION_PATH_PREFIX = "/solutions/"


def listing_from_address(address: str) -> SolutionPage | None:
    """The published listing at ``/solutions/<slug>/`` (a full URL or a bare slug will do)."""
    path = address.strip()
    if "://" in path:
        path = "/" + path.split("://", 1)[1].split("/", 1)[-1]
    slug = path.removeprefix(SOLUTION_PATH_PREFIX).strip("/").split("/")[-1]
    if not slug:
        return None
    return SolutionPage.objects.live().filter(slug=slug).first()


class ProposeAboutForm(forms.Form):
    title = forms.CharField(
        label="What is the campaign called?",
        max_length=150,
        error_messages={"required": "Enter the campaign's name"},
    )
    kind = forms.ChoiceField(
        label="What kind of campaign is it?",
        choices=CampaignKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select what kind of campaign it is"},
    )
    pitch = forms.CharField(
        label="The pitch, in a sentence or two",
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": "Enter the pitch"},
    )
    problem = forms.CharField(
        label="What problem will it solve?",
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=5000,
        error_messages={"required": "Enter the problem it will solve"},
    )
    outcomes = forms.CharField(
        label="What outcomes do you expect?",
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=5000,
        error_messages={"required": "Enter the outcomes you expect"},
    )
    business_case = forms.CharField(
        label="The business case, in short",
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=5000,
        error_messages={"required": "Enter the business case"},
    )
    service_areas = forms.ModelMultipleChoiceField(
        label="Which council services is it for?",
        queryset=ServiceArea.objects.order_by("sort_order", "name"),
        widget=forms.CheckboxSelectMultiple,
        to_field_name="slug",
        required=False,
    )
    listing = forms.CharField(
        label="Does it co-develop a solution already listed on the hub?",
        required=False,
        max_length=300,
        help_text="Optional: the listing's address, for example /solutions/resident-index/.",
    )

    def clean_listing(self):
        address = self.cleaned_data["listing"]
        if not address:
            return ""
        if listing_from_address(address) is None:
            raise ValidationError("Enter the address of a published listing on the hub")
        return address


class ProposeMoneyForm(forms.Form):
    target_gbp = MoneyField(
        label="How much money does it need?",
        allow_zero=False,
        help_text="The money target, in pounds.",
        error_messages={"required": "Enter the money target"},
    )
    min_councils = forms.IntegerField(
        label="How many councils must pledge, at least?",
        min_value=1,
        max_value=500,
        error_messages={
            "required": "Enter the minimum number of councils",
            "min_value": "At least 1 council must pledge",
            "invalid": "Enter a whole number of councils",
        },
    )
    funding_model = forms.ChoiceField(
        label="What happens if it falls short at the deadline?",
        choices=[
            (
                FundingModel.ALL_OR_NOTHING,
                "All or nothing: nobody pays unless both targets are met",
            ),
            (
                FundingModel.KEEP_WHAT_IS_PLEDGED,
                "Keep what is pledged: go ahead with what was pledged",
            ),
        ],
        widget=forms.RadioSelect,
        initial=FundingModel.ALL_OR_NOTHING,
        error_messages={"required": "Select what happens if it falls short"},
    )
    min_pledge_gbp = MoneyField(label="Minimum pledge (optional)", allow_zero=False, required=False)
    max_pledge_gbp = MoneyField(label="Maximum pledge (optional)", allow_zero=False, required=False)
    max_total_gbp = MoneyField(
        label="Most the campaign will accept in total (optional)",
        allow_zero=False,
        required=False,
        help_text="Pledges stop once this total is reached.",
    )
    match_funder = forms.ModelChoiceField(
        label="Match funder (optional)",
        queryset=Organisation.objects.exclude(kind=OrganisationKind.COUNCIL).order_by("name"),
        required=False,
        help_text=(
            "An organisation that matches councils' pledges 1:1, only if the campaign succeeds."
        ),
        to_field_name="slug",
    )
    match_cap_gbp = MoneyField(
        label="The match funder's cap (optional)", allow_zero=False, required=False
    )

    def clean(self):
        cleaned = super().clean()
        low, high = cleaned.get("min_pledge_gbp"), cleaned.get("max_pledge_gbp")
        if low is not None and high is not None and high < low:
            self.add_error("max_pledge_gbp", "The maximum pledge must not be below the minimum")
        target, most = cleaned.get("target_gbp"), cleaned.get("max_total_gbp")
        if target is not None and most is not None and most < target:
            self.add_error("max_total_gbp", "The most it accepts must not be below its target")
        funder, cap = cleaned.get("match_funder"), cleaned.get("match_cap_gbp")
        if funder is not None and cap is None:
            self.add_error("match_cap_gbp", "Enter the match funder's cap")
        if cap is not None and funder is None:
            self.add_error("match_funder", "Select the match funder, or leave the cap empty")
        return cleaned


class ProposeTimingForm(forms.Form):
    opens_on = forms.DateField(
        label="When does it open for pledges?",
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"required": "Enter the date it opens", "invalid": "Enter a real date"},
    )
    closes_on = forms.DateField(
        label="What is the deadline for pledges?",
        help_text="Pledges close at the end of this day.",
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"required": "Enter the deadline", "invalid": "Enter a real date"},
    )
    budget_year = BudgetYearField(
        label="Which budget year is it for?", help_text="For example, 2026/27."
    )
    procurement_route = forms.CharField(
        label="How will it be bought?",
        max_length=255,
        help_text="For example, a named framework and lot, or a direct award below the threshold.",
        error_messages={"required": "Enter how it will be bought"},
    )
    lead_user = forms.ModelChoiceField(
        label="Who leads it?",
        queryset=User.objects.none(),
        empty_label=None,
        help_text="A named person at your council: they post updates and run the bake-off.",
        error_messages={"required": "Select who leads the campaign"},
    )

    def __init__(self, *args, council: Organisation, **kwargs):
        super().__init__(*args, **kwargs)
        members = Membership.objects.approved().filter(organisation=council)
        self.fields["lead_user"].queryset = User.objects.filter(
            pk__in=members.values("user")
        ).order_by("email")
        self.fields["lead_user"].label_from_instance = lambda user: user.full_name or user.email

    def clean(self):
        cleaned = super().clean()
        opens, closes = cleaned.get("opens_on"), cleaned.get("closes_on")
        if opens and closes and closes < opens:
            self.add_error("closes_on", "The deadline must be on or after the opening date")
        if closes and closes < timezone.localdate():
            self.add_error("closes_on", "The deadline must be today or later")
        return cleaned


def start_of_day(day) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def proposal_arguments(about: dict, money: dict, timing: dict) -> dict:
    """``campaign_propose``'s keyword arguments from the three pages' cleaned answers."""
    return {
        "title": about["title"],
        "kind": about["kind"],
        "pitch": about["pitch"],
        "problem": about["problem"],
        "outcomes": about["outcomes"],
        "business_case": about["business_case"],
        "service_areas": list(about["service_areas"]),
        "solution": listing_from_address(about["listing"]) if about["listing"] else None,
        "target_gbp": money["target_gbp"],
        "min_councils": money["min_councils"],
        "funding_model": money["funding_model"],
        "min_pledge_gbp": money["min_pledge_gbp"],
        "max_pledge_gbp": money["max_pledge_gbp"],
        "max_total_gbp": money["max_total_gbp"],
        "match_funder": money["match_funder"],
        "match_cap_gbp": money["match_cap_gbp"],
        "opens_at": start_of_day(timing["opens_on"]),
        # Pledges close at the end of the deadline day: the start of the next.
        "closes_at": start_of_day(timing["closes_on"] + timedelta(days=1)),
        "budget_year": timing["budget_year"],
        "procurement_route": timing["procurement_route"],
        "lead_user": timing["lead_user"],
    }
