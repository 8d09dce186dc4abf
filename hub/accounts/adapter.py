from django.contrib import messages
from django.urls import reverse

from allauth.account.adapter import DefaultAccountAdapter


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
