"""Placeholder: the publiccode.yml import page is being written."""

from django.http import HttpResponse


def submission_import(request):
    return HttpResponse("Not built yet", status=501)
