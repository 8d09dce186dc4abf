"""Thin views for the catalogue that are not Wagtail pages."""

from django.http import HttpResponse

from listings.filters import live_solution_or_404
from listings.publiccode import publiccode_yaml


def publiccode_export(request, page_id: int):
    """The live listing as a publiccode.yml of the current version of the standard."""
    page = live_solution_or_404(page_id)
    response = HttpResponse(
        publiccode_yaml(page, request=request), content_type="application/yaml; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{page.slug}.publiccode.yml"'
    return response
