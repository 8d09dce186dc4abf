"""Refuse requests with more parameters or data than Django will parse, with a reason.

Django refuses a query string or form with more than ``DATA_UPLOAD_MAX_NUMBER_FIELDS``
fields (``TooManyFieldsSent``), more files than ``DATA_UPLOAD_MAX_NUMBER_FILES`` or a form
body over ``DATA_UPLOAD_MAX_MEMORY_SIZE`` (``RequestDataTooBig``), but only when a view
or a middleware first reads ``request.GET`` or ``request.POST``, and under DEBUG its error
page reads them again, so the 400 turns into a 500. This middleware reads them first,
before anything else does: a query string is counted without being parsed, and a form
body sent to a page is parsed by Django, which stops at its limit (API views parse their
own bodies with DRF). The answer is a 400 that says why, as JSON under the API and as a
page elsewhere.
"""

from django.conf import settings
from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent
from django.http import HttpRequest, HttpResponse, JsonResponse, QueryDict
from django.shortcuts import render
from django.utils.datastructures import MultiValueDict

from hub.api.schema import API_PATH_PREFIX

#: Bodies Django parses into request.POST (others are left to the view, e.g. DRF's JSON).
FORM_CONTENT_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")


def is_api(request: HttpRequest) -> bool:
    return request.path_info.startswith(API_PATH_PREFIX)


def query_field_count(query_string: str) -> int:
    """The number of fields Django's QueryDict would count (as urllib's parse_qsl does)."""
    return query_string.count("&") + 1 if query_string else 0


def request_limit_problem(request: HttpRequest) -> str | None:
    """Why Django would refuse to read this request's parameters, or None."""
    max_fields = settings.DATA_UPLOAD_MAX_NUMBER_FIELDS
    fields = query_field_count(request.META.get("QUERY_STRING", ""))
    if max_fields is not None and fields > max_fields:
        return (
            f"The address has {fields} query parameters; the most the hub accepts is {max_fields}."
        )
    # The API's views parse their own bodies (DRF), and their errors never reach a debug page.
    if request.content_type in FORM_CONTENT_TYPES and not is_api(request):
        try:
            request.POST  # noqa: B018 - parsing now is the check
        except (TooManyFieldsSent, TooManyFilesSent, RequestDataTooBig) as error:
            return f"The form sent is too large: {error}"
    return None


def bad_request(request: HttpRequest, reason: str) -> HttpResponse:
    """A 400 with ``reason``, after emptying the parameters nothing can read."""
    request.GET = QueryDict()
    request._post, request._files = QueryDict(), MultiValueDict()
    if is_api(request):
        return JsonResponse({"detail": reason}, status=400)
    return render(request, "400.html", {"reason": reason}, status=400)


class RequestLimitsMiddleware:
    """Answer 400 with the reason when a request is over Django's parsing limits (see above)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        reason = request_limit_problem(request)
        if reason is not None:
            return bad_request(request, reason)
        return self.get_response(request)
