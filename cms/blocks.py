"""The blocks editors build pages from: headings, text, images, documents, calls to action, accordions and tables."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.contrib.table_block.blocks import TableBlock
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageChooserBlock

# What editors may use in running text: no headings of their own (the heading block keeps the outline right), no
# embedded media (the pages stay light and keep working without third parties).
TEXT_FEATURES = ["bold", "italic", "ol", "ul", "link", "document-link"]


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("heading"), max_length=120)
    level = blocks.ChoiceBlock(
        label=_("level"),
        choices=[("h2", _("section heading")), ("h3", _("subsection heading"))],
        default="h2",
    )

    class Meta:
        icon = "title"
        label = _("Heading")
        template = "cms/blocks/heading.html"


class ImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("image"))
    alt_text = blocks.CharBlock(
        label=_("text alternative"),
        required=False,
        max_length=250,
        help_text=_("What the image shows, for people who cannot see it. Leave empty if it is only decoration."),
    )
    caption = blocks.CharBlock(label=_("caption"), required=False, max_length=250)

    class Meta:
        icon = "image"
        label = _("Image")
        template = "cms/blocks/image.html"


class DocumentBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("document"))
    title = blocks.CharBlock(
        label=_("title shown"),
        required=False,
        max_length=200,
        help_text=_("Leave empty to show the document's title."),
    )

    class Meta:
        icon = "doc-full"
        label = _("Document")
        template = "cms/blocks/document.html"


class LinkBlock(blocks.StructBlock):
    """A link to a page of the site (followed to its translation) or to an address."""

    page = blocks.PageChooserBlock(label=_("page"), required=False)
    url = blocks.URLBlock(label=_("or an address"), required=False)
    text = blocks.CharBlock(
        label=_("link text"), required=False, max_length=80, help_text=_("Leave empty to use the page's title.")
    )

    def clean(self, value):
        value = super().clean(value)
        errors = {}
        if bool(value.get("page")) == bool(value.get("url")):
            errors["url"] = ValidationError(_("Choose a page or give an address, not both."))
        if value.get("url") and not value.get("text"):
            errors["text"] = ValidationError(_("A link to an address needs its text."))
        if errors:
            raise StructBlockValidationError(block_errors=errors)
        return value

    class Meta:
        icon = "link"
        label = _("Link")


class CallToActionBlock(LinkBlock):
    description = blocks.CharBlock(label=_("short description"), required=False, max_length=200)

    class Meta:
        icon = "arrow-right"
        label = _("Call to action")
        template = "cms/blocks/call_to_action.html"


class AccordionSectionBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("heading"), max_length=120)
    content = blocks.RichTextBlock(label=_("content"), features=TEXT_FEATURES)


class AccordionBlock(blocks.StructBlock):
    sections = blocks.ListBlock(AccordionSectionBlock(), label=_("sections"), min_num=1)

    class Meta:
        icon = "list-ul"
        label = _("Accordion")
        template = "cms/blocks/accordion.html"


class TextTableBlock(TableBlock):
    class Meta:
        icon = "table"
        label = _("Table")
        template = "cms/blocks/table.html"


def body_blocks():
    """The blocks of a page's body (a new list each time: a StreamField keeps the instances it is given)."""
    return [
        ("heading", HeadingBlock()),
        ("paragraph", blocks.RichTextBlock(label=_("Text"), features=TEXT_FEATURES, template="cms/blocks/text.html")),
        ("image", ImageBlock()),
        ("document", DocumentBlock()),
        ("call_to_action", CallToActionBlock()),
        ("accordion", AccordionBlock()),
        ("table", TextTableBlock(table_options={"startRows": 3, "startCols": 3})),
    ]


class OpeningHoursBlock(blocks.StructBlock):
    days = blocks.CharBlock(label=_("days"), max_length=60, help_text=_("For example: Monday to Thursday"))
    hours = blocks.CharBlock(label=_("hours"), max_length=60, help_text=_("For example: 8:30–16:30"))

    class Meta:
        icon = "time"
        label = _("Opening hours")


class ProcessingActivityBlock(blocks.StructBlock):
    """One processing activity of the privacy notice (GDPR art. 13): what, why, on what basis, for how long, to whom."""

    purpose = blocks.CharBlock(label=_("purpose"), max_length=200)
    data = blocks.TextBlock(label=_("personal data processed"))
    legal_basis = blocks.TextBlock(label=_("legal basis"))
    retention = blocks.CharBlock(label=_("kept for"), max_length=200)
    recipients = blocks.TextBlock(label=_("disclosed to"), required=False)

    class Meta:
        icon = "lock"
        label = _("Processing activity")
        template = "cms/blocks/processing_activity.html"


class MenuItemBlock(LinkBlock):
    """A menu or footer entry: a page (shown in the visitor's language) or an address with its text per language."""

    text_hu = blocks.CharBlock(label=_("link text (Hungarian)"), required=False, max_length=80)
    text_en = blocks.CharBlock(label=_("link text (English)"), required=False, max_length=80)

    class Meta:
        icon = "link"
        label = _("Menu entry")
