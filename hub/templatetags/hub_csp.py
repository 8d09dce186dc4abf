"""``{% csp_nonce %}``: the response's Content-Security-Policy nonce, even without a request.

Templates that have ``request`` use ``request.csp_nonce``; widget and panel templates
(rendered with no request in their context) use this tag instead.
"""

from django import template

from hub.csp import csp_nonce as current_csp_nonce

register = template.Library()


@register.simple_tag
def csp_nonce() -> str:
    return current_csp_nonce()
