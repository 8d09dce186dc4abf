"""Query-string filters as every page and API endpoint of the hub reads them.

One rule for all: a value the filter cannot use is refused with the reason (the API answers
400; a page shows the rest and says why where it matters), and an empty value means
"no filter". django-filter's own classes bend both: its boolean filter reads ``banana`` as
"no filter", and a repeated-choice filter refuses ``?type=``. Free text always has a
maximum length: the value reaches the database (SQLite refuses a LIKE pattern over 50,000
bytes with a 500), and a value longer than the column it is matched against matches nothing.
"""

from django import forms
from django.core.exceptions import ValidationError

import django_filters

#: The one message for a text value that is too long, on pages and in the API.
TOO_LONG = "{what} must be {limit} characters or fewer"


def too_long_message(what: str, limit: int) -> str:
    return TOO_LONG.format(what=what, limit=f"{limit:,}")


class TextFilter(django_filters.CharFilter):
    """Free text with a maximum length (required) and a message that names the filter.

    ``what`` names the filter in the message ("Licence must be 100 characters or fewer").
    """

    def __init__(self, *args, max_length: int, what: str, **kwargs):
        kwargs.setdefault("error_messages", {"max_length": too_long_message(what, max_length)})
        super().__init__(*args, max_length=max_length, **kwargs)


class BooleanQueryField(forms.Field):
    """``true`` or ``false``, as OpenAPI writes a boolean in a query string; empty is None."""

    widget = forms.TextInput  # the raw value: Django's boolean widgets read "banana" as None
    default_error_messages = {"invalid": "Give true or false."}

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if value == "true":
            return True
        if value == "false":
            return False
        raise ValidationError(self.error_messages["invalid"], code="invalid")


class BooleanFilter(django_filters.BooleanFilter):
    """A yes/no filter that refuses anything but ``true``, ``false`` or nothing."""

    field_class = BooleanQueryField


class _OptionalChoicesField(django_filters.fields.MultipleChoiceField):
    """Empty items are left out: ``?type=`` (a form's blank option) means no filter."""

    def to_python(self, value):
        return [item for item in super().to_python(value) if item != ""]


class MultipleChoiceFilter(django_filters.MultipleChoiceFilter):
    """Any of several choices (``?type=a&type=b``); an empty value means no filter."""

    field_class = _OptionalChoicesField


def too_long_errors(form: forms.Form, anchors: dict[str, str]) -> list[dict[str, str]]:
    """GOV.UK error-summary entries (``field``, ``href``, ``message``) for the form's values
    that are longer than allowed.

    ``anchors`` maps a field's name to the id of its input on the page. Other invalid
    values are not listed: the pages leave them out and show the rest.
    """
    if not form.is_bound:
        return []
    entries = []
    for name, errors in form.errors.as_data().items():
        for error in errors:
            if error.code == "max_length":
                entries.append(
                    {
                        "field": name,
                        "href": f"#{anchors.get(name, name)}",
                        "message": error.messages[0],
                    }
                )
    return entries
