from urllib.parse import urlsplit

from django.contrib import messages
from django.urls import reverse

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context as allauth_context

from hub.links import absolute_url


class HubAccountAdapter(DefaultAccountAdapter):
    """allauth adapter that keeps visitors who are not signed in cookie-free.

    Flash messages are stored in the session, so a message for a visitor who is not
    signed in would start a session and set a cookie. Signing out therefore drops its
    message and lands on a "You have signed out" page instead.
    """

    def add_message(
        self,
        request,
        level,
        message_template=None,
        message_context=None,
        extra_tags="",
        message=None,
    ):
        if not request.user.is_authenticated:
            return
        super().add_message(
            request,
            level,
            message_template=message_template,
            message_context=message_context,
            extra_tags=extra_tags,
            message=message,
        )

    def logout(self, request):
        super().logout(request)
        storage = messages.get_messages(request)
        for _ in storage:
            pass  # iterating marks queued messages as shown, so none is saved

    def get_logout_redirect_url(self, request):
        return reverse("signed_out")

    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        """Every link allauth puts in an email (``activate_url``, ``password_reset_url``,
        ``signup_url``...) rebuilt by ``hub.links``, like every other link the hub sends."""
        request = allauth_context.request
        context = {
            key: _rebased(value, request) if key.endswith("_url") else value
            for key, value in context.items()
        }
        super().send_mail(template_prefix, email, context)


def _rebased(url, request) -> str:
    """allauth's absolute URL with its host and scheme chosen by ``hub.links``."""
    if not isinstance(url, str) or not url:
        return url
    parts = urlsplit(url)
    path = parts.path or "/"
    if parts.query:
        path += f"?{parts.query}"
    if parts.fragment:
        path += f"#{parts.fragment}"
    return absolute_url(path, request=request)
