"""Forms for the submission pages.

Each question page is ``ListingAnswersForm`` cut down to that page's fields, so the
rules live in one place: a page checks exactly what sending will check later. The
helpers here turn forms and answers into what the templates show (error summary links
and the check-your-answers rows); they decide nothing about who may do what.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from functools import cache
from typing import Any

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError

from hub.formatting import format_gbp
from listings.submissions.answers import MONEY_FIELDS, ListingAnswersForm, answers_from_cleaned
from listings.submissions.steps import (
    SHORT_LABELS,
    STEPS,
    Step,
    get_step,
    step_for_field,
    step_url,
)

_GROUP_WIDGETS = (forms.RadioSelect, forms.CheckboxSelectMultiple)
_AUTOCOMPLETE = {"contact_name": "name", "contact_email": "email"}
_NO_SPELLCHECK = ("repository_url", "website", "accessibility_statement_url", "contact_email")


class StartForm(forms.Form):
    """Which organisation a new submission is for (asked only if there is a choice).

    Every way of starting one (the questions, or a publiccode.yml import) asks it like
    this; ``cleaned_data["organisation"]`` is the chosen (or only) organisation.
    """

    organisation = forms.ChoiceField(
        label="Which organisation are you submitting for?",
        widget=forms.RadioSelect,
        error_messages={"required": "Select the organisation you are submitting for"},
    )

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        organisations = list(organisations)
        self.organisations = {str(org.pk): org for org in organisations}
        field = self.fields["organisation"]
        field.choices = [(str(org.pk), org.name) for org in organisations]
        self.single_organisation = organisations[0] if len(organisations) == 1 else None
        if self.single_organisation is not None:
            field.required = False

    def clean_organisation(self):
        if self.single_organisation is not None:
            return self.single_organisation
        return self.organisations[self.cleaned_data["organisation"]]


class StepFormMixin:
    """GOV.UK-friendly inputs; the fields and their validation stay ListingAnswersForm's."""

    step: Step

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            if name in MONEY_FIELDS:
                # GOV.UK advises against type="number"; the field still parses decimals.
                field.widget = forms.TextInput(
                    attrs={"inputmode": "decimal", "spellcheck": "false"}
                )
            if name in _AUTOCOMPLETE:
                field.widget.attrs["autocomplete"] = _AUTOCOMPLETE[name]
            if name in _NO_SPELLCHECK:
                field.widget.attrs["spellcheck"] = "false"


@cache
def step_form_class(slug: str) -> type[ListingAnswersForm]:
    """``ListingAnswersForm`` with only the step's fields (the others declared as None)."""
    step = get_step(slug)
    if step is None:
        raise KeyError(slug)
    removed = {name: None for name in ListingAnswersForm.base_fields if name not in step.fields}
    name = "".join(part.title() for part in slug.split("-")) + "StepForm"
    attrs = {**removed, "step": step, "field_order": list(step.fields), "__module__": __name__}
    return type(name, (StepFormMixin, ListingAnswersForm), attrs)


def answers_to_keep(form: ListingAnswersForm) -> dict[str, Any]:
    """A step's answers as they are, for "save and come back later".

    Valid answers are kept cleaned; invalid ones as typed, so nothing is lost and the
    check-your-answers page (or the next Continue) reports them.
    """
    form.is_valid()
    answers = answers_from_cleaned(
        {name: value for name, value in form.cleaned_data.items() if name in form.fields}
    )
    for name in form.fields:
        if name not in answers:
            answers[name] = form[name].data
    return answers


def field_anchor(form: forms.Form, name: str) -> str:
    """The id of a field's first input: radios and checkboxes are numbered from 0.

    The error summary template (includes/error_summary.html) follows the same rule.
    """
    bound = form[name]
    if isinstance(bound.field.widget, _GROUP_WIDGETS):
        return f"{bound.auto_id}_0"
    return bound.auto_id


def answer_errors(
    form: ListingAnswersForm, send_error: ValidationError | None = None
) -> dict[str, list]:
    """Every problem with the answers, keyed by answer (NON_FIELD_ERRORS for the rest).

    ``form`` is ``validate_answers(submission.answers)``: built once for the check page.
    """
    errors: dict[str, list] = {name: list(messages) for name, messages in form.errors.items()}
    if send_error is not None:
        found = (
            send_error.message_dict
            if hasattr(send_error, "error_dict")
            else {NON_FIELD_ERRORS: send_error.messages}
        )
        for key, messages in found.items():
            key = key if step_for_field(key) else NON_FIELD_ERRORS
            for message in messages:
                if message not in errors.setdefault(key, []):
                    errors[key].append(message)
    return {key: messages for key, messages in errors.items() if messages}


def check_error_links(
    submission, form: ListingAnswersForm, errors: dict[str, list]
) -> list[dict[str, str]]:
    """Error summary entries for the check page, linking to the question that needs fixing."""
    links = [{"href": "", "message": message} for message in errors.get(NON_FIELD_ERRORS, [])]
    for step in STEPS:
        for name in step.fields:
            for message in errors.get(name, []):
                href = step_url(
                    submission, step, return_to_check=True, anchor=field_anchor(form, name)
                )
                links.append({"href": href, "message": message})
    return links


def _display(field: forms.Field, name: str, value: Any) -> dict[str, Any]:
    """An answer as the check page shows it: ``text`` or a list of ``lines``."""
    if value in (None, "", [], ()):
        return {}
    if name in MONEY_FIELDS:
        try:
            return {"text": format_gbp(Decimal(str(value)))}
        except InvalidOperation:
            return {"text": str(value)}
    if isinstance(field, forms.ChoiceField):
        labels = {str(key): str(label) for key, label in field.choices}
        prepared = field.prepare_value(value)
        if isinstance(prepared, list | tuple):
            return {"lines": [labels.get(str(item), str(item)) for item in prepared]}
        return {"text": labels.get(str(prepared), str(prepared))}
    if isinstance(value, list | tuple):
        return {"lines": [str(item) for item in value]}
    return {"text": str(value)}


def check_sections(
    submission, form: ListingAnswersForm, errors: dict[str, list]
) -> list[dict[str, Any]]:
    """The check page's summary lists: one per step, a row per question.

    ``form`` is the check page's one ``validate_answers`` form: its fields label the rows.
    """
    sections = []
    for step in STEPS:
        rows = []
        for name in step.fields:
            rows.append(
                {
                    "name": name,
                    "label": SHORT_LABELS.get(name, form.fields[name].label),
                    "errors": errors.get(name, []),
                    "change_url": step_url(
                        submission, step, return_to_check=True, anchor=field_anchor(form, name)
                    ),
                    **_display(form.fields[name], name, submission.answers.get(name)),
                }
            )
        sections.append({"step": step, "rows": rows})
    return sections
