from wagtail import blocks
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageBlock

from listings.sanitise import sanitise_rich_text

RICH_TEXT_FEATURES = ["h2", "h3", "bold", "italic", "ol", "ul", "link", "document-link"]


class SanitisedRichTextBlock(blocks.RichTextBlock):
    """Rich text that is sanitised however it arrives (editor, API or import)."""

    def get_prep_value(self, value):
        prepared = super().get_prep_value(value)
        return sanitise_rich_text(prepared) if isinstance(prepared, str) else prepared

    def normalize(self, value):
        return super().normalize(sanitise_rich_text(value) if isinstance(value, str) else value)

    def to_python(self, value):
        return super().to_python(sanitise_rich_text(value) if isinstance(value, str) else value)


class QuoteBlock(blocks.StructBlock):
    quote = blocks.TextBlock()
    attribution = blocks.CharBlock(required=False, help_text="Who said it, and their role")

    class Meta:
        icon = "openquote"
        template = "listings/blocks/quote.html"


class DescriptionBlock(blocks.StreamBlock):
    rich_text = SanitisedRichTextBlock(features=RICH_TEXT_FEATURES)
    image = ImageBlock()
    embed = EmbedBlock(help_text="A video or slide deck URL, e.g. YouTube or Vimeo")
    quote = QuoteBlock()
