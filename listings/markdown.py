"""Markdown from publiccode.yml (``longDescription``) as safe HTML in GOV.UK styles.

Descriptions arrive from submitters, imports and the harvester, so they are treated as
hostile. markdown-it-py renders CommonMark with raw HTML switched off (any ``<script>``
or ``<iframe>`` typed in shows as text) and refuses ``javascript:`` and other unsafe
link targets; images are not rendered (no third-party requests from our pages). The
result then goes through nh3 with the listing's own rich-text rules
(``listings.sanitise``), which also add the GOV.UK classes, so nothing but plain
paragraphs, lists, headings, quotes, code and http(s)/mailto links can reach a page.
"""

from functools import lru_cache

import nh3
from markdown_it import MarkdownIt

from listings.sanitise import ALLOWED_TAGS as RICH_TEXT_TAGS
from listings.sanitise import ALLOWED_URL_SCHEMES

#: Markdown headings sit under the page's own h2: the biggest one becomes an h3.
TOP_HEADING_LEVEL = 3
MARKDOWN_TAGS = (RICH_TEXT_TAGS - {"embed"}) | {"h5", "h6"}
MARKDOWN_ATTRIBUTES = {"a": {"href", "title"}}
GOVUK_CLASSES = {
    "p": "govuk-body",
    "a": "govuk-link",
    "ul": "govuk-list govuk-list--bullet",
    "ol": "govuk-list govuk-list--number",
    "h3": "govuk-heading-m",
    "h4": "govuk-heading-s",
    "h5": "govuk-heading-s",
    "h6": "govuk-heading-s",
    "blockquote": "govuk-inset-text",
    "hr": "govuk-section-break govuk-section-break--m govuk-section-break--visible",
}
#: People's links are theirs, not ours: search engines should not count them for us.
LINK_REL = "noopener noreferrer nofollow"


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    return MarkdownIt("commonmark", {"html": False}).disable("image")


def _render(text: str) -> str:
    """Render with the headings moved down together, so none skips a level below h2."""
    parser = _parser()
    env: dict = {}
    tokens = parser.parse(text, env)
    headings = [t for t in tokens if t.type in ("heading_open", "heading_close")]
    if headings:
        shift = TOP_HEADING_LEVEL - min(int(t.tag[1]) for t in headings)
        for token in headings:
            token.tag = f"h{min(int(token.tag[1]) + shift, 6)}"
    return parser.renderer.render(tokens, parser.options, env)


def sanitise_markdown_html(html: str) -> str:
    return nh3.clean(
        html,
        tags=MARKDOWN_TAGS,
        attributes=MARKDOWN_ATTRIBUTES,
        url_schemes=ALLOWED_URL_SCHEMES,
        link_rel=LINK_REL,
        set_tag_attribute_values={tag: {"class": css} for tag, css in GOVUK_CLASSES.items()},
    )


def markdown_to_html(text: str | None) -> str:
    """Safe HTML for a Markdown text ("" for none)."""
    if not text or not isinstance(text, str):
        return ""
    return sanitise_markdown_html(_render(text))
