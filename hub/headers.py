"""Every response header value leaves the hub as a plain ``str``.

The WSGI specification wants header values of type ``str`` exactly. Gunicorn accepts a
subclass, but runserver (wsgiref) answers 500 to one, after the view has done its work:
DRF's ``Hyperlink`` in a ``Location`` header, or a ``SafeString`` from a template helper.
A client that retries on that 500 submits twice. Setting header values with ``str(...)``
where they are made is the first defence; this middleware is the one that holds for every
view, including third-party ones.
"""


class PlainHeaderValuesMiddleware:
    """Turn any ``str`` subclass among the response's header values into a plain ``str``.

    Goes first in ``MIDDLEWARE``, so it sees the headers every other middleware added.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        for name, value in list(response.items()):
            if type(value) is not str:
                # str.__str__ copies a subclass to an exact str (SafeString.__str__ would
                # return itself).
                response[name] = str.__str__(value)
        return response
