"""Money in templates, formatted the one way the hub formats it (£1,234.56)."""

from django import template

from hub.formatting import format_gbp

register = template.Library()


@register.filter
def gbp(amount) -> str:
    return format_gbp(amount)
