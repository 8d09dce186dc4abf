"""Placeholder: adoption and evidence views are being written."""

from django.http import HttpResponse


def _todo(request, *args, **kwargs):
    return HttpResponse("Not built yet", status=501)


adoption_add = adoption_report = adoption_confirm = evidence_add = evidence_attest = _todo
