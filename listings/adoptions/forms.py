"""Forms for recording adoptions and savings evidence (listings/adoptions/views.py).

Error messages follow the GOV.UK Design System's wording ("Enter...", "Choose...").
The forms only shape the answers: ``listings.adoptions.services`` validates them again and decides
who may do what.
"""

import datetime
from decimal import Decimal

from django import forms
from django.utils import timezone

from hub.models import Membership, Organisation
from listings.models import AdoptionStatus, EvidenceLevel, SavingsEvidence
from listings.models.choices import (
    EARLIEST_EVIDENCE_YEAR,
    EVIDENCE_NAMES,
    MAX_HOURS,
    MAX_SAVING_GBP,
    MONEY_DECIMAL_PLACES,
    MONEY_MAX_DIGITS,
    NESTA_STANDARDS,
    SavingsKind,
    SavingsPeriod,
)

STATUS_HINTS = {
    AdoptionStatus.EXPLORING: "Looking into it, not yet using it",
    AdoptionStatus.PILOTING: "Trying it with real work on a small scale",
    AdoptionStatus.PRODUCTION: "Using it for real work",
    AdoptionStatus.RETIRED: "Used it and has since stopped",
}
NOTES_MAX_LENGTH = 2000


def adoptable_councils():
    """Every current council with a GSS code, A to Z (about 400)."""
    return Organisation.objects.councils().current().filter(gss_code__isnull=False).order_by("name")


def member_councils(user):
    """The adoptable councils ``user`` is an approved member of: whose adoptions they record."""
    return adoptable_councils().filter(
        pk__in=Membership.objects.approved().filter(user=user).values("organisation")
    )


class RadioOptionsMixin:
    """``form.radio_options.<field>``: each radio with its hint, for the GOV.UK radios."""

    radio_hints: dict[str, dict] = {}

    @property
    def radio_options(self) -> dict[str, list[tuple]]:
        return {
            name: [
                (radio, self.radio_hints.get(name, {}).get(radio.data["value"], ""))
                for radio in self[name]
            ]
            for name, field in self.fields.items()
            if isinstance(field.widget, forms.RadioSelect)
        }


class CouncilChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Organisation) -> str:
        return f"{obj.name} ({obj.gss_code})"


def _status_field() -> forms.ChoiceField:
    return forms.ChoiceField(
        label="How is the council using it?",
        choices=AdoptionStatus.choices,
        initial=AdoptionStatus.PRODUCTION,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose how the council is using it"},
    )


def _notes_field(help_text: str) -> forms.CharField:
    return forms.CharField(
        label="Notes (optional)",
        required=False,
        max_length=NOTES_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=help_text,
        error_messages={
            "max_length": f"Notes must be {NOTES_MAX_LENGTH:,} characters or fewer",
        },
    )


class AdoptionReportForm(RadioOptionsMixin, forms.Form):
    """Anyone signed in: which council uses the solution, and how."""

    radio_hints = {"status": STATUS_HINTS}

    council = CouncilChoiceField(
        label="Council",
        queryset=adoptable_councils(),
        empty_label="Choose a council",
        help_text="Councils are listed A to Z with their GSS code.",
        error_messages={
            "required": "Choose the council that uses it",
            "invalid_choice": "Choose a council from the list",
        },
    )
    status = _status_field()
    notes = _notes_field("How do you know? For example, a link to a committee report.")


