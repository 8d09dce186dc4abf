"""Placeholder: the question pages are being written."""

from django.http import HttpResponse


def _todo(request, *args, **kwargs):
    return HttpResponse("Not built yet", status=501)


your_listings = submission_new = submission_check = submission_sent = submission_step = _todo
propose_changes = _todo
