"""Rich text and plain text sanitising: script never reaches a page.

Wagtail's editor already whitelists what it stores, but listings also arrive through the
API, publiccode.yml imports and the harvester, so every rich-text value is cleaned with
nh3 (a maintained HTML sanitiser) before it is saved, keeping Wagtail's own link and
embed markup.
"""

import nh3

ALLOWED_TAGS = {
    "a",
    "b",
    "blockquote",
    "br",
    "code",
    "em",
    "embed",
    "h2",
    "h3",
    "h4",
    "hr",
    "i",
    "li",
    "ol",
    "p",
    "pre",
    "strong",
    "ul",
}
ALLOWED_ATTRIBUTES = {
    "a": {"href", "linktype", "id", "title"},
    "embed": {"embedtype", "id", "format", "alt", "url"},
}
ALLOWED_URL_SCHEMES = {"http", "https", "mailto"}


def sanitise_rich_text(html: str) -> str:
    if not html:
        return html
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_URL_SCHEMES,
        link_rel=None,
    )
