"""Render Django form fields with GOV.UK Design System classes and error wiring."""

from django import template
from django.forms import BoundField

register = template.Library()

_WIDGET_CLASSES = {
    "select": "govuk-select",
    "textarea": "govuk-textarea",
    "checkbox": "govuk-checkboxes__input",
    "radioselect": "govuk-radios__input",
    "clearablefile": "govuk-file-upload",
    "file": "govuk-file-upload",
}


@register.simple_tag
def govuk_widget(field: BoundField, extra_classes: str = ""):
    """The field's own widget (keeping autocomplete, type, required) with GOV.UK classes."""
    base = _WIDGET_CLASSES.get(field.widget_type, "govuk-input")
    classes = [base, extra_classes]
    described_by = []
    if field.help_text:
        described_by.append(f"{field.auto_id}-hint")
    if field.errors:
        if base in {"govuk-input", "govuk-select", "govuk-textarea", "govuk-file-upload"}:
            classes.append(f"{base}--error")
        described_by.append(f"{field.auto_id}-error")
    attrs = {"class": " ".join(c for c in classes if c)}
    if described_by:
        attrs["aria-describedby"] = " ".join(described_by)
    # allauth sets placeholders; GOV.UK advises against them (they vanish as you type).
    field.field.widget.attrs.pop("placeholder", None)
    return field.as_widget(attrs=attrs)


@register.filter
def error_title(form) -> str:
    """GOV.UK asks for "Error: " before the page title when a form has errors."""
    return "Error: " if form is not None and getattr(form, "errors", None) else ""


@register.simple_tag
def elided_pages(page):
    """Page numbers around the current one, with ellipses, for GOV.UK pagination."""
    return list(page.paginator.get_elided_page_range(page.number, on_each_side=1, on_ends=1))
