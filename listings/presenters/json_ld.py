"""schema.org JSON-LD for solution pages, escaped so nothing in it can close its <script>."""

import json
from decimal import Decimal

from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpRequest
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

from hub.links import absolute_url, page_absolute_url
from listings.models.choices import CostModel, Hosting

#: What Django's json_script escapes: nothing in the data can close the <script> element.
_JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def json_ld_script(data: dict) -> SafeString:
    """A <script type="application/ld+json"> element whose content cannot break out of it."""
    payload = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False)
    return format_html(
        '<script type="application/ld+json">{}</script>',
        mark_safe(payload.translate(_JSON_SCRIPT_ESCAPES)),  # noqa: S308 - escaped above
    )


def _decimal_text(amount: Decimal) -> str:
    return f"{amount:.2f}"


def solution_json_ld(solution, *, request: HttpRequest | None = None) -> dict:
    """schema.org SoftwareApplication; ratings are not ours to give, so none is claimed."""
    data: dict = {
        "@context": "https://schema.org",
        "@type": "SoftwareApplication",
        "name": solution.title,
        "description": solution.summary,
        "applicationCategory": "BusinessApplication",
        "applicationSubCategory": solution.get_solution_type_display(),
        "url": page_absolute_url(solution, request=request),
    }
    if solution.hosting == Hosting.SAAS:
        data["operatingSystem"] = "Web browser"
    if solution.github_latest_release:
        data["softwareVersion"] = solution.github_latest_release
    if solution.licence:
        data["license"] = (
            f"https://spdx.org/licenses/{solution.licence}.html"
            if solution.is_open_source
            else solution.licence
        )
    offer: dict = {"@type": "Offer", "priceCurrency": "GBP"}
    low, high = solution.price_min_gbp, solution.price_max_gbp
    if solution.cost_model == CostModel.FREE:
        offer["price"] = "0.00"
    elif low is not None and high is not None and low != high:
        offer = {
            "@type": "AggregateOffer",
            "priceCurrency": "GBP",
            "lowPrice": _decimal_text(low),
            "highPrice": _decimal_text(high),
        }
    elif low is not None or high is not None:
        offer["price"] = _decimal_text(low if low is not None else high)
    if "price" in offer or "lowPrice" in offer:
        data["offers"] = offer
    if solution.provider is not None:
        provider = solution.provider
        data["provider"] = {
            "@type": "Organization",
            "name": provider.name,
            "url": absolute_url(
                reverse("organisation_detail", args=[provider.slug]), request=request
            ),
        }
    if solution.last_published_at:
        data["dateModified"] = solution.last_published_at.isoformat()
    return data
