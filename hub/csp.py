"""The Content-Security-Policy: the response's nonce wherever the hub or Wagtail writes a script.

django-csp sets the policy (``CONTENT_SECURITY_POLICY`` in the settings) and gives each
request a nonce (``request.csp_nonce``), which templates with a request put on their own
inline ``<script>`` and ``<style>`` elements.

Wagtail 8's admin still writes a few inline scripts where no request is at hand: form
widgets (date and time choosers, rendered by the form renderer) and the chooser widgets
(page, document, snippet), which append ``<script>new PageChooser(...)</script>`` in
Python (wagtail#1288). ``CSPNonceMiddleware`` keeps the current request's nonce in a
context variable so that those trusted places, and only those, can carry it:
``templates/wagtailadmin/`` overrides the widget and panel templates with
``{% csp_nonce %}``, and ``nonce_wagtail_choosers`` gives the chooser scripts the nonce.

Draftail (Wagtail's rich text editor) adds ``<style>`` elements whose text changes from
page to page, so the admin alone allows inline styles; its scripts stay nonce-only.
"""

from contextvars import ContextVar

from django.urls import reverse
from django.utils.html import format_html
from django.utils.module_loading import import_string
from django.utils.safestring import mark_safe

from csp.constants import SELF, UNSAFE_INLINE
from csp.middleware import CSPMiddleware

_current_request: ContextVar[object | None] = ContextVar("hub_csp_request", default=None)


def csp_nonce() -> str:
    """The current response's nonce ("" outside a request, e.g. an email or a command)."""
    request = _current_request.get()
    # django-csp's lazy nonce is falsy until first read, so test for None, not truth.
    nonce = getattr(request, "csp_nonce", None)
    return "" if nonce is None else str(nonce)


class CSPNonceMiddleware:
    """Make the request's nonce reachable while the response is rendered (see above).

    Sits after django-csp's middleware, which creates ``request.csp_nonce``.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _current_request.set(request)
        try:
            return self.get_response(request)  # template responses are rendered by then
        finally:
            _current_request.reset(token)


class HubCSPMiddleware(CSPMiddleware):
    """django-csp's middleware, allowing inline styles in the Wagtail admin only (Draftail)."""

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only)
        if not report_only and request.path_info.startswith(reverse("wagtailadmin_home")):
            parts.replace = {**(parts.replace or {}), "style-src": [SELF, UNSAFE_INLINE]}
        return parts


def _chooser_render_with_nonce(self, name, value, attrs=None, renderer=None):
    """Wagtail's ``BaseChooser.render``, with the response's nonce on its script."""
    try:
        id_ = attrs["id"]
    except (KeyError, TypeError) as error:
        raise TypeError("BaseChooser cannot be rendered without an 'id' attribute") from error
    value_data = self.get_value_data(value)
    widget_html = self.render_html(name, value_data, attrs)
    script = format_html(
        '<script nonce="{}">{}</script>',
        csp_nonce(),
        mark_safe(self.render_js_init(id_, name, value_data)),  # noqa: S308 - Wagtail's own JSON
    )
    return mark_safe(f"{widget_html}{script}")  # noqa: S308 - both parts are already safe


def nonce_wagtail_choosers() -> None:
    """Give Wagtail's chooser widgets' inline scripts the nonce (HubConfig.ready calls this).

    Looked up by name: Wagtail's widgets cannot be imported before the app registry is ready.
    """
    base_chooser = import_string("wagtail.admin.widgets.chooser.BaseChooser")
    base_chooser.render = _chooser_render_with_nonce
