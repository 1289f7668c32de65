"""The institution's colour: a hex colour that white text on it reads at WCAG 2.1 AA (contrast of 4.5:1 at least)."""

import re

from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

HEX = re.compile(r"^#[0-9a-fA-F]{6}$")
WHITE_TEXT_MINIMUM = 4.5


def relative_luminance(hex_colour):
    channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast_with_white(hex_colour):
    return 1.05 / (relative_luminance(hex_colour) + 0.05)


def validate_brand_colour(value):
    if not HEX.match(value or ""):
        raise ValidationError(_("Give the colour as # and six hexadecimal digits, for example #1d3f72."))
    ratio = contrast_with_white(value)
    if ratio < WHITE_TEXT_MINIMUM:
        raise ValidationError(
            _(
                "White text on this colour has a contrast of %(ratio).1f:1; at least 4.5:1 is needed so that "
                "everyone can read the header. Choose a darker colour."
            ),
            params={"ratio": ratio},
        )


LOGO_FILTER = "height-80"


def logo_url(institution):
    """The URL of the logo's rendition for the header, kept in the cache until the logo changes ("" without one)."""
    if not institution.logo_id:
        return ""
    key = f"portal:logo:{institution.logo_id}"
    url = cache.get(key)
    if url is None:
        url = institution.logo.get_rendition(LOGO_FILTER).url
        cache.set(key, url, 24 * 3600)
    return url
