"""Image renditions are made when a page is published, not on the first visit that needs them.

The filter specs here are the ones the page templates use (cms/templates/cms/): keep the two in step. Wagtail keeps
each rendition in the database and in the cache, so a page's images then cost the visitor nothing but a cache read.
"""

import logging

from wagtail.images.models import SourceImageIOError

logger = logging.getLogger(__name__)

CONTENT = "width-800"  # an image block, a news item's own image
NEWS_LIST = "fill-320x200"  # a news item's image in the news index
SPECS = {"image": (CONTENT,), "news": (CONTENT, NEWS_LIST)}


def images_of(page):
    """(image, the specs it is shown at) for every image the page shows."""
    found = []
    news_image = getattr(page, "image", None)
    if news_image is not None:
        found.append((news_image, SPECS["news"]))
    for field in ("body",):
        for block in getattr(page, field, None) or []:
            if block.block_type == "image" and block.value.get("image") is not None:
                found.append((block.value["image"], SPECS["image"]))
    return found


def prepare(page):
    for image, specs in images_of(page):
        try:
            image.get_renditions(*specs)
        except (SourceImageIOError, OSError):
            logger.warning("Could not prepare the renditions of image %s for page %s", image.pk, page.pk)


def prepare_on_publish(sender, instance, **kwargs):
    """page_published receiver."""
    prepare(instance.specific)
