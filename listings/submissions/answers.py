"""A listing's answers: the JSON a submission keeps until it becomes a page revision.

The form's question pages, the API and publiccode.yml imports all produce this one
shape, and ``ListingAnswersForm`` is the one place it is validated, so every route
into the catalogue obeys the same rules.
"""

from __future__ import annotations

import html
import re
from decimal import Decimal
from typing import Any

from django import forms
from django.utils.html import strip_tags

from packaging.licenses import InvalidLicenseExpression, canonicalize_license_expression

from hub.models import ServiceArea
from listings.models import CostModel, DevelopmentStatus, Hosting, SolutionPage, SolutionType
from listings.models.choices import MONEY_DECIMAL_PLACES, MONEY_MAX_DIGITS
from listings.models.publiccode_fields import (
    LONG_DESCRIPTION_MAX,
    LONG_DESCRIPTION_MIN,
    MAINTENANCE_TYPE_CHOICES,
    SOFTWARE_TYPE_CHOICES,
)
from listings.models.solutions import SUMMARY_MAX_LENGTH

#: Answers copied to the page field of the same name as they are.
PLAIN_FIELDS = (
    "title",
    "summary",
    "audience",
    "long_description",
    "features",
    "solution_type",
    "development_status",
    "software_type",
    "platforms",
    "categories",
    "maintenance_type",
    "is_open_source",
    "licence",
    "repository_url",
    "website",
    "cost_model",
    "hosting",
    "data_needed",
    "data_standards",
    "processes_personal_data",
    "dpia_template_available",
    "data_protection_notes",
    "accessibility_statement_url",
    "security_notes",
    "contact_name",
    "contact_email",
    "publiccode_metadata",
)
MONEY_FIELDS = ("price_min_gbp", "price_max_gbp")
#: Every key an answers dict may hold.
ANSWER_KEYS = (*PLAIN_FIELDS, *MONEY_FIELDS, "problem", "service_areas", "used_by")

MAX_LIST_ITEMS = 50
MAX_FEATURE_LENGTH = 100
_SLUG_ITEM = re.compile(r"^[A-Za-z0-9][A-Za-z0-9/_.+-]{0,63}$")
_YES_NO = [("yes", "Yes"), ("no", "No")]


def _yes_no(value: str) -> bool:
    return value in (True, "yes", "true", "True", "on", "1")


class LinesField(forms.CharField):
    """A list of short strings, typed one per line (or given as a JSON list)."""

    widget = forms.Textarea(attrs={"rows": 5})

    def __init__(self, *, item_max_length=MAX_FEATURE_LENGTH, item_pattern=None, **kwargs):
        self.item_max_length = item_max_length
        self.item_pattern = item_pattern
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)

    def prepare_value(self, value):
        if isinstance(value, list | tuple):
            return "\n".join(str(item) for item in value)
        return value

    def to_python(self, value):
        if isinstance(value, list | tuple):
            items = [str(item).strip() for item in value]
        else:
            items = [line.strip() for line in str(value or "").splitlines()]
        return [item for item in items if item]

    def validate(self, value):
        if self.required and not value:
            raise forms.ValidationError(self.error_messages["required"], code="required")
        if len(value) > MAX_LIST_ITEMS:
            raise forms.ValidationError(f"Enter {MAX_LIST_ITEMS} lines or fewer.")
        for item in value:
            if "\x00" in item:
                raise forms.ValidationError("Remove the null characters from this answer.")
            if len(item) > self.item_max_length:
                raise forms.ValidationError(
                    f"Each line must be {self.item_max_length} characters or fewer; "
                    f"“{item[:30]}…” is longer."
                )
            if self.item_pattern and not self.item_pattern.match(item):
                raise forms.ValidationError(
                    f"“{item[:30]}” is not valid: use lower-case letters, digits and hyphens."
                )


class YesNoField(forms.TypedChoiceField):
    widget = forms.RadioSelect

    def __init__(self, **kwargs):
        super().__init__(choices=_YES_NO, coerce=_yes_no, empty_value=None, **kwargs)

    def prepare_value(self, value):
        if value is True:
            return "yes"
        if value is False:
            return "no"
        return value

    def clean(self, value):
        if value is True or value is False:
            value = "yes" if value else "no"
        return super().clean(value)


