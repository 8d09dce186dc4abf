"""``{{ text|markdown }}``: Markdown rendered sanitised (see ``listings.markdown``)."""

from django import template
from django.utils.safestring import mark_safe

from listings.markdown import markdown_to_html

register = template.Library()


@register.filter(name="markdown")
def markdown(text) -> str:
    return mark_safe(markdown_to_html(text))  # noqa: S308 - nh3-sanitised just above