class AdoptionAddForm(RadioOptionsMixin, forms.Form):
    """A council member: their own council uses the solution (confirmed at once)."""

    radio_hints = {"status": STATUS_HINTS}

    council = CouncilChoiceField(
        label="Which council?",
        queryset=Organisation.objects.none(),
        widget=forms.RadioSelect,
        empty_label=None,
        error_messages={
            "required": "Choose your council",
            "invalid_choice": "Choose a council you are a member of",
        },
    )
    status = _status_field()
    since_month = forms.IntegerField(
        label="Month",
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "numeric"}),
        min_value=1,
        max_value=12,
        error_messages={
            "invalid": "The month it started must be a number",
            "min_value": "The month it started must be between 1 and 12",
            "max_value": "The month it started must be between 1 and 12",
        },
    )
    since_year = forms.IntegerField(
        label="Year",
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "numeric"}),
        min_value=EARLIEST_EVIDENCE_YEAR,
        error_messages={
            "invalid": "The year it started must be a number",
            "min_value": f"The year it started must be {EARLIEST_EVIDENCE_YEAR} or later",
        },
    )
    contact = forms.CharField(
        label="Contact for other councils (optional)",
        required=False,
        max_length=200,
        help_text="A team or role and how to reach it. Other councils will see this.",
        error_messages={"max_length": "The contact must be 200 characters or fewer"},
    )
    notes = _notes_field("Anything other councils should know about how you use it.")

    def __init__(self, *args, councils, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["council"].queryset = councils
        if len(councils) == 1:
            self.fields["council"].initial = councils[0].pk

    def clean(self):
        cleaned = super().clean()
        month, year = cleaned.get("since_month"), cleaned.get("since_year")
        if "since_month" in self.errors or "since_year" in self.errors:
            return cleaned
        if month and not year:
            self.add_error("since_year", "Enter the year it started")
        elif year and not month:
            self.add_error("since_month", "Enter the month it started")
        elif month and year:
            since = datetime.date(year, month, 1)
            if since > timezone.localdate():
                self.add_error("since_month", "The date it started must be in the past")
            cleaned["since"] = since
        cleaned.setdefault("since", None)
        return cleaned


class MoneyField(forms.DecimalField):
    """Pounds as people type them: "£1,250.50", "1250.5" or "1 250"."""

    def to_python(self, value):
        if isinstance(value, str):
            value = value.strip().removeprefix("£").replace(",", "").replace(" ", "")
        return super().to_python(value)


class EvidenceForm(RadioOptionsMixin, forms.ModelForm):
    """One saving, graded on Nesta's Standards of Evidence."""

    radio_hints = {"evidence_level": NESTA_STANDARDS}

    kind = forms.ChoiceField(
        label="What kind of saving is it?",
        choices=SavingsKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose what kind of saving it is"},
    )
    amount_gbp = MoneyField(
        label="Amount in pounds",
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "spellcheck": "false"}),
        min_value=Decimal("0"),
        max_value=MAX_SAVING_GBP,
        max_digits=MONEY_MAX_DIGITS,
        decimal_places=MONEY_DECIMAL_PLACES,
        help_text="For cashable savings, cost avoidance and additional income.",
        error_messages={
            "invalid": "The amount must be a number, like 12500 or 12,500.50",
            "min_value": "The amount must be £0 or more",
            "max_value": "The amount must be £1,000,000,000 or less",
            "max_decimal_places": "The amount must have no more than 2 decimal places (pence)",
            "max_digits": "The amount must be £1,000,000,000 or less",
        },
    )
    hours = forms.DecimalField(
        label="Number of staff hours",
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "spellcheck": "false"}),
        max_digits=10,
        decimal_places=1,
        help_text="For staff hours released only, instead of an amount in pounds.",
        error_messages={
            "invalid": "The hours must be a number, like 1200",
            "max_decimal_places": "The hours must have no more than 1 decimal place",
            "max_digits": f"The hours must be {MAX_HOURS:,} or fewer",
        },
    )
    period = forms.ChoiceField(
        label="Is it a yearly or a one-off saving?",
        choices=SavingsPeriod.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose whether it is a yearly or a one-off saving"},
    )
    year_from = forms.IntegerField(
        label="First year it covers",
        widget=forms.TextInput(attrs={"inputmode": "numeric"}),
        help_text=f"For example, 2023. From {EARLIEST_EVIDENCE_YEAR} onwards.",
        error_messages={
            "required": "Enter the first year the saving covers",
            "invalid": "The first year must be a number, like 2023",
        },
    )
    year_to = forms.IntegerField(
        label="Last year it covers",
        widget=forms.TextInput(attrs={"inputmode": "numeric"}),
        help_text="The same as the first year if it covers one year.",
        error_messages={
            "required": "Enter the last year the saving covers",
            "invalid": "The last year must be a number, like 2024",
        },
    )
    baseline = forms.CharField(
        label="What is it compared with?",
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="For example, spending in the year before the tool was introduced.",
        error_messages={"required": "Enter what the saving is compared with"},
    )
    method = forms.CharField(
        label="How was the saving measured?",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Enter how the saving was measured"},
    )
    evidence_level = forms.TypedChoiceField(
        label="How strong is the evidence?",
        coerce=int,
        choices=[
            (level, f"Level {level}: {EVIDENCE_NAMES[level]}") for level in EvidenceLevel.values
        ],
        widget=forms.RadioSelect,
        help_text="Nesta's Standards of Evidence.",
        error_messages={"required": "Choose how strong the evidence is"},
    )
    source_url = forms.URLField(
        label="Link to the source (optional)",
        required=False,
        assume_scheme="https",
        max_length=200,
        widget=forms.URLInput(attrs={"spellcheck": "false"}),
        help_text="A published report, committee paper or dataset.",
        error_messages={
            "invalid": "Enter a web address, like https://example.gov.uk/report",
            "max_length": "The web address must be 200 characters or fewer",
        },
    )

    class Meta:
        model = SavingsEvidence
        fields = list(SavingsEvidence.CLAIM_FIELDS)

    def __init__(self, *args, adoption, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.adoption = adoption