def _price_field(label: str) -> forms.DecimalField:
    return forms.DecimalField(
        label=label,
        required=False,
        min_value=0,
        max_digits=MONEY_MAX_DIGITS,
        decimal_places=MONEY_DECIMAL_PLACES,
        error_messages={
            "min_value": "Enter a price of £0 or more",
            "invalid": "Enter a price in pounds, like 1500 or 1500.50",
        },
    )


class ListingAnswersForm(forms.Form):
    """Every question about a listing, with GOV.UK-style error messages."""

    title = forms.CharField(
        label="Name of the solution",
        max_length=255,
        error_messages={"required": "Enter the name of the solution"},
    )
    summary = forms.CharField(
        label="Summary",
        max_length=SUMMARY_MAX_LENGTH,
        help_text="One sentence, at most 150 characters",
        error_messages={
            "required": "Enter a one-sentence summary",
            "max_length": "The summary must be 150 characters or fewer",
        },
    )
    problem = forms.CharField(
        label="What problem does it solve?",
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=5000,
        error_messages={"required": "Enter the problem it solves"},
    )
    audience = forms.CharField(
        label="Who is it for?",
        max_length=255,
        required=False,
        help_text="For example, housing officers",
    )
    long_description = forms.CharField(
        label="Describe the solution",
        widget=forms.Textarea(attrs={"rows": 10}),
        min_length=LONG_DESCRIPTION_MIN,
        max_length=LONG_DESCRIPTION_MAX,
        help_text="150 to 10,000 characters. You can use Markdown.",
        error_messages={
            "required": "Enter a description of the solution",
            "min_length": "The description must be at least 150 characters",
            "max_length": "The description must be 10,000 characters or fewer",
        },
    )
    features = LinesField(
        label="Main features", help_text="One per line, up to 100 characters each"
    )
    solution_type = forms.ChoiceField(
        label="What kind of solution is it?",
        choices=SolutionType.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select what kind of solution it is"},
    )
    service_areas = forms.MultipleChoiceField(
        label="Which council services does it help?",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        choices=(),
    )
    development_status = forms.ChoiceField(
        label="How mature is it?",
        choices=DevelopmentStatus.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select how mature it is"},
    )
    software_type = forms.ChoiceField(
        label="Type of software",
        choices=[("", "Not given"), *SOFTWARE_TYPE_CHOICES],
        required=False,
    )
    platforms = LinesField(label="Platforms", help_text="One per line, for example web or linux")
    categories = LinesField(
        label="Categories",
        help_text="publiccode.yml categories, one per line, for example data-analytics",
        item_pattern=_SLUG_ITEM,
    )
    maintenance_type = forms.ChoiceField(
        label="Who maintains it?",
        choices=[("", "Not given"), *MAINTENANCE_TYPE_CHOICES],
        required=False,
    )
    is_open_source = YesNoField(
        label="Is it open source?",
        error_messages={"required": "Select yes if it is open source"},
    )
    licence = forms.CharField(
        label="Licence",
        max_length=100,
        required=False,
        help_text="An SPDX identifier or expression, for example MIT or AGPL-3.0-or-later",
    )
    repository_url = forms.URLField(
        label="Source code repository", required=False, assume_scheme="https", max_length=200
    )
    website = forms.URLField(label="Website", required=False, assume_scheme="https", max_length=200)
    cost_model = forms.ChoiceField(
        label="How is it paid for?",
        choices=CostModel.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select how it is paid for"},
    )
    price_min_gbp = _price_field("Indicative price from (£)")
    price_max_gbp = _price_field("Indicative price to (£)")
    hosting = forms.ChoiceField(
        label="How is it hosted?",
        choices=Hosting.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select how it is hosted"},
    )
    data_needed = forms.CharField(
        label="What data does it need?",
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        max_length=5000,
    )
    data_standards = forms.CharField(
        label="Data standards it uses",
        max_length=255,
        required=False,
        help_text="Separate them with commas, for example UPRN, USRN",
    )
    processes_personal_data = YesNoField(
        label="Does it process personal data?",
        error_messages={"required": "Select yes if it processes personal data"},
    )
    dpia_template_available = YesNoField(
        label="Is there a data protection impact assessment (DPIA) template?",
        error_messages={"required": "Select yes if there is a DPIA template"},
    )
    data_protection_notes = forms.CharField(
        label="Data protection notes",
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        max_length=5000,
    )
    accessibility_statement_url = forms.URLField(
        label="Accessibility statement", required=False, assume_scheme="https", max_length=200
    )
    security_notes = forms.CharField(
        label="Security notes",
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        max_length=5000,
    )
    contact_name = forms.CharField(label="Contact name", max_length=200, required=False)
    contact_email = forms.EmailField(
        label="Contact email address",
        required=False,
        error_messages={
            "invalid": "Enter an email address in the correct format, like name@example.com"
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "service_areas" in self.fields:
            self.fields["service_areas"].choices = list(
                ServiceArea.objects.values_list("slug", "name")
            )

    def clean_title(self):
        title = self.cleaned_data.get("title", "")
        if any(ord(char) < 32 for char in title):
            raise forms.ValidationError("Enter the name on one line")
        return title

    def clean_licence(self):
        licence = self.cleaned_data.get("licence", "").strip()
        if not licence:
            return ""
        try:
            return str(canonicalize_license_expression(licence))
        except InvalidLicenseExpression:
            raise forms.ValidationError(
                "Enter an SPDX licence identifier or expression, like MIT or Apache-2.0"
            ) from None

    def clean(self):
        cleaned = super().clean()
        low, high = cleaned.get("price_min_gbp"), cleaned.get("price_max_gbp")
        if low is not None and high is not None and high < low:
            self.add_error("price_max_gbp", "The upper price must not be below the lower price")
        if (
            cleaned.get("is_open_source")
            and "licence" in self.fields
            and not cleaned.get("licence")
        ) and "licence" not in self.errors:
            self.add_error("licence", "Enter the licence of the open source code")
        return cleaned


def answers_from_cleaned(cleaned: dict[str, Any]) -> dict[str, Any]:
    """Cleaned form data as JSON-safe answers (money as strings, pence-exact)."""
    answers = {}
    for key, value in cleaned.items():
        if isinstance(value, Decimal):
            value = str(value)
        answers[key] = value
    return answers


def form_data_from_answers(answers: dict[str, Any]) -> dict[str, Any]:
    """Answers as form data, so stored answers can be validated (or shown) again."""
    data = {}
    for key, value in answers.items():
        if key in ListingAnswersForm.base_fields:
            field = ListingAnswersForm.base_fields[key]
            data[key] = value if key == "service_areas" else field.prepare_value(value)
    return data


def validate_answers(answers: dict[str, Any]) -> ListingAnswersForm:
    """A bound form over every answer; ``form.errors`` says what is missing or wrong."""
    return ListingAnswersForm(data=form_data_from_answers(answers))


def problem_html(text: str) -> str:
    """Plain paragraphs as escaped rich text: a blank line starts a new paragraph."""
    paragraphs = [p.strip() for p in re.split(r"\n\s*\n", text or "") if p.strip()]
    return "".join(f"<p>{html.escape(p).replace(chr(10), '<br>')}</p>" for p in paragraphs)


def problem_text(rich_text: str) -> str:
    """Rich text back to the plain paragraphs a submitter types."""
    text = re.sub(r"<br\s*/?>", "\n", rich_text or "")
    text = re.sub(r"</(p|h2|h3|li)>", "\n\n", text)
    return re.sub(r"\n{3,}", "\n\n", html.unescape(strip_tags(text))).strip()


def page_fields_from_answers(answers: dict[str, Any]) -> dict[str, Any]:
    """Validated answers as SolutionPage field values (service areas returned separately)."""
    fields = {key: answers[key] for key in PLAIN_FIELDS if key in answers}
    for key in MONEY_FIELDS:
        if key in answers:
            fields[key] = Decimal(answers[key]) if answers[key] not in (None, "") else None
    if "problem" in answers:
        fields["problem"] = problem_html(answers["problem"])
    for key in ("software_type", "maintenance_type"):
        fields[key] = fields.get(key) or ""
    return fields


def answers_from_page(page: SolutionPage) -> dict[str, Any]:
    """A page's current content as answers, the starting point for a proposed change."""
    answers: dict[str, Any] = {key: getattr(page, key) for key in PLAIN_FIELDS}
    for key in MONEY_FIELDS:
        value = getattr(page, key)
        answers[key] = str(value) if value is not None else None
    answers["problem"] = problem_text(page.problem)
    answers["service_areas"] = sorted(page.service_areas.values_list("slug", flat=True))
    return answers
