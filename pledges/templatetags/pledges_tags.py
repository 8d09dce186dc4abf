"""Small template helpers for the co-funding pages."""

from django import template
from django.forms import Form

register = template.Library()


@register.filter
def field_named(container, name):
    """``form|field_named:"score_1_2"`` (a bound field) or ``mapping|field_named:key``."""
    if isinstance(container, Form):
        return container[name]
    return container.get(name, []) if container is not None else []
