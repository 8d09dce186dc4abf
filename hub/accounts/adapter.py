from allauth.account.adapter import DefaultAccountAdapter


class HubAccountAdapter(DefaultAccountAdapter):
    """allauth adapter that keeps anonymous visitors cookie-free.

    Flash messages are stored in the session; adding one for a visitor who is not
    signed in (after signing out, say) would start a session and set a cookie.
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
