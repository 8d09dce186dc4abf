"""Forms of the bake-off: criteria, a bid, a conflict declaration, scores, decisions.

The rules (who, when, what is complete) are the services'; these forms only shape input.
"""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError

from hub.models import Organisation
from pledges.forms import MoneyField
from pledges.models import Bid, Criterion
from pledges.models.bids import ATTACHMENT_EXTENSIONS
from pledges.models.choices import MAX_SCORE
from pledges.services.bakeoff import CriterionSpec, check_attachment

CRITERIA_ROWS = 6
SCORE_CHOICES = [(str(n), str(n)) for n in range(MAX_SCORE + 1)]


class CriteriaForm(forms.Form):
    """Up to six criteria, each a name, a weight (1-100) and what it means."""

    def __init__(self, *args, criteria: list[Criterion] = (), **kwargs):
        super().__init__(*args, **kwargs)
        for row in range(1, CRITERIA_ROWS + 1):
            existing = criteria[row - 1] if row <= len(criteria) else None
            self.fields[f"name_{row}"] = forms.CharField(
                label=f"Criterion {row}",
                max_length=150,
                required=False,
                initial=existing.name if existing else "",
            )
            self.fields[f"weight_{row}"] = forms.IntegerField(
                label=f"Weight of criterion {row}",
                min_value=1,
                max_value=100,
                required=False,
                initial=existing.weight if existing else None,
                error_messages={
                    "min_value": "Give a weight from 1 to 100",
                    "max_value": "Give a weight from 1 to 100",
                    "invalid": "Give the weight as a whole number",
                },
            )
            self.fields[f"description_{row}"] = forms.CharField(
                label=f"What criterion {row} means (optional)",
                max_length=500,
                required=False,
                initial=existing.description if existing else "",
            )

    def clean(self):
        cleaned = super().clean()
        specs = []
        for row in range(1, CRITERIA_ROWS + 1):
            name, weight = cleaned.get(f"name_{row}"), cleaned.get(f"weight_{row}")
            if name and weight is None and f"weight_{row}" not in self.errors:
                self.add_error(f"weight_{row}", f"Give criterion {row} a weight")
            elif weight is not None and not name:
                self.add_error(f"name_{row}", f"Name criterion {row}")
            elif name:
                specs.append(CriterionSpec(name, weight, cleaned.get(f"description_{row}", "")))
        if not specs and not self.errors:
            self.add_error("name_1", "Give at least one criterion")
        cleaned["criteria"] = specs
        return cleaned


class BidForm(forms.Form):
    vendor = forms.ModelChoiceField(
        queryset=Organisation.objects.none(),
        label="Which company are you bidding for?",
        empty_label=None,
        widget=forms.RadioSelect,
        error_messages={"required": "Select the company you are bidding for"},
    )
    approach = forms.CharField(
        label="Your approach",
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=5000,
        error_messages={"required": "Describe your approach"},
    )
    price_gbp = MoneyField(
        label="Your price", allow_zero=False, error_messages={"required": "Enter your price"}
    )
    timeline = forms.CharField(
        label="Timeline",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=5000,
        error_messages={"required": "Enter the timeline"},
    )
    team = forms.CharField(
        label="Team",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=5000,
        error_messages={"required": "Describe the team"},
    )
    attachment = forms.FileField(
        label="Attachment (optional)",
        required=False,
        help_text=(
            f"One {', '.join(e.upper() for e in ATTACHMENT_EXTENSIONS)} file, smaller than 5 MB."
        ),
    )

    def __init__(self, *args, vendors, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["vendor"].queryset = Organisation.objects.filter(
            pk__in=[vendor.pk for vendor in vendors]
        ).order_by("name")

    def clean_attachment(self):
        upload = self.cleaned_data.get("attachment")
        try:
            check_attachment(upload)
        except ValidationError as error:
            raise ValidationError(error.messages[0]) from None
        return upload


class DeclarationForm(forms.Form):
    conflicted_bids = forms.ModelMultipleChoiceField(
        queryset=Bid.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        label="Does your council have a conflict of interest with any of these bidders?",
        help_text="Select any you have a conflict with; you will not score those bids.",
    )
    details = forms.CharField(
        label="Describe the conflict (if you have one)",
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    confirm = forms.BooleanField(
        label="I confirm this declaration is complete and true",
        error_messages={"required": "Confirm the declaration is complete and true"},
    )

    def __init__(self, *args, bids, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["conflicted_bids"].queryset = Bid.objects.filter(
            pk__in=[bid.pk for bid in bids]
        ).select_related("vendor")
        self.fields["conflicted_bids"].label_from_instance = lambda bid: bid.vendor.name

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("conflicted_bids") and not cleaned.get("details", "").strip():
            self.add_error("details", "Describe the conflict of interest")
        return cleaned


class ScoresForm(forms.Form):
    """One 0-5 score per bid and criterion, with an optional comment on each bid."""

    def __init__(self, *args, bids: list[Bid], criteria: list[Criterion], **kwargs):
        super().__init__(*args, **kwargs)
        self.grid = []
        for bid in bids:
            row = []
            for criterion in criteria:
                name = f"score_{bid.pk}_{criterion.pk}"
                self.fields[name] = forms.TypedChoiceField(
                    label=f"{bid.vendor.name}: {criterion.name}",
                    choices=SCORE_CHOICES,
                    coerce=int,
                    widget=forms.RadioSelect,
                    error_messages={"required": f"Score {bid.vendor.name} on {criterion.name}"},
                )
                row.append((criterion, name))
            comment = f"comment_{bid.pk}"
            self.fields[comment] = forms.CharField(
                label=f"Comments on {bid.vendor.name}'s bid (optional)",
                required=False,
                max_length=2000,
                widget=forms.Textarea(attrs={"rows": 2}),
            )
            self.grid.append((bid, row, comment))

    def scores(self) -> dict[tuple[int, int], tuple[int, str]]:
        return {
            (bid.pk, criterion.pk): (self.cleaned_data[name], self.cleaned_data[comment])
            for bid, row, comment in self.grid
            for criterion, name in row
        }


class ShortlistForm(forms.Form):
    bids = forms.ModelMultipleChoiceField(
        queryset=Bid.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        label="Which bids go forward to a proof of concept?",
        error_messages={"required": "Select at least one bid"},
    )
    reasons = forms.CharField(
        label="Your reasons",
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="The councils and the bidders see these, and the public once a winner is chosen.",
        error_messages={"required": "Give your reasons"},
    )

    def __init__(self, *args, bids, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["bids"].queryset = Bid.objects.filter(
            pk__in=[b.pk for b in bids]
        ).select_related("vendor")
        self.fields["bids"].label_from_instance = lambda bid: bid.vendor.name


class WinnerForm(forms.Form):
    bid = forms.ModelChoiceField(
        queryset=Bid.objects.none(),
        widget=forms.RadioSelect,
        empty_label=None,
        label="Which bid wins?",
        error_messages={"required": "Select the winning bid"},
    )
    reasons = forms.CharField(
        label="Your reasons",
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "Give your reasons"},
    )

    def __init__(self, *args, bids, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["bid"].queryset = Bid.objects.filter(
            pk__in=[b.pk for b in bids]
        ).select_related("vendor")
        self.fields["bid"].label_from_instance = lambda bid: bid.vendor.name
